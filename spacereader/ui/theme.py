"""Light and dark: follow the system's colour scheme, or the user's choice.

SpaceReader uses the Fusion style everywhere, so both palettes look the same
on every platform and a dark palette works even where the platform theme
cannot switch (X11 without a desktop portal, offscreen).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


class ThemeChoice(str, Enum):
    """The user's choice in View → Theme."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


_DARK = {
    QPalette.ColorRole.Window: "#2b2d31",
    QPalette.ColorRole.WindowText: "#e3e3e6",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#26282c",
    QPalette.ColorRole.ToolTipBase: "#3a3d42",
    QPalette.ColorRole.ToolTipText: "#f0f0f0",
    QPalette.ColorRole.PlaceholderText: "#9a9ca3",
    QPalette.ColorRole.Text: "#e6e6e9",
    QPalette.ColorRole.Button: "#34363b",
    QPalette.ColorRole.ButtonText: "#e3e3e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#45484e",
    QPalette.ColorRole.Midlight: "#3a3d42",
    QPalette.ColorRole.Mid: "#2f3136",
    QPalette.ColorRole.Dark: "#1a1b1e",
    QPalette.ColorRole.Shadow: "#0c0c0d",
    QPalette.ColorRole.Highlight: "#3d6fd1",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
}


def dark_palette() -> QPalette:
    """A dark palette with readable disabled text."""
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7c7f86"))
    return palette


def system_is_dark() -> bool:
    """What the platform's colour scheme asks for (light when it does not say)."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def effective_dark(choice: ThemeChoice) -> bool:
    """Whether the app should be dark for this choice."""
    if choice is ThemeChoice.SYSTEM:
        return system_is_dark()
    return choice is ThemeChoice.DARK


def apply_theme(application: QApplication, choice: ThemeChoice) -> bool:
    """Set Fusion with the light or dark palette; returns True when dark."""
    if application.style().name().lower() != "fusion":
        application.setStyle("Fusion")
    dark = effective_dark(choice)
    application.setPalette(dark_palette() if dark else application.style().standardPalette())
    return dark

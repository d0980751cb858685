"""The frame that shows which pane has the keyboard focus after F6."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp
from spacereader.ui.focus_frame import contrast_ratio, frame_color
from spacereader.ui.theme import ThemeChoice, dark_palette


@pytest.mark.parametrize("theme", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_f6_frames_the_focused_pane_clearly_in_both_themes(
    qtbot: QtBot, reader_app: SpaceReaderApp, theme: ThemeChoice
) -> None:
    appearance = reader_app.appearance
    appearance._update(replace(appearance.preferences, theme=theme))
    frame = appearance.focus_frame
    reader_app.reader.setFocus(Qt.FocusReason.MouseFocusReason)
    assert not frame.isVisible()
    QTest.keyClick(reader_app.window, Qt.Key.Key_F6)
    QTest.keyClick(reader_app.window, Qt.Key.Key_F6)
    view = reader_app.library_panel.view
    assert QApplication.focusWidget() is view
    assert frame.isVisible()
    pane = QRect(view.mapTo(reader_app.window, QPoint(0, 0)), view.size())
    assert frame.geometry().contains(pane)
    assert frame.geometry().adjusted(2, 2, -2, -2).width() < pane.width()  # on the edge
    palette = QApplication.palette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        assert contrast_ratio(frame.color(), palette.color(role)) >= 3.0
    image = frame.grab().toImage()
    assert (
        image.pixelColor(1, frame.height() // 2).name()
        != palette.color(QPalette.ColorRole.Window).name()
    )
    reader_app.window.resizeDocks(
        [reader_app.window.docks["library"]], [420], Qt.Orientation.Horizontal
    )
    qtbot.waitUntil(
        lambda: frame.geometry().contains(
            QRect(view.mapTo(reader_app.window, QPoint(0, 0)), view.size())
        )
    )
    reader_app.reader.setFocus(Qt.FocusReason.MouseFocusReason)
    assert not frame.isVisible()


def test_frame_colour_stands_out_from_a_background_close_to_the_highlight() -> None:
    palette = dark_palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#30406a"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#3d5fa1"))
    assert contrast_ratio(palette.color(QPalette.ColorRole.Highlight), QColor("#30406a")) < 3
    color = frame_color(palette)
    assert contrast_ratio(color, QColor("#30406a")) >= 3.0
    assert contrast_ratio(color, palette.color(QPalette.ColorRole.Base)) >= 3.0


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)

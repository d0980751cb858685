"""A clear frame around the pane that has the keyboard focus.

Fusion marks a focused list or text view with a one-pixel tint that is hard to
see, in the dark theme hardest. After F6 (or Tab) the user must see at once
which pane the keys now go to, so a frame three pixels wide is drawn over the
pane's edge, in the theme's highlight colour made to stand out (≥ 3:1, as
WCAG asks of focus indicators) against both the window and the pane. A mouse
click needs no such help: focus given by the mouse hides the frame.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

FRAME_WIDTH = 3
MIN_CONTRAST = 3.0
_KEYBOARD_REASONS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)
# Focus leaves for a moment (a menu, another window) and comes back: keep the frame.
_PASSING_REASONS = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)
_GEOMETRY_EVENTS = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide)


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def frame_color(palette: QPalette) -> QColor:
    """The highlight colour, lightened (dark themes) or darkened until it stands out."""
    backgrounds = (
        palette.color(QPalette.ColorRole.Window),
        palette.color(QPalette.ColorRole.Base),
    )
    color = QColor(palette.color(QPalette.ColorRole.Highlight))
    dark = _luminance(backgrounds[0]) < 0.5
    for _step in range(40):
        if min(contrast_ratio(color, background) for background in backgrounds) >= MIN_CONTRAST:
            break
        lightness = color.lightnessF()
        lightness = min(1.0, lightness + 0.025) if dark else max(0.0, lightness - 0.025)
        color = QColor.fromHslF(
            max(color.hslHueF(), 0.0), color.hslSaturationF(), lightness, color.alphaF()
        )
    return color


class FocusFrame(QWidget):
    """Drawn over the edge of the pane that the keyboard focus went to; see the module."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focus-frame")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()
        self.target: QWidget | None = None
        self._watched: list[QWidget] = []

    def track(self, panes: Iterable[QWidget]) -> None:
        """Frame these panes when they get the focus from the keyboard."""
        for pane in panes:
            pane.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the focus in and out of the panes, and the framed pane's moves."""
        kind = event.type()
        if kind == QEvent.Type.FocusIn and isinstance(event, QFocusEvent):
            if event.reason() in _KEYBOARD_REASONS and isinstance(watched, QWidget):
                self._frame(watched)
            elif event.reason() not in _PASSING_REASONS:
                self._release()
        elif kind == QEvent.Type.FocusOut and isinstance(event, QFocusEvent):
            if watched is self.target and event.reason() not in _PASSING_REASONS:
                self._release()
        elif kind in _GEOMETRY_EVENTS and self.target is not None and watched in self._watched:
            self._place()
        return False

    def _frame(self, pane: QWidget) -> None:
        self._release()
        self.target = pane
        # The pane moves when a dock or the window around it does: watch them all.
        widget: QWidget | None = pane
        while widget is not None and widget is not self.parentWidget():
            if widget is not pane:
                widget.installEventFilter(self)
            self._watched.append(widget)
            widget = widget.parentWidget()
        self._place()

    def _release(self) -> None:
        for widget in self._watched:
            if widget is not self.target:
                widget.removeEventFilter(self)
        self._watched = []
        self.target = None
        self.hide()

    def _place(self) -> None:
        pane = self.target
        window = self.parentWidget()
        if pane is None or window is None or not pane.isVisible() or pane.window() is not window:
            self.hide()  # a floating dock is its own window: no frame across windows
            return
        origin = pane.mapTo(window, pane.rect().topLeft())
        self.setGeometry(QRect(origin, pane.size()).adjusted(-1, -1, 1, 1))
        self.raise_()
        self.show()
        self.update()

    def color(self) -> QColor:
        """The frame's colour in the current palette."""
        return frame_color(self.palette())

    def paintEvent(self, event: QPaintEvent) -> None:
        """A rounded frame, FRAME_WIDTH pixels wide, inside this widget's edge."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.color(), FRAME_WIDTH))
        inset = FRAME_WIDTH / 2
        painter.drawRoundedRect(self.rect().toRectF().adjusted(inset, inset, -inset, -inset), 3, 3)

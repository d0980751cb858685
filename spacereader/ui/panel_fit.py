"""The window's first size, and the text kept readable when the window gets narrow.

`initial_geometry` fits the first window to the screen it opens on (the space
left by taskbars and panels), centred, never larger than the default.

`PanelFitter` watches the reader's width. When it falls below a readable
measure, the dock columns give way: first they get narrower, down to their own
minimum; then a whole column is hidden, the right one first. Hidden columns come
back by themselves once the window is wide enough again. A panel the user shows
from View → Panels is the user's choice: it is no longer the fitter's to hide
or bring back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

DEFAULT_SIZE = QSize(1320, 860)
# Room kept for a window manager's title bar and borders, which the window's own
# size does not include.
FRAME_ALLOWANCE = QSize(16, 48)
# A column comes back only with this much room to spare, so that a window resized
# by a few pixels does not make it come and go.
RETURN_MARGIN = 48
SEPARATOR = 6
COLUMN_ORDER = (Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea)
HIDDEN_MESSAGE = "Panels hidden to keep the text readable: widen the window, or View → Panels."


def initial_geometry(available: QRect, default: QSize = DEFAULT_SIZE) -> QRect:
    """The first window's geometry: the default size, or what the screen has room for."""
    width = min(default.width(), available.width() - FRAME_ALLOWANCE.width())
    height = min(default.height(), available.height() - FRAME_ALLOWANCE.height())
    rect = QRect(0, 0, max(width, 320), max(height, 240))
    rect.moveCenter(available.center())
    return rect


def scaled_dock_widths(window_width: int, widths: tuple[int, int]) -> list[int]:
    """The docks' first widths: as designed for the default window, less on a narrower one."""
    scale = min(1.0, window_width / DEFAULT_SIZE.width())
    return [int(width * scale) for width in widths]


class PanelFitter(QObject):
    """Narrows, hides and brings back dock columns to keep the reader readable.

    `show_message` tells the user once why panels went away.
    """

    def __init__(
        self,
        window: QMainWindow,
        reader: QWidget,
        readable_width: Callable[[], int],
        show_message: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._reader = reader
        self._readable_width = readable_width
        self._show_message = show_message
        # Columns this fitter hid: area -> (docks, width they had, the tabs on top).
        self._hidden: dict[Qt.DockWidgetArea, tuple[list[QDockWidget], int, list[QDockWidget]]] = {}
        # Columns this fitter narrowed: area -> the width they had before.
        self._narrowed: dict[Qt.DockWidgetArea, int] = {}
        # Docks the user showed or hid from View → Panels: never the fitter's to move.
        self._chosen: set[QDockWidget] = set()
        self._fitting = False
        self._told = False
        # Fitting waits for the event loop: a burst of resizes is fitted once, and a
        # panel the user has just shown is known as the user's before fitting.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        reader.installEventFilter(self)

    def watch(self, dock: QDockWidget) -> None:
        """Leave a dock alone once the user shows or hides it from the View menu."""
        dock.toggleViewAction().triggered.connect(lambda _on, d=dock: self._user_toggled(d))

    def _user_toggled(self, dock: QDockWidget) -> None:
        self._chosen.add(dock)
        for area, (docks, _width, _on_top) in list(self._hidden.items()):
            if dock in docks:
                docks.remove(dock)
                if not docks:
                    del self._hidden[area]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fit again whenever the reader's size changes."""
        if watched is self._reader and event.type() == QEvent.Type.Resize and not self._fitting:
            self._timer.start()
        return False

    @property
    def hidden_docks(self) -> list[QDockWidget]:
        """The docks hidden to make room, in the order they would come back."""
        return [dock for docks, _width, _current in self._hidden.values() for dock in docks]

    def fit(self) -> None:
        """Narrow or hide columns if the text is too narrow; bring them back if there is room."""
        if not self._window.isVisible():
            return
        self._fitting = True
        try:
            room = self._reader.width() - self._readable_width()
            if room < 0:
                self._make_room(-room)
            else:
                self._give_back(room)
        finally:
            self._fitting = False

    def _column(self, area: Qt.DockWidgetArea) -> list[QDockWidget]:
        return [
            dock
            for dock in self._window.findChildren(QDockWidget)
            if self._window.dockWidgetArea(dock) == area
            and not dock.isFloating()
            and dock.toggleViewAction().isChecked()
        ]

    def _make_room(self, needed: int) -> None:
        narrowed: list[tuple[QDockWidget, int]] = []
        for area in COLUMN_ORDER:
            column = [dock for dock in self._column(area) if dock.isVisible()]
            if not column or needed <= 0:
                continue
            width = max(dock.width() for dock in column)
            minimum = max(dock.minimumSizeHint().width() for dock in column)
            given = min(needed, width - minimum)
            if given > 0:
                narrowed.append((column[0], width - given))
                self._narrowed.setdefault(area, width)
                needed -= given
        if narrowed:
            self._window.resizeDocks(
                [dock for dock, _width in narrowed],
                [width for _dock, width in narrowed],
                Qt.Orientation.Horizontal,
            )
        for area in COLUMN_ORDER:
            if needed <= 0:
                break
            column = [dock for dock in self._column(area) if dock not in self._chosen]
            if not column:
                continue
            shown = [dock for dock in column if dock.isVisible()]
            width = max((dock.width() for dock in shown), default=0)
            self._hidden[area] = (column, self._narrowed.pop(area, width), shown)
            for dock in column:
                dock.hide()
            needed -= width + SEPARATOR
        if self._hidden and not self._told:
            self._told = True
            self._show_message(HIDDEN_MESSAGE)

    def _give_back(self, room: int) -> None:
        for area in reversed(COLUMN_ORDER):
            if area in self._narrowed:
                room = self._widen(area, room)
            if area not in self._hidden:
                continue
            docks, width, on_top = self._hidden[area]
            minimum = max(dock.minimumSizeHint().width() for dock in docks)
            if room < minimum + SEPARATOR + RETURN_MARGIN:
                return
            del self._hidden[area]
            for dock in docks:
                dock.show()
            for dock in [d for d in on_top if d in docks] or docks[:1]:
                dock.raise_()
            self._window.resizeDocks(
                docks[:1], [max(minimum, min(width, room - SEPARATOR))], Qt.Orientation.Horizontal
            )
            room -= min(width, room) + SEPARATOR

    def _widen(self, area: Qt.DockWidgetArea, room: int) -> int:
        """Give a narrowed column back what it had, as far as the room allows."""
        column = [dock for dock in self._column(area) if dock.isVisible()]
        if not column:
            return room
        width = max(dock.width() for dock in column)
        original = self._narrowed[area]
        wider = min(original, width + max(0, room - RETURN_MARGIN))
        if wider >= original:
            del self._narrowed[area]
        if wider > width:
            self._window.resizeDocks([column[0]], [wider], Qt.Orientation.Horizontal)
        return room - (wider - width)

    def shown_for_saving(self) -> list[QDockWidget]:
        """Show the hidden docks (no paint happens before they are hidden again): the
        saved layout is the user's, not the one a narrow window forced."""
        docks = self.hidden_docks
        for dock in docks:
            dock.show()
        return docks

"""The main window: the reader in the centre, docks built from one table, the menus.

Signals:
    closing(): the window is about to close; stop workers and save state now.
    files_dropped(list): local files or folders (Path) dropped on the window.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QProgressBar, QWidget

from spacereader.ui.panel_fit import PanelFitter, initial_geometry, scaled_dock_widths

APP_TITLE = "SpaceReader"
DEFAULT_DOCK_WIDTHS = (300, 380)  # left, right


@dataclass(frozen=True)
class DockSpec:
    """One dock: its key (object name stem), title, area and View-menu shortcut."""

    key: str
    title: str
    area: Qt.DockWidgetArea
    shortcut: str


LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
DOCKS = (
    DockSpec("search", "Search", LEFT, "Ctrl+Shift+S"),
    DockSpec("library", "Library", LEFT, "Ctrl+Shift+L"),
    DockSpec("programs", "Programs", RIGHT, "Ctrl+Shift+P"),
    DockSpec("figures", "Figures", RIGHT, "Ctrl+Shift+G"),
    DockSpec("bookmarks", "Bookmarks", RIGHT, "Ctrl+Shift+B"),
)


def window_title(document_title: str | None) -> str:
    """ "‹article title› — SpaceReader", or just the app's name."""
    return f"{document_title} — {APP_TITLE}" if document_title else APP_TITLE


class MainWindow(QMainWindow):
    """Holds the reader and the panels given to it; knows nothing of the core."""

    closing = Signal()
    files_dropped = Signal(list)

    def __init__(self, reader: QWidget, panels: Mapping[str, QWidget]) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.setWindowTitle(window_title(None))
        # The first window fits the screen; a restored layout replaces it.
        self.setGeometry(initial_geometry(self.screen().availableGeometry()))
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        self.reader = reader
        self.setCentralWidget(reader)
        self.setAcceptDrops(True)
        self.docks: dict[str, QDockWidget] = {}
        self.menus: dict[str, QMenu] = {}
        self.actions_by_name: dict[str, QAction] = {}
        for spec in DOCKS:
            self.docks[spec.key] = self._make_dock(spec, panels[spec.key])
        self.tabifyDockWidget(self.docks["figures"], self.docks["bookmarks"])
        self.docks["figures"].raise_()
        self.resizeDocks(
            [self.docks["search"], self.docks["programs"]],
            scaled_dock_widths(self.width(), DEFAULT_DOCK_WIDTHS),
            Qt.Orientation.Horizontal,
        )
        readable_width = getattr(reader, "readable_width", lambda: 0)
        self.fitter = PanelFitter(self, reader, readable_width, self.show_status)
        for dock in self.docks.values():
            self.fitter.watch(dock)
        self._build_menus()
        self.statusBar().setObjectName("status-bar")
        self.progress_label = QLabel(self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName("Progress")
        self.statusBar().addPermanentWidget(self.progress_label)
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.hide_progress()

    def _make_dock(self, spec: DockSpec, panel: QWidget) -> QDockWidget:
        dock = QDockWidget(spec.title, self)
        dock.setObjectName(f"{spec.key}-dock")
        dock.setWidget(panel)
        dock.setAccessibleName(f"{spec.title} panel")
        panel.setAccessibleName(spec.title)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(spec.area, dock)
        return dock

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        self.menus["file"] = menu_bar.addMenu("&File")
        self.menus["edit"] = menu_bar.addMenu("&Edit")
        self.menus["view"] = menu_bar.addMenu("&View")
        self.menus["help"] = menu_bar.addMenu("&Help")
        quit_action = self.add_action("file", "quit", "&Quit", QKeySequence.StandardKey.Quit)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        # File-menu actions added later go above this separator; Quit stays last.
        self._file_tail = self.menus["file"].insertSeparator(quit_action)
        quit_action.triggered.connect(self.close)
        panels = self.menus["view"].addMenu("&Panels")
        for spec in DOCKS:
            toggle = self.docks[spec.key].toggleViewAction()
            toggle.setText(spec.title)
            toggle.setShortcut(QKeySequence(spec.shortcut))
            panels.addAction(toggle)
            self.actions_by_name[f"view-{spec.key}"] = toggle
        about = self.add_action("help", "about", f"&About {APP_TITLE}")
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def add_action(
        self,
        menu: str,
        name: str,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        """Add a named action to a menu (and to the window, so its shortcut works anywhere)."""
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if menu == "file" and name != "quit":
            self.menus[menu].insertAction(self._file_tail, action)
        else:
            self.menus[menu].addAction(action)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def place_action(self, menu: str, action: QAction, before: str = "") -> None:
        """Put a panel's own action in a menu: before the action named `before`, in a
        group of its own, or else last (above Quit in the File menu).

        Its shortcut keeps the context the panel gave it (Del in a list only).
        """
        following = self.actions_by_name.get(before)
        if following is not None:
            self.menus[menu].insertAction(following, action)
            self.menus[menu].insertSeparator(following)
        elif menu == "file":
            self.menus[menu].insertAction(self._file_tail, action)
        else:
            self.menus[menu].addAction(action)
        self.actions_by_name[action.objectName()] = action

    def add_submenu(self, menu: str, title: str) -> QMenu:
        """A submenu (File → Open Recent…), above Quit in the File menu."""
        submenu = QMenu(title, self)
        if menu == "file":
            self.menus[menu].insertMenu(self._file_tail, submenu)
        else:
            self.menus[menu].addMenu(submenu)
        return submenu

    def install_undo(self, stack: QUndoStack) -> None:
        """Edit → Undo / Redo for the app's undo stack, first in the Edit menu."""
        undo = stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit = self.menus["edit"]
        if edit.actions():
            first = edit.actions()[0]
            edit.insertActions(first, [undo, redo])
            edit.insertSeparator(first)
        else:
            edit.addActions([undo, redo])
            edit.addSeparator()
        for name, action in (("undo", undo), ("redo", redo)):
            action.setObjectName(name)
            # Its text names the next step ("Undo Edit tags"); lists want the command.
            action.setProperty("shortcut_label", name.capitalize())
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
            self.actions_by_name[name] = action

    def set_document_title(self, title: str | None) -> None:
        """Show the open document's title in the window title."""
        self.setWindowTitle(window_title(title))

    def show_status(self, message: str, timeout_ms: int = 6000) -> None:
        """A transient message in the status bar."""
        self.statusBar().showMessage(message, timeout_ms)

    def show_progress(self, label: str, done: int, total: int) -> None:
        """A long task's progress in the status bar; total 0 means unknown."""
        self.progress_label.setText(label)
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(min(done, total) if total else 0)
        self.progress_label.show()
        self.progress_bar.show()

    def hide_progress(self) -> None:
        """No long task is running."""
        self.progress_label.hide()
        self.progress_bar.hide()

    def save_layout(self, settings: QSettings) -> None:
        """Remember geometry and dock layout (with the panels a narrow window hid)."""
        settings.setValue("window/geometry", self.saveGeometry())
        hidden = self.fitter.shown_for_saving()
        settings.setValue("window/state", self.saveState(version=1))
        for dock in hidden:
            dock.hide()

    def restore_layout(self, settings: QSettings) -> None:
        """Put geometry and dock layout back as they were."""
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state, version=1)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept files and folders from the file manager."""
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Hand dropped files and folders to the app for import."""
        dropped = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if dropped:
            event.acceptProposedAction()
            self.files_dropped.emit(dropped)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Let the app stop its workers and save state before the window goes."""
        self.closing.emit()
        event.accept()

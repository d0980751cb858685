"""The main window: the reader in the centre, docks built from one table, the menus.

Signals:
    closing(): the window is about to close; stop workers and save state now.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from spacereader import __version__

APP_TITLE = "SpaceReader"
DEFAULT_SIZE = (1320, 860)


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

    def __init__(self, reader: QWidget, panels: Mapping[str, QWidget]) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.setWindowTitle(window_title(None))
        self.resize(*DEFAULT_SIZE)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        self.reader = reader
        self.setCentralWidget(reader)
        self.docks: dict[str, QDockWidget] = {}
        self.menus: dict[str, QMenu] = {}
        self.actions_by_name: dict[str, QAction] = {}
        for spec in DOCKS:
            self.docks[spec.key] = self._make_dock(spec, panels[spec.key])
        self.tabifyDockWidget(self.docks["figures"], self.docks["bookmarks"])
        self.docks["figures"].raise_()
        self._build_menus()
        self.statusBar().setObjectName("status-bar")

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
        quit_action.triggered.connect(self.close)
        panels = self.menus["view"].addMenu("&Panels")
        for spec in DOCKS:
            toggle = self.docks[spec.key].toggleViewAction()
            toggle.setText(spec.title)
            toggle.setShortcut(QKeySequence(spec.shortcut))
            panels.addAction(toggle)
            self.actions_by_name[f"view-{spec.key}"] = toggle
        self.menus["file"].aboutToShow.connect(lambda: None)
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
        self.menus[menu].addAction(action)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def set_document_title(self, title: str | None) -> None:
        """Show the open document's title in the window title."""
        self.setWindowTitle(window_title(title))

    def show_status(self, message: str, timeout_ms: int = 6000) -> None:
        """A transient message in the status bar."""
        self.statusBar().showMessage(message, timeout_ms)

    def save_layout(self, settings: QSettings) -> None:
        """Remember geometry and dock layout."""
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(version=1))

    def restore_layout(self, settings: QSettings) -> None:
        """Put geometry and dock layout back as they were."""
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state, version=1)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Let the app stop its workers and save state before the window goes."""
        self.closing.emit()
        event.accept()


def about_text(data_dir: str, cache_dir: str) -> str:
    """The About box's text."""
    return (
        f"<h3>{APP_TITLE} {__version__}</h3>"
        "<p>A reader for space-policy documents: the programs they name, the figures they give.</p>"
        f"<p>Library and bookmarks: <code>{data_dir}</code><br>Index: <code>{cache_dir}</code></p>"
    )

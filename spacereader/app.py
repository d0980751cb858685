"""The one place that wires the core to the widgets.

run_app() builds the Qt application, the library and the window, restores the
user's layout and last document, and runs the event loop. Nothing slow sits on
the path to the first paint: the window shows one document, and everything
else (indexing, extraction of the rest of the library) starts after.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from spacereader import __version__
from spacereader.core import paths, resources
from spacereader.core.errors import Error
from spacereader.core.library import Library
from spacereader.ui.library_panel import LibraryPanel
from spacereader.ui.main_window import MainWindow, about_text
from spacereader.ui.placeholder_panel import PlaceholderPanel
from spacereader.ui.reader import ReaderView

log = logging.getLogger("spacereader.app")

SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def open_settings() -> QSettings:
    """The UI's state file, in the config folder."""
    return QSettings(str(paths.settings_file()), QSettings.Format.IniFormat)


class SpaceReaderApp(QObject):
    """Connects the library to the reader and the panels; owns the UI state."""

    def __init__(self, library: Library, settings: QSettings) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.reader = ReaderView()
        self.library_panel = LibraryPanel()
        panels = {
            "library": self.library_panel,
            "search": PlaceholderPanel("Search everything you have read."),
            "programs": PlaceholderPanel("Programs this document names."),
            "figures": PlaceholderPanel("Figures this document gives."),
            "bookmarks": PlaceholderPanel("Passages you bookmark."),
        }
        self.window = MainWindow(self.reader, panels)
        self.window.setWindowIcon(app_icon())
        self.library_panel.document_requested.connect(self.open_document)
        self.reader.link_activated.connect(self.open_link)
        self.reader.position_changed.connect(self._remember_position)
        self.window.closing.connect(self.save_state)
        self.window.actions_by_name["about"].triggered.connect(self.show_about)
        self.refresh_library()

    # -- documents -------------------------------------------------------

    def refresh_library(self) -> None:
        """Show the library's current documents in the Library dock."""
        self.library_panel.set_documents(self.library.documents())

    @Slot(str)
    def open_document(self, doc_id: str) -> bool:
        """Show a document; a failure is a status message, and the view stays as it was."""
        try:
            document = self.library.load(doc_id)
        except Error as error:
            self.window.show_status(str(error))
            log.warning("cannot open %s: %s", doc_id, error)
            return False
        self.reader.show_document(document)
        self.window.set_document_title(document.title)
        self.library_panel.select(document.id)
        position = self.settings.value(f"positions/{document.id}", 0)
        if position:
            self.reader.scroll_to_offset(int(str(position)))
        self.settings.setValue("reader/last_document", document.id)
        return True

    def open_files(self, files: Sequence[Path]) -> None:
        """Add files to the library and open the first one that could be read."""
        opened = False
        for path in files:
            try:
                result = self.library.add_file(path)
            except Error as error:
                self.window.show_status(str(error), 10000)
                continue
            if not opened:
                opened = self.open_document(result.info.id)
        self.refresh_library()

    def open_start_document(self) -> None:
        """The last document read, or else the bundled article."""
        last = self.settings.value("reader/last_document")
        if last and str(last) in self.library and self.open_document(str(last)):
            return
        documents = self.library.documents()
        if documents:
            self.open_document(documents[0].id)

    # -- state -----------------------------------------------------------

    def restore_state(self) -> None:
        """Geometry and dock layout as the user left them."""
        self.window.restore_layout(self.settings)

    @Slot()
    def save_state(self) -> None:
        """Remember layout, the open document and where the reader was in it."""
        self.window.save_layout(self.settings)
        document = self.reader.current_document
        if document is not None:
            self._remember_position(document.id, self.reader.top_offset())
        self.settings.sync()

    @Slot(str, int)
    def _remember_position(self, doc_id: str, offset: int) -> None:
        self.settings.setValue(f"positions/{doc_id}", offset)

    # -- small actions ---------------------------------------------------

    @Slot(QUrl)
    def open_link(self, url: QUrl) -> None:
        """Open web links in the system browser; refuse anything else."""
        if url.scheme() in SAFE_LINK_SCHEMES:
            QDesktopServices.openUrl(url)
        else:
            self.window.show_status(f"Not opened: {url.toDisplayString()}")

    @Slot()
    def show_about(self) -> None:
        """The About box."""
        QMessageBox.about(
            self.window,
            "About SpaceReader",
            about_text(str(paths.data_dir()), str(paths.cache_dir())),
        )


def app_icon() -> QIcon:
    """The application icon."""
    return QIcon(str(resources.resource_path("icons", "spacereader.svg")))


def create_qapplication(argv: Sequence[str] = ()) -> QApplication:
    """The QApplication, named so the platform shows SpaceReader."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    application = QApplication(["spacereader", *argv])
    application.setApplicationName("SpaceReader")
    application.setApplicationVersion(__version__)
    application.setOrganizationName("SpaceReader")
    application.setDesktopFileName("spacereader")
    application.setWindowIcon(app_icon())
    return application


def build(files: Sequence[Path] = ()) -> SpaceReaderApp:
    """Everything but the event loop: the app, its window shown on a document."""
    reader_app = SpaceReaderApp(Library(), open_settings())
    reader_app.restore_state()
    reader_app.open_start_document()
    if files:
        reader_app.open_files(files)
    return reader_app


def run_app(files: Sequence[Path] = ()) -> int:
    """Open the app (on the given files, if any) and run until it quits."""
    from spacereader.logging_setup import setup_logging
    from spacereader.ui.error_dialog import install_excepthook

    log_file = setup_logging()
    application = create_qapplication()
    try:
        reader_app = build(files)
    except Error as error:
        QMessageBox.critical(None, "SpaceReader", str(error))
        return 1
    install_excepthook(lambda: reader_app.window, log_file)
    reader_app.window.show()
    QTimer.singleShot(0, lambda: log.info("SpaceReader %s started", __version__))
    exit_code = application.exec()
    reader_app.library.close()
    return int(exit_code)


if __name__ == "__main__":
    sys.exit(run_app([Path(arg) for arg in sys.argv[1:]]))

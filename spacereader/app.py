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
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QFileOpenEvent, QGuiApplication, QIcon, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from spacereader import __version__
from spacereader.core import paths, resources
from spacereader.core.document import Document, DocumentFormat
from spacereader.core.errors import Error
from spacereader.core.library import Library
from spacereader.features.appearance import AppearanceFeature
from spacereader.ui.bookmarks_panel import BookmarksPanel
from spacereader.ui.figures_panel import FiguresPanel
from spacereader.ui.garbage import GuiThreadCollector
from spacereader.ui.library_panel import LibraryPanel
from spacereader.ui.main_window import MainWindow
from spacereader.ui.programs_panel import ProgramsPanel
from spacereader.ui.reader import ReaderView
from spacereader.ui.search_panel import SearchPanel

if TYPE_CHECKING:
    from spacereader.features.annotations import AnnotationsFeature
    from spacereader.features.bookmarks import BookmarksFeature
    from spacereader.features.dates import PublicationDatesFeature
    from spacereader.features.dossier import DossierFeature
    from spacereader.features.importing import ImportFeature
    from spacereader.features.search import SearchFeature

log = logging.getLogger("spacereader.app")

SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
EMPTY_LIBRARY = "The library is empty. File → Import… (Ctrl+O) adds documents."
GIL_SWITCH_SECONDS = 0.001


def open_settings() -> QSettings:
    """The UI's state file, in the config folder."""
    return QSettings(str(paths.settings_file()), QSettings.Format.IniFormat)


class SpaceReaderApp(QObject):
    """Connects the library to the reader and the panels; owns the UI state."""

    # Set by wire_features.
    importer: ImportFeature
    search: SearchFeature
    annotations: AnnotationsFeature
    bookmarks: BookmarksFeature
    dates: PublicationDatesFeature
    dossier: DossierFeature

    def __init__(
        self, library: Library, settings: QSettings, *, defer_features: bool = False
    ) -> None:
        """The window and its panels; with `defer_features`, the features (search,
        programs and figures, bookmarks, import, dates, dossiers) and their imports
        come after the first paint, so the window shows the document sooner."""
        super().__init__()
        # Before any worker thread starts: the collector must only run on this thread.
        self.collector = GuiThreadCollector(self)
        self.library = library
        self.settings = settings
        self.reader = ReaderView()
        self.library_panel = LibraryPanel()
        self.search_panel = SearchPanel()
        self.programs_panel = ProgramsPanel()
        self.figures_panel = FiguresPanel()
        self.bookmarks_panel = BookmarksPanel()
        panels = {
            "library": self.library_panel,
            "search": self.search_panel,
            "programs": self.programs_panel,
            "figures": self.figures_panel,
            "bookmarks": self.bookmarks_panel,
        }
        self.window = MainWindow(self.reader, panels)
        self.window.setWindowIcon(app_icon())
        self.undo_stack = QUndoStack(self)
        self.window.install_undo(self.undo_stack)
        self.library_panel.document_requested.connect(self.open_document)
        self.reader.link_activated.connect(self.open_link)
        self.reader.position_changed.connect(self._remember_position)
        self.window.closing.connect(self.shut_down)
        self.appearance = AppearanceFeature(self, settings, self._focus_targets)
        self.appearance.apply(rerender=False)
        self.reader.viewport().installEventFilter(self)
        self.features_ready = False
        self._started = False
        self._closing = False
        self._titles: dict[str, str] = {}
        self._files_waiting: list[Path] = []
        self.refresh_library()
        if not defer_features:
            self.wire_features()

    def wire_features(self) -> None:
        """Build the features and connect them; once, before or after the first paint."""
        if self.features_ready:
            return
        # Imported here: none of them is needed to show the first document.
        from spacereader.features.annotations import AnnotationsFeature
        from spacereader.features.bookmarks import BookmarksFeature
        from spacereader.features.dates import PublicationDatesFeature
        from spacereader.features.dossier import DossierFeature
        from spacereader.features.importing import ImportFeature
        from spacereader.features.search import SearchFeature

        self.importer = ImportFeature(self, self.undo_stack)
        self.search = SearchFeature(self, self.search_panel)
        self.annotations = AnnotationsFeature(
            self, self.programs_panel, self.figures_panel, self.settings
        )
        self.bookmarks = BookmarksFeature(self, self.bookmarks_panel, self.undo_stack)
        self.window.place_action("file", self.library_panel.remove_action, before="export-briefing")
        self.bookmarks.current_hit_span = self._current_hit_span
        self.dates = PublicationDatesFeature(self, self.library_panel, self.undo_stack)
        self.dates.on_dates_changed = self.dates_changed
        self.dossier = DossierFeature(self)
        self.programs_panel.dossier_requested.connect(self.dossier.open_dossier)
        self.search_panel.dossier_requested.connect(self.dossier.open_dossier)
        self.search.bookmark_matches = self.bookmarks.matching
        self.search_panel.bookmark_activated.connect(self.bookmarks.go_to)
        self.search_panel.bookmark_requested.connect(
            lambda hit: self.bookmarks.bookmark_span(hit.doc_id, hit.start, hit.end)
        )
        self.library_panel.remove_requested.connect(self.importer.remove)
        self.importer.on_library_changed = self.library_changed
        self.importer.on_document_changed = self.bookmarks.document_changed
        self.importer.on_document_removed = self._document_removed
        self.importer.on_document_restored = self.bookmarks.document_restored
        self.appearance.on_theme_changed = self.annotations.refresh_legend
        self.features_ready = True
        # What is on show already gets its panels, marks and highlight legend.
        self.annotations.refresh_legend()
        document = self.reader.current_document
        if document is not None:
            self._document_shown(document)
        else:
            self.annotations.document_closed()
        if self._files_waiting:
            files, self._files_waiting = self._files_waiting, []
            self.open_files(files)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Start background work after the first paint; open files the OS hands us."""
        if isinstance(event, QFileOpenEvent) and event.file():
            # macOS "Open With" / Finder double-click arrives as an event, not argv.
            self.open_files([Path(event.file())])
            return True
        if event.type() == QEvent.Type.Paint and not self._started:
            self._started = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.start_background_work)
        return False

    @Slot()
    def start_background_work(self) -> None:
        """Wire the features if the first paint waited for them; then extract, open the
        bookmarks and index the library, now that the window is up."""
        if self._closing:
            return
        self.wire_features()
        self.annotations.start()
        self.bookmarks.open_store()
        self.search.sync()
        self.dates.start()

    def _current_hit_span(self) -> tuple[str, int, int] | None:
        hit = self.search.navigator.current()
        return (hit.doc_id, hit.start, hit.end) if hit is not None else None

    def titles(self) -> dict[str, str]:
        """Every document's title, by id (kept from the last refresh of the library)."""
        return self._titles

    # -- documents -------------------------------------------------------

    def refresh_library(self) -> None:
        """Show the library's current documents in the Library dock."""
        documents = self.library.documents()
        # Read once here: search results and the bookmarks list ask for titles often.
        self._titles = {info.id: info.title for info in documents}
        self.library_panel.set_documents(documents)

    @Slot(str)
    def open_document(self, doc_id: str) -> bool:
        """Show a document; a failure is a status message, and the view stays as it was."""
        if self.features_ready:
            self.bookmarks.commit_edits()  # a note being typed is saved before the view changes
        try:
            document = self.library.load(doc_id)
        except Error as error:
            self.window.show_status(str(error))
            log.warning("cannot open %s: %s", doc_id, error)
            if self.reader.current_document is not None:  # the list shows what is on show
                self.library_panel.select(self.reader.current_document.id)
            return False
        links = (
            self.library.links(document.id) if document.info.format is DocumentFormat.HTML else ()
        )
        self.reader.show_document(document, links)
        self.window.set_document_title(document.title)
        if self.features_ready:
            self._document_shown(document)
        self.library_panel.select(document.id)
        position = self.library.position(document.id)
        if position:
            self.reader.scroll_to_offset(position, margin=False)
        # Recording the visit writes to disk: not on the path to the first paint.
        QTimer.singleShot(0, lambda doc_id=document.id: self._touch(doc_id))
        self.settings.setValue("reader/last_document", document.id)
        return True

    def _document_shown(self, document: Document) -> None:
        self.annotations.document_opened(document)
        self.search.document_opened()
        self.bookmarks.mark_reader()

    def open_files(self, files: Sequence[Path]) -> None:
        """Import files (off the GUI thread) and open the first one that came in."""
        if not self.features_ready:  # imported as soon as the import feature is there
            self._files_waiting.extend(files)
            return
        self.importer.import_paths(list(files), open_first=True)

    def library_changed(self) -> None:
        """Documents came, changed or went: refresh the lists and the index."""
        self.refresh_library()
        self.search.sync()
        self.annotations.library_changed()
        self.bookmarks.reload()
        self.dossier.library_changed()

    def dates_changed(self) -> None:
        """Publication dates changed (set by the user, or found after an upgrade)."""
        self.refresh_library()
        self.dossier.library_changed()

    def _document_removed(self, doc_id: str, delete_bookmarks: bool) -> list[Any]:
        deleted = self.bookmarks.document_removed(doc_id, delete_bookmarks)
        document = self.reader.current_document
        if document is not None and document.id == doc_id:
            self.open_start_document()
        return deleted

    @Slot(list)
    def files_from_another_launch(self, files: list[str]) -> None:
        """Another launch (a double-click on a file) handed us its files: show them."""
        if files:
            self.open_files([Path(f) for f in files])
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def open_start_document(self) -> None:
        """The last document read, or else the bundled article."""
        last = self.settings.value("reader/last_document")
        if last and str(last) in self.library and self.open_document(str(last)):
            return
        documents = self.library.documents()
        if documents:
            self.open_document(documents[0].id)
            return
        self.reader.show_nothing(EMPTY_LIBRARY)
        self.window.set_document_title(None)
        if self.features_ready:
            self.annotations.document_closed()

    # -- state -----------------------------------------------------------

    def restore_state(self) -> None:
        """Geometry and dock layout as the user left them."""
        self.window.restore_layout(self.settings)

    @Slot()
    def shut_down(self) -> None:
        """The window is closing: stop the workers, then save the state."""
        if self._closing:
            return
        self._closing = True
        if self.features_ready:
            self.importer.stop()
            self.search.stop()
            self.annotations.stop()
            self.dates.stop()
            self.dossier.stop()
        self.save_state()
        if self.features_ready:
            self.bookmarks.close()
        self.collector.stop()

    @Slot()
    def save_state(self) -> None:
        """Remember layout, the open document and where the reader was in it."""
        self.window.save_layout(self.settings)
        document = self.reader.current_document
        if document is not None and document.id in self.library:
            self.library.set_position(document.id, self.reader.top_offset())
        self.settings.sync()

    def _touch(self, doc_id: str) -> None:
        if not self._closing and doc_id in self.library:
            self.library.touch(doc_id)

    @Slot(str, int)
    def _remember_position(self, doc_id: str, offset: int) -> None:
        if not self._closing and doc_id in self.library:
            self.library.set_position(doc_id, offset)

    # -- small actions ---------------------------------------------------

    @Slot(QUrl)
    def open_link(self, url: QUrl) -> None:
        """Open web links in the system browser; refuse anything else."""
        if url.scheme() in SAFE_LINK_SCHEMES:
            QDesktopServices.openUrl(url)
        else:
            self.window.show_status(f"Not opened: {url.toDisplayString()}")

    def _focus_targets(self) -> list[QWidget]:
        """The panes F6 moves between, in order."""
        return [
            self.reader,
            self.search_panel.field,
            self.library_panel.view,
            self.programs_panel.tree,
            self.figures_panel.table,
            self.bookmarks_panel.tree,
        ]


def app_icon() -> QIcon:
    """The application icon."""
    return QIcon(str(resources.resource_path("icons", "spacereader.svg")))


def create_qapplication(argv: Sequence[str] = ()) -> QApplication:
    """The QApplication, named so the platform shows SpaceReader."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional display scales (125 %, 150 %) as they are, not rounded: crisp text.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    # Worker threads (indexing, extraction, parsing) run Python too; every Qt call
    # of the GUI thread gives up the GIL and must win it back. Handing it over
    # within 1 ms, not Python's 5, keeps the window responsive while they work.
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    application = QApplication(["spacereader", *argv])
    application.setApplicationName("SpaceReader")
    application.setApplicationVersion(__version__)
    application.setOrganizationName("SpaceReader")
    application.setDesktopFileName("spacereader")
    application.setWindowIcon(app_icon())
    return application


def build(files: Sequence[Path] = (), *, defer_features: bool = False) -> SpaceReaderApp:
    """Everything but the event loop: the app, its window shown on a document.

    With `defer_features` (as the app starts), the features are wired after the
    window's first paint (SpaceReaderApp.start_background_work).
    """
    reader_app = SpaceReaderApp(Library(), open_settings(), defer_features=defer_features)
    try:
        reader_app.restore_state()
        reader_app.open_start_document()
        if files:
            reader_app.open_files(files)
    except BaseException:
        reader_app.shut_down()
        raise
    return reader_app


def run_app(files: Sequence[Path] = ()) -> int:
    """Open the app (on the given files, if any) and run until it quits.

    When SpaceReader is already running, the files go to that window instead.
    """
    from spacereader.logging_setup import setup_logging
    from spacereader.ui.error_dialog import install_excepthook
    from spacereader.ui.single_instance import SingleInstance

    log_file = setup_logging()
    application = create_qapplication()
    instance = SingleInstance()
    if not instance.acquire():
        if instance.send(files):
            log.info("handed %d file(s) to the running SpaceReader", len(files))
            return 0
        print("spacereader: another SpaceReader is running but does not answer", file=sys.stderr)
        return 1
    try:
        reader_app = build(files, defer_features=True)
    except Error as error:
        QMessageBox.critical(None, "SpaceReader", str(error))
        instance.release()
        return 1
    instance.files_received.connect(reader_app.files_from_another_launch)
    # Quitting without closing the window (logout, a signal) still saves and stops.
    application.aboutToQuit.connect(reader_app.shut_down)
    application.installEventFilter(reader_app)
    install_excepthook(lambda: reader_app.window, log_file)
    reader_app.window.show()
    from spacereader.features.catalogue_recovery import offer_catalogue_backup

    QTimer.singleShot(
        0,
        lambda: offer_catalogue_backup(
            reader_app.window, reader_app.library, reader_app.library_changed
        ),
    )
    QTimer.singleShot(0, lambda: log.info("SpaceReader %s started", __version__))
    exit_code = application.exec()
    reader_app.library.close()
    instance.release()
    return int(exit_code)


if __name__ == "__main__":
    sys.exit(run_app([Path(arg) for arg in sys.argv[1:]]))

"""Programs and figures: extracted off the GUI thread, shown in their docks and
highlighted in the reader, with a legend and View-menu toggles.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from spacereader.core.dates import citation_date
from spacereader.core.document import Document, DocumentFormat, DocumentInfo
from spacereader.features.shell import Shell
from spacereader.ui.background import BackgroundRunner, Progress
from spacereader.ui.figures_panel import FiguresPanel
from spacereader.ui.file_dialogs import save_file_path
from spacereader.ui.highlight_formats import SpanLayer, highlight_text_color
from spacereader.ui.programs_panel import ProgramsPanel
from spacereader.ui.typography import highlight_color

if TYPE_CHECKING:
    from spacereader.core.extraction import Extraction
    from spacereader.core.extraction.cache import ExtractionCache

log = logging.getLogger("spacereader.annotations")


class AnnotationsFeature(QObject):
    """Connects extraction to the Programs and Figures docks and the reader."""

    def __init__(
        self,
        shell: Shell,
        programs: ProgramsPanel,
        figures: FiguresPanel,
        settings: QSettings,
    ) -> None:
        super().__init__()
        self.shell = shell
        self.programs = programs
        self.figures = figures
        self.settings = settings
        # Made on first use, on an extractor thread: importing extraction takes ~70 ms.
        self._cache: ExtractionCache | None = None
        self._cache_lock = threading.Lock()
        self.runner = BackgroundRunner("spacereader-extractor", self)
        # The whole library takes long; the document on show must not wait behind it.
        self.library_runner = BackgroundRunner("spacereader-library-extractor", self)
        self.current: Extraction | None = None
        self._marks: dict[str, SpanLayer] = {}  # the current extraction's, by highlight layer
        self._current_doc = ""
        # Extraction waits for the first paint: the worker would compete for the GIL.
        self.started = False
        self._waiting: Document | None = None
        self._document_task = -1
        self._library_task = -1
        # Task ids count per runner, so each runner has its own handlers.
        self.runner.finished.connect(self._document_finished)
        self.library_runner.finished.connect(self._library_finished)
        self.library_runner.progress.connect(self._progress)
        for runner in (self.runner, self.library_runner):
            runner.failed.connect(self._failed)
        programs.mention_requested.connect(self.go_to_mention)
        programs.mention_counted.connect(lambda line: shell.window.show_status(line, 0))
        programs.library_scope_changed.connect(self._scope_changed)
        figures.figure_requested.connect(self.go_to_figure)
        self.show_programs = self._toggle("Highlight &Programs", "programs", "Ctrl+Alt+P")
        self.show_figures = self._toggle("Highlight &Figures", "figures", "Ctrl+Alt+G")
        export = shell.window.add_action("file", "export-briefing", "Export &Briefing…")
        export.triggered.connect(self.export_briefing)
        self._add_legend()

    def _toggle(self, text: str, key: str, shortcut: str) -> QAction:
        action = self.shell.window.add_action("view", f"highlight-{key}", text, shortcut)
        action.setCheckable(True)
        action.setChecked(bool(self.settings.value(f"highlight/{key}", True, type=bool)))
        action.toggled.connect(lambda on: self.settings.setValue(f"highlight/{key}", on))
        action.toggled.connect(lambda _on: self._paint())
        return action

    def _add_legend(self) -> None:
        self.legend = QLabel()
        self.legend.setAccessibleName("Highlight legend: programs underlined, figures dotted")
        self.legend.setToolTip("Programs and figures as the reader marks them (View menu toggles)")
        self.refresh_legend()
        self.shell.window.statusBar().addPermanentWidget(self.legend)

    def refresh_legend(self) -> None:
        """Draw the legend in the reader's current highlight colours."""
        reader = self.shell.reader
        palette = reader.palette()
        chips = []
        for kind, label, decoration in (
            ("program", "Program", "underline"),
            ("figure", "Figure", "underline dotted"),
        ):
            color = reader.custom_colors.get(kind) or highlight_color(kind, palette)
            text = highlight_text_color(color, palette)
            chips.append(
                f'<span style="background-color:{color.name()};color:{text.name()};'
                f'text-decoration:{decoration}">&nbsp;{label}&nbsp;</span>'
            )
        self.legend.setText("&nbsp;".join(chips))

    # -- extraction ------------------------------------------------------

    def document_opened(self, document: Document) -> None:
        """Extract the document on show (cached per text) and show the result."""
        self._current_doc = document.id
        self.current = None
        self.shell.reader.clear_highlights("programs")
        self.shell.reader.clear_highlights("figures")
        self.figures.show_figures([])
        if not self.programs.library_scope:
            self.programs.show_document(document.id, [])
        if not self.started:
            self._waiting = document
            return

        def task(progress: Progress) -> Any:
            extraction = self._extraction(document.info, lambda: document)
            # The marks sorted here: a 10 MB text has tens of thousands.
            marks = {
                "programs": SpanLayer(
                    [(m.start, m.end) for p in extraction.programs for m in p.mentions]
                ),
                "figures": SpanLayer([(f.start, f.end) for f in extraction.figures]),
            }
            return document.id, document.text, extraction, marks

        self._document_task = self.runner.submit(task, key="document")

    def document_closed(self) -> None:
        """Nothing is on show: empty panels."""
        self._current_doc = ""
        self.current = None
        self._waiting = None
        self.figures.show_figures([])
        if not self.programs.library_scope:
            self.programs.show_document("", [])

    def start(self) -> None:
        """The window is painted: extract the document on show."""
        self.started = True
        if self._waiting is not None:
            self.document_opened(self._waiting)
            self._waiting = None

    def _extraction(self, info: DocumentInfo, document: Callable[[], Document]) -> Extraction:
        """A document's extraction through the cache (on the extractor threads only)."""
        with self._cache_lock:
            if self._cache is None:
                from spacereader.core.extraction.cache import ExtractionCache

                self._cache = ExtractionCache()
        return self._cache.of(info, document)

    def _library_extractions(self, progress: Progress) -> Any:
        library = self.shell.library.open_again()
        try:
            documents = library.documents()
            found: dict[str, Any] = {}
            for number, info in enumerate(documents, start=1):
                if progress.cancelled():
                    break
                document = functools.partial(library.load, info.id)
                found[info.id] = self._extraction(info, document).programs
                progress(number, len(documents))
            return found
        finally:
            library.close()

    @Slot(bool)
    def _scope_changed(self, library: bool) -> None:
        if library:
            self._library_task = self.library_runner.submit(
                self._library_extractions, key="library"
            )
        elif self.current is not None:
            self.programs.show_document(self._current_doc, self.current.programs)

    @Slot(int, object)
    def _document_finished(self, task_id: int, result: Any) -> None:
        if task_id != self._document_task:
            return
        doc_id, text, extraction, marks = result
        if doc_id != self._current_doc:
            return
        # A large document's lists and marks take tens of milliseconds each: they
        # are shown in turns of the event loop, and `current` is set with the last.
        if not self.programs.library_scope:
            self.programs.show_document(doc_id, extraction.programs)
        QTimer.singleShot(0, self, lambda: self._show_figures(doc_id, text, extraction, marks))

    def _show_figures(
        self, doc_id: str, text: str, extraction: Extraction, marks: dict[str, SpanLayer]
    ) -> None:
        if doc_id != self._current_doc:
            return
        self.figures.show_figures(extraction.figures, text)
        QTimer.singleShot(0, self, lambda: self._show_marks(doc_id, extraction, marks))

    def _show_marks(self, doc_id: str, extraction: Extraction, marks: dict[str, SpanLayer]) -> None:
        if doc_id != self._current_doc:
            return
        self.current = extraction
        self._marks = marks
        self._paint()

    @Slot(int, object)
    def _library_finished(self, task_id: int, result: Any) -> None:
        if task_id != self._library_task:
            return
        self.shell.window.hide_progress()
        if self.programs.library_scope:
            self.programs.show_library(result, self.shell.titles())

    @Slot(int, int, int)
    def _progress(self, task_id: int, done: int, total: int) -> None:
        if task_id == self._library_task:
            self.shell.window.show_progress("Finding programs in the library…", done, total)

    @Slot(int, str)
    def _failed(self, task_id: int, message: str) -> None:
        self.shell.window.hide_progress()
        self.shell.window.show_status(f"Programs and figures: {message}", 10000)

    def library_changed(self) -> None:
        """Documents came or went: refresh the library-wide list if it is on show."""
        if self.programs.library_scope:
            self._scope_changed(True)

    # -- reader ------------------------------------------------------------

    def _paint(self) -> None:
        reader = self.shell.reader
        document = reader.current_document
        if self.current is None or document is None or document.id != self._current_doc:
            return
        for layer, action in (("programs", self.show_programs), ("figures", self.show_figures)):
            if action.isChecked():
                reader.set_highlights(layer, self._marks[layer])
            else:
                reader.clear_highlights(layer)

    @Slot(str, int, int)
    def go_to_mention(self, doc_id: str, start: int, end: int) -> None:
        """Open the document if need be, scroll to the mention and flash it."""
        reader = self.shell.reader
        current = reader.current_document
        if (current is None or current.id != doc_id) and not self.shell.open_document(doc_id):
            return
        reader.scroll_to_offset(start, end)
        reader.flash(start, end)

    @Slot(int, int)
    def go_to_figure(self, start: int, end: int) -> None:
        """Scroll to a figure in the document on show and flash it."""
        if self._current_doc:
            self.go_to_mention(self._current_doc, start, end)

    # -- export ------------------------------------------------------------

    @Slot()
    def export_briefing(self) -> None:
        """File → Export Briefing…: the document's programs and figures as Markdown or CSV."""
        document = self.shell.reader.current_document
        if document is None:
            self.shell.window.show_status("Open a document first.")
            return
        if self.current is None:
            self.shell.window.show_status(
                "Programs and figures are still being found; try again in a moment."
            )
            return
        from spacereader.core.filenames import suggested_file_name

        path, chosen = save_file_path(
            self.shell.window,
            self.settings,
            "Export briefing",
            suggested_file_name(document.title, "md", "briefing"),
            "Markdown (*.md);;CSV (*.csv)",
        )
        if not path:
            return
        from spacereader.core.extraction.briefing import (
            BriefingSource,
            briefing_csv,
            briefing_markdown,
        )

        info = document.info
        source = BriefingSource(
            info.title,
            source=info.source,
            date=citation_date(info.published, info.date),
            markdown=info.format is DocumentFormat.MARKDOWN,
        )
        fmt = "csv" if path.lower().endswith(".csv") or "CSV" in chosen else "md"
        render = briefing_csv if fmt == "csv" else briefing_markdown
        try:
            with open(path, "w", encoding="utf-8", newline="") as stream:
                stream.write(render(self.current, document.text, source))
        except OSError as error:
            self.shell.window.show_status(f"Could not write {path}: {error.strerror}", 10000)
            return
        self.shell.window.show_status(f"Briefing written to {path}.")

    def stop(self) -> None:
        """Stop the extractor threads, then close the store they read."""
        self.runner.stop()
        self.library_runner.stop()
        if self._cache is not None:
            self._cache.close()

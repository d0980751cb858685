"""Program dossiers in the app: asked for from the Programs panel or from Search,
built off the GUI thread, shown in a window of their own, and opened passage by
passage in the reader.

The program index is brought in step with the library when a dossier is asked
for (a quick check when nothing changed; after an import, the new texts are
digested from their stored extractions). The window shows at once and fills
when the dossier is ready; a dossier asked for again while one is being made
replaces it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QFileDialog

from spacereader.core.errors import Error
from spacereader.features.shell import Shell
from spacereader.ui.background import BackgroundRunner, Progress
from spacereader.ui.dossier_model import PassageTarget
from spacereader.ui.dossier_window import DossierWindow

if TYPE_CHECKING:
    from spacereader.core.dossier import Dossier, ProgramIndex

log = logging.getLogger("spacereader.dossier")


class ExportError(Error):
    """The dossier cannot be written where it was asked to go."""


class DossierFeature(QObject):
    """Opens dossier windows and fills them."""

    def __init__(self, shell: Shell) -> None:
        super().__init__()
        self.shell = shell
        self.runner = BackgroundRunner("spacereader-dossier", self)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.progress.connect(self._progress)
        self.windows: dict[str, DossierWindow] = {}
        self.window: DossierWindow | None = None  # the last one asked for
        self._tasks: dict[int, DossierWindow] = {}
        self._exports: dict[int, DossierWindow] = {}
        self._index: ProgramIndex | None = None
        self._index_lock = threading.Lock()
        # Where an export was last written, for the next file dialog.
        self.last_folder = ""
        self.save_path: Callable[[DossierWindow, str], str] = self._ask_path

    def _program_index(self) -> ProgramIndex:
        """The program index, opened on the worker thread on first use."""
        with self._index_lock:
            if self._index is None:
                from spacereader.core.dossier import ProgramIndex

                self._index = ProgramIndex()
            return self._index

    @Slot(str)
    def open_dossier(self, name: str) -> DossierWindow:
        """Show the dossier of the program `name` (any name, alias or acronym)."""
        key = " ".join(name.split()).casefold()
        window = self.windows.get(key)
        if window is None:
            window = DossierWindow(name)
            window.passage_requested.connect(self.open_passage)
            window.export_requested.connect(lambda window=window: self.export(window))
            self.windows[key] = window
        self.window = window
        window.show()
        window.raise_()
        window.activateWindow()
        self._build(window)
        return window

    def _build(self, window: DossierWindow) -> None:
        root = self.shell.library
        query = window.query

        def task(progress: Progress) -> Any:
            from spacereader.core.dossier import library_dossier
            from spacereader.core.dossier.timeline import make_timeline

            library = root.open_again()
            try:
                library.fill_missing_published()
                dossier = library_dossier(
                    library, query, self._program_index(), progress, progress.cancelled
                )
            finally:
                library.close()
            # Sentences of the first documents parsed here, not on the GUI thread.
            for document in dossier.documents[:50]:
                _ = document.passages
            return dossier, make_timeline(dossier)

        task_id = self.runner.submit(task, key=f"dossier:{query.casefold()}")
        self._tasks[task_id] = window

    @Slot(int, object)
    def _finished(self, task_id: int, result: Any) -> None:
        exported = self._exports.pop(task_id, None)
        if exported is not None:
            exported.show_error(f"Dossier written to {result}.")
            return
        window = self._tasks.pop(task_id, None)
        if window is None:
            return
        dossier, timeline = result
        window.show_dossier(dossier, timeline)

    @Slot(int, str)
    def _failed(self, task_id: int, message: str) -> None:
        window = self._tasks.pop(task_id, None) or self._exports.pop(task_id, None)
        if window is not None:
            window.show_error(message[:1].upper() + message[1:] + ".")

    @Slot(int, int, int)
    def _progress(self, task_id: int, done: int, total: int) -> None:
        window = self._tasks.get(task_id)
        if window is not None:
            window.show_progress(done, total)

    def library_changed(self) -> None:
        """Documents came, changed or went: dossiers on show are made again."""
        for window in self.windows.values():
            if window.isVisible():
                self._build(window)

    # -- the reader ------------------------------------------------------------

    @Slot(object)
    def open_passage(self, target: PassageTarget) -> None:
        """Open the document at the passage, highlighted, and bring the reader forward."""
        reader = self.shell.reader
        current = reader.current_document
        if (current is None or current.id != target.doc_id) and not self.shell.open_document(
            target.doc_id
        ):
            return
        reader.scroll_to_offset(target.start, target.end)
        reader.set_highlights("current", [(target.start, target.end)])
        reader.flash(target.focus_start, target.focus_end)
        window = self.shell.window
        window.raise_()
        window.activateWindow()

    # -- export ----------------------------------------------------------------

    def export(self, window: DossierWindow) -> None:
        """Export as Markdown…: every quote and figure with title, date and source."""
        dossier = window.dossier
        if dossier is None:
            return
        path = self.save_path(window, _file_name(dossier))
        if not path:
            return
        self.last_folder = str(Path(path).parent)

        def task(progress: Progress) -> Any:
            from spacereader.core.dossier import dossier_markdown

            try:
                Path(path).write_text(dossier_markdown(dossier), encoding="utf-8")
            except OSError as error:
                raise ExportError(f"could not write {path}: {error.strerror}") from error
            return path

        task_id = self.runner.submit(task)
        self._exports[task_id] = window

    def _ask_path(self, window: DossierWindow, name: str) -> str:
        start = str(Path(self.last_folder) / name) if self.last_folder else name
        path, _chosen = QFileDialog.getSaveFileName(
            window, "Export dossier", start, "Markdown (*.md)"
        )
        return path

    def stop(self) -> None:
        """Stop the worker, close the index and the windows."""
        self.runner.stop()
        for window in self.windows.values():
            window.close()
        with self._index_lock:
            if self._index is not None:
                self._index.close()
                self._index = None


def _file_name(dossier: Dossier) -> str:
    """ "Dossier - International Lunar Research Station.md": whole words, no path characters."""
    name = dossier.program.acronym or dossier.program.name
    cleaned = "".join(char if char.isalnum() or char in " -'" else " " for char in name)
    return f"Dossier - {' '.join(cleaned.split())[:80]}.md"

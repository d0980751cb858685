"""Bringing documents in and taking them out: File → Import…, drag and drop, files
from the command line or another launch, Open Recent, and Remove with Undo.

Imports run on a worker thread with progress and Cancel in the status bar;
a refused file is one line in a message, and the rest of the library is untouched.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QCheckBox, QFileDialog, QMessageBox, QToolButton

from spacereader.core.errors import Error
from spacereader.core.library import AddOutcome
from spacereader.features.shell import Shell
from spacereader.ui.background import BackgroundRunner, Progress

if TYPE_CHECKING:
    from spacereader.core.importer import ImportSummary
    from spacereader.core.library import Library, RemovedDocument

log = logging.getLogger("spacereader.importing")

IMPORT_FILTER = "Documents (*.txt *.text *.md *.markdown *.html *.htm *.pdf);;All files (*)"
MAX_LISTED_FAILURES = 15
RECENT_COUNT = 10


class RemoveDocument(QUndoCommand):
    """Removing a document; undo puts it back with its id, text and position."""

    def __init__(
        self,
        library: Library,
        doc_id: str,
        done: Callable[[str, bool], None],
        report: Callable[[str], None],
    ) -> None:
        super().__init__("Remove document")
        self._library = library
        self._report = report
        self._doc_id = doc_id
        self._done = done
        self._removed: RemovedDocument | None = None

    def redo(self) -> None:
        """Remove it (again), unless it has already gone."""
        try:
            self._removed = self._library.remove(self._doc_id)
        except Error as error:
            self._report(f"Cannot remove: {error}")
            self.setObsolete(True)
            return
        self._done(self._doc_id, False)

    def undo(self) -> None:
        """Restore it; if it cannot come back (imported again since), say so and retire."""
        if self._removed is None:
            return
        try:
            self._library.restore(self._removed)
        except Error as error:
            self._report(f"Cannot undo: {error}")
            self.setObsolete(True)
            return
        self._done(self._doc_id, True)


class ImportFeature(QObject):
    """Import, Open Recent and Remove, wired to the window and the library."""

    def __init__(self, shell: Shell, undo_stack: QUndoStack) -> None:
        super().__init__()
        self.shell = shell
        self.undo_stack = undo_stack
        self.runner = BackgroundRunner("spacereader-importer", self)
        self.runner.finished.connect(self._imported)
        self.runner.failed.connect(self._failed)
        self.runner.progress.connect(self._progress)
        self._tasks: dict[int, bool] = {}  # import task -> open its first document
        self._cancel = threading.Event()
        self.on_library_changed: Callable[[], None] = lambda: None
        self.on_document_changed: Callable[[str, str], None] = lambda _id, _text: None
        # Removal hooks: the first returns the bookmarks it deleted, the second gets them back.
        self.on_document_removed: Callable[[str, bool], list[Any]] = lambda _id, _also: []
        self.on_document_restored: Callable[[str, str, list[Any]], None] = (
            lambda _id, _text, _marks: None
        )
        window = shell.window
        action = window.add_action("file", "import", "&Import…", QKeySequence.StandardKey.Open)
        action.triggered.connect(self.choose_files)
        folder = window.add_action("file", "import-folder", "Import &Folder…", "Ctrl+Shift+O")
        folder.triggered.connect(self.choose_folder)
        self.recent_menu = window.add_submenu("file", "Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        window.files_dropped.connect(self.import_paths)
        self.cancel_button = QToolButton(window)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setAccessibleName("Cancel import")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        window.statusBar().addPermanentWidget(self.cancel_button)

    # -- importing -------------------------------------------------------

    @Slot()
    def choose_files(self) -> None:
        """File → Import…: choose one or more files."""
        files, _chosen = QFileDialog.getOpenFileNames(
            self.shell.window, "Import documents", "", IMPORT_FILTER
        )
        if files:
            self.import_paths([Path(f) for f in files])

    @Slot()
    def choose_folder(self) -> None:
        """File → Import Folder…: every supported file in a folder and its subfolders."""
        folder = QFileDialog.getExistingDirectory(self.shell.window, "Import a folder")
        if folder:
            self.import_paths([Path(folder)])

    @Slot(list)
    def import_paths(self, paths: Sequence[Path], open_first: bool = True) -> None:
        """Import files and folders off the GUI thread; open the first one that came in."""
        from spacereader.core.extraction.store import store_path
        from spacereader.core.importer import import_paths

        root = self.shell.library
        chosen = list(paths)
        self._cancel.clear()
        cancel = self._cancel

        def task(progress: Progress) -> Any:
            library = root.open_again()
            try:
                # Cancel stops between files; the summary of what came in is still shown.
                return import_paths(
                    library,
                    chosen,
                    progress=lambda done, total, _path: progress(done, total),
                    cancelled=lambda: cancel.is_set() or progress.cancelled(),
                    extractions=store_path(),
                )
            finally:
                library.close()

        task_id = self.runner.submit(task)
        if task_id < 0:
            return
        self._tasks[task_id] = open_first
        self.shell.window.show_progress("Importing…", 0, 0)
        self.cancel_button.show()

    @Slot()
    def cancel(self) -> None:
        """Stop the import after the file in hand; what came in stays and is listed."""
        self._cancel.set()
        self.shell.window.show_progress("Cancelling…", 0, 0)

    def _finish_progress(self) -> None:
        self.shell.window.hide_progress()
        self.cancel_button.hide()

    @Slot(int, int, int)
    def _progress(self, task_id: int, done: int, total: int) -> None:
        if task_id in self._tasks and not self._cancel.is_set():
            self.shell.window.show_progress(f"Importing {done} of {total}…", done, total)

    @Slot(int, object)
    def _imported(self, task_id: int, summary: ImportSummary) -> None:
        if task_id not in self._tasks:
            return
        open_first = self._tasks.pop(task_id)
        if not self._tasks:
            self._finish_progress()
        library = self.shell.library
        for item in summary.items:
            if item.outcome is AddOutcome.UPDATED and item.info is not None:
                self.on_document_changed(item.info.id, library.load(item.info.id).text)
        self.on_library_changed()
        self.shell.window.show_status(summary.describe().capitalize() + ".", 10000)
        failures = [item.error for item in summary.items if item.error is not None]
        # Links left out are said next to the refusals: the user may have expected them.
        failures += [skipped.message for skipped in summary.skipped]
        if failures:
            self._report_failures(failures, summary)
        documents = summary.documents
        if open_first and documents and not summary.cancelled:
            self.shell.open_document(documents[0].id)

    def _report_failures(self, failures: list[str], summary: ImportSummary) -> None:
        lines = [str(line) for line in failures[:MAX_LISTED_FAILURES]]
        if len(failures) > MAX_LISTED_FAILURES:
            lines.append(f"… and {len(failures) - MAX_LISTED_FAILURES} more")
        box = QMessageBox(self.shell.window)
        box.setIcon(QMessageBox.Icon.Warning if summary.failed else QMessageBox.Icon.Information)
        box.setWindowTitle("Import")
        box.setText(summary.describe().capitalize() + ".")
        box.setInformativeText("\n".join(lines))
        box.open()

    @Slot(int, str)
    def _failed(self, task_id: int, message: str) -> None:
        if self._tasks.pop(task_id, None) is not None:
            if not self._tasks:
                self._finish_progress()
            QMessageBox.warning(self.shell.window, "Import", f"Import stopped: {message}")

    # -- recent and remove -------------------------------------------------

    @Slot()
    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.shell.library.recent(RECENT_COUNT)
        if not recent:
            self.recent_menu.addAction("No documents yet").setEnabled(False)
        for number, info in enumerate(recent, start=1):
            label = f"&{number % 10} {info.title}" if number <= 10 else info.title
            action = self.recent_menu.addAction(label)
            action.setData(info.id)
            action.triggered.connect(self._open_recent)

    @Slot()
    def _open_recent(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.shell.open_document(str(action.data()))

    def confirm_removal(self, title: str) -> tuple[bool, bool]:
        """Ask before removing: (remove it?, delete its bookmarks too?)."""
        box = QMessageBox(self.shell.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Remove document")
        box.setText(f"Remove “{title}” from the library?")
        box.setInformativeText("Its bookmarks are kept as orphans unless you tick the box.")
        also = QCheckBox("Also delete its bookmarks", box)
        box.setCheckBox(also)
        box.setStandardButtons(QMessageBox.StandardButton.Cancel)
        remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is remove, also.isChecked()

    @Slot(str)
    def remove(self, doc_id: str) -> None:
        """Remove a document after confirmation; Ctrl+Z brings it back."""
        try:
            info = self.shell.library.info(doc_id)
        except Error as error:
            self.shell.window.show_status(str(error))
            return
        confirmed, delete_bookmarks = self.confirm_removal(info.title)
        if not confirmed:
            return
        deleted: list[Any] = []

        def done(removed_id: str, restored: bool) -> None:
            if restored:
                text = self.shell.library.load(removed_id).text
                self.on_document_restored(removed_id, text, deleted)
            else:
                deleted[:] = self.on_document_removed(removed_id, delete_bookmarks)
            self.on_library_changed()

        try:
            self.undo_stack.push(
                RemoveDocument(
                    self.shell.library,
                    info.id,
                    done,
                    lambda message: self.shell.window.show_status(message, 10000),
                )
            )
        except Error as error:
            self.shell.window.show_status(f"Not removed: {error}", 10000)
            return
        self.shell.window.show_status(f"Removed “{info.title}”. Ctrl+Z brings it back.")

    def stop(self) -> None:
        """Stop the importer thread (an import in progress stops after its current file)."""
        self._cancel.set()
        self.runner.stop()

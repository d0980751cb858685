"""Publication dates in the app: the Library panel's Publication Date… (with Undo),
and, once after an upgrade, the dates of documents catalogued before dates were read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from spacereader.core.dates import date_label
from spacereader.core.errors import Error
from spacereader.features.shell import Shell
from spacereader.ui.background import BackgroundRunner, Progress
from spacereader.ui.date_dialog import PublicationDateDialog
from spacereader.ui.library_panel import LibraryPanel

if TYPE_CHECKING:
    from spacereader.core.library import Library

log = logging.getLogger("spacereader.dates")


class SetPublished(QUndoCommand):
    """Setting a document's date (or going back to its own); undo restores the one before."""

    def __init__(
        self,
        library: Library,
        doc_id: str,
        dates: tuple[str | None, str | None],
        done: Callable[[str], None],
    ) -> None:
        super().__init__("Set publication date")
        self._library = library
        self._doc_id = doc_id
        # (new, old): each a user's date, or None for the document's own.
        self._new, self._old = dates
        self._done = done

    def _apply(self, published: str | None) -> None:
        try:
            info = self._library.set_published(self._doc_id, published)
        except Error as error:
            self._done(f"Cannot set the date: {error}")
            self.setObsolete(True)
            return
        self._done(f"{info.title}: published {date_label(info.published)}.")

    def redo(self) -> None:
        """Set the new date."""
        self._apply(self._new)

    def undo(self) -> None:
        """Put the previous date back."""
        self._apply(self._old)


class PublicationDatesFeature(QObject):
    """Connects the Library panel's date requests to the library."""

    def __init__(self, shell: Shell, panel: LibraryPanel, undo_stack: QUndoStack) -> None:
        super().__init__()
        self.shell = shell
        self.undo_stack = undo_stack
        # Called after any date changed: the app refreshes its lists.
        self.on_dates_changed: Callable[[], None] = lambda: None
        self.runner = BackgroundRunner("spacereader-dates", self)
        self.runner.finished.connect(self._filled)
        self.runner.failed.connect(lambda _task, message: log.warning("dates: %s", message))
        panel.date_requested.connect(self.ask)

    def start(self) -> None:
        """Find the dates of documents catalogued before dates were read (once; off the GUI)."""
        root = self.shell.library

        def task(progress: Progress) -> Any:
            library = root.open_again()
            try:
                return library.fill_missing_published()
            finally:
                library.close()

        self.runner.submit(task, key="fill")

    @Slot(int, object)
    def _filled(self, task_id: int, changed: Any) -> None:
        if changed:
            self.on_dates_changed()

    @Slot(str)
    def ask(self, doc_id: str) -> None:
        """Publication Date…: ask, then set (undoable)."""
        try:
            info = self.shell.library.info(doc_id)
        except Error as error:
            self.shell.window.show_status(str(error))
            return
        dialog = PublicationDateDialog(info, self.shell.window)
        if not dialog.exec() or dialog.choice is None:
            return
        old = info.published if info.published_by_user else None
        if dialog.choice.published == old and (old is not None) == info.published_by_user:
            return
        self.undo_stack.push(
            SetPublished(self.shell.library, info.id, (dialog.choice.published, old), self._done)
        )

    def _done(self, message: str) -> None:
        self.shell.window.show_status(message)
        self.on_dates_changed()

    def stop(self) -> None:
        """Stop the worker thread."""
        self.runner.stop()

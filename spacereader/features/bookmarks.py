"""Bookmarks: Ctrl+D on a passage, the note typed at once, undoable edits, marks
in the reader, export and import.

The store is opened after the first paint; every change is one transaction in
it and one command on the undo stack.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from spacereader.core.document import Document
from spacereader.core.errors import Error
from spacereader.core.shown import clip_to_shown, document_shown_spans, passage_at
from spacereader.core.wording import counted
from spacereader.features.bookmark_commands import AddBookmark, DeleteBookmark, EditBookmark
from spacereader.features.shell import Shell
from spacereader.ui.background import BackgroundRunner, Progress
from spacereader.ui.bookmarks_panel import BookmarksPanel
from spacereader.ui.file_dialogs import open_file_path, save_file_path

if TYPE_CHECKING:
    from spacereader.core.bookmarks import Bookmark, BookmarkStore

log = logging.getLogger("spacereader.bookmarks")

EXPORT_FILTERS = {"Markdown (*.md)": "md", "CSV (*.csv)": "csv", "JSON (*.json)": "json"}


class BookmarksFeature(QObject):
    """Connects the bookmark store, the Bookmarks dock, the reader and the undo stack."""

    def __init__(self, shell: Shell, panel: BookmarksPanel, undo_stack: QUndoStack) -> None:
        super().__init__()
        self.shell = shell
        self.panel = panel
        self.store: BookmarkStore | None = None
        self.bookmarks: dict[str, Bookmark] = {}
        self.undo_stack = undo_stack
        self.opener = BackgroundRunner("spacereader-bookmark-opener", self)
        self.opener.finished.connect(self._store_opened)
        self.opener.failed.connect(self._store_failed)
        # Set by the app: the current search hit as (doc_id, start, end), if any.
        self.current_hit_span: Callable[[], tuple[str, int, int] | None] = lambda: None
        window = shell.window
        window.menus["edit"].addSeparator()
        self.add_action = window.add_action("edit", "bookmark", "&Bookmark Passage", "Ctrl+D")
        self.add_action.triggered.connect(self.bookmark_passage)
        shell.reader.context_actions.append(self.add_action)
        window.place_action("edit", panel.delete_action)
        window.menus["edit"].addSeparator()
        window.add_action("file", "export-bookmarks", "E&xport Bookmarks…").triggered.connect(
            self.export_bookmarks
        )
        window.add_action("file", "import-bookmarks", "I&mport Bookmarks…").triggered.connect(
            self.import_bookmarks
        )
        panel.bookmark_activated.connect(self.go_to)
        panel.note_edited.connect(lambda bookmark_id, note: self._edit(bookmark_id, note=note))
        panel.tags_edited.connect(lambda bookmark_id, tags: self._edit(bookmark_id, tags=tags))
        panel.delete_requested.connect(self.delete)
        panel.editing_finished.connect(shell.reader.setFocus)

    # -- the store -------------------------------------------------------

    def open_store(self) -> None:
        """Open the store off the GUI thread (its check and first read take ~0.1 s at
        10,000 bookmarks); then list them and offer a backup if the file was damaged."""

        def task(progress: Progress) -> Any:
            from spacereader.core.bookmarks import BookmarkStore

            store = BookmarkStore()  # serialises its own calls, so any thread may use it
            return store, store.list()

        self.opener.submit(task)

    @Slot(int, object)
    def _store_opened(self, _task_id: int, result: Any) -> None:
        store, bookmarks = result
        self.store = store
        if store.recovery is not None:
            self._offer_backup()
            bookmarks = store.list()
        self.bookmarks = {bookmark.id: bookmark for bookmark in bookmarks}
        self._show()

    @Slot(int, str)
    def _store_failed(self, _task_id: int, message: str) -> None:
        QMessageBox.critical(self.shell.window, "Bookmarks", message)

    def _offer_backup(self) -> None:
        assert self.store is not None
        report = self.store.recovery
        assert report is not None
        log.error("bookmark store recovered: %s", report.message)
        if report.backup is None:
            QMessageBox.warning(self.shell.window, "Bookmarks", report.message.capitalize() + ".")
            return
        answer = QMessageBox.question(
            self.shell.window,
            "Bookmarks",
            report.message.capitalize() + ".\n\nRestore the bookmarks from that backup?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self.store.restore_backup(report.backup)
            except Error as error:
                QMessageBox.critical(self.shell.window, "Bookmarks", str(error))

    def reload(self) -> None:
        """Read every bookmark from the store and show them."""
        if self.store is None:
            return
        self.commit_edits()
        self.bookmarks = {bookmark.id: bookmark for bookmark in self.store.list()}
        self._show()

    def _show(self) -> None:
        self.panel.set_bookmarks(list(self.bookmarks.values()), self.shell.titles())
        self.mark_reader()

    def _changed(self, bookmark_id: str, bookmark: Bookmark | None) -> None:
        if bookmark is None:
            self.bookmarks.pop(bookmark_id, None)
        else:
            self.bookmarks[bookmark_id] = bookmark
        self._show()

    def matching(self, words: str) -> list[Bookmark]:
        """Bookmarks whose quote, note or tags hold the words (`note:word` for notes)."""
        if self.store is None:
            return []
        self.commit_edits()
        return self.store.search(words)

    # -- creating and editing --------------------------------------------

    def passage_to_bookmark(self) -> tuple[int, int] | None:
        """The selection (in whole words), else the current search hit, else the
        passage at the caret or the top of the view; always on text the reader shows
        (None when it shows none there)."""
        from spacereader.core.bookmarks.passage import snap_to_words

        reader = self.shell.reader
        document = reader.current_document
        if document is None:
            return None
        span: tuple[int, int] | None
        selected = reader.selected_span()
        hit = self.current_hit_span()
        caret = reader.cursorRect()
        if selected is not None:
            span = snap_to_words(document.text, *selected)
        elif hit is not None and hit[0] == document.id:
            span = hit[1], hit[2]
        elif reader.viewport().rect().contains(caret.center()) and reader.hasFocus():
            span = passage_at(document, reader.caret_offset())
        else:
            span = passage_at(document, reader.top_offset())
        if span is None:
            return None
        # A bookmark starts and ends in text the reader shows.
        return clip_to_shown(document_shown_spans(document), *span)

    @Slot()
    def bookmark_passage(self) -> None:
        """Ctrl+D: bookmark at once, then let the user type the note."""
        document = self.shell.reader.current_document
        span = self.passage_to_bookmark()
        if self.store is None:
            self.shell.window.show_status("Bookmarks are still loading; try again in a moment.")
            return
        if document is None:
            self.shell.window.show_status("Nothing to bookmark yet.")
            return
        if span is None:
            self.shell.window.show_status("Nothing to bookmark here: this document shows no text.")
            return
        self._bookmark(document, span[0], span[1])

    def bookmark_span(self, doc_id: str, start: int, end: int) -> None:
        """Bookmark a given passage (from a search result)."""
        if self.store is None or not self.shell.open_document(doc_id):
            return
        document = self.shell.reader.current_document
        assert document is not None
        self._bookmark(document, start, end)

    def _bookmark(self, document: Document, start: int, end: int) -> None:
        """Add a bookmark, or select the one this passage already has; then the note."""
        assert self.store is not None
        self.commit_edits()
        existing = self.bookmark_of(document.id, start, end)
        if existing is not None:
            self.panel.select(existing.id, focus_note=True)
            self.shell.window.show_status(
                "This passage is already bookmarked. Type to edit its note, or Esc."
            )
            return
        try:
            bookmark = self.store.add(document.id, document.text, start, end)
        except Error as error:
            self.shell.window.show_status(f"Bookmark not saved: {error}", 10000)
            return
        self.undo_stack.push(AddBookmark(self.store, bookmark, self._changed))
        self.panel.select(bookmark.id, focus_note=True)
        self.shell.window.show_status("Bookmarked. Type a note, or Esc to return to the text.")

    def bookmark_of(self, doc_id: str, start: int, end: int) -> Bookmark | None:
        """The bookmark (not an orphan) of exactly this passage, if there is one."""
        return next(
            (
                bookmark
                for bookmark in self.bookmarks.values()
                if bookmark.doc_id == doc_id
                and (bookmark.start, bookmark.end) == (start, end)
                and not bookmark.orphaned
            ),
            None,
        )

    def commit_edits(self) -> None:
        """Save what is typed in the note and tags now, before anything else happens."""
        self.panel.commit_edits()

    def _edit(
        self, bookmark_id: str, note: str | None = None, tags: tuple[str, ...] | None = None
    ) -> None:
        if self.store is None or bookmark_id not in self.bookmarks:
            return
        before = self.bookmarks[bookmark_id]
        try:
            after = self.store.update(bookmark_id, note=note, tags=tags)
        except Error as error:
            self.shell.window.show_status(f"Not saved: {error}", 10000)
            return
        if after != before:
            self.undo_stack.push(EditBookmark(self.store, before, after, self._changed))

    @Slot(str)
    def delete(self, bookmark_id: str) -> None:
        """Delete a bookmark (Ctrl+Z brings it back)."""
        if self.store is None or bookmark_id not in self.bookmarks:
            return
        self.commit_edits()  # undo then brings back the note as it was typed
        self.undo_stack.push(DeleteBookmark(self.store, self.bookmarks[bookmark_id], self._changed))
        self.shell.window.show_status("Bookmark deleted. Ctrl+Z restores it.")

    # -- reader ------------------------------------------------------------

    def mark_reader(self) -> None:
        """A subtle mark on every bookmarked passage of the document on show."""
        reader = self.shell.reader
        document = reader.current_document
        if document is None:
            return
        spans = [
            (b.start, b.end)
            for b in self.bookmarks.values()
            if b.doc_id == document.id and not b.orphaned
        ]
        reader.set_highlights("bookmarks", spans)

    @Slot(object)
    def go_to(self, bookmark: Bookmark) -> None:
        """Open the bookmark's document, scroll to the passage and flash it."""
        if bookmark.orphaned:
            self.shell.window.show_status(
                "This passage is no longer in its document; the quote and note are kept.", 10000
            )
            if bookmark.doc_id in self.shell.library:
                self.shell.open_document(bookmark.doc_id)
            return
        reader = self.shell.reader
        current = reader.current_document
        if (current is None or current.id != bookmark.doc_id) and not self.shell.open_document(
            bookmark.doc_id
        ):
            return
        reader.scroll_to_offset(bookmark.start, bookmark.end)
        reader.flash(bookmark.start, bookmark.end)

    def document_changed(self, doc_id: str, text: str) -> None:
        """A document's text changed (re-imported): re-anchor its bookmarks."""
        if self.store is None:
            return
        self.commit_edits()
        for bookmark in self.store.reanchor(doc_id, text):
            self.bookmarks[bookmark.id] = bookmark
        self._show()

    def document_removed(self, doc_id: str, remove_bookmarks: bool) -> list[Bookmark]:
        """A document left the library: orphan its bookmarks, or delete them (returned)."""
        if self.store is None:
            return []
        self.commit_edits()
        deleted = [b for b in self.bookmarks.values() if b.doc_id == doc_id]
        if remove_bookmarks:
            for bookmark in deleted:
                self.store.delete(bookmark.id)
        else:
            self.store.orphan_document(doc_id)
            deleted = []
        self.reload()
        return deleted

    def document_restored(self, doc_id: str, text: str, deleted: list[Bookmark]) -> None:
        """Undo of a removal: bring deleted bookmarks back and re-anchor them all."""
        if self.store is None:
            return
        for bookmark in deleted:
            self.store.restore(bookmark)
        self.store.reanchor(doc_id, text)
        self.reload()

    # -- export and import -------------------------------------------------

    @Slot()
    def export_bookmarks(self) -> None:
        """File → Export Bookmarks…: Markdown, CSV or JSON."""
        if self.store is None:
            return
        self.commit_edits()
        path, chosen = save_file_path(
            self.shell.window,
            self.shell.settings,
            "Export bookmarks",
            "bookmarks.md",
            ";;".join(EXPORT_FILTERS),
        )
        if not path:
            return
        suffix = Path(path).suffix.lower().lstrip(".")
        fmt = suffix if suffix in {"md", "csv", "json"} else EXPORT_FILTERS.get(chosen, "md")
        try:
            data = self.store.export(fmt, self.shell.titles())  # type: ignore[arg-type]
            Path(path).write_text(data, encoding="utf-8", newline="")
        except (Error, OSError) as error:
            QMessageBox.warning(self.shell.window, "Export bookmarks", f"Not written: {error}")
            return
        written = counted(len(self.bookmarks), "bookmark")
        self.shell.window.show_status(f"{written} written to {path}.")

    @Slot()
    def import_bookmarks(self) -> None:
        """File → Import Bookmarks…: a JSON export, all or nothing."""
        if self.store is None:
            return
        self.commit_edits()
        path = open_file_path(
            self.shell.window, self.shell.settings, "Import bookmarks", "JSON (*.json)"
        )
        if not path:
            return
        try:
            count = self.store.import_json(
                Path(path).read_text(encoding="utf-8"), texts=self.shell.library.text_or_none
            )
        except (Error, OSError, UnicodeDecodeError) as error:
            QMessageBox.warning(
                self.shell.window, "Import bookmarks", f"Nothing was imported: {error}"
            )
            return
        self.undo_stack.clear()
        self.reload()
        self.shell.window.show_status(f"{counted(count, 'bookmark')} imported.")

    def close(self) -> None:
        """Save what is being typed, stop opening (if still at it) and close the store."""
        self.opener.stop()
        if self.store is not None:
            self.commit_edits()
            self.store.close()
            self.store = None

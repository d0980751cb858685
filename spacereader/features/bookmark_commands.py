"""Undoable bookmark changes: each is a QUndoCommand over the bookmark store.

The commands call back `changed(bookmark_id, bookmark_or_None)` so the feature
can update the dock and the reader without reloading the whole store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from spacereader.core.bookmarks import Bookmark, BookmarkStore

Changed = Callable[[str, "Bookmark | None"], None]


class AddBookmark(QUndoCommand):
    """A bookmark that was just added; undo removes it, redo puts it back."""

    def __init__(self, store: BookmarkStore, bookmark: Bookmark, changed: Changed) -> None:
        super().__init__("Add bookmark")
        self._store = store
        self._bookmark = bookmark
        self._changed = changed
        self._first = True

    def redo(self) -> None:
        """Put the bookmark back (the first time, it is already in the store)."""
        if not self._first:
            self._store.restore(self._bookmark)
        self._first = False
        self._changed(self._bookmark.id, self._bookmark)

    def undo(self) -> None:
        """Remove the bookmark."""
        self._store.delete(self._bookmark.id)
        self._changed(self._bookmark.id, None)


class DeleteBookmark(QUndoCommand):
    """Deleting a bookmark; undo restores it exactly."""

    def __init__(self, store: BookmarkStore, bookmark: Bookmark, changed: Changed) -> None:
        super().__init__("Delete bookmark")
        self._store = store
        self._bookmark = bookmark
        self._changed = changed

    def redo(self) -> None:
        """Delete it."""
        self._store.delete(self._bookmark.id)
        self._changed(self._bookmark.id, None)

    def undo(self) -> None:
        """Restore it as it was."""
        self._store.restore(self._bookmark)
        self._changed(self._bookmark.id, self._bookmark)


class EditBookmark(QUndoCommand):
    """A changed note or tags; undo restores the bookmark as it was before."""

    def __init__(
        self, store: BookmarkStore, before: Bookmark, after: Bookmark, changed: Changed
    ) -> None:
        super().__init__("Edit note" if before.note != after.note else "Edit tags")
        self._store = store
        self._before = before
        self._after = after
        self._changed = changed
        self._first = True

    def redo(self) -> None:
        """Apply the edit (the first time, the store already has it)."""
        if not self._first:
            self._store.restore(self._after)
        self._first = False
        self._changed(self._after.id, self._after)

    def undo(self) -> None:
        """Go back to the bookmark before the edit."""
        self._store.restore(self._before)
        self._changed(self._before.id, self._before)

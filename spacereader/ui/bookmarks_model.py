"""A light two-level model for the Bookmarks dock: documents, then their bookmarks.

Filtering and sorting happen in Python on the in-memory list, and the model is
reset with the result; the view asks only for the rows it shows, so 10,000
bookmarks open and filter quickly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from spacereader.ui.item_delegate import DETAIL_ROLE

if TYPE_CHECKING:
    from spacereader.core.bookmarks import Bookmark

BOOKMARK_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP = 0  # internal id of document rows; bookmark rows carry group index + 1
QUOTE_CHARS = 160
ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Group:
    """One document's bookmarks, as listed."""

    doc_id: str
    title: str
    bookmarks: tuple[Bookmark, ...]


def group_bookmarks(
    bookmarks: Sequence[Bookmark],
    titles: Mapping[str, str],
    newest_first: bool = False,
) -> list[Group]:
    """Group by document (documents by title), sorted within each by position or date."""
    by_doc: dict[str, list[Bookmark]] = {}
    for bookmark in bookmarks:
        by_doc.setdefault(bookmark.doc_id, []).append(bookmark)
    key: Callable[[Bookmark], Any] = (
        (lambda b: b.created) if newest_first else (lambda b: (b.start, b.end))
    )
    groups = [
        Group(
            doc_id,
            titles.get(doc_id, "Removed document"),
            tuple(sorted(items, key=key, reverse=newest_first)),
        )
        for doc_id, items in by_doc.items()
    ]
    groups.sort(key=lambda g: g.title.casefold())
    return groups


def quote_line(bookmark: Bookmark) -> str:
    """The quote as one line, shortened."""
    quote = " ".join(bookmark.quote.split())
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 1] + "…"
    return f"“{quote}”"


def detail_line(bookmark: Bookmark) -> str:
    """Note, tags and, for an orphan, that it is one."""
    parts = []
    if bookmark.orphaned:
        parts.append("⚠ not found in the current text")
    if bookmark.note:
        parts.append(" ".join(bookmark.note.split()))
    if bookmark.tags:
        parts.append(" ".join(f"#{tag}" for tag in bookmark.tags))
    return " — ".join(parts) or "No note"


class BookmarksModel(QAbstractItemModel):
    """Documents at the top level, their bookmarks below."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[Group] = []

    def set_groups(self, groups: list[Group]) -> None:
        """Replace everything listed."""
        self.beginResetModel()
        self.groups = groups
        self.endResetModel()

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Rows of documents, or of one document's bookmarks."""
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, GROUP) if row < len(self.groups) else QModelIndex()
        if parent.internalId() != GROUP:
            return QModelIndex()
        group = self.groups[parent.row()]
        if row >= len(group.bookmarks):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """A bookmark's document row."""
        if not child.isValid() or child.internalId() == GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, GROUP)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Documents at the top; bookmarks under a document."""
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == GROUP:
            return len(self.groups[parent.row()].bookmarks)
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """One column."""
        return 1

    def bookmark_at(self, index: ModelIndex) -> Bookmark | None:
        """The bookmark of a row, or None for a document row."""
        if not index.isValid() or index.internalId() == GROUP:
            return None
        return self.groups[index.internalId() - 1].bookmarks[index.row()]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Quote and detail for bookmarks; title and count for documents."""
        if not index.isValid():
            return None
        if index.internalId() == GROUP:
            group = self.groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{group.title}  ({len(group.bookmarks)})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setWeight(QFont.Weight.DemiBold)
                return font
            return None
        bookmark = self.bookmark_at(index)
        assert bookmark is not None
        if role == Qt.ItemDataRole.DisplayRole:
            return quote_line(bookmark)
        if role == DETAIL_ROLE:
            return detail_line(bookmark)
        if role == BOOKMARK_ROLE:
            return bookmark
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{bookmark.quote}\n\n{bookmark.note}".strip()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Bookmark: {bookmark.quote[:80]}. {detail_line(bookmark)}"
        return None

    def find(self, bookmark_id: str) -> QModelIndex:
        """The row of a bookmark, or an invalid index."""
        for group_row, group in enumerate(self.groups):
            for row, bookmark in enumerate(group.bookmarks):
                if bookmark.id == bookmark_id:
                    return self.createIndex(row, 0, group_row + 1)
        return QModelIndex()

    def count(self) -> int:
        """Bookmarks listed (after the filter)."""
        return sum(len(group.bookmarks) for group in self.groups)

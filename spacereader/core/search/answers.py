"""One search, as the Search dock and `spacereader search` both ask it: passages and bookmarks.

A query that names a bookmark field (`note:word`, `tag:word`, `quote:word`)
searches the bookmarks only; any other query searches the library's passages,
and the bookmarks too when asked ("Bookmarks too", `--bookmarks`). The GUI and
the command line call answer() alike, so a query finds the same in both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacereader.core.bookmarks import Bookmark
    from spacereader.core.search.index import SearchIndex
    from spacereader.core.search.results import SearchResult

# Query fields that only bookmarks have.
BOOKMARK_FIELDS = ("note:", "tag:", "tags:", "quote:")
BookmarkSearch = Callable[[str], Sequence["Bookmark"]]


def bookmark_only(query: str) -> bool:
    """True for `note:word` and the like: a query the library's text cannot answer."""
    lowered = query.lower()
    return any(lowered.startswith(field) or f" {field}" in lowered for field in BOOKMARK_FIELDS)


@dataclass(frozen=True)
class Answer:
    """The passages (None for a bookmarks-only query) and the bookmarks a query found."""

    query: str
    result: SearchResult | None
    bookmarks: tuple[Bookmark, ...] = ()


def answer(
    query: str,
    index: SearchIndex,
    *,
    limit: int,
    doc_id: str | None = None,
    bookmarks: BookmarkSearch | None = None,
    include_bookmarks: bool = False,
) -> Answer:
    """Search the passages and, when the query asks for them, the bookmarks.

    In one document's scope, only that document's bookmarks are listed.
    """
    only_bookmarks = bookmark_only(query)
    result = None if only_bookmarks else index.search(query, limit=limit, doc_id=doc_id)
    found: tuple[Bookmark, ...] = ()
    if bookmarks is not None and (only_bookmarks or include_bookmarks) and query.strip():
        found = tuple(mark for mark in bookmarks(query) if doc_id is None or mark.doc_id == doc_id)
    return Answer(query, result, found)

"""The values a search returns, for the Search dock and the command line to display."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    """One passage that matched: where it sits in its document, and what matched."""

    doc_id: str
    title: str
    start: int  # the passage's offsets in the document's text (code points)
    end: int
    text: str  # the passage itself: document.text[start:end]
    snippet: str  # a plain-text excerpt of the passage
    snippet_marks: tuple[tuple[int, int], ...]  # matched words, offsets within `snippet`
    matches: tuple[tuple[int, int], ...]  # matched words, offsets in the document's text
    score: float


@dataclass(frozen=True)
class SearchResult:
    """The hits for one query, ranked BM25F, with the total count and a suggestion."""

    query: str
    total: int
    elapsed_ms: float
    suggestion: str | None
    hits: tuple[Hit, ...]
    # True when the time limit cut the search short: the hits are the best found in
    # time, and `total` counts what was found by then.
    partial: bool = False
    # Why the query matches nothing as written ("NOT satellite"), for the reader.
    notice: str | None = None
    # Why the index could not answer (missing, damaged, an internal error), if it could not.
    error: str | None = None

    def grouped(self) -> list[tuple[str, tuple[Hit, ...]]]:
        """Hits grouped by document, documents in the rank order of their best hit."""
        groups: dict[str, list[Hit]] = {}
        for hit in self.hits:
            groups.setdefault(hit.doc_id, []).append(hit)
        return [(doc_id, tuple(hits)) for doc_id, hits in groups.items()]


@dataclass(frozen=True)
class SyncReport:
    """What bringing the index up to date with the library did."""

    added: int
    updated: int
    removed: int
    rebuilt: bool
    # Another process holds the index's write lock: nothing was written, and
    # searches answer from the last committed index.
    busy: bool = False
    cancelled: bool = False

    @property
    def changed(self) -> bool:
        """Whether any document was indexed or dropped."""
        return bool(self.added or self.updated or self.removed or self.rebuilt)

"""A document cut into passages, the unit of search results.

A passage is a paragraph, a heading or the title, with its start/end offsets in
the document's text. A paragraph longer than MAX_PASSAGE_CHARS (a PDF page with
no blank lines, say) is cut at sentence ends, so that a hit still points at a
place a reader can see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacereader.core.document import Document
from spacereader.core.search.schema import KIND_HEADING, KIND_PARAGRAPH, KIND_TITLE
from spacereader.core.structure import BlockKind

MAX_PASSAGE_CHARS = 3000
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s+")
_KINDS = {
    BlockKind.TITLE: KIND_TITLE,
    BlockKind.HEADING: KIND_HEADING,
    BlockKind.PARAGRAPH: KIND_PARAGRAPH,
}


@dataclass(frozen=True)
class Passage:
    """A searchable span of a document's text."""

    kind: str
    start: int
    end: int

    def text(self, source: str) -> str:
        """The passage's text, sliced from the document's."""
        return source[self.start : self.end]


def document_passages(document: Document) -> list[Passage]:
    """The title, headings and paragraphs of a document, in text order."""
    text = document.text
    passages: list[Passage] = []
    for block in document.structure.blocks:
        kind = _KINDS.get(block.kind)
        if kind is None or not text[block.start : block.end].strip():
            continue
        passages.extend(
            Passage(kind, start, end) for start, end in _split(text, block.start, block.end)
        )
    if not passages and text.strip():
        # Nothing looked like a paragraph: the whole text is one (or a few) passages.
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        passages = [Passage(KIND_PARAGRAPH, s, e) for s, e in _split(text, start, end)]
    return passages


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut [start, end) into pieces of at most MAX_PASSAGE_CHARS, at sentence ends if any."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_PASSAGE_CHARS:
        limit = start + MAX_PASSAGE_CHARS
        cut = _last_break(text, start + MAX_PASSAGE_CHARS // 2, limit)
        pieces.append((start, _rstrip(text, start, cut)))
        start = _lstrip(text, cut, end)
    if end > start:
        pieces.append((start, end))
    return pieces


def _last_break(text: str, low: int, high: int) -> int:
    """The last sentence end in [low, high), else the last space, else `high`."""
    last = None
    for match in _SENTENCE_END.finditer(text, low, high):
        last = match.end()
    if last is not None:
        return last
    space = text.rfind(" ", low, high)
    return space + 1 if space > low else high


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start

"""A document cut into passages, the unit of search results.

A passage is a paragraph, a heading or the title, with its start/end offsets in
the document's text. A paragraph longer than MAX_PASSAGE_CHARS (a PDF page with
no blank lines, say) is cut at sentence ends, so that a hit still points at a
place a reader can see.

Passages are taken from what the reader shows (core.shown), never from text it
hides: a text capture's navigation and header lines are not searched, and a
Markdown document is cut into the blocks the reader sets, not its raw lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacereader.core.document import Document, DocumentFormat
from spacereader.core.search.schema import KIND_HEADING, KIND_PARAGRAPH, KIND_TITLE
from spacereader.core.shown import document_shown_spans, markdown_shown_blocks, shown_blocks
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
    """The title, headings and paragraphs the reader shows, in text order."""
    text = document.text
    if document.info.format is DocumentFormat.MARKDOWN:
        blocks = _markdown_blocks(text)
    else:
        blocks = [
            (kind, block.start, block.end)
            for block in shown_blocks(document.structure)
            if (kind := _KINDS.get(block.kind)) is not None
        ]
    passages: list[Passage] = []
    for kind, start, end in blocks:
        if text[start:end].strip():
            passages.extend(Passage(kind, low, high) for low, high in _split(text, start, end))
    if not passages:
        # Nothing looked like a paragraph: whatever the reader shows is one (or a few).
        for start, end in document_shown_spans(document):
            if text[start:end].strip():
                passages.extend(
                    Passage(KIND_PARAGRAPH, low, high) for low, high in _split(text, start, end)
                )
    return passages


def _markdown_blocks(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each Markdown block the reader sets; a heading that opens
    the document is its title."""
    found: list[tuple[str, int, int]] = []
    for block_kind, start, end in markdown_shown_blocks(text):
        if block_kind == "heading":
            kind = KIND_HEADING if found else KIND_TITLE
        else:
            kind = KIND_PARAGRAPH
        found.append((kind, start, end))
    return found


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

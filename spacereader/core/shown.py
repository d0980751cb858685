"""What the reader shows of a document's text, as spans of that text.

The reader sets a text capture (and an HTML page or a PDF, read as text) from
its structure: the kicker, the title, headings, paragraphs and the closing
signature are shown; navigation and header lines ("Back to top", a
breadcrumb, "1234 views") are left out. It sets a Markdown document from the
visible ranges of its source: markup ("## ", "**", a link's address) is left
out. `shown_spans` gives those spans, from the same structure the reader
draws from, so the two cannot disagree.

Whatever lists or finds things in a text (programs, figures, search
passages, bookmarks) works on the shown spans alone: anything the reader
cannot show cannot be listed. `blank_hidden` gives the text with everything
else turned to spaces, same length, so every offset found in it is an offset
in the document's own text.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Sequence

from spacereader.core.document import Document, DocumentFormat
from spacereader.core.loaders.markdown_blocks import MarkdownBlock
from spacereader.core.structure import Block, BlockKind, Structure, detect_structure

__all__ = [
    "SHOWN_KINDS",
    "Span",
    "blank_hidden",
    "clip_to_shown",
    "display_span",
    "document_shown_spans",
    "markdown_layout",
    "markdown_shown_blocks",
    "passage_at",
    "shown_blocks",
    "shown_passages",
    "shown_spans",
    "shown_text",
    "structure_shown_from",
]

Span = tuple[int, int]

# The blocks of a text capture the reader sets; the others (navigation, header
# lines) it leaves out. The header's source and date are shown reworded, not as text.
SHOWN_KINDS = frozenset(
    {
        BlockKind.SECTION,
        BlockKind.CATEGORY,
        BlockKind.TITLE,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.SIGNATURE,
    }
)
KEPT_LAYOUTS = 2
# Line breaks stay when hidden text is blanked: they still part sentences and paragraphs.
_NOT_LINE_BREAK = re.compile(r"[^\n\r]")


def shown_blocks(structure: Structure) -> tuple[Block, ...]:
    """The blocks of a text capture that the reader sets, in text order."""
    return tuple(block for block in structure.blocks if block.kind in SHOWN_KINDS)


def display_span(block: Block, text: str) -> Span:
    """The part of a shown block the reader shows: a signature without "(" and spaces."""
    start, end = block.start, block.end
    if block.kind is BlockKind.SIGNATURE:
        while start < end and (text[start] == "(" or text[start].isspace()):
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def shown_spans(
    text: str, document_format: DocumentFormat, structure: Structure | None = None
) -> tuple[Span, ...]:
    """The spans of `text` the reader shows, sorted, disjoint and not empty.

    `structure` is the text's structure if the caller has it (a Document's);
    Markdown is shown from its source ranges, not from that structure.
    """
    if document_format is DocumentFormat.MARKDOWN:
        ranges: Iterable[Span] = (
            visible
            for _kind, visible_ranges in _markdown_layout(text)
            for visible in visible_ranges
        )
    else:
        if structure is None:
            structure = detect_structure(text)
        ranges = (display_span(block, text) for block in shown_blocks(structure))
    return _merged(ranges)


class _Layouts:
    """Markdown parses kept for the last two texts, each parsed once even when
    several threads ask for it at the same time (the reader's worker, the
    extractor, the indexer): a 10 MB text takes seconds to parse."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, tuple[MarkdownBlock, ...]] = OrderedDict()
        self._parsing: dict[str, threading.Event] = {}

    def __call__(self, text: str) -> tuple[MarkdownBlock, ...]:
        from spacereader.core.loaders.markdown_blocks import markdown_blocks

        while True:
            with self._lock:
                if text in self._kept:
                    self._kept.move_to_end(text)
                    return self._kept[text]
                running = self._parsing.get(text)
                if running is None:
                    done = self._parsing[text] = threading.Event()
                    break
            running.wait()  # then kept, or failed: then this thread tries
        try:
            blocks = tuple(markdown_blocks(text))
            with self._lock:
                self._kept[text] = blocks
                while len(self._kept) > KEPT_LAYOUTS:
                    self._kept.popitem(last=False)
            return blocks
        finally:
            with self._lock:
                del self._parsing[text]
            done.set()

    def cache_clear(self) -> None:
        """Forget the parses kept."""
        with self._lock:
            self._kept.clear()


# The blocks the reader sets for a Markdown text (`markdown_blocks`), kept for the
# last two texts (the one on show, the one before): the reader sets them, and
# extraction, search marks and bookmarks ask which of the text they show.
markdown_layout = _Layouts()


def _markdown_layout(text: str) -> tuple[tuple[str, tuple[Span, ...]], ...]:
    """Each Markdown block the reader sets with text: its kind and its visible ranges."""
    layout = []
    for block in markdown_layout(text):
        visible = tuple((start, end) for start, end in block.visible if end > start)
        if visible:
            layout.append((block.kind, visible))
    return tuple(layout)


def markdown_shown_blocks(text: str) -> tuple[tuple[str, int, int], ...]:
    """(kind, start, end) of each Markdown block the reader sets, from its first shown
    character to its last; kinds are markdown_blocks' ("heading", "paragraph", …)."""
    return tuple((kind, visible[0][0], visible[-1][1]) for kind, visible in _markdown_layout(text))


def document_shown_spans(document: Document) -> tuple[Span, ...]:
    """The spans of a document's text the reader shows."""
    return shown_spans(document.text, document.info.format, structure_shown_from(document))


def structure_shown_from(document: Document) -> Structure | None:
    """The structure the reader sets a document from; None for Markdown, which it
    sets from its source (finding a large text's structure takes a while)."""
    return None if document.info.format is DocumentFormat.MARKDOWN else document.structure


def _merged(ranges: Iterable[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(ranges):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def blank_hidden(text: str, spans: Sequence[Span]) -> str:
    """`text` with every character outside `spans` a space (line breaks kept): same length."""
    pieces = []
    position = 0
    for start, end in spans:
        pieces.append(_NOT_LINE_BREAK.sub(" ", text[position:start]))
        pieces.append(text[start:end])
        position = end
    pieces.append(_NOT_LINE_BREAK.sub(" ", text[position:]))
    return "".join(pieces)


def shown_text(document: Document) -> str:
    """A document's text with what the reader hides blanked out (same length)."""
    return blank_hidden(document.text, document_shown_spans(document))


def shown_passages(document: Document) -> tuple[Span, ...]:
    """The passages a reader reads, in text order: a text capture's paragraphs, a
    Markdown document's blocks other than headings; or, when there are none, every
    block the reader shows (a title alone, say). Empty when it shows nothing."""
    text = document.text
    if document.info.format is DocumentFormat.MARKDOWN:
        blocks = markdown_shown_blocks(text)
        body = [(start, end) for kind, start, end in blocks if kind != "heading"]
        everything = [(start, end) for _kind, start, end in blocks]
    else:
        shown = shown_blocks(document.structure)
        body = [display_span(b, text) for b in shown if b.kind is BlockKind.PARAGRAPH]
        everything = [display_span(b, text) for b in shown]
    return tuple(body or everything)


def passage_at(document: Document, offset: int) -> Span | None:
    """The shown passage holding an offset (or the next one, or the last), or None."""
    passages = shown_passages(document)
    for start, end in passages:
        if offset < end:
            return start, end
    return passages[-1] if passages else None


def clip_to_shown(spans: Sequence[Span], start: int, end: int) -> Span | None:
    """[start, end) with its ends moved into shown text, or None if it shows nothing.

    Hidden text between its ends stays (a selection across two paragraphs
    holds the furniture between them); only the ends move.
    """
    starts = [span_start for span_start, _ in spans]
    first = bisect_right(starts, start) - 1
    if first < 0 or spans[first][1] <= start:
        first += 1  # `start` is hidden: the next shown span begins the clip
        if first >= len(spans):
            return None
        start = spans[first][0]
    last = bisect_right(starts, end - 1) - 1
    if last < 0:
        return None
    end = min(end, spans[last][1])
    return (start, end) if end > start else None

"""Sets a Markdown document formatted — headings, emphasis, lists, quotes, code —
while every shown character still maps to its offset in the Markdown source.

The core's `markdown_blocks` says which source ranges are visible and which
inline styles cover them (through `shown.markdown_layout`, the same parse that
extraction, search and bookmarks follow); this module only turns that into Qt
formats.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise

from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from spacereader.core.document import Document
from spacereader.core.loaders.markdown_blocks import InlineSpan, MarkdownBlock
from spacereader.ui import typography
from spacereader.ui.markdown_parsing import blocks_in_order
from spacereader.ui.render_job import WAITING
from spacereader.ui.textmap import TextMap

HEADING_SCALE = {1: 1.7, 2: 1.4, 3: 1.2, 4: 1.08, 5: 1.0, 6: 1.0}
INDENT_PX = 22
LINE_SEPARATOR = "\u2028"  # a hard line break inside one block; one character, like "\n"
# Soft line breaks and other breaking characters show as spaces (same length).
_SHOWN_AS_SPACE = str.maketrans("\n\r\t\u2028\u2029", "     ")
# Characters of one Qt block at most: a longer block is set as several (see display_runs).
LONG_BLOCK = 4000
# Styled pieces written in one step at most: a block of nested emphasis has one
# every few characters, and thousands of them take a slice's time many times over.
PIECES_PER_STEP = 200
# (italic, bold, code, link) over a piece of text: all its format depends on.
StyleKey = tuple[bool, bool, bool, str | None]


class MarkdownRenderer:
    """Builds the reader's QTextDocument from a Markdown document."""

    def __init__(self, body: QFont, palette: QPalette) -> None:
        self._body = body
        self._palette = palette
        self._line = body.pointSizeF() * 1.5 * 1.33

    def render(self, document: Document, target: QTextDocument) -> TextMap:
        """Replace target's content with the whole document; return the offset map."""
        text_map, steps = self.render_steps(document, target)
        for _reached in steps:
            pass
        return text_map

    def render_steps(
        self, document: Document, target: QTextDocument
    ) -> tuple[TextMap, Iterator[int]]:
        """Clear target and return the offset map and the steps that set the document.

        Each step writes a block and gives the document offset reached, or WAITING
        while a large text is still being parsed off the GUI thread.
        """
        target.clear()
        target.setDefaultFont(self._body)
        target.setDocumentMargin(32)
        text_map = TextMap(document.text)
        return text_map, self._steps(document.text, QTextCursor(target), text_map)

    def _steps(self, text: str, cursor: QTextCursor, text_map: TextMap) -> Iterator[int]:
        first = True
        # Spaces French typography binds become no-break ones, one character for one.
        shown = typography.SpacesKeptTogether(text)
        for block in blocks_in_order(text):
            if block is None:
                yield WAITING
                continue
            block_format, char_format = self._formats(block)
            if first:
                cursor.setBlockFormat(block_format)
                cursor.setCharFormat(char_format)
                first = False
            else:
                cursor.insertBlock(block_format, char_format)
            if block.marker:
                cursor.insertText(f"{block.marker}\u00a0", char_format)
            if block.kind == "rule":
                cursor.insertText("\u2022 \u2022 \u2022", self._subdued(char_format))
            else:
                inserter = _Inserter(cursor, text, shown, text_map)
                yield from inserter.insert(block, block_format, char_format, self._styled)
            yield block.end
        yield len(text)

    def _formats(self, block: MarkdownBlock) -> tuple[QTextBlockFormat, QTextCharFormat]:
        block_format = QTextBlockFormat()
        block_format.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block_format.setBottomMargin(0.75 * self._line)
        char_format = QTextCharFormat()
        char_format.setFont(self._body)
        char_format.setForeground(self._palette.color(QPalette.ColorRole.Text))
        if block.kind == "heading":
            font = QFont(self._body)
            font.setPointSizeF(self._body.pointSizeF() * HEADING_SCALE.get(block.level, 1.0))
            font.setWeight(QFont.Weight.Bold)
            char_format.setFont(font)
            block_format.setTopMargin(0.5 * self._line if block.level > 1 else 0)
            block_format.setBottomMargin(0.4 * self._line)
            block_format.setLineHeight(
                120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
            )
        elif block.kind == "list_item":
            block_format.setLeftMargin(INDENT_PX * max(block.level, 1))
            block_format.setTextIndent(-INDENT_PX * 0.8 if block.marker else 0)
            block_format.setBottomMargin(0.25 * self._line)
        elif block.kind == "quote":
            block_format.setLeftMargin(INDENT_PX * max(block.level, 1))
            char_format.setFontItalic(True)
            char_format.setForeground(typography.subdued_color(self._palette))
        elif block.kind == "code":
            mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
            mono.setPointSizeF(self._body.pointSizeF() * 0.85)
            char_format.setFont(mono)
            block_format.setBackground(self._palette.color(QPalette.ColorRole.AlternateBase))
            block_format.setLineHeight(
                125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
            )
        return block_format, char_format

    def _styled(self, base: QTextCharFormat, key: StyleKey) -> QTextCharFormat:
        italic, bold, code, href = key
        char_format = QTextCharFormat(base)
        if italic:
            char_format.setFontItalic(True)
        if bold:
            char_format.setFontWeight(QFont.Weight.Bold)
        if code:
            mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
            mono.setPointSizeF(self._body.pointSizeF() * 0.9)
            char_format.setFontFamilies(mono.families())
            char_format.setBackground(self._palette.color(QPalette.ColorRole.AlternateBase))
        if href:
            char_format.setAnchor(True)
            char_format.setAnchorHref(href)
            char_format.setFontUnderline(True)
            char_format.setForeground(self._palette.color(QPalette.ColorRole.Link))
            char_format.setToolTip(href)
        return char_format

    def _subdued(self, base: QTextCharFormat) -> QTextCharFormat:
        char_format = QTextCharFormat(base)
        char_format.setForeground(typography.subdued_color(self._palette))
        return char_format


def _pieces(start: int, end: int, edges: list[int]) -> list[tuple[int, int]]:
    """Split [start, end) wherever an inline span begins or ends (`edges` sorted)."""
    inside = edges[bisect_right(edges, start) : bisect_left(edges, end)]
    return list(pairwise([start, *inside, end]))


def display_runs(
    text: str, visible: Iterable[tuple[int, int]], limit: int = LONG_BLOCK
) -> Iterator[tuple[int, int, bool]]:
    """A block's visible ranges, cut so that no Qt block holds much more than
    `limit` characters: (start, end, whether a new Qt block begins before it).

    Qt lays a block out whole, at every change: a 0.8 MB table parsed as one
    paragraph took minutes. A range is cut after a space where it can be.
    """
    count, new = 0, False
    for low, end in visible:
        start = low
        # A line break (shown as a space) ends the Qt block rather than opening the next.
        ends_a_line = count > 0 and end - start <= 2 and text[start:end].isspace()
        while end - start > limit - count and not ends_a_line:
            room = limit - count
            cut = text.rfind(" ", start + (0 if count else room // 2), start + room) + 1
            if cut <= start:  # no space: a new block before this range, or a hard cut
                cut = start if count else start + room
            if cut > start:
                yield start, cut, new
            new, count, start = True, 0, cut
        if end > start:
            yield start, end, new
            new = False
            count += end - start


class _Inserter:
    """Writes a block's visible text with its inline styles, mapping every range."""

    def __init__(
        self,
        cursor: QTextCursor,
        text: str,
        shown: typography.SpacesKeptTogether,
        text_map: TextMap,
    ) -> None:
        self._cursor = cursor
        self._text = text
        self._shown = shown
        self._map = text_map

    def insert(
        self,
        block: MarkdownBlock,
        block_format: QTextBlockFormat,
        base: QTextCharFormat,
        styled: Callable[[QTextCharFormat, StyleKey], QTextCharFormat],
    ) -> Iterator[int]:
        """Write the block's text after the cursor, in Qt blocks of `block_format`;
        a long block is several steps (a Qt block each, or a few hundred styled
        pieces), each giving the offset it reached."""
        cursor, text = self._cursor, self._text
        breaks = sorted(block.hard_breaks)
        formats: dict[StyleKey, QTextCharFormat] = {}
        sweep = _StyleSweep(block.inline)
        pieces = 0  # written since the last step
        for start, end, new_block in display_runs(text, block.visible):
            if new_block or pieces >= PIECES_PER_STEP:
                yield start
                pieces = 0
            if new_block:
                self._continue_block(block_format, base)
            self._map.add(start, end, cursor.position())
            for piece_start, piece_end in _pieces(start, end, sweep.edges):
                visible = self._shown.slice(piece_start, piece_end).translate(_SHOWN_AS_SPACE)
                low, high = bisect_left(breaks, piece_start), bisect_left(breaks, piece_end)
                for hard in breaks[low:high]:
                    if text[hard] == "\n":
                        at = hard - piece_start
                        visible = f"{visible[:at]}{LINE_SEPARATOR}{visible[at + 1 :]}"
                key = sweep.styles_over(piece_start, piece_end)
                if key not in formats:
                    formats[key] = styled(base, key)
                cursor.insertText(visible, formats[key])
                pieces += 1

    def _continue_block(self, block_format: QTextBlockFormat, base: QTextCharFormat) -> None:
        """Go on in a new Qt block that reads as the same paragraph."""
        ended = self._cursor.blockFormat()
        ended.setBottomMargin(0)
        self._cursor.setBlockFormat(ended)
        going_on = QTextBlockFormat(block_format)
        going_on.setTopMargin(0)
        going_on.setTextIndent(0)
        self._cursor.insertBlock(going_on, base)


class _StyleSweep:
    """The styles over each piece of a block, pieces asked for in text order.

    A sweep over the spans sorted by start, with a heap of their ends: each
    span is added and removed once, so a block of deeply nested emphasis
    (thousands of spans) costs n log n, not n squared. A piece's format
    depends only on which kinds of style cover it, which makes it a small key.
    """

    def __init__(self, spans: tuple[InlineSpan, ...]) -> None:
        self._spans = sorted(spans, key=lambda span: span.start)
        # Starts come sorted, ends nearly: sorting them together is a merge.
        edges = sorted([span.start for span in self._spans] + [span.end for span in self._spans])
        self.edges = list(dict.fromkeys(edges))
        self._next = 0
        self._ends: list[tuple[int, int]] = []
        self._counts = {"em": 0, "strong": 0, "code": 0, "link": 0}
        self._links: dict[int, str | None] = {}

    def styles_over(self, start: int, end: int) -> StyleKey:
        """(italic, bold, code, link) for the piece [start, end)."""
        while self._next < len(self._spans) and self._spans[self._next].start <= start:
            span = self._spans[self._next]
            heapq.heappush(self._ends, (span.end, self._next))
            self._counts[span.style] += 1
            if span.style == "link":
                self._links[self._next] = span.href
            self._next += 1
        while self._ends and self._ends[0][0] < end:
            _end, index = heapq.heappop(self._ends)
            style = self._spans[index].style
            self._counts[style] -= 1
            self._links.pop(index, None)
        href = next((link for link in self._links.values() if link), None) if self._links else None
        return (self._counts["em"] > 0, self._counts["strong"] > 0, self._counts["code"] > 0, href)

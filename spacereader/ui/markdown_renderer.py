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
from collections.abc import Iterator
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
        shown = typography.keep_spaces_together(text)
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
                self._insert_visible(cursor, shown, block, char_format, text_map)
            yield block.end
        yield len(text)

    def _insert_visible(
        self,
        cursor: QTextCursor,
        text: str,
        block: MarkdownBlock,
        base: QTextCharFormat,
        text_map: TextMap,
    ) -> None:
        breaks = sorted(block.hard_breaks)
        formats: dict[tuple[bool, bool, bool, str | None], QTextCharFormat] = {}
        sweep = _StyleSweep(block.inline)
        for start, end in block.visible:
            if end <= start:
                continue
            text_map.add(start, end, cursor.position())
            for piece_start, piece_end in _pieces(start, end, sweep.edges):
                visible = text[piece_start:piece_end].translate(_SHOWN_AS_SPACE)
                low, high = bisect_left(breaks, piece_start), bisect_left(breaks, piece_end)
                for hard in breaks[low:high]:
                    if text[hard] == "\n":
                        at = hard - piece_start
                        visible = f"{visible[:at]}{LINE_SEPARATOR}{visible[at + 1 :]}"
                key = sweep.styles_over(piece_start, piece_end)
                if key not in formats:
                    formats[key] = self._styled(base, key)
                cursor.insertText(visible, formats[key])

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

    def _styled(
        self, base: QTextCharFormat, key: tuple[bool, bool, bool, str | None]
    ) -> QTextCharFormat:
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


class _StyleSweep:
    """The styles over each piece of a block, pieces asked for in text order.

    A sweep over the spans sorted by start, with a heap of their ends: each
    span is added and removed once, so a block of deeply nested emphasis
    (thousands of spans) costs n log n, not n squared. A piece's format
    depends only on which kinds of style cover it, which makes it a small key.
    """

    def __init__(self, spans: tuple[InlineSpan, ...]) -> None:
        self._spans = sorted(spans, key=lambda span: span.start)
        self.edges = sorted({edge for span in spans for edge in (span.start, span.end)})
        self._next = 0
        self._ends: list[tuple[int, int]] = []
        self._counts = {"em": 0, "strong": 0, "code": 0, "link": 0}
        self._links: dict[int, str | None] = {}

    def styles_over(self, start: int, end: int) -> tuple[bool, bool, bool, str | None]:
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
        href = next((link for link in self._links.values() if link), None)
        return (self._counts["em"] > 0, self._counts["strong"] > 0, self._counts["code"] > 0, href)

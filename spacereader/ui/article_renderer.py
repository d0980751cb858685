"""Sets a document into a QTextDocument as an article, and records the offset map.

Only spans of the document's own text are shown verbatim (newlines become
spaces, which keeps lengths equal); header lines such as the byline are added
text that maps to no document offset. Which blocks are shown (not page
furniture) is the core's `shown_blocks`, which extraction, search and
bookmarks follow too. A large text is set from its opening's structure first
(`structure_opening.py`); the whole text's is found off the GUI thread.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from spacereader.core.document import Document
from spacereader.core.shown import display_span, shown_blocks
from spacereader.core.structure import Block, BlockKind, Structure
from spacereader.core.structure_opening import LARGE_TEXT, opening_structure
from spacereader.ui import typography
from spacereader.ui.render_job import WAITING, off_thread
from spacereader.ui.textmap import TextMap

# Characters QTextDocument would treat as block or line breaks, or cannot show.
_BREAKS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\u2028\u2029]")
PARAGRAPH_SPACING = 0.85  # of the body's line height
LINE_HEIGHT_PERCENT = 150
LONG_PARAGRAPH = 4000


def split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A paragraph as display pieces of at most about LONG_PARAGRAPH characters.

    Qt lays out a paragraph as one block; a 5 MB single-line file would take
    seconds. Pieces end after a space, so no word is cut.
    """
    pieces = []
    while end - start > LONG_PARAGRAPH:
        cut = text.rfind(" ", start + LONG_PARAGRAPH // 2, start + LONG_PARAGRAPH)
        cut = cut + 1 if cut > start else start + LONG_PARAGRAPH
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def shown_text(text: str) -> str:
    """Text as the view shows it, same length: breaks become spaces, and the spaces
    French typography binds ("« Le plan »", "12,5 %") no-break ones."""
    return typography.keep_spaces_together(_BREAKS.sub(" ", text))


class ArticleRenderer:
    """Builds the reading view's QTextDocument for one document."""

    def __init__(self, body: QFont, palette: QPalette) -> None:
        self._body = body
        self._palette = palette
        self._subdued = typography.subdued_color(palette)

    def render(self, document: Document, target: QTextDocument) -> TextMap:
        """Replace target's content with the whole article; return the offset map."""
        _ = document.structure  # found here at once, not waited for off the GUI thread
        text_map, steps = self.render_steps(document, target)
        for _reached in steps:
            pass
        return text_map

    def render_steps(
        self, document: Document, target: QTextDocument
    ) -> tuple[TextMap, Iterator[int]]:
        """Clear target and return the offset map and the steps that set the article.

        Each step writes a block and gives the document offset its text reaches
        (or WAITING while a large text's structure is found off the GUI thread);
        the map grows as the steps run, so a large text can be set a slice at a time.
        """
        target.clear()
        target.setDefaultFont(self._body)
        target.setDocumentMargin(32)
        writer = _Writer(document.text, target)
        return writer.text_map, self._steps(document, writer)

    def _steps(self, document: Document, writer: _Writer) -> Iterator[int]:
        text = document.text
        large = not document.has_structure and len(text) > LARGE_TEXT
        opening = opening_structure(text) if large else None
        if large and opening is None:
            yield WAITING  # the window shows the view first
            yield from self._structure_off_thread(document)
        self._write_header(opening.structure if opening else document.structure, writer)
        if opening is None:
            yield from self._write_body(text, shown_blocks(document.structure), writer)
        else:
            before = tuple(b for b in shown_blocks(opening.structure) if b.start < opening.reached)
            yield from self._write_body(text, before, writer)
            # The first screen is set: the rest is set once the whole structure is found.
            yield WAITING
            structure = yield from self._structure_off_thread(document)
            rest = tuple(b for b in shown_blocks(structure) if b.start >= opening.reached)
            yield from self._write_body(text, rest, writer)
        if writer.empty:
            writer.new_block(self._block_format(bottom=0), self._header_format())
            writer.added("This document has no text to show.", self._header_format())
        yield len(text)

    @staticmethod
    def _structure_off_thread(document: Document) -> Generator[int, None, Structure]:
        # Found once: the extractor thread asking for it too waits for this one.
        return off_thread(lambda: document.structure, "spacereader-structure")

    def _write_header(self, structure: Structure, writer: _Writer) -> None:
        """The kicker, the title and the byline."""
        shown = shown_blocks(structure)
        header = self._header_format()
        kicker = [b for b in shown if b.kind in (BlockKind.SECTION, BlockKind.CATEGORY)]
        if kicker:
            writer.new_block(self._block_format(bottom=0.35), header)
            for index, block in enumerate(kicker):
                if index:
                    writer.added("  ›  ", header)
                writer.span(block.start, block.end, header)
        title = self._title_format()
        for block in shown:
            if block.kind is BlockKind.TITLE:
                writer.new_block(self._block_format(bottom=0.45, line_height=118), title)
                writer.span(block.start, block.end, title)
        byline = " — ".join(part for part in (structure.source, structure.date) if part)
        if byline:
            writer.new_block(self._block_format(bottom=1.6), header)
            writer.added(byline, header)

    def _write_body(self, text: str, shown: tuple[Block, ...], writer: _Writer) -> Iterator[int]:
        body = self._body_format()
        for block in shown:
            if block.kind is BlockKind.PARAGRAPH:
                pieces = split_long(text, block.start, block.end)
                for number, (start, end) in enumerate(pieces):
                    spacing = PARAGRAPH_SPACING if number == len(pieces) - 1 else 0
                    writer.new_block(self._block_format(bottom=spacing), body)
                    writer.span(start, end, body)
            elif block.kind is BlockKind.HEADING:
                heading = self._heading_format()
                writer.new_block(self._block_format(bottom=0.4, top=0.6), heading)
                writer.span(block.start, block.end, heading)
            elif block.kind is BlockKind.SIGNATURE:
                signature = self._header_format()
                writer.new_block(self._block_format(bottom=0), signature)
                writer.span(*display_span(block, text), signature)
            yield block.end

    def _line_height(self) -> float:
        return self._body.pointSizeF() * LINE_HEIGHT_PERCENT / 100 * 1.33

    def _block_format(
        self, bottom: float, top: float = 0.0, line_height: int = LINE_HEIGHT_PERCENT
    ) -> QTextBlockFormat:
        block_format = QTextBlockFormat()
        block_format.setLineHeight(
            line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        block_format.setBottomMargin(bottom * self._line_height())
        block_format.setTopMargin(top * self._line_height())
        block_format.setAlignment(Qt.AlignmentFlag.AlignLeft)
        return block_format

    def _body_format(self) -> QTextCharFormat:
        char_format = QTextCharFormat()
        char_format.setFont(self._body)
        char_format.setForeground(self._palette.color(QPalette.ColorRole.Text))
        return char_format

    def _title_format(self) -> QTextCharFormat:
        char_format = QTextCharFormat()
        char_format.setFont(typography.title_font(self._body))
        char_format.setForeground(self._palette.color(QPalette.ColorRole.Text))
        return char_format

    def _heading_format(self) -> QTextCharFormat:
        char_format = QTextCharFormat()
        font = QFont(self._body)
        font.setPointSizeF(self._body.pointSizeF() * 1.25)
        font.setWeight(QFont.Weight.DemiBold)
        char_format.setFont(font)
        return char_format

    def _header_format(self) -> QTextCharFormat:
        char_format = QTextCharFormat()
        char_format.setFont(typography.header_font(self._body))
        char_format.setFontCapitalization(QFont.Capitalization.AllUppercase)
        char_format.setForeground(self._subdued)
        return char_format


class _Writer:
    """Appends blocks to a QTextDocument and records where document text lands."""

    def __init__(self, text: str, target: QTextDocument) -> None:
        self._text = text
        self._cursor = QTextCursor(target)
        self.text_map = TextMap(text)
        self.empty = True

    def new_block(self, block_format: QTextBlockFormat, char_format: QTextCharFormat) -> None:
        """Start a block (the document's first one is reused)."""
        if self.empty:
            self._cursor.setBlockFormat(block_format)
            self._cursor.setBlockCharFormat(char_format)
            self._cursor.setCharFormat(char_format)
            self.empty = False
        else:
            self._cursor.insertBlock(block_format, char_format)

    def span(self, start: int, end: int, char_format: QTextCharFormat) -> None:
        """Show text[start:end] verbatim (same length) and map it."""
        self.text_map.add(start, end, self._cursor.position())
        self._cursor.insertText(shown_text(self._text[start:end]), char_format)

    def added(self, words: str, char_format: QTextCharFormat) -> None:
        """Show text that is not the document's (a separator, the byline)."""
        self._cursor.insertText(words, char_format)

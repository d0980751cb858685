"""Sets a document into a QTextDocument as an article, and records the offset map.

Only spans of the document's own text are shown verbatim (newlines become
spaces, which keeps lengths equal); header lines such as the byline are added
text that maps to no document offset. Page furniture is left out.
"""

from __future__ import annotations

import re

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
from spacereader.core.structure import Block, BlockKind
from spacereader.ui import typography
from spacereader.ui.textmap import TextMap

# Characters QTextDocument would treat as block or line breaks, or cannot show.
_BREAKS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\u2028\u2029]")
PARAGRAPH_SPACING = 0.85  # of the body's line height
LINE_HEIGHT_PERCENT = 150


def shown_text(text: str) -> str:
    """Text as the view shows it, same length: breaks become spaces."""
    return _BREAKS.sub(" ", text)


class ArticleRenderer:
    """Builds the reading view's QTextDocument for one document."""

    def __init__(self, body: QFont, palette: QPalette) -> None:
        self._body = body
        self._palette = palette
        self._subdued = typography.subdued_color(palette)

    def render(self, document: Document, target: QTextDocument) -> TextMap:
        """Replace target's content with the article; return the offset map."""
        target.clear()
        target.setDefaultFont(self._body)
        target.setDocumentMargin(32)
        text_map = TextMap(document.text)
        cursor = QTextCursor(target)
        structure = document.structure
        first = True

        def new_block(block_format: QTextBlockFormat, char_format: QTextCharFormat) -> None:
            nonlocal first
            if first:
                cursor.setBlockFormat(block_format)
                cursor.setBlockCharFormat(char_format)
                cursor.setCharFormat(char_format)
                first = False
            else:
                cursor.insertBlock(block_format, char_format)

        def insert_span(block: Block, char_format: QTextCharFormat) -> None:
            text_map.add(block.start, block.end, cursor.position())
            cursor.insertText(shown_text(block.text(document.text)), char_format)

        kicker = [b for b in structure.blocks if b.kind in (BlockKind.SECTION, BlockKind.CATEGORY)]
        if kicker:
            header = self._header_format()
            new_block(self._block_format(bottom=0.35), header)
            for index, block in enumerate(kicker):
                if index:
                    cursor.insertText("  ›  ", header)
                insert_span(block, header)

        for block in structure.blocks_of(BlockKind.TITLE):
            title = self._title_format()
            new_block(self._block_format(bottom=0.45, line_height=118), title)
            insert_span(block, title)

        byline = " — ".join(part for part in (structure.source, structure.date) if part)
        if byline:
            header = self._header_format()
            new_block(self._block_format(bottom=1.6), header)
            cursor.insertText(byline, header)

        body = self._body_format()
        for block in structure.blocks:
            if block.kind is BlockKind.PARAGRAPH:
                new_block(self._block_format(bottom=PARAGRAPH_SPACING), body)
                insert_span(block, body)
            elif block.kind is BlockKind.HEADING:
                heading = self._heading_format()
                new_block(self._block_format(bottom=0.4, top=0.6), heading)
                insert_span(block, heading)
            elif block.kind is BlockKind.SIGNATURE:
                signature = self._header_format()
                new_block(self._block_format(bottom=0), signature)
                cursor.insertText(block.text(document.text).lstrip("( ").strip(), signature)
        if first:
            new_block(self._block_format(bottom=0), self._header_format())
            cursor.insertText("This document has no text to show.", self._header_format())
        return text_map

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

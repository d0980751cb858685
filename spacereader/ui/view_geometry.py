"""Which text sits at a given height of a laid-out QTextDocument, found in O(log n),
and cursors that stay within one block each.

QTextEdit.cursorForPosition walks every block after the point when the point
falls between two blocks (a paragraph's bottom margin, the top margin of the
page), and answers "the end" while Qt is still laying out: both are common on a
large document. Qt lays a document out from the top, so the blocks laid out
form a prefix of it, and the view never shows text beyond that prefix: a binary
search over those blocks finds the line at a height.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from PySide6.QtGui import QTextBlock, QTextDocument

Span = tuple[int, int]


def _laid_out(block: QTextBlock) -> bool:
    return block.layout().lineCount() > 0


def _last_block_starting_above(document: QTextDocument, y: float) -> QTextBlock:
    """The last laid-out block whose top is at or above y (else the first block)."""
    layout = document.documentLayout()
    low, high = 0, document.blockCount() - 1
    while low < high:
        middle = (low + high + 1) // 2
        block = document.findBlockByNumber(middle)
        if _laid_out(block) and layout.blockBoundingRect(block).top() <= y:
            low = middle
        else:
            high = middle - 1
    return document.findBlockByNumber(low)


def first_position_from(document: QTextDocument, y: float) -> int:
    """The position where the first line reaching below y starts (the top of a view)."""
    block = _last_block_starting_above(document, y)
    while block.isValid() and _laid_out(block):
        top = document.documentLayout().blockBoundingRect(block).top()
        lines = block.layout()
        for number in range(lines.lineCount()):
            line = lines.lineAt(number)
            if top + line.y() + line.height() > y:
                return block.position() + line.textStart()
        block = block.next()  # y is in the gap below this block: the next one starts the view
    return max(0, document.characterCount() - 1)


def last_position_to(document: QTextDocument, y: float) -> int:
    """The position where the last line starting at or above y ends (the bottom of a view)."""
    block = _last_block_starting_above(document, y)
    if not _laid_out(block):
        return block.position()
    top = document.documentLayout().blockBoundingRect(block).top()
    lines = block.layout()
    position = block.position()
    for number in range(lines.lineCount()):
        line = lines.lineAt(number)
        if top + line.y() > y:
            break
        position = block.position() + line.textStart() + line.textLength()
    return position


def block_pieces(document: QTextDocument, spans: Iterable[Span]) -> Iterator[tuple[int, Span]]:
    """Spans of view positions, sorted by start, cut where blocks part: (block number,
    piece) for each, the block separator left out.

    A selection across blocks makes Qt lay out the whole document to find its
    frame's width: seconds on a large text, and again at every repaint. The
    blocks are walked in order, not looked up span by span.
    """
    block = QTextBlock()
    for start, end in spans:
        if not block.isValid() or not block.position() <= start < block.position() + block.length():
            block = document.findBlock(start)
        while block.isValid() and block.position() < end:
            low = max(start, block.position())
            high = min(end, block.position() + block.length() - 1)
            if high > low:
                yield block.blockNumber(), (low, high)
            if end <= block.position() + block.length():
                break
            block = block.next()

"""Highlights of a block dense with marks, drawn with the block's text.

Qt draws each extra selection by drawing every visible line of its block again,
clipped to the selection: a block holding hundreds of marks (a table of
figures) took a second at every paint. Formats set on a block's own layout (as
a syntax highlighter sets them) are drawn with its text, in one pass. So the
marks of a block holding more than DENSE_MARKS are set there; the others stay
extra selections. Only layers that change no letter's shape go there: the
current hit (bold) and the flash stay extra selections, on top.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from PySide6.QtGui import QTextCharFormat, QTextDocument, QTextLayout

# More marks than this in one block, and Qt's extra selections cost more than
# setting the block's formats (which lays that block out again).
DENSE_MARKS = 24
LAYOUT_LAYERS = frozenset({"bookmarks", "programs", "figures", "search"})

# (layer, view start, view end, format), one block's part of a mark
Piece = tuple[str, int, int, QTextCharFormat]


def dense_blocks(pieces: Iterable[tuple[int, Piece]]) -> dict[int, list[Piece]]:
    """The pieces of layout layers in each block holding more than DENSE_MARKS of
    them, by block number (pieces given with their block numbers, in layer order)."""
    by_block: dict[int, list[Piece]] = defaultdict(list)
    for number, piece in pieces:
        if piece[0] in LAYOUT_LAYERS:
            by_block[number].append(piece)
    return {number: found for number, found in by_block.items() if len(found) > DENSE_MARKS}


class BlockFormats:
    """The layout formats set on a document's blocks, changed only where they differ."""

    def __init__(self) -> None:
        self._document: QTextDocument | None = None
        self._set: dict[int, tuple[tuple[str, int, int, int, int], ...]] = {}

    def forget(self) -> None:
        """A new document is on show: its blocks carry no formats."""
        self._document = None
        self._set = {}

    def show(self, document: QTextDocument, wanted: dict[int, list[Piece]]) -> None:
        """Give the blocks in `wanted` those pieces as formats, and every other block none."""
        if document is not self._document:
            self.forget()
            self._document = document
        for number in [number for number in self._set if number not in wanted]:
            self._set_formats(document, number, [])
            del self._set[number]
        looks: dict[int, tuple[int, int]] = {}  # by format object: what it looks like
        for number, pieces in wanted.items():
            key = []
            for layer, start, end, style in pieces:
                look = looks.get(id(style))
                if look is None:
                    look = looks[id(style)] = (
                        style.background().color().rgba(),
                        style.foreground().color().rgba(),
                    )
                key.append((layer, start, end, *look))
            if self._set.get(number) != tuple(key):
                self._set_formats(document, number, pieces)
                self._set[number] = tuple(key)

    @staticmethod
    def _set_formats(document: QTextDocument, number: int, pieces: list[Piece]) -> None:
        block = document.findBlockByNumber(number)
        if not block.isValid():
            return
        ranges = []
        for _layer, start, end, style in pieces:
            found = QTextLayout.FormatRange()
            found.start = start - block.position()
            found.length = end - start
            found.format = style
            ranges.append(found)
        block.layout().setFormats(ranges)
        # Lays that block out again with its formats, and repaints it.
        document.markContentsDirty(block.position(), block.length())

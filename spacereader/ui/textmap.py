"""Mapping between document offsets and positions in the reader's QTextDocument.

Document offsets count code points of the document's own text. Qt's
QTextCursor positions count UTF-16 code units of what the reader displays,
which also holds text the document does not (headers, spacing) and leaves out
furniture. The reader records, for every stretch of document text it shows,
where that stretch starts in the view; this module converts both ways.
Pure Python, so it is tested without Qt.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# The text is searched for astral characters this much at a time, as far as the
# offsets converted reach: the whole of a 10 MB text would take ~30 ms at once.
ASTRAL_SCAN_CHARS = 1 << 18


def utf16_length(text: str) -> int:
    """Number of UTF-16 code units Qt needs for `text`."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


@dataclass(frozen=True)
class Segment:
    """A stretch of document text shown verbatim (same length) in the view."""

    doc_start: int
    doc_end: int
    view_start: int


class TextMap:
    """Converts document offsets to view positions and back."""

    def __init__(self, text: str) -> None:
        self._text = text
        # Offsets of characters that take two UTF-16 units (emoji and the like):
        # positions convert by counting these with bisect, never by walking text.
        # Found up to `_scanned` so far (an ASCII text has none, which costs nothing to know).
        self._astral: list[int] = []
        self._scanned = len(text) if text.isascii() else 0
        # The segments as three lists of ints, not Segment objects: a large text has
        # hundreds of thousands, each one more object for the garbage collector to walk.
        self._doc_starts: list[int] = []
        self._doc_ends: list[int] = []
        self._view_starts: list[int] = []

    def add(self, doc_start: int, doc_end: int, view_start: int) -> None:
        """Record that text[doc_start:doc_end] is shown from view_start on (in order)."""
        self._doc_starts.append(doc_start)
        self._doc_ends.append(doc_end)
        self._view_starts.append(view_start)

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The recorded segments, in document order."""
        return tuple(map(Segment, self._doc_starts, self._doc_ends, self._view_starts))

    def _segment_for_offset(self, offset: int) -> int:
        """The index of the segment an offset shows in (or snaps to); -1 if none."""
        if not self._doc_starts:
            return -1
        index = max(bisect_right(self._doc_starts, offset) - 1, 0)
        if offset > self._doc_ends[index] and index + 1 < len(self._doc_starts):
            index += 1
        return index

    def _segment(self, index: int) -> Segment:
        return Segment(self._doc_starts[index], self._doc_ends[index], self._view_starts[index])

    def to_view(self, offset: int) -> int:
        """The view position of a document offset; hidden text snaps to the next shown text."""
        index = self._segment_for_offset(offset)
        if index < 0:
            return 0
        doc_start = self._doc_starts[index]
        offset = min(max(offset, doc_start), self._doc_ends[index])
        position = self._view_starts[index] + offset - doc_start
        if self._scanned == len(self._text) and not self._astral:
            return position  # no astral character anywhere (most texts)
        return position + self._astral_between(doc_start, offset)

    def _astral_between(self, start: int, end: int) -> int:
        if end > self._scanned:
            stop = min(len(self._text), max(end, self._scanned + ASTRAL_SCAN_CHARS))
            found = _ASTRAL.finditer(self._text, self._scanned, stop)
            self._astral.extend(match.start() for match in found)
            self._scanned = stop
        return bisect_left(self._astral, end) - bisect_left(self._astral, start)

    def to_document(self, position: int, end: bool = False) -> int:
        """The document offset of a view position; positions in added text snap to a segment.

        Where one shown stretch ends and the next begins, a start maps to the
        next stretch and an `end` (of a selection) to the end of the previous one.
        """
        if not self._doc_starts:
            return 0
        find = bisect_left if end else bisect_right
        index = max(find(self._view_starts, position) - 1, 0)
        segment = self._segment(index)
        units = max(position - segment.view_start, 0)
        offset = min(segment.doc_start + units, segment.doc_end)
        # Each astral character before the guess took two units: step back over them.
        while offset > segment.doc_start and (
            (offset - segment.doc_start) + self._astral_between(segment.doc_start, offset) > units
        ):
            offset -= 1
        return offset

    def view_span(self, start: int, end: int) -> tuple[int, int]:
        """A document span as a view span."""
        return self.to_view(start), self.to_view(end)

"""The postings format of the text fields: frequency plus the first position, fixed size.

Each posting stores how often its term occurs (as its weight) and where it
first occurs, in two bytes. A fixed size lets Whoosh keep a block's values as
one string: reading a block then costs a thirtieth of Whoosh's Positions
format, whose pickled list of byte strings per block dominated every query
(measured at 10,000 documents: 8.5 ms against 0.3 ms for one common term).

The first position is all a phrase needs: when every part of a phrase occurs
once in a passage, their first positions tell whether they follow each other;
when a part occurs more often, and the first positions do not line up, the
passage's stored text decides (engine.py). A passage never holds more than
MAX_POSITION words (passages are cut at 3,000 characters).

Values reach the format already analysed (prepare.py): a list of terms, whose
positions are their places in the list, or a list of (term, position) pairs
(the grams field). A plain string is analysed with the field's analyzer.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator
from typing import Any

from whoosh import formats

MAX_POSITION = 0xFFFF
VALUE_SIZE = 2
_SWAP = sys.byteorder == "big"


def encode(position: int) -> bytes:
    """A first position as two little-endian bytes."""
    return min(position, MAX_POSITION).to_bytes(VALUE_SIZE, "little")


def decode(values: bytes) -> array[int]:
    """The first positions a block's joined values hold, in posting order."""
    positions = array("H")
    positions.frombytes(values)
    if _SWAP:
        positions.byteswap()
    return positions


class FirstPosition(formats.Format):  # type: ignore[misc]
    """Frequency (as the weight) and first position of each term, from analysed values."""

    posting_size = VALUE_SIZE

    def word_values(
        self, value: Any, analyzer: Any, **kwargs: Any
    ) -> Iterator[tuple[str, int, float, bytes]]:
        """(term, frequency, weight, encoded first position) for each distinct term."""
        first: dict[str, int] = {}
        counts: dict[str, int] = {}
        if isinstance(value, str):
            kwargs["positions"] = True
            pairs: Any = ((token.text, token.pos) for token in analyzer(value, **kwargs))
        elif value and isinstance(value[0], tuple):
            pairs = value
        else:
            pairs = ((term, position) for position, term in enumerate(value))
        for term, position in pairs:
            if term in counts:
                counts[term] += 1
            else:
                counts[term] = 1
                first[term] = position
        boost = self.field_boost
        for term, count in counts.items():
            yield term, count, count * boost, encode(first[term])

    def decode_frequency(self, value: bytes) -> int:
        """Not stored in the value: the weight holds it. One, for Whoosh's own readers."""
        return 1

    def decode_weight(self, value: bytes) -> float:
        """Not stored in the value (see decode_frequency)."""
        return float(self.field_boost)

    def decode_positions(self, value: bytes) -> list[int]:
        """The first position only."""
        return [int.from_bytes(value, "little")]

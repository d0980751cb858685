"""Reading Whoosh's postings a block at a time, and the figures BM25 scores them with.

This module and store.py are the only places that know Whoosh's on-disk
internals (its W3 codec: blocks of up to 128 postings, each a compressed
pickle of delta-coded ids, weights and values; one length byte per document
and field). pyproject.toml pins the Whoosh version they were written for, and
store.py rebuilds an index made by any other.

Reading a block whole and scoring it with a comprehension costs a fraction of
Whoosh's matcher, which makes several Python calls per posting; a block none
of whose ids can match is skipped without being decompressed.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

from spacereader.core.search.schema import KIND_RECORD

# BM25's term-frequency saturation and length normalisation.
K1 = 1.2
B = 0.75
# Ids, weights (None: every posting has weight 1), the values joined (None when not kept).
Block = tuple[list[int], Any, bytes | None]


@dataclass
class Statistics:
    """Library-wide figures of one searcher: idf per term, length norms per field."""

    searcher: Any

    def __post_init__(self) -> None:
        reader = self.searcher.reader()
        self.documents = max(1, int(reader.doc_count()))
        records = int(reader.doc_frequency("kind", KIND_RECORD))
        self.passages = max(1, self.documents - records)
        self._idf: dict[tuple[str, str], float] = {}
        self._norms: dict[str, list[float]] = {}

    def idf(self, field: str, term: str) -> float:
        """BM25's inverse document frequency of a term (never negative)."""
        key = (field, term)
        found = self._idf.get(key)
        if found is None:
            frequency = int(self.searcher.doc_frequency(field, term))
            found = math.log(1.0 + (self.documents - frequency + 0.5) / (frequency + 0.5))
            self._idf[key] = found
        return found

    def norms(self, field: str) -> list[float]:
        """K1 · (1 − B + B · length / average length), for each of the 256 length bytes."""
        found = self._norms.get(field)
        if found is None:
            average = max(1.0, float(self.searcher.field_length(field)) / self.passages)
            found = [K1 * (1.0 - B + B * byte_to_length(code) / average) for code in range(256)]
            self._norms[field] = found
        return found


class Segment:
    """One segment of the index: its docnum offset, deletions and field lengths."""

    def __init__(self, reader: Any, offset: int) -> None:
        self.reader = reader
        self.offset = offset
        self.size = int(reader.doc_count_all())
        self.deleted: frozenset[int] = frozenset(reader.deleted_docs_set)
        self._lengths: dict[str, bytes] = {}

    def lengths(self, field: str) -> bytes:
        """Every document's length byte for a field, read in one go."""
        found = self._lengths.get(field)
        if found is None:
            column = self.reader._perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
            found = b""
            if column is not None:
                found = column._dbfile.get(column._basepos, column._count)
            found += bytes(max(0, self.size - len(found)))
            self._lengths[field] = found
        return found

    def frequency(self, field: str, term: str) -> int:
        """How many of this segment's documents hold the term."""
        try:
            return int(self.reader.doc_frequency(field, term))
        except (KeyError, ValueError):
            return 0

    def matcher(self, field: str, term: str) -> Any:
        """The term's raw postings in this segment (deletions not applied), or None."""
        if (field, term) not in self.reader:
            return None
        matcher = self.reader.postings(field, term)
        while isinstance(matcher, FilterMatcher):
            matcher = matcher.child
        return matcher


def blocks(
    matcher: Any, within: list[int] | None, keep_values: bool, expired: Any
) -> Iterator[Block]:
    """The postings' blocks, skipping blocks with no id in `within` (sorted) if given.

    Stops early when `expired()` turns true (it is asked before each block).
    """
    if not isinstance(matcher, W3LeafMatcher):
        yield _generic_block(matcher, keep_values)
        return
    cursor = 0
    previous_max = -1
    while matcher.is_active():
        if expired():
            return
        block_max = matcher._maxid
        if within is not None:
            cursor = bisect.bisect_right(within, previous_max, cursor)
            if cursor == len(within):
                return
            if within[cursor] > block_max:
                previous_max = block_max
                matcher._next_block()
                continue
        if matcher._data is None:
            matcher._read_data()
        deltas, weights, values = matcher._data
        if isinstance(weights, float) and weights == 1.0:
            weights = None
        yield list(accumulate(deltas)), weights, values if keep_values else None
        previous_max = block_max
        matcher._next_block()


def _generic_block(matcher: Any, keep_values: bool) -> Block:
    """All postings of a matcher that is not a W3 block reader, as one block."""
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if keep_values:
            values.append(matcher.value())
        matcher.next()
    return ids, tuple(weights), b"".join(values) if keep_values else None

"""Whoosh's index writer, made cheaper where this index does not need what it pays for.

Two parts of Whoosh 2.7's writer cost a build more than the indexing itself
(measured on 2,500 benchmark documents in one process, 47 s of CPU):

- its posting pool pickles every posting on its own when the pool spills to
  disk, and unpickles it to merge (12 s), and weighs every posting it is
  given (3 s): this pool spills in batches with marshal, and counts postings;
- its codec looks up each posting's field length for per-block statistics
  that the search engine here never reads (a tenth of a build), and compresses
  each block, most of which hold one or two postings (another tenth, for an
  index 8% smaller).

Like segments.py, this relies on the pinned Whoosh version's internals.
"""

from __future__ import annotations

import marshal
import struct
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import PostingPool, SegmentWriter

# Postings per marshalled batch of a spilled run.
BATCH = 20_000
# What one posting tuple takes in memory, roughly (bytes), to honour limitmb.
POSTING_BYTES = 220
_SIZE = struct.Struct("<Q")


class SpaceCodec(W3Codec):  # type: ignore[misc]
    """Whoosh's codec without per-posting length statistics or block compression."""

    length_stats = False

    def __init__(self) -> None:
        super().__init__(compression=0)


class SpacePool(PostingPool):  # type: ignore[misc]
    """A posting pool that counts its postings and spills them in marshalled batches."""

    def __init__(self, tempstore: Any, segment: Any, limitmb: int = 128, **kwargs: Any) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self.capacity = max(BATCH, self.limit // POSTING_BYTES)

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """Add one posting (fieldname, term bytes, docnum, weight, value)."""
        self.fieldnames.add(item[0])
        current = self.current
        current.append(item)
        if len(current) >= self.capacity:
            self.save()

    def _write_run(self, stream: Any, items: Iterable[Any]) -> None:
        batch: list[Any] = []
        for item in items:
            batch.append(item)
            if len(batch) == BATCH:
                _write_batch(stream, batch)
                batch = []
        if batch:
            _write_batch(stream, batch)
        stream.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        stream = self._open_run(path)
        try:
            while size := stream.read(_SIZE.size):
                yield from marshal.loads(stream.read(_SIZE.unpack(size)[0]))
        finally:
            stream.close()
            self._remove_run(path)


def _write_batch(stream: Any, batch: list[Any]) -> None:
    # Length first: marshal.load() on a file reads object by object, a call each.
    data = marshal.dumps(batch)
    stream.write(_SIZE.pack(len(data)))
    stream.write(data)


def _with_pool(writer: Any, limitmb: int) -> Any:
    # Whoosh 2.7 accepts a pool class and ignores it: the pool is swapped in
    # before anything is added.
    writer.pool = SpacePool(writer._tempstorage, writer.newsegment, limitmb=limitmb)
    return writer


def open_writer(index: Any, *, limitmb: int = 128, timeout: float = 0.0) -> Any:
    """A writer that commits to the index (waits up to `timeout` for its lock).

    Segments are separate files, not one compound file: Whoosh copies each part
    of a compound file into memory when a searcher opens it (measured at 10,000
    documents: search process peak RSS 199 → 48 MB, first search 230 → 130 ms).
    """
    writer = index.writer(timeout=timeout, limitmb=limitmb, codec=SpaceCodec(), compound=False)
    return _with_pool(writer, limitmb)


def chunk_writer(index: Any, *, limitmb: int) -> Any:
    """A writer for one chunk of a parallel build, which never takes the index's lock."""
    writer = SegmentWriter(index, _lk=False, limitmb=limitmb, codec=SpaceCodec(), compound=False)
    return _with_pool(writer, limitmb)

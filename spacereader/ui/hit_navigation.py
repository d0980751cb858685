"""Stepping through search hits in display order, across documents (F3 / Shift+F3).

Pure Python: the navigator holds the hits of the current result and which one
is current; it wraps at both ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

HitT = TypeVar("HitT")


class HitNavigator(Generic[HitT]):
    """The current hit among a result's hits."""

    def __init__(self) -> None:
        self._hits: list[HitT] = []
        self._index = -1

    def set_hits(self, hits: Sequence[HitT]) -> None:
        """A new result: no hit is current until the user moves."""
        self._hits = list(hits)
        self._index = -1

    @property
    def hits(self) -> tuple[HitT, ...]:
        """Every hit, in display order."""
        return tuple(self._hits)

    def current(self) -> HitT | None:
        """The current hit, if any."""
        return self._hits[self._index] if 0 <= self._index < len(self._hits) else None

    def go_to(self, index: int) -> HitT | None:
        """Make hit `index` current."""
        if not self._hits:
            return None
        self._index = index % len(self._hits)
        return self._hits[self._index]

    def select(self, hit: HitT) -> None:
        """Make a given hit current (the user clicked it)."""
        if hit in self._hits:
            self._index = self._hits.index(hit)

    def next(self) -> HitT | None:
        """The following hit, wrapping to the first."""
        return self.go_to(self._index + 1)

    def previous(self) -> HitT | None:
        """The preceding hit, wrapping to the last."""
        return self.go_to(self._index - 1 if self._index >= 0 else -1)

    def position(self) -> tuple[int, int]:
        """(n, N): the current hit's 1-based number and the number of hits."""
        return self._index + 1, len(self._hits)

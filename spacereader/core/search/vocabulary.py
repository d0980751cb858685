"""The words the library uses, as written (folded, not stemmed), with their document counts.

The index holds stems only. This list lets a wildcard expand over real words
("internat*" → international) and lets "Did you mean" offer a word a reader
knows ("Mars", not the stem "mar"). It only grows between rebuilds: a word
whose documents were removed is checked against the index before it is used.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

MIN_WORD_CHARS = 3


def suggestible(words: Iterable[str]) -> set[str]:
    """The words worth offering as corrections: letters only, three or more."""
    return {word for word in words if len(word) >= MIN_WORD_CHARS and word.isalpha()}


class Vocabulary:
    """Sorted words with document counts: prefix and near-spelling lookups."""

    def __init__(self, counts: Mapping[str, int] | None = None) -> None:
        self.counts: Counter[str] = Counter(counts or {})
        self._sorted: list[str] | None = None
        self._by_initial: dict[str, list[str]] | None = None

    def __len__(self) -> int:
        return len(self.counts)

    def add_document(self, words: Iterable[str]) -> None:
        """Count one document's distinct words."""
        self.counts.update(words)
        self._sorted = None
        self._by_initial = None

    def add_counts(self, counts: Mapping[str, int]) -> None:
        """Add another vocabulary's counts (a build chunk's)."""
        self.counts.update(counts)
        self._sorted = None
        self._by_initial = None

    def _words(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.counts)
        return self._sorted

    def with_prefix(self, prefix: str, limit: int) -> list[str]:
        """The most used words starting with `prefix`."""
        words = self._words()
        index = bisect.bisect_left(words, prefix)
        found: list[str] = []
        while index < len(words) and words[index].startswith(prefix):
            found.append(words[index])
            index += 1
        found.sort(key=lambda word: -self.counts[word])
        return found[:limit]

    def near(self, word: str, max_distance: int, limit: int = 10) -> list[tuple[str, int]]:
        """Words within `max_distance` edits of `word` (same first letter), nearest and most
        used first; `word` itself is left out."""
        if not word:
            return []
        if self._by_initial is None:
            by_initial: dict[str, list[str]] = {}
            for known in self._words():
                by_initial.setdefault(known[0], []).append(known)
            self._by_initial = by_initial
        choices = self._by_initial.get(word[0], [])
        matches = process.extract(
            word,
            choices,
            scorer=Levenshtein.distance,
            score_cutoff=max_distance,
            limit=max(limit * 5, 50),
        )
        near = [(choice, int(distance)) for choice, distance, _ in matches if choice != word]
        near.sort(key=lambda item: (item[1], -self.counts[item[0]], item[0]))
        return near[:limit]

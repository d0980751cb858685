"""Common grams: adjacent pairs of frequent terms, indexed as terms of their own.

A phrase made of frequent words ("international lunar research station", the
expansion behind "ILRS") would need the positions of thousands of passages
checked. Each pair of adjacent terms that are both frequent is also indexed as
one term of the grams field ("lunar research"), at the position of its first
word. A two-word phrase of frequent words is then one term lookup; a longer
one is an AND of its grams, checked by the grams' positions, which are few.

A pair with a less frequent word gets no gram, and needs none: that word's
postings are short, so the phrase's candidates are few and their positions
are cheap to check.

The frequent terms are learned from a sample of the library when a build
starts, and stored with the build: every document of that build, and every
query on it, uses the same set. A build learned from a library too small to
tell is rebuilt once the library has grown tenfold (see needs_relearning).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

# A term in at least this share of the sampled passages is frequent. Measured on
# the benchmark library: 2% makes ~250 terms frequent, whose grams add 22% to
# the postings (1%: 555 terms, 32%), and every word of the headline programs'
# long names is among them.
FREQUENT_SHARE = 0.02
# Documents read to learn the frequent terms (spread over the library).
SAMPLE_DOCUMENTS = 300
# Below this many sampled passages, shares mean little: no grams.
MIN_SAMPLE_PASSAGES = 1000
# A build is rebuilt (and its set learned again) once the library holds at
# least RELEARN_LIBRARY documents and RELEARN_GROWTH times as many as the set
# was learned from: at most a few times in a library's life.
RELEARN_LIBRARY = 1000
RELEARN_GROWTH = 10
SEPARATOR = " "  # terms never hold a space


@dataclass(frozen=True)
class FrequentTerms:
    """The frequent terms of a build, and the size of the library they were learned from."""

    terms: frozenset[str] = frozenset()
    learned_from: int = 0

    def gram(self, first: str, second: str) -> str | None:
        """The gram of two adjacent terms, or None if they do not form one."""
        if first in self.terms and second in self.terms:
            return first + SEPARATOR + second
        return None

    def grams(self, terms: Sequence[str]) -> list[tuple[str, int]]:
        """(gram, position) for each adjacent pair of frequent terms of a passage."""
        frequent = self.terms
        if not frequent:
            return []
        return [
            (first + SEPARATOR + second, position)
            for position, (first, second) in enumerate(pairwise(terms))
            if first in frequent and second in frequent
        ]

    def needs_relearning(self, library_documents: int) -> bool:
        """Whether the set came from a library much too small for this one."""
        return (
            library_documents >= RELEARN_LIBRARY
            and library_documents >= RELEARN_GROWTH * self.learned_from
        )


def sample_indexes(count: int, size: int = SAMPLE_DOCUMENTS) -> list[int]:
    """Up to `size` indexes spread evenly over `count` documents."""
    if count <= size:
        return list(range(count))
    return [number * count // size for number in range(size)]


def learn(passages: Iterable[Sequence[str]], documents: int) -> FrequentTerms:
    """The frequent terms of sampled passages (term lists) of a library of `documents`."""
    counts: Counter[str] = Counter()
    total = 0
    for terms in passages:
        counts.update(set(terms))
        total += 1
    if total < MIN_SAMPLE_PASSAGES:
        return FrequentTerms(frozenset(), documents)
    floor = FREQUENT_SHARE * total
    return FrequentTerms(
        frozenset(term for term, count in counts.items() if count >= floor), documents
    )


def to_json(frequent: FrequentTerms) -> dict[str, object]:
    """What grams.json holds."""
    return {"terms": sorted(frequent.terms), "learned_from": frequent.learned_from}


def from_json(raw: object) -> FrequentTerms | None:
    """The set grams.json held, or None if it is missing or malformed."""
    if not isinstance(raw, dict):
        return None
    terms = raw.get("terms")
    learned_from = raw.get("learned_from")
    if not isinstance(terms, list) or not isinstance(learned_from, int):
        return None
    return FrequentTerms(frozenset(str(term) for term in terms), learned_from)

"""Running a compiled query on one segment: exact matches, BM25 scores, one pass.

Each node of the query (Whoosh's query classes, as query.py builds them)
becomes a map of matching docnums to scores. An AND starts from its rarest
part and reads the others only where it can still match, skipping whole
blocks; its size is the count of what matched, so a total is exact and costs
nothing more. Phrases use the grams of their frequent words (grams.py) and
are checked by positions, so only passages that really hold the phrase count.

The clock is read before every block and every few phrase checks: past the
deadline, each node answers with what it has found and the run is marked
partial.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any

from whoosh import query as wq

from spacereader.core.search.analysis import terms
from spacereader.core.search.grams import FrequentTerms
from spacereader.core.search.positions import decode
from spacereader.core.search.schema import DEFAULT_FIELD, GRAM_FIELD, KIND_RECORD
from spacereader.core.search.segments import K1, Block, Segment, Statistics, blocks

Scores = dict[int, float]
# Phrase candidates checked against their text between two looks at the clock.
CHECK_EVERY = 32


class Run:
    """One query on one segment, within a deadline."""

    def __init__(
        self, statistics: Statistics, segment: Segment, frequent: FrequentTerms, deadline: float
    ) -> None:
        self.statistics = statistics
        self.segment = segment
        self.frequent = frequent
        self.deadline = deadline
        self.partial = False

    def expired(self) -> bool:
        """True once the deadline has passed (and from then on)."""
        if not self.partial and time.monotonic() > self.deadline:
            self.partial = True
        return self.partial

    # -- nodes -------------------------------------------------------------

    def evaluate(self, node: Any, within: list[int] | None = None) -> Scores:
        """The docnums (of `within`, if given) the node matches, with their scores."""
        if isinstance(node, wq.Term):
            return self.term(node.fieldname, node.text, within)[0]
        if isinstance(node, wq.Phrase):
            return self.phrase(node.fieldname, list(node.words), within)
        if isinstance(node, wq.And):
            return self._all(list(node.subqueries), within)
        if isinstance(node, wq.Or):
            return self._any(list(node.subqueries), within)
        if isinstance(node, wq.AndNot):
            return self._all([node.a, wq.Not(node.b)], within)
        if isinstance(node, wq.Require):
            kept = self.evaluate(node.a, within)
            required = self.evaluate(node.b, sorted(kept)) if kept else {}
            return {docnum: score for docnum, score in kept.items() if docnum in required}
        if isinstance(node, wq.AndMaybe):
            kept = self.evaluate(node.a, within)
            optional = self.evaluate(node.b, sorted(kept)) if kept else {}
            return {docnum: score + optional.get(docnum, 0.0) for docnum, score in kept.items()}
        if isinstance(node, wq.Not):
            return self._all([wq.Every(), node], within)
        if isinstance(node, wq.Every):
            return dict.fromkeys(self._passages(within), 0.0)
        return {}

    def _all(self, children: list[Any], within: list[int] | None) -> Scores:
        positives = [child for child in children if not isinstance(child, wq.Not)]
        negatives = [child.query for child in children if isinstance(child, wq.Not)]
        if not positives:
            positives = [wq.Every()]
        positives.sort(key=self.estimate)
        found = self.evaluate(positives[0], within)
        for child in positives[1:]:
            if not found:
                return found
            found = _summed(found, self.evaluate(child, sorted(found)), union=False)
        for child in negatives:
            if not found:
                break
            excluded = self.evaluate(child, sorted(found))
            found = {docnum: score for docnum, score in found.items() if docnum not in excluded}
        return found

    def _any(self, children: list[Any], within: list[int] | None) -> Scores:
        found: Scores = {}
        for child in children:
            node = wq.And([wq.Every(), child]) if isinstance(child, wq.Not) else child
            found = _summed(found, self.evaluate(node, within), union=True)
        return found

    def estimate(self, node: Any) -> float:
        """How many documents a node may match, to read the rarest part of an AND first."""
        if isinstance(node, wq.Term):
            return self.segment.frequency(node.fieldname, node.text)
        if isinstance(node, wq.Phrase):
            return min((self.segment.frequency(node.fieldname, w) for w in node.words), default=0)
        if isinstance(node, (wq.And, wq.Require)):
            return min((self.estimate(child) for child in node.children()), default=0)
        if isinstance(node, wq.Or):
            return sum(self.estimate(child) for child in node.subqueries)
        if isinstance(node, (wq.AndNot, wq.AndMaybe)):
            return self.estimate(node.a)
        return float(self.segment.size)

    def _passages(self, within: list[int] | None) -> list[int]:
        """Every live passage (of `within`): what a NOT leaves words out of."""
        records = self.term("kind", KIND_RECORD, within, scored=False)[0]
        deleted = self.segment.deleted
        candidates = within if within is not None else range(self.segment.size)
        return [docnum for docnum in candidates if docnum not in records and docnum not in deleted]

    # -- terms -------------------------------------------------------------

    def term(
        self,
        field: str,
        text: str,
        within: list[int] | None,
        keep_places: bool = False,
        scored: bool = True,
    ) -> tuple[Scores, Places]:
        """A term's documents with BM25 scores (and where it first sits, if asked)."""
        segment = self.segment
        places = Places()
        matcher = segment.matcher(field, text)
        if matcher is None:
            return {}, places
        idf = self.statistics.idf(field, text) if scored else 0.0
        top = idf * (K1 + 1.0)
        norms = self.statistics.norms(field) if scored else []
        lengths = segment.lengths(field) if scored else b""
        single = [top / (1.0 + norm) for norm in norms]  # the score of a weight of 1
        allowed = set(within) if within is not None else None
        deleted = segment.deleted
        scores: Scores = {}
        for block in blocks(matcher, within, keep_places, self.expired):
            ids, weights, firsts = _kept(block, allowed, deleted)
            if not scored:
                scores.update(dict.fromkeys(ids, 0.0))
            elif weights is None:
                scores.update({docnum: single[lengths[docnum]] for docnum in ids})
            else:
                scores.update(
                    {
                        docnum: top * weight / (weight + norms[lengths[docnum]])
                        for docnum, weight in zip(ids, weights, strict=True)
                    }
                )
            if firsts is not None:
                places.first.update(zip(ids, firsts, strict=True))
                if weights is not None:
                    places.repeated.update(
                        docnum for docnum, weight in zip(ids, weights, strict=True) if weight > 1.0
                    )
        return scores, places

    # -- phrases -------------------------------------------------------------

    def phrase(self, field: str, words: list[str], within: list[int] | None) -> Scores:
        """The documents holding the words in a row, scored as the sum of their parts."""
        if not words:
            return {}
        if len(words) == 1:
            return self.term(field, words[0], within)[0]
        grams = [
            self.frequent.gram(first, second) if field == DEFAULT_FIELD else None
            for first, second in pairwise(words)
        ]
        if all(grams):
            chain = [str(gram) for gram in grams]
            if len(chain) == 1:  # two frequent words: one term, nothing to check
                return self.term(GRAM_FIELD, chain[0], within)[0]
            offsets = _covering(len(chain))
            found, places = self._intersect([(GRAM_FIELD, chain[i]) for i in offsets], within)
            if not found:
                return found
            return self._in_a_row(
                found, field, words, [(places[(GRAM_FIELD, chain[i])], i) for i in offsets]
            )
        covered = {index + step for index, gram in enumerate(grams) if gram for step in (0, 1)}
        parts = [(GRAM_FIELD, str(gram)) for gram in grams if gram]
        parts += [(field, word) for index, word in enumerate(words) if index not in covered]
        found, _ = self._intersect(parts, within)
        if not found:
            return found
        candidates = sorted(found)
        by_word = {
            word: self.term(field, word, candidates, keep_places=True, scored=False)[1]
            for word in set(words)
        }
        return self._in_a_row(
            found, field, words, [(by_word[word], index) for index, word in enumerate(words)]
        )

    def _intersect(
        self, parts: Iterable[tuple[str, str]], within: list[int] | None
    ) -> tuple[Scores, dict[tuple[str, str], Places]]:
        """The documents holding every part, scores summed, each part's places kept."""
        ordered = sorted(set(parts), key=lambda part: self.segment.frequency(*part))
        found: Scores = {}
        places: dict[tuple[str, str], Places] = {}
        for number, (field, text) in enumerate(ordered):
            scope = within if number == 0 else sorted(found)
            scores, places[(field, text)] = self.term(field, text, scope, keep_places=True)
            found = scores if number == 0 else _summed(found, scores, union=False)
            if not found:
                break
        return found, places

    def _in_a_row(
        self,
        found: Scores,
        field: str,
        words: list[str],
        places: list[tuple[Places, int]],
    ) -> Scores:
        """The documents where each part sits at p + its offset, for one p.

        First positions decide when they line up, or when no part repeats in the
        document; otherwise its stored text does.
        """
        if self.expired():
            return {}
        docnums = list(found)
        (first, start), *rest = places
        base = [first.first.get(docnum, -1) - start for docnum in docnums]
        same = [True] * len(docnums)
        for place, offset in rest:
            column = [place.first.get(docnum, -1) - offset for docnum in docnums]
            same = [s and a == b for s, a, b in zip(same, base, column, strict=True)]
        kept = {docnum: found[docnum] for docnum, s in zip(docnums, same, strict=True) if s}
        repeated = set().union(*(place.repeated for place, _ in places))
        unsure = (
            [d for d, s in zip(docnums, same, strict=True) if not s and d in repeated]
            if repeated
            else []
        )
        for number, docnum in enumerate(unsure):
            if number % CHECK_EVERY == 0 and self.expired():
                break
            if self._text_holds(docnum, field, words):
                kept[docnum] = found[docnum]
        return kept

    def _text_holds(self, docnum: int, field: str, words: list[str]) -> bool:
        """Whether a document's stored text has the words in a row."""
        stored = self.segment.reader.stored_fields(docnum)
        source = {DEFAULT_FIELD: "text", "title": "title_text"}.get(field)
        if source is None:
            return True  # the field's text is not stored (program names): both words are there
        found = terms(str(stored.get(source, "")), str(stored.get("lang", "") or ""))
        size = len(words)
        return any(
            found[index : index + size] == words
            for index in range(len(found) - size + 1)
            if found[index] == words[0]
        )


def _covering(grams: int) -> list[int]:
    """Which of a phrase's grams (pairs 0…grams-1) to look up: every other one and
    the last, which still cover every word once their positions line up ("a b c d e"
    is "a b" at p, "c d" at p + 2, "d e" at p + 3)."""
    offsets = list(range(0, grams, 2))
    if offsets[-1] != grams - 1:
        offsets.append(grams - 1)
    return offsets


def _kept(
    block: Block, allowed: set[int] | None, deleted: frozenset[int]
) -> tuple[list[int], Sequence[float] | None, Sequence[int] | None]:
    """A block's ids, weights and first positions, less those not allowed or deleted."""
    ids, weights, values = block
    firsts: Sequence[int] | None = decode(values) if values is not None else None
    if isinstance(weights, float):
        weights = [weights] * len(ids)
    if allowed is None and not deleted:
        return ids, weights, firsts
    picks = [
        index
        for index, docnum in enumerate(ids)
        if (allowed is None or docnum in allowed) and docnum not in deleted
    ]
    if len(picks) == len(ids):
        return ids, weights, firsts
    return (
        [ids[index] for index in picks],
        [weights[index] for index in picks] if weights is not None else None,
        [firsts[index] for index in picks] if firsts is not None else None,
    )


class Places:
    """Where a term first sits in each document, and the documents holding it more than once."""

    __slots__ = ("first", "repeated")

    def __init__(self) -> None:
        self.first: dict[int, int] = {}
        self.repeated: set[int] = set()


def _summed(first: Scores, second: Scores, *, union: bool) -> Scores:
    """Union (or intersection) of two score maps, scores added where both match."""
    if union:
        if len(first) < len(second):
            first, second = second, first
        merged = dict(first)
        for docnum, score in second.items():
            merged[docnum] = merged.get(docnum, 0.0) + score
        return merged
    if len(second) < len(first):
        return {
            docnum: first[docnum] + score for docnum, score in second.items() if docnum in first
        }
    return {docnum: score + second[docnum] for docnum, score in first.items() if docnum in second}

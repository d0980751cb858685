"""One reading of a parsed query in one language: surfaces to terms, made generous and safe.

The parser leaves folded words ("surfaces") in the tree; a Rewriter turns each
into the term its language's analysis gives (a stop word disappears), and:

- a wildcard needs a 3-character prefix and expands to at most 20 terms;
  a bare `*` matches nothing, never everything;
- an acronym also searches its expansions, and an expansion its acronym;
- a term that matches nothing is retried fuzzily, with a "Did you mean";
- only whitelisted fields are searched.

It collects what to mark in the text and what was misspelled on the way.
"""

from __future__ import annotations

import fnmatch
import itertools
import re
import time
from collections.abc import Callable, Sequence
from typing import Any

from whoosh import query as wq

from spacereader.core.search.acronym_table import AcronymTable
from spacereader.core.search.analysis import fold, stem, term_of
from spacereader.core.search.highlight import HighlightSpec
from spacereader.core.search.schema import QUERY_FIELDS
from spacereader.core.search.vocabulary import Vocabulary

MIN_WILDCARD_PREFIX = 3
MAX_WILDCARD_TERMS = 20
# Lexicon terms a wildcard may look at before it stops (bounds its cost).
MAX_WILDCARD_SCAN = 5000
MAX_FUZZY_TERMS = 4
MIN_FUZZY_CHARS = 3
_WILDCARD_CHARS = re.compile(r"[*?]")


class Rewriter:
    """One pass over a parsed query, in one language."""

    def __init__(
        self,
        reader: Any,
        acronyms: AcronymTable,
        vocabulary: Callable[[], Vocabulary],
        deadline: float,
        language: str,
        *,
        languages: Sequence[str] = (),
    ) -> None:
        self.reader = reader
        self.acronyms = acronyms
        self.vocabulary = vocabulary
        self.deadline = deadline
        self.language = language
        # Every language the query is read in (this one among them).
        self.languages = tuple(languages) or (language,)
        self.terms: set[str] = set()
        self.phrases: list[tuple[str, ...]] = []
        self.prefixes: list[str] = []
        self.corrections: dict[str, str] = {}
        self.positives = 0
        self.negatives = 0

    def highlight(self) -> HighlightSpec:
        """What this reading marks in a text."""
        return HighlightSpec(frozenset(self.terms), tuple(self.phrases), tuple(self.prefixes))

    def _in_time(self) -> bool:
        return time.monotonic() < self.deadline

    def _term_of(self, surface: str) -> str | None:
        return term_of(surface, self.language)

    def _known(self, field: str, surface: str) -> bool:
        """Whether the word matches something as typed, read in any of the languages:
        only a word that matches nothing is retried fuzzily (or corrected)."""
        for language in self.languages:
            term = term_of(surface, language)
            if term is not None and self.reader.doc_frequency(field, term) > 0:
                return True
        return False

    def rewrite(self, node: Any, negated: bool = False) -> Any:
        """The rewritten node, or None when it can match nothing."""
        if isinstance(node, (wq.Prefix, wq.Wildcard)):
            return self._wildcard(node, negated)
        if isinstance(node, wq.Phrase):
            return self._phrase(node.fieldname, tuple(node.words), negated)
        if isinstance(node, wq.Term):
            return self._term(node.fieldname, node.text, negated)
        if isinstance(node, wq.Not):
            inner = self.rewrite(node.query, not negated)
            return None if inner is None else wq.Not(inner)
        if isinstance(node, wq.AndNot):
            positive = self.rewrite(node.a, negated)
            negative = self.rewrite(node.b, not negated)
            if positive is None or negative is None:
                return positive
            return wq.AndNot(positive, negative)
        if isinstance(node, wq.BinaryQuery):
            first = self.rewrite(node.a, negated)
            second = self.rewrite(node.b, negated)
            if first is None or second is None:
                return first if second is None else second
            return type(node)(first, second)
        if isinstance(node, (wq.And, wq.Or)):
            children = (
                self._with_expansion_runs(list(node.subqueries), negated)
                if isinstance(node, wq.And)
                else [self.rewrite(child, negated) for child in node.subqueries]
            )
            kept = [child for child in children if child is not None]
            if not kept:
                return None
            return kept[0] if len(kept) == 1 else type(node)(kept)
        # Every (a bare `*`), ranges and anything else: never match everything.
        return None

    # -- leaves ------------------------------------------------------------

    def _term(self, field: str, surface: str, negated: bool) -> Any:
        if field not in QUERY_FIELDS or not surface:
            return None
        term = self._term_of(surface)
        if term is None:
            return None
        if negated:
            self.negatives += 1
            return wq.Term(field, term)
        self.positives += 1
        self.terms.add(term)
        alternatives = [wq.Term(field, term)]
        for expansion in self.acronyms.expansions.get(term, ()):
            self.phrases.append(expansion)
            alternatives.append(wq.Phrase(field, list(expansion)))
        if len(alternatives) == 1 and self._in_time() and not self._known(field, surface):
            alternatives = self._fuzzy(field, surface, term) or alternatives
        return alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)

    def _phrase(self, field: str, surfaces: tuple[str, ...], negated: bool) -> Any:
        if field not in QUERY_FIELDS:
            return None
        words = tuple(term for term in map(self._term_of, surfaces) if term is not None)
        if not words:
            return None
        if len(words) == 1:
            return self._term(field, next(s for s in surfaces if self._term_of(s)), negated)
        if negated:
            self.negatives += 1
            return wq.Phrase(field, list(words))
        self.positives += 1
        self.phrases.append(words)
        alternatives = [wq.Phrase(field, list(words))]
        for acronym in self.acronyms.acronyms.get(words, ()):
            self.terms.add(acronym)
            alternatives.append(wq.Term(field, acronym))
        return alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)

    def _wildcard(self, node: Any, negated: bool) -> Any:
        field = node.fieldname
        pattern = fold(node.text) + ("*" if isinstance(node, wq.Prefix) else "")
        prefix = _WILDCARD_CHARS.split(pattern, maxsplit=1)[0]
        if field not in QUERY_FIELDS or len(prefix) < MIN_WILDCARD_PREFIX or not prefix.isalnum():
            return None
        trailing = pattern == prefix + "*"
        matcher = re.compile(fnmatch.translate(pattern))
        candidates: dict[str, int] = {}
        # Real words first (the vocabulary), then stems in the index's lexicon.
        vocabulary = self.vocabulary()
        for word in vocabulary.with_prefix(prefix, MAX_WILDCARD_SCAN):
            if matcher.match(word):
                candidates.setdefault(stem(word, self.language), vocabulary.counts[word])
        for raw in itertools.islice(self.reader.expand_prefix(field, prefix), MAX_WILDCARD_SCAN):
            if not self._in_time():
                break
            term = lexicon_text(raw)
            if matcher.match(term) and term not in candidates:
                candidates[term] = self.reader.doc_frequency(field, term)
        chosen = sorted(candidates, key=lambda term: -candidates[term])[:MAX_WILDCARD_TERMS]
        chosen = [term for term in chosen if self.reader.doc_frequency(field, term) > 0]
        if not chosen:
            return None
        if negated:
            self.negatives += 1
        else:
            self.positives += 1
            if trailing:
                self.prefixes.append(prefix)
            else:
                self.terms.update(chosen)
        terms = [wq.Term(field, term) for term in chosen]
        return terms[0] if len(terms) == 1 else wq.Or(terms)

    def _fuzzy(self, field: str, word: str, term: str) -> list[Any]:
        """Terms near a term that matches nothing; remembers the best as a correction."""
        if len(word) < MIN_FUZZY_CHARS or not word.isalpha():
            return []
        distance = 1 if len(word) <= 5 else 2
        found: list[str] = []
        for candidate, _ in self.vocabulary().near(word, distance):
            candidate_term = stem(candidate, self.language)
            if candidate_term in found or self.reader.doc_frequency(field, candidate_term) == 0:
                continue
            if not found:
                self.corrections[word] = candidate
            found.append(candidate_term)
            if len(found) == MAX_FUZZY_TERMS:
                break
        if not found and not self.vocabulary():
            # No vocabulary (its file was lost): near stems in the lexicon instead.
            within = {
                lexicon_text(raw)
                for raw in self.reader.terms_within(field, term, distance, prefix=1)
            }
            found = sorted(within, key=lambda t: -self.reader.doc_frequency(field, t))
            found = found[:MAX_FUZZY_TERMS]
            if found:
                self.corrections[word] = found[0]
        self.terms.update(found)
        return [wq.Term(field, candidate_term) for candidate_term in found]

    # -- acronym expansions written out in a query -------------------------

    def _with_expansion_runs(self, children: list[Any], negated: bool) -> list[Any]:
        """Rewritten children; a run of terms spelling out an expansion also finds its acronym."""
        longest = self.acronyms.longest_expansion()
        result: list[Any] = []
        index = 0
        while index < len(children):
            run = self._expansion_run(children, index, longest) if not negated else None
            if run is None:
                result.append(self.rewrite(children[index], negated))
                index += 1
                continue
            length, acronyms = run
            field = children[index].fieldname
            written = [self.rewrite(child, negated) for child in children[index : index + length]]
            words = tuple(
                term
                for term in (self._term_of(c.text) for c in children[index : index + length])
                if term is not None
            )
            self.phrases.append(words)
            self.terms.update(acronyms)
            alternatives = [wq.And([w for w in written if w is not None])]
            alternatives += [wq.Term(field, acronym) for acronym in acronyms]
            result.append(wq.Or(alternatives))
            index += length
        return result

    def _expansion_run(
        self, children: list[Any], index: int, longest: int
    ) -> tuple[int, tuple[str, ...]] | None:
        first = children[index]
        if longest < 2 or type(first) is not wq.Term:
            return None
        # Stop words are not counted: "Belt and Road …" spells a five-term expansion.
        for length in range(min(2 * longest, len(children) - index), 1, -1):
            run = children[index : index + length]
            if not all(type(c) is wq.Term and c.fieldname == first.fieldname for c in run):
                continue
            words = tuple(t for t in (self._term_of(c.text) for c in run) if t is not None)
            if self._term_of(run[-1].text) is None:
                continue
            acronyms = self.acronyms.acronyms.get(words)
            if acronyms and len(words) >= 2:
                return length, acronyms
        return None


def lexicon_text(term: str | bytes) -> str:
    """A lexicon term as text (Whoosh yields bytes from some calls)."""
    return term.decode("utf-8") if isinstance(term, bytes) else term

"""From what a reader types to a Whoosh query that is safe, bounded and generous.

The pipeline: sanitise (cap length and word size, drop control characters) →
parse with Whoosh's syntax (AND/OR/NOT, "phrases", trailing wildcards,
field:term) → rewrite the tree:

- a wildcard needs a 3-character prefix and expands to at most 20 terms;
  a bare `*` matches nothing, never everything;
- an acronym also searches its expansions, and an expansion its acronym;
- a term that matches nothing is retried fuzzily, with a "Did you mean";
- only whitelisted fields are searched.

Anything the parser cannot take (deep nesting, parser errors, a query that is
only operators or only negations) is answered as plain words. compile_query
never raises for any input.
"""

from __future__ import annotations

import fnmatch
import itertools
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq
from whoosh.qparser import QueryParser, plugins

from spacereader.core.search.acronym_table import AcronymTable
from spacereader.core.search.analysis import fold, stem, word_tokens
from spacereader.core.search.highlight import HighlightSpec
from spacereader.core.search.schema import DEFAULT_FIELD, QUERY_FIELDS
from spacereader.core.search.vocabulary import Vocabulary

MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 32
MAX_WORD_CHARS = 64
MAX_GROUP_DEPTH = 8
MIN_WILDCARD_PREFIX = 3
MAX_WILDCARD_TERMS = 20
# Lexicon terms a wildcard may look at before it stops (bounds its cost).
MAX_WILDCARD_SCAN = 5000
MAX_FUZZY_TERMS = 4
# How far into a runaway query the plain-words fallback looks for words.
MAX_PLAIN_SCAN_CHARS = 100_000
MIN_FUZZY_CHARS = 3
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "REQUIRE"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_WILDCARD_CHARS = re.compile(r"[*?]")


@dataclass(frozen=True)
class CompiledQuery:
    """A query ready to run: the Whoosh query (None matches nothing) and what to mark."""

    text: str
    query: Any
    highlight: HighlightSpec
    suggestion: str | None


def _without_controls(text: str, limit: int = MAX_QUERY_CHARS * 4) -> str:
    return _CONTROL.sub(" ", unicodedata.normalize("NFC", text[:limit]))


def sanitize(text: str) -> str:
    """The query, NFC, without control characters, at most 32 words of 64 characters.

    Capping words keeps Whoosh's parser (quadratic in a token's length) fast.
    """
    words = [word[:MAX_WORD_CHARS] for word in _without_controls(text).split()[:MAX_QUERY_WORDS]]
    return " ".join(words)[:MAX_QUERY_CHARS]


def _group_depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(0, depth - 1)
    return deepest


def _parser(schema: Any) -> Any:
    # No ranges, boosts, single quotes ("China's") or `*:*`: only the syntax we document.
    return QueryParser(
        DEFAULT_FIELD,
        schema,
        plugins=[
            plugins.FieldsPlugin(),
            plugins.WildcardPlugin(),
            plugins.PhrasePlugin(),
            plugins.GroupPlugin(),
            plugins.OperatorsPlugin(),
        ],
    )


def _plain_words(text: str) -> Any:
    """The query's first words ANDed, operators and syntax ignored."""
    found: dict[str, None] = {}
    for token in word_tokens(text):
        if text[token.start : token.end] not in OPERATORS:
            found[token.term] = None
            if len(found) == MAX_QUERY_WORDS:
                break
    if not found:
        return None
    return wq.And([wq.Term(DEFAULT_FIELD, term) for term in found])


class _Rewriter:
    """One pass over a parsed query, collecting what to highlight and what was misspelled."""

    def __init__(
        self,
        reader: Any,
        acronyms: AcronymTable,
        vocabulary: Callable[[], Vocabulary],
        deadline: float,
        surfaces: dict[str, str],
    ) -> None:
        self.reader = reader
        self.acronyms = acronyms
        self.vocabulary = vocabulary
        self.deadline = deadline
        self.surfaces = surfaces
        self.terms: set[str] = set()
        self.phrases: list[tuple[str, ...]] = []
        self.prefixes: list[str] = []
        self.corrections: dict[str, str] = {}
        self.positives = 0

    def highlight(self) -> HighlightSpec:
        return HighlightSpec(frozenset(self.terms), tuple(self.phrases), tuple(self.prefixes))

    def _in_time(self) -> bool:
        return time.monotonic() < self.deadline

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

    def _term(self, field: str, term: str, negated: bool) -> Any:
        if field not in QUERY_FIELDS or not term:
            return None
        if negated:
            return wq.Term(field, term)
        self.positives += 1
        self.terms.add(term)
        alternatives = [wq.Term(field, term)]
        for expansion in self.acronyms.expansions.get(term, ()):
            self.phrases.append(expansion)
            alternatives.append(wq.Phrase(field, list(expansion)))
        if (
            len(alternatives) == 1
            and self._in_time()
            and self.reader.doc_frequency(field, term) == 0
        ):
            alternatives = self._fuzzy(field, term) or alternatives
        return alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)

    def _phrase(self, field: str, words: tuple[str, ...], negated: bool) -> Any:
        if field not in QUERY_FIELDS or not words:
            return None
        if len(words) == 1:
            return self._term(field, words[0], negated)
        if negated:
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
                candidates.setdefault(stem(word), vocabulary.counts[word])
        for raw in itertools.islice(self.reader.expand_prefix(field, prefix), MAX_WILDCARD_SCAN):
            if not self._in_time():
                break
            term = _text(raw)
            if matcher.match(term) and term not in candidates:
                candidates[term] = self.reader.doc_frequency(field, term)
        chosen = sorted(candidates, key=lambda term: -candidates[term])[:MAX_WILDCARD_TERMS]
        chosen = [term for term in chosen if self.reader.doc_frequency(field, term) > 0]
        if not chosen:
            return None
        if not negated:
            self.positives += 1
            if trailing:
                self.prefixes.append(prefix)
            else:
                self.terms.update(chosen)
        terms = [wq.Term(field, term) for term in chosen]
        return terms[0] if len(terms) == 1 else wq.Or(terms)

    def _fuzzy(self, field: str, term: str) -> list[Any]:
        """Terms near a term that matches nothing; remembers the best as a correction."""
        word = self.surfaces.get(term, term)
        if len(word) < MIN_FUZZY_CHARS or not word.isalpha():
            return []
        distance = 1 if len(word) <= 5 else 2
        found: list[str] = []
        for candidate, _ in self.vocabulary().near(word, distance):
            candidate_term = stem(candidate)
            if candidate_term in found or self.reader.doc_frequency(field, candidate_term) == 0:
                continue
            if not found:
                self.corrections[term] = candidate
            found.append(candidate_term)
            if len(found) == MAX_FUZZY_TERMS:
                break
        if not found and not self.vocabulary():
            # No vocabulary (its file was lost): near stems in the lexicon instead.
            within = {
                _text(raw) for raw in self.reader.terms_within(field, term, distance, prefix=1)
            }
            found = sorted(within, key=lambda t: -self.reader.doc_frequency(field, t))
            found = found[:MAX_FUZZY_TERMS]
            if found:
                self.corrections[term] = found[0]
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
            words = tuple(child.text for child in children[index : index + length])
            written = [self._term(field, word, negated) for word in words]
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
        for length in range(min(longest, len(children) - index), 1, -1):
            run = children[index : index + length]
            if not all(type(c) is wq.Term and c.fieldname == first.fieldname for c in run):
                continue
            acronyms = self.acronyms.acronyms.get(tuple(c.text for c in run))
            if acronyms:
                return length, acronyms
        return None


def compile_query(
    text: str,
    reader: Any,
    schema: Any,
    acronyms: AcronymTable,
    *,
    vocabulary: Callable[[], Vocabulary],
    deadline: float,
) -> CompiledQuery:
    """Parse and rewrite a query against one index reader; never raises for any text."""
    clean = sanitize(text)
    surfaces = {token.term: token.surface for token in word_tokens(clean)}
    parsed: Any = None
    if _group_depth(clean) <= MAX_GROUP_DEPTH:
        try:
            parsed = _parser(schema).parse(clean)
        except (Exception, RecursionError):
            parsed = None
    rewriter = _Rewriter(reader, acronyms, vocabulary, deadline, surfaces)
    rewritten = rewriter.rewrite(parsed) if parsed is not None else None
    if rewritten is None or rewriter.positives == 0:
        # Unparseable, only operators, or only negations: the plain words.
        rewriter = _Rewriter(reader, acronyms, vocabulary, deadline, surfaces)
        plain = _plain_words(_without_controls(text, MAX_PLAIN_SCAN_CHARS))
        rewritten = rewriter.rewrite(plain) if plain is not None else None
    if rewritten is not None:
        rewritten = rewritten.normalize()
        if rewritten is wq.NullQuery:
            rewritten = None
    return CompiledQuery(
        text=clean,
        query=rewritten,
        highlight=rewriter.highlight(),
        suggestion=_suggestion(clean, rewriter.corrections),
    )


def _text(term: str | bytes) -> str:
    """A lexicon term as text (Whoosh yields bytes from some calls)."""
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _suggestion(text: str, corrections: dict[str, str]) -> str | None:
    """The query with each misspelled word replaced, in the case the reader typed it."""
    if not corrections:
        return None
    pieces: list[str] = []
    position = 0
    for token in word_tokens(text):
        correction = corrections.get(token.term)
        if correction is None:
            continue
        typed = text[token.start : token.end]
        pieces.append(text[position : token.start])
        pieces.append(_in_case_of(typed, correction))
        position = token.end
    pieces.append(text[position:])
    return "".join(pieces)


def _in_case_of(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word

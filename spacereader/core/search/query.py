"""From what a reader types to a Whoosh query that is safe, bounded and generous.

The pipeline: sanitise (cap length and word size, drop control characters) →
parse with Whoosh's syntax (AND/OR/NOT, "phrases", trailing wildcards,
field:term), which leaves folded words → rewrite the tree once per language
the library holds (rewrite.py), and search for any of the readings.

Anything the parser cannot take (deep nesting, parser errors, a query that is
only operators) is answered as plain words. A query that only says what to
leave out ("NOT satellite") matches nothing, with a notice saying why.
compile_query never raises for any input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq
from whoosh.qparser import QueryParser, plugins

from spacereader.core.search.acronym_table import AcronymTable
from spacereader.core.search.analysis import ENGLISH, TOKEN_PATTERN, surface_of
from spacereader.core.search.highlight import HighlightSpec
from spacereader.core.search.rewrite import MAX_WILDCARD_TERMS, Rewriter
from spacereader.core.search.schema import DEFAULT_FIELD
from spacereader.core.search.vocabulary import Vocabulary

__all__ = ["MAX_WILDCARD_TERMS", "CompiledQuery", "compile_query", "sanitize"]

MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 32
MAX_WORD_CHARS = 64
MAX_GROUP_DEPTH = 8
# How far into a runaway query the plain-words fallback looks for words.
MAX_PLAIN_SCAN_CHARS = 100_000
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "REQUIRE"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
ONLY_NEGATIONS = (
    "Nothing to search for: NOT only leaves words out. Add a word to look for, "
    "as in “space NOT satellite”."
)


@dataclass(frozen=True)
class CompiledQuery:
    """A query ready to run: the Whoosh query (None matches nothing) and what to mark."""

    text: str
    query: Any
    highlight: HighlightSpec
    suggestion: str | None
    # Why the query can match nothing as written (shown instead of "No matches").
    notice: str | None = None


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
    for match in TOKEN_PATTERN.finditer(text):
        if match.group() not in OPERATORS:
            found[surface_of(match.group())] = None
            if len(found) == MAX_QUERY_WORDS:
                break
    if not found:
        return None
    return wq.And([wq.Term(DEFAULT_FIELD, surface) for surface in found])


def compile_query(
    text: str,
    reader: Any,
    schema: Any,
    acronyms: Mapping[str, AcronymTable],
    *,
    vocabulary: Callable[[], Vocabulary],
    deadline: float,
    languages: Sequence[str] = (ENGLISH,),
) -> CompiledQuery:
    """Parse and rewrite a query against one index reader; never raises for any text."""
    clean = sanitize(text)
    parsed: Any = None
    if _group_depth(clean) <= MAX_GROUP_DEPTH:
        try:
            parsed = _parser(schema).parse(clean)
        except (Exception, RecursionError):
            parsed = None
    readings = [
        _read(
            parsed,
            text,
            Rewriter(
                reader,
                acronyms.get(language, AcronymTable()),
                vocabulary,
                deadline,
                language,
                languages=languages,
            ),
        )
        for language in languages
    ]
    notice = None
    if all(reading[0] is None for reading in readings) and any(
        rewriter.negatives and not rewriter.positives for _, rewriter in readings
    ):
        notice = ONLY_NEGATIONS
    trees: list[Any] = []
    for tree, _ in readings:
        if tree is not None and tree not in trees:
            trees.append(tree)
    query = None if not trees else trees[0] if len(trees) == 1 else wq.Or(trees)
    highlight = HighlightSpec()
    corrections: dict[str, str] = {}
    for _, rewriter in readings:
        highlight = highlight.merged(rewriter.highlight())
        corrections = {**rewriter.corrections, **corrections}
    return CompiledQuery(
        text=clean,
        query=query,
        highlight=highlight,
        suggestion=_suggestion(clean, corrections),
        notice=notice,
    )


def _read(parsed: Any, text: str, rewriter: Rewriter) -> tuple[Any, Rewriter]:
    """One language's reading of the parsed query, or of its plain words."""
    rewritten = rewriter.rewrite(parsed) if parsed is not None else None
    if rewriter.positives == 0 and not (rewritten is not None and rewriter.negatives):
        # Unparseable, or only operators: the plain words.
        fallback = Rewriter(
            rewriter.reader,
            rewriter.acronyms,
            rewriter.vocabulary,
            rewriter.deadline,
            rewriter.language,
            languages=rewriter.languages,
        )
        plain = _plain_words(_without_controls(text, MAX_PLAIN_SCAN_CHARS))
        rewritten = fallback.rewrite(plain) if plain is not None else None
        rewriter = fallback
    if rewriter.positives == 0:
        # Only negations: nothing to look for.
        return None, rewriter
    if rewritten is not None:
        rewritten = rewritten.normalize()
        if rewritten is wq.NullQuery:
            rewritten = None
    return rewritten, rewriter


def _suggestion(text: str, corrections: dict[str, str]) -> str | None:
    """The query with each misspelled word replaced, in the case the reader typed it."""
    if not corrections:
        return None
    pieces: list[str] = []
    position = 0
    for match in TOKEN_PATTERN.finditer(text):
        correction = corrections.get(surface_of(match.group()))
        if correction is None:
            continue
        pieces.append(text[position : match.start()])
        pieces.append(_in_case_of(match.group(), correction))
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces)


def _in_case_of(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word

"""How text becomes index terms: one analysis for documents, queries and highlights.

A word is case-folded, stripped of its accents ("précédente" → "precedente") and
stemmed with Porter2 ("cooperation" → "cooper"), so a query finds every form.
Numbers and one-letter words are kept ("5 stations" searches for 5); only a
short list of stop words is dropped, and it leaves out words that matter here
("us", "may", "will"). "1,000" and "1000" are one term.

French documents are read with French rules: elided articles and pronouns
(l', d', qu', jusqu', lorsqu'…) are dropped, French stop words too, words are
stemmed with Snowball's French stemmer after folding ("européenne" and
"européens" → "europeen"; "lancement" and "lancé" → "lanc"), and a decimal
comma is a decimal point ("1,2" → "1.2"). Folding comes first so that a word
typed without its accents finds the same stem.

Documents are analysed before they reach Whoosh (prepare.py hands it term
lists), so the index sees exactly what highlight.py marks. At query time the
Whoosh analyzer only cuts and folds words ("surfaces"); query.py turns each
surface into a term, which lets one query be read with each language's rules.

Only stems are indexed: a second, unstemmed form of every word would double the
postings and the build time (measured). Wildcards and "Did you mean" work from
the folded words (see vocabulary.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from whoosh.analysis import Analyzer, Token
from whoosh.lang.porter2 import stem as porter2_stem
from whoosh.lang.snowball.french import FrenchStemmer
from whoosh.lang.stopwords import stoplists

# Cache sizes. Every raw word of a text is looked up once per language in a
# WORD_CACHE (what makes indexing fast: a library has ~100,000 distinct words);
# the caches behind it only see its misses. They bound a long session's memory:
# a search process caches the words of the passages it marks.
WORD_CACHE = 100_000
TERM_CACHE = 20_000
SMALL_CACHE = 10_000

ENGLISH = "en"
FRENCH = "fr"
LANGUAGES = (ENGLISH, FRENCH)
MAX_TOKEN_CHARS = 64
# Kana, CJK ideographs and Hangul have no spaces between words: each character
# is a token, and a run of them in a query becomes a phrase.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
TOKEN_PATTERN = re.compile(rf"[{_CJK}]|\d+(?:[.,]\d+)*[^\W_{_CJK}]*|[^\W_{_CJK}]+")
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_STEMMABLE = re.compile(r"^[a-z]+$")

STOP_WORDS = frozenset(
    """a an and are as at be by for from has have if in is it its of on or that the this
    to was were with s t l d le la les de des du et un une""".split()
)
# Whoosh's French list (articles, pronouns, forms of être and avoir), folded, and
# what it leaves out.
_FRENCH_EXTRA = "les cette cet dont jusqu lorsqu puisqu quoiqu presqu"
ELISIONS = frozenset("l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu".split())
# An elided word and its apostrophe, before a letter: "l'", "qu’", "Jusqu'".
_ELIDED = r"(?i:\b(?:" + "|".join(sorted(ELISIONS, key=len, reverse=True)) + r")['’](?=[^\W\d_]))"
FRENCH_PATTERN = re.compile(_ELIDED + "|" + TOKEN_PATTERN.pattern)
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")


class WordToken(NamedTuple):
    """A word of a text as the index sees it: its term and where it sits."""

    term: str
    surface: str
    start: int
    end: int


@lru_cache(maxsize=SMALL_CACHE)
def fold(word: str) -> str:
    """Lower-case and accent-free: "Précédente" → "precedente"."""
    folded = word.casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=SMALL_CACHE)
def surface_of(raw: str) -> str:
    """The folded form of a raw token, numbers normalised ("1,000" → "1000")."""
    surface = fold(raw[:MAX_TOKEN_CHARS])
    if surface[:1].isdigit() and _THOUSANDS.match(surface):
        return surface.replace(",", "")
    return surface


@lru_cache(maxsize=TERM_CACHE)
def _english_term(surface: str) -> str | None:
    if not surface or surface in STOP_WORDS:
        return None
    if _STEMMABLE.match(surface) and len(surface) > 2:
        return str(porter2_stem(surface))
    return surface


@lru_cache(maxsize=1)
def _french() -> tuple[frozenset[str], Callable[[str], str]]:
    """French stop words (folded) and stemmer, made on first use."""
    stop_words = frozenset(fold(word) for word in stoplists["fr"]) | frozenset(
        _FRENCH_EXTRA.split()
    )
    return stop_words, FrenchStemmer().stem


@lru_cache(maxsize=TERM_CACHE)
def _french_term(surface: str) -> str | None:
    stop_words, french_stem = _french()
    if not surface or surface in stop_words:
        return None
    if _STEMMABLE.match(surface) and len(surface) > 2:
        # "-ée(s)", folded "-ee(s)", is "-é" plus an agreement: stem it as "-é"
        # ("lancée" with "lancé" and "lancement").
        if surface.endswith(("ee", "ees")) and len(surface) > 4:
            surface = surface[: -1 if surface.endswith("ee") else -2]
        return str(french_stem(surface))
    if _DECIMAL_COMMA.match(surface):
        return surface.replace(",", ".")
    return surface


def term_of(surface: str, language: str = ENGLISH) -> str | None:
    """The term a folded word becomes in a language, or None for a stop word."""
    if language == FRENCH:
        return _french_term(surface)
    return _english_term(surface)


@lru_cache(maxsize=WORD_CACHE)
def _english_word(raw: str) -> tuple[str, str | None]:
    surface = surface_of(raw)
    return surface, _english_term(surface)


@lru_cache(maxsize=WORD_CACHE)
def _french_word(raw: str) -> tuple[str, str | None]:
    if raw[-1] in "'’":  # an elided article or pronoun
        return raw[:-1].casefold(), None
    surface = surface_of(raw)
    return surface, _french_term(surface)


def _analyser(language: str) -> tuple[re.Pattern[str], Callable[[str], tuple[str, str | None]]]:
    """The word pattern and the (cached) raw word → (surface, term) of a language."""
    if language == FRENCH:
        return FRENCH_PATTERN, _french_word
    return TOKEN_PATTERN, _english_word


def stem(word: str, language: str = ENGLISH) -> str:
    """The term a single word becomes, stop words included (for lookups)."""
    surface = surface_of(word)
    term = term_of(surface, language)
    return surface if term is None else term


def word_tokens(text: str, offset: int = 0, language: str = ENGLISH) -> Iterator[WordToken]:
    """The words of a text that the index keeps, with their offsets (plus `offset`)."""
    pattern, analysed = _analyser(language)
    for match in pattern.finditer(text):
        surface, term = analysed(match.group())
        if term is not None:
            yield WordToken(term, surface, match.start() + offset, match.end() + offset)


def terms(text: str, language: str = ENGLISH) -> list[str]:
    """The terms of a text, in order: what a query word or phrase searches for."""
    pattern, analysed = _analyser(language)
    return [term for term in (analysed(raw)[1] for raw in pattern.findall(text)) if term]


def analyse(text: str, language: str = ENGLISH) -> tuple[list[str], set[str]]:
    """A text's terms in order, and the folded words they come from (for indexing)."""
    pattern, analysed = _analyser(language)
    found: list[str] = []
    words: set[str] = set()
    for raw in pattern.findall(text):
        surface, term = analysed(raw)
        if term is not None:
            found.append(term)
            words.add(surface)
    return found, words


class SpaceAnalyzer(Analyzer):  # type: ignore[misc]
    """Whoosh's side of the analysis: cuts and folds a query's words.

    Documents reach Whoosh already analysed (as term lists), so this runs on
    query text only; stemming and stop words are the query's business, once
    per language (see query.py).
    """

    def __call__(
        self,
        value: str,
        *,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Any]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            # Wildcard text: fold it but keep its shape, so "stat*" stays a pattern.
            token.original = token.text = fold(value)
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        position = start_pos
        for match in TOKEN_PATTERN.finditer(value):
            token.text = surface_of(match.group())
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = match.group()
            if positions:
                token.pos = position
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token
            position += 1

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__.__name__)

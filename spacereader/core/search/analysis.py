"""How text becomes index terms: the one analyzer for documents, queries and highlights.

A word is case-folded, stripped of its accents ("précédente" → "precedente") and
stemmed with Porter2 ("cooperation" → "cooper"), so a query finds every form.
Numbers and one-letter words are kept ("5 stations" searches for 5); only a
short list of stop words is dropped, and it leaves out words that matter here
("us", "may", "will"). "1,000" and "1000" are one term.

Only stems are indexed: a second, unstemmed form of every word would double the
postings and the build time (measured). Wildcards and "Did you mean" work from
the stems (see query.py).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from whoosh.analysis import Analyzer, Token
from whoosh.lang.porter2 import stem as porter2_stem

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


# Index-time words seen by this thread's analyzer, while a collect_words() is open.
_collecting = threading.local()


@contextmanager
def collect_words() -> Iterator[set[str]]:
    """Gather the folded words the analyzer indexes in this thread (for the vocabulary).

    Collecting while indexing costs next to nothing; scanning the text again
    for its words cost more than a tenth of the build.
    """
    words: set[str] = set()
    previous = getattr(_collecting, "words", None)
    _collecting.words = words
    try:
        yield words
    finally:
        _collecting.words = previous


@dataclass(frozen=True)
class WordToken:
    """A word of a text as the index sees it: its term and where it sits."""

    term: str
    surface: str
    start: int
    end: int


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case and accent-free: "Précédente" → "precedente"."""
    folded = word.casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def normalize_word(raw: str) -> tuple[str, str] | None:
    """(surface, term) of a raw token, or None for a stop word.

    The surface is the folded word; the term is its stem.
    """
    surface = fold(raw[:MAX_TOKEN_CHARS])
    if not surface or surface in STOP_WORDS:
        return None
    if surface[0].isdigit():
        if _THOUSANDS.match(surface):
            surface = surface.replace(",", "")
        return surface, surface
    if _STEMMABLE.match(surface) and len(surface) > 2:
        return surface, porter2_stem(surface)
    return surface, surface


def stem(word: str) -> str:
    """The term a single word becomes, stop words included (for lookups)."""
    normal = normalize_word(word)
    if normal is None:
        return fold(word)
    return normal[1]


def word_tokens(text: str, offset: int = 0) -> Iterator[WordToken]:
    """The words of a text that the index keeps, with their offsets (plus `offset`)."""
    for match in TOKEN_PATTERN.finditer(text):
        normal = normalize_word(match.group())
        if normal is not None:
            yield WordToken(normal[1], normal[0], match.start() + offset, match.end() + offset)


def terms(text: str) -> list[str]:
    """The terms of a text, in order: what a query word or phrase searches for."""
    return [token.term for token in word_tokens(text)]


class SpaceAnalyzer(Analyzer):  # type: ignore[misc]
    """Whoosh analyzer: tokens, stop words, folding and stemming, in one pass for speed."""

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
        sink = getattr(_collecting, "words", None) if mode == "index" else None
        for match in TOKEN_PATTERN.finditer(value):
            normal = normalize_word(match.group())
            if normal is None:
                continue
            if sink is not None:
                sink.add(normal[0])
            token.text = normal[1]
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

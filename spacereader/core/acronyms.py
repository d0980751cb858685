"""Acronym definitions a text makes for itself: "International Lunar Research Station (ILRS)".

Both the program extractor and the search index learn from these, so that the
acronym and its expansion are treated as one name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_EXPANSION_WORDS = 12
_PARENTHESISED = re.compile(r"\(\s*([A-Z][A-Za-z0-9&\-]{1,11}?)s?\s*\)")
_WORD = re.compile(r"[^\W_][\w'’\-]*")
# Words an acronym usually skips: "Belt and Road Initiative (BRI)".
_MINOR = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "de",
        "del",
        "des",
        "du",
        "et",
        "for",
        "from",
        "in",
        "la",
        "le",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    ]
)


@dataclass(frozen=True)
class AcronymDefinition:
    """An acronym, the long name it stands for, and where each sits in the text."""

    acronym: str
    expansion: str
    expansion_start: int
    expansion_end: int
    acronym_start: int
    acronym_end: int


def _letters(acronym: str) -> str:
    return "".join(ch for ch in acronym if ch.isalpha()).lower()


def _word_keys(word: str) -> str:
    """A word's letters an acronym may take: its initial and any inner capitals."""
    inner = "".join(ch for ch in word[1:] if ch.isupper())
    return (word[0] + inner).lower()


def _matches(letters: str, words: list[str]) -> bool:
    """Whether the letters spell the words' initials, each significant word used once."""
    position = 0
    for word in words:
        keys = _word_keys(word)
        if word.lower() in _MINOR:
            if position < len(letters) and letters[position] == keys[0]:
                position += 1
            continue
        if position >= len(letters) or letters[position] != keys[0]:
            return False
        position += 1
        for key in keys[1:]:
            if position < len(letters) and letters[position] == key:
                position += 1
    return position == len(letters)


def find_acronym_definitions(text: str) -> list[AcronymDefinition]:
    """Every "Long Name (ACR)" in the text whose initials spell the acronym."""
    found: list[AcronymDefinition] = []
    for match in _PARENTHESISED.finditer(text):
        acronym = match.group(1)
        letters = _letters(acronym)
        if len(letters) < 2 or not any(ch.isupper() for ch in acronym[1:]):
            continue
        window_start = max(0, match.start() - 160)
        words = list(_WORD.finditer(text, window_start, match.start()))
        if not words or text[words[-1].end() : match.start()].strip():
            continue
        for count in range(1, min(len(words), MAX_EXPANSION_WORDS) + 1):
            chosen = words[-count:]
            names = [word.group() for word in chosen]
            if names[0].lower() in _MINOR or not names[0][0].isupper():
                continue
            if _matches(letters, names):
                found.append(
                    AcronymDefinition(
                        acronym=acronym,
                        expansion=text[chosen[0].start() : chosen[-1].end()],
                        expansion_start=chosen[0].start(),
                        expansion_end=chosen[-1].end(),
                        acronym_start=match.start(1),
                        acronym_end=match.end(1),
                    )
                )
                break
    return found

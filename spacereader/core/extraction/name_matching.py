"""Matching a gazetteer's names in a text, word by word.

A name is split into tokens (letters and digits, with inner apostrophes) and the
gaps between them. In a text, a token must stand whole; a gap of spaces or
hyphens matches one to three spaces, tabs, hyphens or a single line break, and
any other gap matches itself. Texts arrive folded (`normalize.fold`) and also in
lower case of the same length, so that offsets agree.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacereader.core.extraction.normalize import fold
from spacereader.core.extraction.regexes import alternation

if TYPE_CHECKING:
    from spacereader.core.extraction.gazetteer import GazetteerEntry

# A token: letters and digits, with inner apostrophes ("Chang'e") but not a possessive 's.
TOKEN = re.compile(r"[^\W_]+(?:'(?!s(?![^\W_]))[^\W_]+)*")
ALNUM = re.compile(r"[^\W_]")
_SOFT_GAP = re.compile(r"[ \t\n\-]{1,3}")
# In the text: one to three of them, without a blank line.
_SOFT_TEXT_GAP = r"(?:[ \t\-]|\n(?!\n)){1,3}"
# A token ends here: no letter or digit follows, nor an apostrophe that joins one.
_TOKEN_END = r"(?![^\W_])(?!'(?!s(?![^\W_]))[^\W_])"
NEXT_TOKEN = re.compile(r"[\W_]{1,3}?(" + TOKEN.pattern + ")")
# Markers in the candidate pattern's strings: a gap between two words, a name's end.
GAP, NAME_END = "\x00", "\x01"
_CANDIDATE_FRAGMENTS = {GAP: r"[\W_]{1,3}", NAME_END: r"(?![^\W_])"}


@dataclass(frozen=True)
class NamePattern:
    """One name of an entry, split into tokens and the gaps between them."""

    tokens: tuple[str, ...]
    gaps: tuple[str, ...]
    exact: bool
    entry: GazetteerEntry
    # For a series pattern, the canonical prefix and separator ("Chang'e", "-").
    series_prefix: str | None = None
    series_separator: str = ""


def split_name(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A name's tokens and the gaps between them, on its folded spelling."""
    folded = fold(name)
    matches = list(TOKEN.finditer(folded))
    tokens = tuple(m.group() for m in matches)
    gaps = tuple(folded[a.end() : b.start()] for a, b in itertools.pairwise(matches))
    return tokens, gaps


@functools.lru_cache(maxsize=4096)
def words_pattern(tokens: tuple[str, ...], gaps: tuple[str, ...]) -> tuple[re.Pattern[str], bool]:
    """A name of several words as one pattern over the lower-case text, and whether
    `match_tokens` must still confirm a match.

    The pattern matches wherever `match_tokens` would (each word whole, spaces,
    tabs, hyphens or one line break between them); it says exactly as much when
    every gap is such a soft one and every word is a token as it stands.
    """
    parts: list[str] = []
    verify = False
    for index, token in enumerate(tokens):
        if index:
            if _SOFT_GAP.fullmatch(gaps[index - 1]):
                parts.append(_SOFT_TEXT_GAP)
            else:
                parts.append(r"[\W_]{1,3}")  # the gap itself is compared on the folded text
                verify = True
        word = token.lower()
        verify = verify or TOKEN.fullmatch(word) is None
        parts.append(re.escape(word) + _TOKEN_END)
    return re.compile("".join(parts)), verify


@functools.lru_cache(maxsize=16)
def candidate_regex(names: frozenset[tuple[str, str]]) -> re.Pattern[str]:
    """A pattern for names given as (first letter, the rest in lower case with markers).

    Branches open with their first letter, so the engine skips in C to capitals
    (few) and checks "no letter or digit before" only there. Matching the rest
    without case on the folded text finds whatever the lower-case text would:
    every character matches its own lower case so.
    """
    rests: dict[str, set[str]] = {}
    for first, rest in names:
        rests.setdefault(first, set()).add(rest)
    branches = [
        re.escape(first)
        + r"(?<![^\W_](?s:.))(?=(?i:"
        + alternation(rests[first], _CANDIDATE_FRAGMENTS)
        + "))"
        for first in sorted(rests)
    ]
    return re.compile("|".join(branches) or "(?!)")


def inside_token(lowered: str, start: int) -> bool:
    """Whether `start`, with no letter or digit before it, still lies inside a token.

    Only an apostrophe joins: "chang'e" is one token, "nasa's" is two.
    """
    if start < 2 or lowered[start - 1] != "'" or not ALNUM.match(lowered, start - 2):
        return False
    return not (lowered[start] == "s" and not ALNUM.match(lowered, start + 1))


def match_tokens(folded: str, lowered: str, start: int, pattern: NamePattern) -> int | None:
    """The end of the pattern's tokens matched from `start`, or None."""
    position = start
    for index, token in enumerate(pattern.tokens):
        if index:
            token_match = NEXT_TOKEN.match(lowered, position)
            if token_match is None:
                return None
            gap, text_gap = pattern.gaps[index - 1], folded[position : token_match.start(1)]
            if _SOFT_GAP.fullmatch(gap):
                if not _SOFT_GAP.fullmatch(text_gap) or "\n\n" in text_gap:
                    return None
            elif text_gap != gap:
                return None
            position = token_match.start(1)
            end = token_match.end(1)
        else:
            first = TOKEN.match(lowered, position)
            if first is None:
                return None
            end = first.end()
        surface = folded[position:end]
        if pattern.exact:
            if surface != token:
                return None
        elif lowered[position:end] != token.lower() or (index == 0 and surface[0] != token[0]):
            return None
        position = end
    return position

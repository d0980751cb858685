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
from typing import TYPE_CHECKING, NamedTuple

from spacereader.core.extraction.normalize import fold
from spacereader.core.extraction.regexes import alternation

if TYPE_CHECKING:
    from spacereader.core.extraction.gazetteer import GazetteerEntry

# A token: letters and digits, with inner apostrophes ("Chang'e") but not a possessive 's.
TOKEN = re.compile(r"[^\W_]+(?:'(?!s(?![^\W_]))[^\W_]+)*")
ALNUM = re.compile(r"[^\W_]")
# A French elided article or pronoun ending right here, as a word of its own.
ELIDED = re.compile(r"(?<![^\W_])(?:l|d|qu|jusqu|lorsqu|puisqu|s|n|j|m|t|c)'$", re.IGNORECASE)
_SOFT_GAP = re.compile(r"[ \t\n\-]{1,3}")
# In the text: one to three of them, without a blank line.
_SOFT_TEXT_GAP = r"(?:[ \t\-]|\n(?!\n)){1,3}"
# A token ends here: no letter or digit follows, nor an apostrophe that joins one.
_TOKEN_END = r"(?![^\W_])(?!'(?!s(?![^\W_]))[^\W_])"
NEXT_TOKEN = re.compile(r"[\W_]{1,3}?(" + TOKEN.pattern + ")")
# What follows a series name in a numbered mission: "-5", " 12", "-C37", " MS-22", " II".
DESIGNATION = re.compile(
    r"[ \-](?P<designation>(?:Mk ?)?(?:[IVX]{1,4}|[A-Z]{0,3}-?\d{1,3}[A-Za-z]?(?:\.\d[a-z]?)?))"
    r"(?![\w\-]|\.\d)"
)
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


class PreparedPattern(NamedTuple):
    """A NamePattern with what matching it at a candidate needs, worked out once.

    A tuple, unpacked in the loop over a first word's patterns: that loop runs for
    every candidate of every text.
    """

    pattern: NamePattern
    # The only token of a one-word name, else "".
    single: str
    # For a several-word name that is not exact, `words_pattern` and its `verify`.
    words: re.Pattern[str] | None
    verify: bool


class FirstWord(NamedTuple):
    """The patterns of one first word, prepared, in the order they are tried.

    A name of several words can only match where the text's second token is its
    own, so those come by second token in lower case: at a candidate, only the
    patterns of the token that follows are tried, then the one-word patterns
    (tried last, as the shortest, in the order of `Gazetteer._first`).
    """

    by_second: dict[str, tuple[PreparedPattern, ...]]
    singles: tuple[PreparedPattern, ...]


def prepare(patterns: list[NamePattern]) -> FirstWord:
    """The patterns of one first word (longest first), prepared for `Gazetteer._match_at`."""
    by_second: dict[str, list[PreparedPattern]] = {}
    singles: list[PreparedPattern] = []
    for pattern in patterns:
        tokens = pattern.tokens
        if len(tokens) == 1:
            singles.append(PreparedPattern(pattern, tokens[0], None, False))
            continue
        words: re.Pattern[str] | None = None
        verify = False
        if not pattern.exact:
            words, verify = words_pattern(tokens, pattern.gaps)
        prepared = PreparedPattern(pattern, "", words, verify)
        by_second.setdefault(tokens[1].lower(), []).append(prepared)
    return FirstWord({key: tuple(value) for key, value in by_second.items()}, tuple(singles))


# A GazetteerMatch's fields as a tuple: (start, end, entry, designated).
SpanMatch = tuple[int, int, "GazetteerEntry", "str | None"]


def match_first_word(
    folded: str, lowered: str, start: int, first_end: int, first_word: FirstWord
) -> SpanMatch | None:
    """The longest name of `first_word` that the text spells from `start`, if any.

    `first_end` is where the text's first token ends. On a tie the pattern tried
    first wins; a series pattern needs a designation after it ("Chang'e-5").
    """
    patterns = first_word.singles
    if first_word.by_second:
        following = NEXT_TOKEN.match(lowered, first_end)
        if following is not None and following.group(1) in first_word.by_second:
            patterns = first_word.by_second[following.group(1)] + patterns
    surface = folded[start:first_end]
    best_end = -1
    best: tuple[GazetteerEntry, str | None] | None = None
    for pattern, single, words, verify in patterns:
        if single:  # one word, matched exactly: the word found is the name
            if surface != single:
                continue
            end: int | None = first_end
        elif words is None:  # an exact name of several words
            end = match_tokens(folded, lowered, start, pattern)
        else:
            found = words.match(lowered, start)
            if found is None:
                continue
            if verify:
                end = match_tokens(folded, lowered, start, pattern)
            else:
                end = found.end() if surface[0] == pattern.tokens[0][0] else None
        if end is None:
            continue
        if pattern.series_prefix is not None:
            designation = DESIGNATION.match(folded, end)
            if designation is None:
                continue
            if designation.end() > best_end:
                code = designation.group("designation")
                name = f"{pattern.series_prefix}{pattern.series_separator}{code}"
                best_end, best = designation.end(), (pattern.entry, name)
        elif end > best_end:
            best_end, best = end, (pattern.entry, None)
    if best is None:
        return None
    return start, best_end, best[0], best[1]


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

    Only an apostrophe joins: "chang'e" is one token, "nasa's" is two, and so is a
    French elision: "l'ilrs", "d'ariane" (the name starts after the apostrophe).
    """
    if start < 2 or lowered[start - 1] != "'" or not ALNUM.match(lowered, start - 2):
        return False
    if ELIDED.search(lowered, max(0, start - 8), start):
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

"""Qualifiers: the hedge a text puts before a figure ("almost", "more than", "since";
in French "près de", "plus de", "depuis")."""

from __future__ import annotations

import re

_QUALIFIERS_GENERAL = (
    "more than|less than|fewer than|at least|at most|up to|as many as|as much as|as few as"
    "|no more than|close to|upwards of|in excess of|an estimated|better than|almost|nearly|about"
    "|around"
    "|approximately|roughly|some|over|under|above|below|only|just|within|~"
    # Comparisons bound a figure as "more than" does: "debris larger than 10 cm".
    "|larger than|smaller than|greater than|bigger than|higher than|lower than|longer than"
    "|shorter than|heavier than|lighter than|wider than"
)
_QUALIFIERS_TIME = "since|by|until|till|before|after|as of|as early as|no later than|around"
_QUALIFIERS_TIME += "|no earlier than|not before|not later than"
_QUALIFIERS_TIME += "|about|circa|early|late|mid|beyond|through"
_QUALIFIERS_DURATION = "next|past|last|coming|within|" + _QUALIFIERS_GENERAL
_QUALIFIER_WORDS = {
    "general": _QUALIFIERS_GENERAL,
    "time": _QUALIFIERS_TIME,
    "duration": _QUALIFIERS_DURATION,
}
_QUALIFIER_PATTERNS = {
    kind: re.compile(rf"(?:^|(?<=[^\w]))({words})[ \-]?$", re.IGNORECASE)
    for kind, words in _QUALIFIER_WORDS.items()
}
# The last word of each qualifier: an ASCII word before a figure that is none of
# these ends no qualifier, and the pattern need not run.
_QUALIFIER_LAST_WORDS = {
    kind: frozenset(phrase.rsplit(" ", 1)[-1] for phrase in words.split("|"))
    for kind, words in _QUALIFIER_WORDS.items()
}
_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

# French hedges, on the folded text (apostrophes straight).
_FRENCH_GENERAL = (
    "près de|près d'|environ|plus de|plus d'|moins de|moins d'|au moins|au plus|jusqu'à"
    "|jusqu'a|quelque|presque|seulement|à peine|pas moins de|pas plus de|autour de"
    "|de l'ordre de|un peu plus de|un peu moins de|quasiment|~"
)
_FRENCH_TIME = (
    "depuis|d'ici à|d'ici|avant|après|jusqu'en|jusqu'à|dès|à partir de|vers|au plus tard en"
    "|pas avant|aux alentours de|autour de|fin|début|mi"
)
_FRENCH_DURATION = "pendant|durant|sur|en moins de|d'ici|" + _FRENCH_GENERAL
_FRENCH_PATTERNS = {
    # After no letter: an elided "d'" may stand before ("une poussée d'environ 39 000 kN").
    kind: re.compile(rf"(?:^|(?<=\W))({words})[ \-]?$", re.IGNORECASE)
    for kind, words in (
        ("general", _FRENCH_GENERAL),
        ("time", _FRENCH_TIME),
        ("duration", _FRENCH_DURATION),
    )
}


def qualifier(folded: str, start: int, group: str, french: bool = False) -> tuple[str, int]:
    """The hedge right before a figure ("almost", "more than", "since") and where it starts."""
    window = folded[max(0, start - 24) : start]
    if french:
        match = _FRENCH_PATTERNS[group].search(window)
    elif not _may_end_in_qualifier(window, group):
        return "", start
    else:
        match = _QUALIFIER_PATTERNS[group].search(window)
    if match is None:
        return "", start
    # "the next five years": a qualifier word, not the end of another word.
    return match.group(1).lower(), start - (len(window) - match.start(1))


def _may_end_in_qualifier(window: str, group: str) -> bool:
    """False where no qualifier of the group can end the window, as its pattern says.

    The pattern wants a qualifier, then at most a space or hyphen, then the end
    (or a last line break). A plain ASCII word there must be some qualifier's
    last word; anything else that could still match ("~", other letters, which
    the pattern's ignoring of case may fold) leaves it to the pattern.
    """
    end = len(window) - window.endswith("\n")
    if end and window[end - 1] in " -":
        end -= 1
    last = window[end - 1 : end]
    if not last:
        return False
    if last not in _ASCII_LETTERS:
        return last == "~" or last.isalpha()
    before = window[:end].rstrip(_ASCII_LETTERS)
    if before and (before[-1].isalnum() or before[-1] == "_"):
        return not before[-1].isascii()  # an ASCII word character: no word starts there
    return window[len(before) : end].lower() in _QUALIFIER_LAST_WORDS[group]

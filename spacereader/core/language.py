"""Which language a text is written in: French or English (else unknown).

Function words decide it: every English or French sentence is full of them
("the", "of", "and" against "le", "de", "et"), and a few hundred words of a
text are enough to tell. A text with too few of either stays unknown ("").
"""

from __future__ import annotations

import re

ENGLISH = "en"
FRENCH = "fr"
UNKNOWN = ""

# Words frequent in one language and rare in the other (no shared spellings).
_ENGLISH_WORDS = frozenset(
    """the of and to in is that for it with as was on by this are be from at an
    which have has its were been their or will would not but they also""".split()
)
_FRENCH_WORDS = frozenset(
    """le la les de des du et un une est dans pour que qui sur au aux avec par
    pas ce cette sont été ont son ses leur plus entre ou mais aussi selon""".split()
)
# How much of a long text is read: the language shows long before the end.
SAMPLE_CHARS = 20_000
# Function words needed before a verdict, and the share the winner must have.
MIN_EVIDENCE = 8
MIN_SHARE = 0.65
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)


def language_scores(text: str) -> tuple[int, int]:
    """(English, French) function words counted in the text's sample."""
    english = french = 0
    for match in _WORD.finditer(text, 0, min(len(text), SAMPLE_CHARS)):
        word = match.group().lower()
        if _ELISION.match(word):
            french += 1  # l'agence, d'exploration, qu'il: French only
            continue
        if word in _ENGLISH_WORDS:
            english += 1
        elif word in _FRENCH_WORDS:
            french += 1
    return english, french


def detect_language(text: str) -> str:
    """ "en", "fr", or "" when the text gives too little to tell."""
    english, french = language_scores(text)
    total = english + french
    if total < MIN_EVIDENCE:
        return UNKNOWN
    if english >= MIN_SHARE * total:
        return ENGLISH
    if french >= MIN_SHARE * total:
        return FRENCH
    return UNKNOWN

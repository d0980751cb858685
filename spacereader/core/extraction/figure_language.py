"""What the figure scanner reads differently in English and in French texts.

The scanner (figures.py) runs one way for both; each language gives it the
patterns for what follows a number (scales, currencies, units, ranges), its
number and ordinal parsers, its month table, its noun phrases and the
capitalised words that may stand before a number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from spacereader.core.extraction import numbers as num
from spacereader.core.extraction import numbers_fr as fr
from spacereader.core.extraction.noun_phrases import noun_phrase, noun_phrase_fr


class Vocabulary(NamedTuple):
    """One language's way of writing figures, as the scanner needs it."""

    french: bool
    scale_after: re.Pattern[str]
    currency_after: re.Pattern[str]
    percent_after: re.Pattern[str]
    measure_after: re.Pattern[str]
    # Groups "unit", and in French "hedge" ("cinq prochaines années").
    duration_after: re.Pattern[str]
    range_after: re.Pattern[str]
    to_range_after: re.Pattern[str]
    next_ordinal: re.Pattern[str]
    measure_units: dict[str, str]
    duration_units: dict[str, str]
    currency_words: dict[str, str]
    months: dict[str, int]
    function_before: frozenset[str]
    parse_number: Callable[[str], float | None]
    parse_ordinal: Callable[[str], float | None]
    scale_of: Callable[[str], float]
    noun_phrase: Callable[[str, int], str]


ENGLISH = Vocabulary(
    french=False,
    scale_after=re.compile(rf"\s?({num.SCALE})\b", re.IGNORECASE),
    currency_after=re.compile(rf"\s({num.CURRENCY_WORD})\b", re.IGNORECASE),
    percent_after=re.compile(r"\s?(%|per\s?cent\b|percent\b|percentage points?\b)", re.IGNORECASE),
    measure_after=re.compile(rf"\s?({num.MEASURE})(?![\w/²³])", re.IGNORECASE),
    duration_after=re.compile(rf"\s(?P<unit>{num.DURATION})\b", re.IGNORECASE),
    range_after=re.compile(rf"-({num.DIGITS})(?![\w])"),
    to_range_after=re.compile(rf" to ({num.DIGITS})(?=\s?[^\W\d])"),
    next_ordinal=re.compile(rf" (?:and|or) (?i:{num.ORDINAL})(?![\w])"),
    measure_units=num.MEASURE_UNITS,
    duration_units=num.DURATION_UNITS,
    currency_words=num.CURRENCY_WORDS,
    months=num.MONTHS,
    # Capitalised words that may stand before a number without making it part of a name.
    function_before=frozenset(
        "a an the in by since until before after over about around nearly almost some more"
        " less fewer only just up of for from to with at on during through between and or its"
        " their all each every approximately roughly under circa as within next past last"
        " early late mid another those these our his her this that than when while if but"
        " to".split()
    ),
    parse_number=num.parse_number,
    parse_ordinal=num.parse_ordinal,
    scale_of=num.scale_of,
    noun_phrase=noun_phrase,
)

FRENCH = Vocabulary(
    french=True,
    # "1,2 milliard", "450 M€" (a one-letter scale only before a currency sign).
    scale_after=re.compile(
        r"\s?(milliards?|millions?|(?:Mds?|Mrd|M|k)(?=\s?[€$£]))(?!\w)", re.IGNORECASE
    ),
    # "de yuans", "d'euros", "€".
    currency_after=re.compile(rf"(?:\s+(?:de\s+|d')|\s?)({fr.CURRENCY_WORD})(?!\w)", re.IGNORECASE),
    percent_after=re.compile(r"\s?(%|pour\s?cent\b|points? de pourcentage\b)", re.IGNORECASE),
    measure_after=re.compile(rf"\s?({fr.MEASURE})(?![\w/²³])", re.IGNORECASE),
    duration_after=re.compile(
        rf"\s(?:(?P<hedge>prochaine?s?|prochains|derni(?:er|ère)s?)\s)?(?P<unit>{fr.DURATION})\b",
        re.IGNORECASE,
    ),
    range_after=re.compile(rf"-({fr.DIGITS})(?![\w])"),
    to_range_after=re.compile(rf" (?:à|et) ({fr.DIGITS})(?=\s?[^\W\d])"),
    next_ordinal=re.compile(rf" (?:et|ou) (?i:{fr.ORDINAL})(?![\w])"),
    measure_units=fr.MEASURE_UNITS,
    duration_units=fr.DURATION_UNITS,
    currency_words=fr.CURRENCY_WORDS,
    months=num.FRENCH_MONTHS,
    function_before=frozenset(
        "le la les l' un une des du de d' au aux à en dans depuis dès avant après entre vers"
        " sur sous pour par avec sans environ près plus moins jusqu'en jusqu'à d'ici et ou"
        " ses son sa leur leurs ces cette ce nos notre mi fin début mais si quand lorsque"
        " donc or car ni soit".split()
    ),
    parse_number=fr.parse_number,
    parse_ordinal=fr.parse_ordinal,
    scale_of=fr.scale_of,
    noun_phrase=noun_phrase_fr,
)

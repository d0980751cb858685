"""Figure series and conflicts: the same count about a program, followed over time.

What joins a series (the figures a dossier already holds are those about the
program; see digest.py for which program a figure is about):

1. counts only (a number of things: "13 member countries", "46 cooperation
   agreements"), from documents with a year in their date; money, percentages,
   dates and measures are listed with their document but form no series; and
   a series needs MIN_DOCUMENTS documents (one document is no trend);
2. what a count counts is the head noun of its unit, singular: the last word
   in English ("cooperation agreements" -> agreement), the first in French
   ("accords de coopération" -> accord); in "X and Y" only X counts
   ("countries and international organizations" -> country);
3. words for the same thing are one series: membership (country, nation,
   state, member, partner, participant, signatory; pays, État, membre,
   partenaire, signataire…), agreements (agreement, accord, memorandum, MoU),
   and a few more in FAMILIES below. So "member countries", "partner
   countries" and "countries and international organizations" are one series.

Conflicts: two documents published at most CONFLICT_WINDOW_DAYS apart (and both
dated to the month or day: a year alone is too vague) whose values for one
series cannot both be right. Values are compared as ranges, so "more than 10"
and "13" agree, and "13" and "17" do not. Documents are taken in date order,
each against the next one that gives the series; a document that disagrees
with both neighbours while they agree with each other is one conflict (with
the nearer), not two. A change that really happened between two documents a
few weeks apart shows as a conflict too: the quotes side by side tell which.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from spacereader.core.dates import day_number, precision
from spacereader.core.dossier.model import Conflict, DossierDocument, Series, SeriesPoint
from spacereader.core.extraction.model import FigureKind

# Two documents this close (in days) that disagree are flagged.
CONFLICT_WINDOW_DAYS = 60
MIN_DOCUMENTS = 2
# Words for the same counted thing (folded, singular) -> the series' unit.
FAMILIES: dict[str, str] = {}
for _unit, _words in (
    (
        "members",
        "country nation state member partner participant signatory party"
        " pays etat membre partenaire participant signataire",
    ),
    ("agreements", "agreement accord memorandum mou memoranda contract convention"),
    ("satellites", "satellite spacecraft"),
    ("launches", "launch lancement"),
    ("missions", "mission"),
    ("astronauts", "astronaut cosmonaut taikonaut astronaute spationaute"),
    ("people", "people person professional engineer scientist employee staff personne"),
    ("projects", "project projet"),
    ("organizations", "organization organisation institution agency agence"),
):
    for _word in _words.split():
        FAMILIES[_word] = _unit
_CONJUNCTION = re.compile(r"\s+(?:and|or|et|ou|&)\s+|\s*[,/]\s*")
_PREPOSITION = re.compile(r"\s+(?:of|for|in|on|from|de|des|du|d'|d’|à|pour|en)(?:\s+|(?<=['’]))")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# A hedge before a count, as a range around its value: (low factor, high factor).
_HEDGES: dict[str, tuple[float, float]] = {}
for _bounds, _phrases in (
    (
        (1.0, math.inf),
        "more than|over|above|upwards of|in excess of|greater than|plus de|au-delà de",
    ),
    ((1.0, math.inf), "at least|no fewer than|au moins|au minimum"),
    ((-math.inf, 1.0), "less than|fewer than|under|below|moins de"),
    ((-math.inf, 1.0), "at most|up to|no more than|as many as|within|jusqu'à|au plus"),
    ((0.8, 1.0), "almost|nearly|close to|près de|presque|quasiment"),
    ((0.85, 1.15), "about|around|approximately|roughly|some|an estimated|~|circa|environ|quelque"),
):
    for _phrase in _phrases.split("|"):
        _HEDGES[_phrase] = _bounds


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("aux"):
        return word[:-3] + "al"
    if word.endswith(("s", "x")):
        return word[:-1]
    return word


@lru_cache(maxsize=4096)  # units repeat across the documents of a dossier
def series_unit(unit: str, language: str = "") -> str:
    """The thing a count's unit counts, named as its series is ("members"); "" for none."""
    folded = _fold(unit).strip()
    if not folded:
        return ""
    first = _CONJUNCTION.split(folded, maxsplit=1)[0]
    head_part = _PREPOSITION.split(first, maxsplit=1)[0]
    words = _WORD.findall(head_part)
    if not words:
        return ""
    for word in words:
        family = FAMILIES.get(word) or FAMILIES.get(_singular(word))
        if family:
            return family
    return _singular(words[0] if language == "fr" else words[-1])


def make_series(
    documents: Sequence[DossierDocument], languages: dict[str, str] | None = None
) -> list[Series]:
    """The program's count series, each in time order, most points first."""
    grouped: dict[str, list[SeriesPoint]] = defaultdict(list)
    wordings: dict[str, Counter[str]] = defaultdict(Counter)
    for document in documents:
        if document.published is None or not document.dated:
            continue
        language = (languages or {}).get(document.doc_id, "")
        for quoted in document.figures:
            figure = quoted.figure
            if figure.kind is not FigureKind.COUNT or figure.value is None:
                continue
            unit = series_unit(figure.unit, language)
            if not unit:
                continue
            wordings[unit][" ".join(figure.unit.split()).lower()] += 1
            grouped[unit].append(
                SeriesPoint(  # in the order of its fields: thousands, made positionally
                    document.published,
                    float(figure.value),
                    document.doc_id,
                    document.title,
                    document.source,
                    figure.sentence_start,
                    figure.sentence_end,
                    quoted.sentence,
                    " ".join(figure.text.split()),
                    figure.start,
                    figure.end,
                    figure.qualifier,
                    figure.unit,
                )
            )
    series = [
        Series(
            what=wordings[unit].most_common(1)[0][0],
            unit=unit,
            points=tuple(sorted(points, key=lambda p: (day_number(p.date) or 0, p.doc_id))),
        )
        for unit, points in grouped.items()
        if len({point.doc_id for point in points}) >= MIN_DOCUMENTS
    ]
    series.sort(key=lambda s: (-len(s.points), s.unit))
    return series


@lru_cache(maxsize=256)
def _hedge(qualifier: str) -> tuple[float, float]:
    return _HEDGES.get(qualifier.lower().strip(), (1.0, 1.0))


def value_range(point: SeriesPoint) -> tuple[float, float]:
    """The values a figure allows, its hedge read as a range."""
    low, high = _hedge(point.qualifier)
    if low == high == 1.0:
        return (point.value, point.value)
    bounds = [point.value * factor if math.isfinite(factor) else factor for factor in (low, high)]
    return (min(bounds), max(bounds))


def _agree(first: list[tuple[float, float]], second: list[tuple[float, float]]) -> bool:
    """True when some value of one document fits some value of the other."""
    return any(
        low <= other_high and other_low <= high
        for low, high in first
        for other_low, other_high in second
    )


def find_conflicts(series: Series) -> list[Conflict]:
    """Pairs of documents close in time that disagree on the series (rules above)."""
    by_document: dict[str, list[SeriesPoint]] = defaultdict(list)
    for point in series.points:
        if precision(point.date) in ("day", "month"):
            by_document[point.doc_id].append(point)
    ordered = sorted(
        by_document.values(), key=lambda points: (day_number(points[0].date) or 0, points[0].doc_id)
    )
    ranges = [[value_range(point) for point in points] for points in ordered]
    days = [day_number(points[0].date) or 0 for points in ordered]
    pairs: list[tuple[int, int]] = []
    for index in range(len(ordered) - 1):
        close = days[index + 1] - days[index] <= CONFLICT_WINDOW_DAYS
        if close and not _agree(ranges[index], ranges[index + 1]):
            pairs.append((index, index + 1))
    kept: list[tuple[int, int]] = []
    for pair in pairs:
        previous = kept[-1] if kept else None
        if previous is not None and previous[1] == pair[0]:
            # The middle one disagrees with both: one conflict, with its nearer neighbour.
            before, middle, after = previous[0], pair[0], pair[1]
            if _agree(ranges[before], ranges[after]):
                if days[after] - days[middle] < days[middle] - days[before]:
                    kept[-1] = pair
                continue
        kept.append(pair)
    return [Conflict(series.what, series.unit, ordered[a][0], ordered[b][0]) for a, b in kept]

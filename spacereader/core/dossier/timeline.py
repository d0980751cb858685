"""A dossier on a time line: mentions per month or per year, and the series' points.

Months when the dated documents span at most MONTHS_UP_TO_YEARS years, else
years. A document dated to the year only is counted in that year (at 1 July
when the bins are months, as core/dates.py places it). Documents without a
year are not on the time line.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from spacereader.core.dates import day_number
from spacereader.core.dossier.model import Dossier

MONTHS_UP_TO_YEARS = 5
_MONTH_ABBREVIATIONS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass(frozen=True)
class TimelineBin:
    """One month or year: its days (ordinals, end exclusive), mentions and documents."""

    start: int
    end: int
    label: str
    mentions: int
    documents: int


@dataclass(frozen=True)
class Timeline:
    """The bins from the first dated document to the last, every one (empty ones too)."""

    bins: tuple[TimelineBin, ...]
    by_month: bool

    @property
    def start(self) -> int:
        """The first day shown."""
        return self.bins[0].start if self.bins else 0

    @property
    def end(self) -> int:
        """The day after the last shown."""
        return self.bins[-1].end if self.bins else 1


def make_timeline(dossier: Dossier) -> Timeline:
    """Bins of the dossier's dated documents, with their mentions."""
    days = [
        (day, document.mentions)
        for document in dossier.documents
        if (day := day_number(document.published)) is not None
    ]
    if not days:
        return Timeline((), by_month=True)
    first = date.fromordinal(min(day for day, _ in days))
    last = date.fromordinal(max(day for day, _ in days))
    by_month = last.year - first.year < MONTHS_UP_TO_YEARS
    edges: list[date] = []
    cursor = date(first.year, first.month if by_month else 1, 1)
    while cursor <= last:
        edges.append(cursor)
        cursor = _next(cursor, by_month)
    edges.append(cursor)
    starts = [edge.toordinal() for edge in edges]
    mentions = [0] * (len(edges) - 1)
    documents = [0] * (len(edges) - 1)
    for day, count in days:
        slot = bisect_right(starts, day) - 1
        mentions[slot] += count
        documents[slot] += 1
    bins = tuple(
        TimelineBin(
            start=starts[slot],
            end=starts[slot + 1],
            label=_label(edges[slot], by_month),
            mentions=mentions[slot],
            documents=documents[slot],
        )
        for slot in range(len(edges) - 1)
    )
    return Timeline(bins, by_month)


def _next(day: date, by_month: bool) -> date:
    if not by_month:
        return date(day.year + 1, 1, 1)
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _label(day: date, by_month: bool) -> str:
    return f"{_MONTH_ABBREVIATIONS[day.month - 1]} {day.year}" if by_month else str(day.year)

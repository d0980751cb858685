"""The value types of a program's dossier: what the library says of one program over time.

Offsets (`start`, `end`) index into the text of the document a value comes
from; `text` is the quoted sentence on one line. The many small values (a
passage, a quoted figure) are named tuples: a dossier holds tens of thousands.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from spacereader.core.extraction.model import Figure


@dataclass(frozen=True)
class ProgramInfo:
    """The program a dossier follows."""

    key: str
    name: str
    aliases: tuple[str, ...]
    acronym: str | None
    category: str
    country: str

    def names(self) -> tuple[str, ...]:
        """Canonical name, acronym and aliases."""
        acronym = (self.acronym,) if self.acronym else ()
        return tuple(dict.fromkeys((self.name, *acronym, *self.aliases)))


class Passage(NamedTuple):
    """A sentence naming the program: its span in the document and its text."""

    start: int
    end: int
    text: str


class QuotedFigure(NamedTuple):
    """A figure about the program, with the sentence it stands in."""

    figure: Figure
    sentence: str


@dataclass(frozen=True)
class DossierDocument:
    """One document that names the program."""

    doc_id: str
    title: str
    source: str
    # The date as the document shows it ("Jan. 28"), and as ISO (possibly partial) or None.
    date: str
    published: str | None
    mentions: int
    figures: tuple[QuotedFigure, ...]
    # The other programs the document names, most mentioned first.
    co_programs: tuple[str, ...]
    # The sentences naming the program, as stored: read when `passages` is first asked for
    # (a view shows a few documents at a time; thousands need not be read to open it).
    passage_data: str = field(default="[]", repr=False, compare=False)

    @functools.cached_property
    def passages(self) -> tuple[Passage, ...]:
        """The sentences that name the program, in text order."""
        from spacereader.core.dossier.codec import decode_passages

        return decode_passages(self.passage_data)

    @property
    def dated(self) -> bool:
        """True when the document can be placed in time (its date has a year)."""
        # The catalogue holds only valid dates (core/dates.py): "--" marks one without a year.
        return self.published is not None and not self.published.startswith("--")


class SeriesPoint(NamedTuple):
    """One value of a series: a figure in a dated document."""

    date: str
    value: float
    doc_id: str
    title: str
    source: str
    # The sentence the figure stands in: its span and its text.
    start: int
    end: int
    text: str
    # The figure itself ("more than 13"), its span and its hedge ("more than", or "").
    figure_text: str
    figure_start: int
    figure_end: int
    qualifier: str
    unit: str


@dataclass(frozen=True)
class Series:
    """Figures that count the same thing about the program, in time order.

    `what` is how the documents most often say it ("member countries"); `unit`
    is the thing counted, as the grouping rules name it ("members").
    """

    what: str
    unit: str
    points: tuple[SeriesPoint, ...]


@dataclass(frozen=True)
class Conflict:
    """Two documents close in time that give different values for one series."""

    what: str
    unit: str
    first: SeriesPoint
    second: SeriesPoint

    @property
    def days_apart(self) -> int:
        """Days between the two documents' dates."""
        from spacereader.core.dates import day_number

        return abs((day_number(self.second.date) or 0) - (day_number(self.first.date) or 0))


@dataclass(frozen=True)
class Dossier:
    """Everything the library says of one program, in publication order."""

    program: ProgramInfo
    documents: tuple[DossierDocument, ...]
    series: tuple[Series, ...]
    conflicts: tuple[Conflict, ...]
    first_seen: str | None
    last_seen: str | None
    # Documents of the library not read for programs yet (the dossier may grow).
    pending: int = 0

    @property
    def undated(self) -> int:
        """How many of the documents cannot be placed in time."""
        return sum(1 for document in self.documents if not document.dated)

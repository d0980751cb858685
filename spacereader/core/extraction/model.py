"""The value types extraction returns: programs with their mentions, and figures.

Every offset is a code-point index into the document's text, so that
`text[start:end]` is exactly the surface text recorded with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

# Rule-found programs that name no space subject go here, apart from space programs.
NON_SPACE_CATEGORY = "National program (non-space)"


class FigureKind(str, Enum):
    """What sort of quantity a figure is."""

    COUNT = "count"
    YEAR = "year"
    DATE = "date"
    DURATION = "duration"
    MONEY = "money"
    PERCENT = "percent"
    MEASURE = "measure"
    ORDINAL = "ordinal"


@dataclass(frozen=True)
class Mention:
    """One place where a program is named: `text == document_text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Program:
    """A program the text names, with every mention of it merged into one entry."""

    name: str
    aliases: tuple[str, ...]
    acronym: str | None
    category: str
    country: str
    mentions: tuple[Mention, ...]
    source: str
    # The series a numbered mission belongs to ("Chang'e-5" -> the lunar program), or "".
    parent: str = ""

    @property
    def first(self) -> Mention:
        """The first mention in the text."""
        return self.mentions[0]

    def names(self) -> tuple[str, ...]:
        """Every name the program goes by: canonical, acronym and aliases."""
        acronym = (self.acronym,) if self.acronym else ()
        return (self.name, *acronym, *self.aliases)


@dataclass(frozen=True)
class Figure:
    """A number the text gives, with what it counts and how it is hedged."""

    text: str
    value: float | None
    kind: FigureKind
    unit: str
    qualifier: str
    start: int
    end: int
    # The sentence that holds the figure, as offsets into the text: a copy of
    # each sentence per figure made a long one-sentence table cost gigabytes.
    sentence_start: int
    sentence_end: int
    # The upper end of a range ("2021–2025"), else None.
    upper: float | None = None
    # Dates and years in ISO form ("2022-01-28", "--01-28" without a year), else "".
    normalized: str = ""


def sentence_of(figure: Figure, text: str) -> str:
    """The sentence that holds a figure, on one line (`text` is the text it was found in)."""
    from spacereader.core.extraction.normalize import collapse_spaces

    return collapse_spaces(text[figure.sentence_start : figure.sentence_end])


@dataclass(frozen=True)
class Extraction:
    """Everything extraction found in one text."""

    programs: tuple[Program, ...]
    figures: tuple[Figure, ...]


_Frozen = TypeVar("_Frozen")


def assemble(cls: type[_Frozen], /, **fields: object) -> _Frozen:
    """An instance of one of the frozen dataclasses above, given every field.

    Their generated __init__ sets each field through object.__setattr__; filling a
    new instance's __dict__ at once builds the same object about three times
    faster, which counts for the dozens of mentions and figures of every text.
    Only for these classes (no __post_init__, no slots); a test compares both ways.
    """
    instance: _Frozen = object.__new__(cls)
    instance.__dict__.update(fields)
    return instance

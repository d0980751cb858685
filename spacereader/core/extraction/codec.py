"""A compact JSON form of an Extraction, for the extraction store.

Rows of plain arrays, not objects with field names: a document's programs and
figures are stored once and read back each time it is opened, and arrays are
about half the size and parse faster. `decode` checks the shape and returns
None for anything it does not recognise, so a damaged or foreign row is a miss,
never an exception.
"""

from __future__ import annotations

import json
from typing import Any

from spacereader.core.extraction.model import (
    Extraction,
    Figure,
    FigureKind,
    Mention,
    Program,
    assemble,
)

# Stored with every row; a different number is a miss (the form changed).
FORMAT = 2
_KINDS = {kind.value: kind for kind in FigureKind}


def encode(extraction: Extraction) -> str:
    """The extraction as one JSON string."""
    programs = [
        [
            program.name,
            list(program.aliases),
            program.acronym,
            program.category,
            program.country,
            program.source,
            program.parent,
            [[m.start, m.end, m.text] for m in program.mentions],
        ]
        for program in extraction.programs
    ]
    figures = [
        [
            f.text,
            f.value,
            f.kind.value,
            f.unit,
            f.qualifier,
            f.start,
            f.end,
            f.sentence_start,
            f.sentence_end,
            f.upper,
            f.normalized,
        ]
        for f in extraction.figures
    ]
    return json.dumps([FORMAT, programs, figures], ensure_ascii=False, separators=(",", ":"))


def decode(data: str) -> Extraction | None:
    """The extraction `encode` wrote, or None when `data` is not one."""
    try:
        form, programs, figures = json.loads(data)
        if form != FORMAT:
            return None
        return Extraction(
            programs=tuple(_program(row) for row in programs),
            figures=tuple(_figure(row) for row in figures),
        )
    except (ValueError, TypeError, KeyError):
        return None


def _program(row: list[Any]) -> Program:
    name, aliases, acronym, category, country, source, parent, mentions = row
    if not mentions:
        raise ValueError("a program without mentions")
    return assemble(
        Program,
        name=_text(name),
        aliases=tuple(_text(alias) for alias in aliases),
        acronym=None if acronym is None else _text(acronym),
        category=_text(category),
        country=_text(country),
        mentions=tuple(_mention(mention) for mention in mentions),
        source=_text(source),
        parent=_text(parent),
    )


def _mention(row: list[Any]) -> Mention:
    start, end, text = row
    return assemble(Mention, start=_offset(start), end=_offset(end), text=_text(text))


def _figure(row: list[Any]) -> Figure:
    text, value, kind, unit, qualifier, start, end, sentence_start, sentence_end = row[:9]
    upper, normalized = row[9:]
    return assemble(
        Figure,
        text=_text(text),
        value=_number(value),
        kind=_KINDS[kind],
        unit=_text(unit),
        qualifier=_text(qualifier),
        start=_offset(start),
        end=_offset(end),
        sentence_start=_offset(sentence_start),
        sentence_end=_offset(sentence_end),
        upper=_number(upper),
        normalized=_text(normalized),
    )


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


def _offset(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError("not an offset")
    return value


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("not a number")
    return value  # as extraction gave it: an int stays an int

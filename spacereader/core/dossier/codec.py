"""A compact JSON form of a ProgramDigest, for the program index.

Plain arrays, not objects: a dossier of a program named in thousands of
documents reads thousands of rows, and arrays parse faster. `decode` returns
None for anything it does not recognise, so a damaged row is a miss.
"""

from __future__ import annotations

import json
from typing import Any

from spacereader.core.dossier.digest import ProgramDigest
from spacereader.core.dossier.model import Passage, QuotedFigure
from spacereader.core.extraction.model import Figure, FigureKind, assemble

FORMAT = 1
_KINDS = {kind.value: kind for kind in FigureKind}


def encode(found: ProgramDigest) -> str:
    """The digest as one JSON string (its key is stored beside it)."""
    figures = [
        [
            quoted.figure.text,
            quoted.figure.value,
            quoted.figure.kind.value,
            quoted.figure.unit,
            quoted.figure.qualifier,
            quoted.figure.start,
            quoted.figure.end,
            quoted.figure.sentence_start,
            quoted.figure.sentence_end,
            quoted.figure.upper,
            quoted.figure.normalized,
            quoted.sentence,
        ]
        for quoted in found.figures
    ]
    row = [
        FORMAT,
        found.name,
        found.acronym,
        list(found.aliases),
        found.category,
        found.country,
        found.mentions,
        [[p.start, p.end, p.text] for p in found.passages],
        figures,
        list(found.co_programs),
    ]
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def decode(key: str, data: str) -> ProgramDigest | None:
    """The digest `encode` wrote, or None."""
    try:
        form, name, acronym, aliases, category, country, mentions, passages, figures, co = (
            json.loads(data)
        )
        if form != FORMAT:
            return None
        return ProgramDigest(
            key=key,
            name=str(name),
            acronym=None if acronym is None else str(acronym),
            aliases=tuple(str(alias) for alias in aliases),
            category=str(category),
            country=str(country),
            mentions=int(mentions),
            passages=tuple(assemble(Passage, start=s, end=e, text=t) for s, e, t in passages),
            figures=tuple(_figure(row) for row in figures),
            co_programs=tuple(str(name) for name in co),
        )
    except (ValueError, TypeError, KeyError):
        return None


def _figure(row: list[Any]) -> QuotedFigure:
    text, value, kind, unit, qualifier, start, end, sentence_start, sentence_end = row[:9]
    upper, normalized, sentence = row[9:]
    figure = assemble(
        Figure,
        text=text,
        value=value,
        kind=_KINDS[kind],
        unit=unit,
        qualifier=qualifier,
        start=start,
        end=end,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        upper=upper,
        normalized=normalized,
    )
    return assemble(QuotedFigure, figure=figure, sentence=sentence)

"""Compact JSON forms of what the program index stores, per program and text.

Three parts, stored apart: the program's names and category (one row per
program), the figures and counts a dossier needs at once (parsed for all rows
in one go), and the sentences naming the program, kept as JSON until a view
or an export reads them. Plain arrays, not objects: a dossier of a program
named in thousands of documents reads thousands of rows. Decoding returns
None (or leaves a row out) for anything it does not recognise.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from spacereader.core.dossier.model import Passage, QuotedFigure
from spacereader.core.extraction.model import Figure, FigureKind, assemble

FORMAT = 2
PARSE_AT_ONCE = 400
_KINDS = {kind.value: kind for kind in FigureKind}


class StoredEntry(NamedTuple):
    """One text's row for one program, as a dossier reads it."""

    content_hash: str
    mentions: int
    figures: tuple[QuotedFigure, ...]
    co_programs: tuple[str, ...]
    # The sentences naming the program, as JSON: see decode_passages.
    passages: str


def _separators(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def encode_program(
    name: str, acronym: str | None, aliases: tuple[str, ...], category: str, country: str
) -> str:
    """A program's names and category."""
    return _separators([FORMAT, name, acronym, list(aliases), category, country])


def decode_program(data: str) -> tuple[str, str | None, tuple[str, ...], str, str] | None:
    """(name, acronym, aliases, category, country), or None."""
    try:
        form, name, acronym, aliases, category, country = json.loads(data)
        if form != FORMAT:
            return None
        return (
            str(name),
            None if acronym is None else str(acronym),
            tuple(str(alias) for alias in aliases),
            str(category),
            str(country),
        )
    except (ValueError, TypeError):
        return None


def encode_facts(mentions: int, figures: tuple[QuotedFigure, ...], co: tuple[str, ...]) -> str:
    """The part of a row a dossier needs at once: mentions, figures, other programs."""
    rows = [
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
        for quoted in figures
    ]
    return _separators([FORMAT, mentions, rows, list(co)])


def encode_passages(passages: tuple[Passage, ...]) -> str:
    """The sentences naming the program."""
    return _separators([[p.start, p.end, p.text] for p in passages])


def decode_passages(data: str) -> tuple[Passage, ...]:
    """The sentences encode_passages wrote; none if `data` is not that."""
    try:
        return tuple(
            [Passage(int(start), int(end), str(text)) for start, end, text in json.loads(data)]
        )
    except (ValueError, TypeError):
        return ()


def decode_entries(rows: list[tuple[str, str, str]]) -> list[StoredEntry]:
    """Entries from (content hash, facts, passages) rows; unreadable rows left out.

    The facts are parsed PARSE_AT_ONCE rows to a JSON parse: far quicker than one
    parse a row, and short enough not to hold other threads (the GUI's) up long.
    """
    found = []
    for first in range(0, len(rows), PARSE_AT_ONCE):
        chunk = rows[first : first + PARSE_AT_ONCE]
        try:
            parsed = json.loads("[" + ",".join(facts for _hash, facts, _passages in chunk) + "]")
        except ValueError:
            parsed = None
        if not isinstance(parsed, list) or len(parsed) != len(chunk):
            parsed = [_loads(facts) for _hash, facts, _passages in chunk]
        for (content_hash, _facts, passages), facts in zip(chunk, parsed, strict=True):
            entry = _entry(content_hash, facts, passages)
            if entry is not None:
                found.append(entry)
    return found


def _loads(data: str) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        return None


def _entry(content_hash: str, facts: Any, passages: str) -> StoredEntry | None:
    try:
        form, mentions, figures, co = facts
        if form != FORMAT:
            return None
        return StoredEntry(
            content_hash,
            int(mentions),
            tuple([_figure(figure) for figure in figures]),
            tuple(co),
            passages,
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
    return QuotedFigure(figure, sentence)

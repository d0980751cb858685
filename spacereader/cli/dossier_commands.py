"""`spacereader dossier PROGRAM`: what the library says of one program, over time."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacereader.cli.output import print_json, warn
from spacereader.core.errors import Error
from spacereader.core.wording import counted

if TYPE_CHECKING:
    from spacereader.core.dossier import Dossier, DossierDocument, SeriesPoint
    from spacereader.core.dossier.model import QuotedFigure

# From this many documents to read, say why the first dossier takes a while.
ANNOUNCE_FROM = 50


class OutputError(Error):
    """The Markdown cannot be written where it was asked to go."""


def register(subparsers: Any) -> None:
    """Add the dossier command."""
    command = subparsers.add_parser(
        "dossier",
        help="what the library says of one program, over time",
        description="Every document that names a program, in publication order, with the "
        "sentences that name it, its figures and the other programs named; its figure "
        "series and the conflicts between sources. PROGRAM is any name, alias or acronym.",
    )
    command.add_argument("program", metavar="PROGRAM", help="e.g. ILRS")
    form = command.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON")
    form.add_argument("--markdown", action="store_true", help="print Markdown for a briefing")
    command.add_argument("-o", "--output", type=Path, help="write the Markdown to this file")
    command.set_defaults(handler=run_dossier)


def run_dossier(args: argparse.Namespace) -> int:
    """Print a program's dossier."""
    from spacereader.core.dossier import ProgramIndex, dossier_markdown, library_dossier
    from spacereader.core.library import Library

    if args.output is not None and not args.markdown:
        raise OutputError("-o/--output needs --markdown")
    library = Library()
    index = ProgramIndex()
    try:
        library.fill_missing_published()
        announced = False

        def progress(done: int, total: int) -> None:
            nonlocal announced
            if not announced and total >= ANNOUNCE_FROM:
                warn(f"reading {counted(total, 'document')} for programs (once)…")
                announced = True

        dossier = library_dossier(library, args.program, index, progress)
    finally:
        index.close()
        library.close()
    if args.markdown:
        content = dossier_markdown(dossier)
        if args.output is None:
            sys.stdout.write(content)
            return 0
        try:
            args.output.write_text(content, encoding="utf-8")
        except OSError as error:
            raise OutputError(f"{args.output}: cannot write ({error.strerror})") from error
        return 0
    if args.json:
        print_json(dossier_json(dossier))
    else:
        _print_readable(dossier)
    return 0


def dossier_json(dossier: Dossier) -> dict[str, Any]:
    """The JSON `dossier --json` prints."""
    program = dossier.program
    return {
        "program": {
            "name": program.name,
            "aliases": [name for name in program.names() if name != program.name],
            "category": program.category,
        },
        "documents": [_document_json(document) for document in dossier.documents],
        "series": [
            {
                "what": series.what,
                "unit": series.unit,
                "points": [
                    {
                        "date": point.date,
                        "value": point.value,
                        "doc_id": point.doc_id,
                        "text": point.text,
                        "start": point.start,
                        "end": point.end,
                    }
                    for point in series.points
                ],
            }
            for series in dossier.series
        ],
        "conflicts": [
            {
                "what": conflict.what,
                "a": _side(conflict.first),
                "b": _side(conflict.second),
            }
            for conflict in dossier.conflicts
        ],
        "first_seen": dossier.first_seen,
        "last_seen": dossier.last_seen,
    }


def _document_json(document: DossierDocument) -> dict[str, Any]:
    return {
        "doc_id": document.doc_id,
        "title": document.title,
        "published": document.published,
        "date": document.date,
        "mentions": document.mentions,
        "passages": [
            {"start": passage.start, "end": passage.end, "text": passage.text}
            for passage in document.passages
        ],
        "figures": [figure_json(quoted) for quoted in document.figures],
        "co_programs": list(document.co_programs),
    }


def figure_json(quoted: QuotedFigure) -> dict[str, Any]:
    """A figure with the fields `extract --json` gives it."""
    figure = quoted.figure
    return {
        "text": figure.text,
        "value": figure.value,
        "kind": figure.kind.value,
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "start": figure.start,
        "end": figure.end,
        "sentence": quoted.sentence,
        "upper": figure.upper,
        "normalized": figure.normalized,
    }


def _side(point: SeriesPoint) -> dict[str, Any]:
    return {"doc_id": point.doc_id, "date": point.date, "value": point.value, "text": point.text}


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _print_readable(dossier: Dossier) -> None:
    from spacereader.core.dates import date_label

    program = dossier.program
    name = program.name + (f" ({program.acronym})" if program.acronym else "")
    facts = " · ".join(part for part in (program.category, program.country) if part)
    print(name + (f" — {facts}" if facts else ""))
    count = len(dossier.documents)
    line = f"Named in {count} document{'s' * (count != 1)}"
    if dossier.first_seen:
        line += f"; first seen {date_label(dossier.first_seen)}"
        line += f", last seen {date_label(dossier.last_seen)}"
    if dossier.undated:
        line += f"; {dossier.undated} without a date"
    print(line + ".")
    if dossier.series:
        print("\nFigures over time")
        for series in dossier.series:
            steps = " → ".join(
                f"{_number(point.value)} ({date_label(point.date)})" for point in series.points
            )
            print(f"  {series.what}: {steps}")
    if dossier.conflicts:
        print(f"\nConflicts ({len(dossier.conflicts)})")
        for conflict in dossier.conflicts:
            print(f"  {conflict.what}, {counted(conflict.days_apart, 'day')} apart:")
            for point in (conflict.first, conflict.second):
                where = ", ".join(part for part in (point.source, date_label(point.date)) if part)
                print(f"    {_number(point.value)} — {where}: {point.text}")
    print("\nDocuments")
    for document in dossier.documents:
        when = date_label(document.published) if document.published else "undated"
        mentions = f"{document.mentions} mention{'s' * (document.mentions != 1)}"
        print(f"  {when} · {document.title} ({document.doc_id} · {mentions})")
        for passage in document.passages:
            print(f"      “{passage.text}”")
        for quoted in document.figures:
            figure = quoted.figure
            print(f"      • {' '.join(figure.text.split())} {figure.unit}".rstrip())
        if document.co_programs:
            print(f"      also names: {', '.join(document.co_programs)}")

"""`spacereader extract`: a document's programs and figures, or its briefing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacereader.cli.output import print_json, warn
from spacereader.core.dates import citation_date
from spacereader.core.errors import Error

if TYPE_CHECKING:
    from spacereader.core.document import Document
    from spacereader.core.extraction import Extraction
    from spacereader.core.extraction.briefing import BriefingSource


class OutputError(Error):
    """The briefing cannot be written where it was asked to go."""


def register(subparsers: Any) -> None:
    """Add the extract command."""
    command = subparsers.add_parser(
        "extract",
        help="list the programs and figures of a document",
        description="List the programs and figures a document names. A path to a file "
        "that is not in the library is read without being added.",
    )
    command.add_argument("target", metavar="ID_OR_PATH", help="document id (or prefix) or file")
    command.add_argument("--json", action="store_true", help="print JSON")
    command.add_argument(
        "--briefing", choices=("md", "csv"), help="print a briefing in Markdown or CSV"
    )
    command.add_argument("-o", "--output", type=Path, help="write the briefing to this file")
    command.set_defaults(handler=run_extract)


def _load(target: str) -> tuple[Document, BriefingSource]:
    """The document (with no id when it is not in the library) and what a briefing
    names, of a library id or of a file read without adding it."""
    from spacereader.core.document import Document, DocumentFormat, DocumentInfo
    from spacereader.core.extraction.briefing import BriefingSource

    path = Path(target)
    if path.is_file():
        from spacereader.core.loaders import load_file
        from spacereader.core.structure import detect_structure
        from spacereader.core.titles import title_from_opening

        loaded = load_file(path)
        structure = detect_structure(loaded.text)
        source = BriefingSource(
            structure.title
            or loaded.title
            or title_from_opening(loaded.text, structure)
            or path.stem,
            source=loaded.source or structure.source,
            date=loaded.date or structure.date,
            origin=path.name,
            markdown=loaded.format is DocumentFormat.MARKDOWN,
        )
        info = DocumentInfo(
            id="",
            title=source.title,
            source=source.source,
            date=source.date,
            category=structure.category,
            format=loaded.format,
            path=path,
            chars=len(loaded.text),
            content_hash="",
            bundled=False,
        )
        return Document(info, loaded.text, structure), source
    from spacereader.core.library import Library

    library = Library()
    try:
        document = library.load(target)
    finally:
        library.close()
    info = document.info
    source = BriefingSource(
        info.title,
        source=info.source,
        date=citation_date(info.published, info.date),
        markdown=info.format is DocumentFormat.MARKDOWN,
    )
    return document, source


def extraction_json(doc_id: str, title: str, extraction: Extraction, text: str) -> dict[str, Any]:
    """A document's extraction as `extract --json` prints it."""
    from spacereader.core.extraction import sentence_of

    """The JSON `extract --json` prints."""
    return {
        "doc_id": doc_id,
        "title": title,
        "programs": [
            {
                "name": program.name,
                "aliases": list(program.aliases),
                "acronym": program.acronym,
                "category": program.category,
                "country": program.country,
                "source": program.source,
                "parent": program.parent,
                "mentions": [
                    {"start": m.start, "end": m.end, "text": m.text} for m in program.mentions
                ],
            }
            for program in extraction.programs
        ],
        "figures": [
            {
                "text": figure.text,
                "value": figure.value,
                "kind": figure.kind.value,
                "unit": figure.unit,
                "qualifier": figure.qualifier,
                "start": figure.start,
                "end": figure.end,
                "sentence": sentence_of(figure, text),
                "upper": figure.upper,
                "normalized": figure.normalized,
            }
            for figure in extraction.figures
        ],
    }


def _print_readable(title: str, extraction: Extraction) -> None:
    print(title)
    print(f"\nPrograms ({len(extraction.programs)})")
    by_category: dict[str, list[str]] = {}
    for program in extraction.programs:
        names = program.name + (f" ({program.acronym})" if program.acronym else "")
        count = len(program.mentions)
        line = f"  {names} — {count} mention{'s' * (count != 1)}"
        if program.country:
            line += f" · {program.country}"
        by_category.setdefault(program.category, []).append(line)
    for category in sorted(by_category):
        print(f" {category}")
        for line in by_category[category]:
            print(line)
    print(f"\nFigures ({len(extraction.figures)})")
    from spacereader.core.extraction.describe import what_it_counts

    for figure in extraction.figures:
        what = what_it_counts(figure)
        print(
            f"  {' '.join(figure.text.split())}  [{figure.kind.value}]"
            + (f"  {what}" if what else "")
        )


def run_extract(args: argparse.Namespace) -> int:
    """Print a document's programs and figures, or write its briefing."""
    # Imported here: extraction costs ~70 ms to import, which every other command
    # (and the app, started through this command line) would pay otherwise.
    from spacereader.core.extraction import default_gazetteer
    from spacereader.core.extraction.briefing import briefing_csv, briefing_markdown
    from spacereader.core.extraction.cache import extract_shown
    from spacereader.core.shown import structure_shown_from

    if args.output is not None and args.briefing is None:
        raise OutputError("-o/--output needs --briefing md or --briefing csv")
    document, source = _load(args.target)
    doc_id, text, title = document.id, document.text, source.title
    gazetteer = default_gazetteer()
    for problem in gazetteer.problems:
        warn(str(problem))
    # What the reader shows, and nothing it hides: as the Programs and Figures panels list.
    structure = structure_shown_from(document)
    extraction = extract_shown(text, document.info.format, gazetteer, structure)
    if args.briefing is not None:
        render = briefing_markdown if args.briefing == "md" else briefing_csv
        content = render(extraction, text, source)
        if args.output is None:
            sys.stdout.write(content)
        else:
            try:
                args.output.write_text(content, encoding="utf-8")
            except OSError as error:
                raise OutputError(f"{args.output}: cannot write ({error.strerror})") from error
        return 0
    if args.json:
        print_json(extraction_json(doc_id, title, extraction, text))
    else:
        _print_readable(title, extraction)
    return 0

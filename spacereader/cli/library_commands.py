"""`spacereader list` and `spacereader show`: the library from the command line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from spacereader.cli.output import print_json
from spacereader.core.document import DocumentInfo
from spacereader.core.library import Library


def register(subparsers: Any) -> None:
    """Add the library commands."""
    listing = subparsers.add_parser("list", help="list the documents in the library")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=list_documents)

    show = subparsers.add_parser("show", help="print a document's text")
    show.add_argument("id", help="document id (a unique prefix is enough)")
    show.set_defaults(handler=show_document)


def info_json(info: DocumentInfo) -> dict[str, Any]:
    """A library entry as the JSON commands print it."""
    return {
        "id": info.id,
        "title": info.title,
        "source": info.source,
        "date": info.date,
        # ISO, partial ("2024-08", "2024", "--01-28" without a year), or null.
        "published": info.published,
        "category": info.category,
        "format": info.format.value,
        "path": str(info.path),
        "chars": info.chars,
        "bundled": info.bundled,
    }


def list_documents(args: argparse.Namespace) -> int:
    """Print the library, as a table or as JSON."""
    library = Library()
    library.fill_missing_published()  # documents catalogued before dates were read; once
    documents = library.documents()
    if args.json:
        print_json([info_json(info) for info in documents])
        return 0
    for info in documents:
        byline = " · ".join(part for part in (info.source, info.date) if part)
        print(f"{info.id}  {info.title}" + (f"  ({byline})" if byline else ""))
    return 0


def show_document(args: argparse.Namespace) -> int:
    """Print one document's text exactly as stored."""
    document = Library().load(args.id)
    sys.stdout.write(document.text)
    if not document.text.endswith("\n"):
        sys.stdout.write("\n")
    return 0

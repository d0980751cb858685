"""`spacereader import PATH…`: add files and folders to the library without the app."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacereader.cli.output import print_json, warn
from spacereader.core.errors import Error
from spacereader.core.library import Library

if TYPE_CHECKING:
    from spacereader.core.importer import ImportItem, SkippedPath


class NothingToImportError(Error):
    """The paths given hold no file SpaceReader could import."""


def register(subparsers: Any) -> None:
    """Add the import command."""
    parser = subparsers.add_parser(
        "import",
        help="add files or folders (recursively) to the library",
        description="Add .txt, .md, .html and .pdf files, or whole folders, to the library. "
        "Each refusal is one line on stderr; the exit status is 1 if any file failed. "
        "A link in a folder that leads out of it is not followed: one line on stderr says so.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a file or folder")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the imported documents as JSON (id, title, path), and the links skipped",
    )
    parser.set_defaults(handler=import_documents)


def _item_json(item: ImportItem) -> dict[str, Any]:
    assert item.info is not None
    assert item.outcome is not None
    return {
        "id": item.info.id,
        "title": item.info.title,
        "path": str(item.path.absolute()),
        "stored": str(item.info.path),
        "outcome": item.outcome.value,
        "format": item.info.format.value,
    }


def _skipped_json(skipped: SkippedPath) -> dict[str, Any]:
    return {"path": str(skipped.path.absolute()), "outcome": "skipped", "reason": skipped.reason}


def import_documents(args: argparse.Namespace) -> int:
    """Import every path; report each refusal and a summary on stderr."""
    # Imported here: the importer brings extraction (~70 ms to import) with it.
    from spacereader.core.extraction.store import store_path
    from spacereader.core.importer import find_files, import_paths

    # Libraries (pypdf, trafilatura) log warnings about odd files; with no handler
    # configured Python would print them on stderr, between our one-line messages.
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())
    found = find_files(args.paths)
    if not found.files:
        for skipped in found.skipped:
            warn(skipped.message)
        raise NothingToImportError("no supported files found (.txt, .md, .html, .pdf)")

    def report(item: ImportItem) -> None:
        if item.error is not None:
            warn(item.error)
        elif not args.json and item.info is not None and item.outcome is not None:
            print(f"{item.outcome.value:9}  {item.info.id}  {item.info.title}", flush=True)

    library = Library()
    try:
        summary = import_paths(library, args.paths, on_item=report, extractions=store_path())
    finally:
        library.close()
    for skipped in summary.skipped:
        warn(skipped.message)
    if args.json:
        print_json(
            [_item_json(item) for item in summary.items if item.ok]
            + [_skipped_json(skipped) for skipped in summary.skipped]
        )
    print(f"spacereader: {summary.describe()}", file=sys.stderr)
    return 0 if summary.failed == 0 else 1

"""`spacereader list` and `spacereader show`: the library from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from spacereader.cli.output import print_json, raw_stdout
from spacereader.core.document import DocumentInfo
from spacereader.core.errors import Error
from spacereader.core.library import Library
from spacereader.core.wording import counted


def register(subparsers: Any) -> None:
    """Add the library commands."""
    listing = subparsers.add_parser("list", help="list the documents in the library")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=list_documents)

    show = subparsers.add_parser("show", help="print a document's text")
    show.add_argument("id", help="document id (a unique prefix is enough)")
    show.set_defaults(handler=show_document)

    restore = subparsers.add_parser(
        "restore-library",
        help="restore the library catalogue from a backup",
        description="Put back the documents a catalogue backup holds (the newest sound one by "
        "default), keeping those added since; or, with --keep, keep the library as it is.",
    )
    restore.add_argument("backup", nargs="?", type=Path, help="a backup file (default: newest)")
    restore.add_argument("--keep", action="store_true", help="keep the recovered library")
    restore.set_defaults(handler=restore_library)


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
        # "en", "fr", or "" when the text's language could not be told.
        "language": info.language or "",
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
    """Print one document's text: exactly as stored into a pipe or a file, escaped on a terminal."""
    document = Library().load(args.id)
    stream = sys.stdout if sys.stdout.isatty() else raw_stdout()
    stream.write(document.text)
    if not document.text.endswith("\n"):
        stream.write("\n")
    return 0


class NoBackupError(Error):
    """No sound catalogue backup exists."""


def restore_library(args: argparse.Namespace) -> int:
    """Restore the catalogue from a backup, or keep the recovered one."""
    from spacereader.core import library_recovery

    library = Library()
    try:
        if args.keep:
            library.keep_recovered()
            print("kept the library as it is")
            return 0
        backup = args.backup or library_recovery.newest_sound_backup(library.backups_dir)
        if backup is None:
            raise NoBackupError("no sound backup of the library catalogue was found")
        restored = library.restore_backup(backup)
        print(f"restored {counted(restored, 'document')} from {backup}")
    finally:
        library.close()
    return 0

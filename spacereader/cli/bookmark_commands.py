"""`spacereader bookmarks …`: list, search, add, export and import bookmarks."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from spacereader.cli.output import print_json, warn
from spacereader.core.bookmarks import (
    EXPORT_FORMATS,
    Bookmark,
    BookmarkImportError,
    BookmarkStore,
    InvalidBookmarkError,
)
from spacereader.core.bookmarks.exchange import to_json
from spacereader.core.errors import Error
from spacereader.core.library import Library
from spacereader.core.shown import clip_to_shown, document_shown_spans
from spacereader.core.wording import counted

QUOTE_WIDTH = 60


def register(subparsers: Any) -> None:
    """Add `bookmarks` and its actions."""
    bookmarks = subparsers.add_parser(
        "bookmarks", help="list, search, add, export and import bookmarks"
    )
    actions = bookmarks.add_subparsers(dest="bookmarks_action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="list bookmarks by document and position")
    listing.add_argument("--json", action="store_true", help="print JSON (the export's objects)")
    listing.add_argument("--doc", metavar="DOC_ID", help="only this document's bookmarks")
    listing.set_defaults(handler=list_bookmarks)

    search = actions.add_parser("search", help="bookmarks whose quote, note or tags hold WORDS")
    search.add_argument(
        "words", nargs="+", help="words (prefixes); note:WORD, tag:WORD, quote:WORD"
    )
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(handler=search_bookmarks)

    add = actions.add_parser("add", help="bookmark a passage of a document")
    add.add_argument("doc_id", metavar="DOC_ID", help="document id (a unique prefix is enough)")
    add.add_argument("start", type=int, help="first character (code points from 0)")
    add.add_argument("end", type=int, help="character after the last one")
    add.add_argument("--note", default="", help="the bookmark's note")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    add.set_defaults(handler=add_bookmark)

    export = actions.add_parser("export", help="write every bookmark as JSON, Markdown or CSV")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="json", help="default: json")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    export.set_defaults(handler=export_bookmarks)

    importing = actions.add_parser(
        "import", help="read a JSON export, all or nothing (newer edits win)"
    )
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.set_defaults(handler=import_bookmarks)


def _open_store() -> BookmarkStore:
    store = BookmarkStore()
    if store.recovery is not None:
        warn(store.recovery.message)
    return store


def _titles() -> dict[str, str]:
    library = Library()
    try:
        return {info.id: info.title for info in library.documents()}
    finally:
        library.close()


def _one_line(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def bookmark_line(mark: Bookmark, titles: dict[str, str]) -> str:
    """One bookmark on one line: id, document, place, quote, note, tags, status."""
    line = (
        f"{mark.id[:8]}  {titles.get(mark.doc_id, mark.doc_id)}  {mark.start}–{mark.end}"
        f"  “{_one_line(mark.quote, QUOTE_WIDTH)}”"
    )
    if mark.note:
        line += f"  — {_one_line(mark.note, QUOTE_WIDTH)}"
    if mark.tags:
        line += "  [" + ", ".join(mark.tags) + "]"
    if mark.status.value != "anchored":
        line += f"  ({mark.status.value})"
    return line


def _print_bookmarks(marks: list[Bookmark], as_json: bool) -> None:
    titles = _titles()
    if as_json:
        print_json([to_json(mark, titles) for mark in marks])
        return
    for mark in marks:
        print(bookmark_line(mark, titles))


def list_bookmarks(args: argparse.Namespace) -> int:
    """Print bookmarks, as lines or as JSON."""
    with _open_store() as store:
        marks = store.list(args.doc)
    _print_bookmarks(marks, args.json)
    return 0


def search_bookmarks(args: argparse.Namespace) -> int:
    """Print the bookmarks matching every word."""
    with _open_store() as store:
        marks = store.search(" ".join(args.words))
    _print_bookmarks(marks, args.json)
    return 0


def add_bookmark(args: argparse.Namespace) -> int:
    """Bookmark text[start:end] of a library document; print the new id."""
    library = Library()
    try:
        document = library.load(args.doc_id)
    finally:
        library.close()
    start, end = args.start, args.end
    if 0 <= start < end <= len(document.text):  # else the store says what is wrong
        # As in the reader: a bookmark starts and ends in text the reader shows.
        span = clip_to_shown(document_shown_spans(document), start, end)
        if span is None:
            raise InvalidBookmarkError(
                f"passage {start}–{end} is hidden in the reader (navigation or a header line)"
            )
        start, end = span
    with _open_store() as store:
        mark = store.add(document.id, document.text, start, end, args.note, args.tag)
    print(mark.id)
    return 0


def export_bookmarks(args: argparse.Namespace) -> int:
    """Write the export to stdout or, through a temporary file, to FILE."""
    with _open_store() as store:
        text = store.export(args.format, _titles())
        count = len(store)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    _write_atomically(args.output, text)
    print(f"exported {counted(count, 'bookmark')} to {args.output}")
    return 0


def import_bookmarks(args: argparse.Namespace) -> int:
    """Import a JSON export as one transaction; a fault changes nothing."""
    path: Path = args.file
    try:
        data = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise BookmarkImportError(f"{path}: not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise BookmarkImportError(f"cannot read {path}: {error.strerror or error}") from None
    library = Library()
    try:
        with _open_store() as store:
            try:
                # Placed in each document's current text: missing offsets come from the quote.
                written = store.import_json(data, texts=library.text_or_none)
            except BookmarkImportError as error:
                raise BookmarkImportError(f"{path}: {error}") from None
    finally:
        library.close()
    print(f"imported {counted(written, 'bookmark')} from {path}")
    return 0


def _write_atomically(path: Path, text: str) -> None:
    """Never leave a half-written export where the user expects a whole one."""
    folder = path.resolve().parent
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise Error(f"cannot write {path}: {error.strerror or error}") from None
    try:
        # mkstemp makes the file private (0600); an export gets the usual permissions.
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        raise Error(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        Path(temporary).unlink(missing_ok=True)

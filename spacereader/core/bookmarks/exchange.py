"""Bookmarks out to JSON, Markdown or CSV, and back in from the JSON export.

The JSON export is a list of objects with the fields `id`, `doc_id`, `title`,
`quote`, `prefix`, `suffix`, `start`, `end`, `note`, `tags`, `created`,
`updated` and `status`; it is the one format read back, and reading it back
gives exactly the bookmarks that were written. Markdown (grouped by document,
quote as a blockquote, note below) and CSV are for people and spreadsheets.

A file made by hand or converted from another tool needs only `doc_id` and
`quote`: a bookmark without an id gets one made from its content (so the same
file imported twice is one set of bookmarks), `created` and `updated` default
to now, and missing or wrong offsets are found again from the quote when the
bookmarks are placed in their documents (BookmarkStore.import_json).
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from spacereader.core.bookmarks.errors import BookmarkImportError, InvalidBookmarkError
from spacereader.core.bookmarks.model import (
    AnchorStatus,
    Bookmark,
    check_bookmark,
    check_text,
    normalize_tags,
    now_iso,
)

ExportFormat = Literal["json", "md", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("json", "md", "csv")
FIELDS = (
    "id",
    "doc_id",
    "title",
    "quote",
    "prefix",
    "suffix",
    "start",
    "end",
    "note",
    "tags",
    "created",
    "updated",
    "status",
)
REQUIRED_FIELDS = ("doc_id", "quote")
# Ids made for bookmarks that came without one: the same content, the same id.
_IMPORTED_IDS = uuid.UUID("6c1c5b8e-2f0e-4d55-9a51-3e0cfa1d7a10")
CSV_TAG_SEPARATOR = "; "


def export(bookmarks: Iterable[Bookmark], fmt: ExportFormat, titles: Mapping[str, str]) -> str:
    """The bookmarks as text in `fmt`; `titles` maps document ids to titles."""
    ordered = sorted(bookmarks, key=lambda mark: _reading_order(mark, titles))
    if fmt == "json":
        return (
            json.dumps([to_json(mark, titles) for mark in ordered], ensure_ascii=False, indent=2)
            + "\n"
        )
    if fmt == "md":
        return to_markdown(ordered, titles)
    if fmt == "csv":
        return to_csv(ordered, titles)
    raise InvalidBookmarkError(f"unknown export format {fmt!r}; use json, md or csv")


def _reading_order(mark: Bookmark, titles: Mapping[str, str]) -> tuple[str, str, int, int, str]:
    title = titles.get(mark.doc_id, "")
    return (title.casefold(), mark.doc_id, mark.start, mark.end, mark.created)


def to_json(mark: Bookmark, titles: Mapping[str, str]) -> dict[str, Any]:
    """One bookmark as an object of the JSON export."""
    return {
        "id": mark.id,
        "doc_id": mark.doc_id,
        "title": titles.get(mark.doc_id, ""),
        "quote": mark.quote,
        "prefix": mark.prefix,
        "suffix": mark.suffix,
        "start": mark.start,
        "end": mark.end,
        "note": mark.note,
        "tags": list(mark.tags),
        "created": mark.created,
        "updated": mark.updated,
        "status": mark.status.value,
    }


def to_markdown(bookmarks: Iterable[Bookmark], titles: Mapping[str, str]) -> str:
    """A heading per document, each quote as a blockquote with its note below."""
    lines = ["# Bookmarks"]
    current: str | None = None
    for mark in bookmarks:
        if mark.doc_id != current:
            current = mark.doc_id
            title = titles.get(mark.doc_id) or f"Document {mark.doc_id} (not in the library)"
            lines += ["", f"## {' '.join(title.split())}"]
        lines.append("")
        lines += [f"> {line}".rstrip() for line in mark.quote.splitlines() or [""]]
        if mark.note:
            lines += ["", mark.note.rstrip()]
        if mark.tags:
            lines += ["", "*Tags:* " + ", ".join(mark.tags)]
        if mark.orphaned:
            lines += ["", "*Orphaned: this passage is no longer in the document's text.*"]
    return "\n".join(lines) + "\n"


def to_csv(bookmarks: Iterable[Bookmark], titles: Mapping[str, str]) -> str:
    """One row per bookmark with the JSON export's columns; tags joined by "; "."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FIELDS)
    for mark in bookmarks:
        row = to_json(mark, titles)
        row["tags"] = CSV_TAG_SEPARATOR.join(mark.tags)
        writer.writerow([row[field] for field in FIELDS])
    return buffer.getvalue()


@dataclass(frozen=True)
class Incoming:
    """A bookmark read from an import file, and what the file left out.

    `id_given` is False when the id was made here; `offsets_given` is False
    when the file had no usable start and end (they are then 0 and the
    quote's length, to be found again from the quote).
    """

    bookmark: Bookmark
    id_given: bool
    offsets_given: bool


def parse_json(data: str) -> list[Bookmark]:
    """The bookmarks in a JSON export, all checked; BookmarkImportError names the first fault."""
    return [entry.bookmark for entry in parse_entries(data)]


def parse_entries(data: str) -> list[Incoming]:
    """The bookmarks in an import file, all checked; BookmarkImportError names the first fault.

    Required per object: doc_id and quote. Missing optional fields take
    defaults (an id made from the content, empty context, note and tags; now;
    anchored); `title` and unknown fields are ignored.
    """
    try:
        items = json.loads(data)
    except json.JSONDecodeError as error:
        raise BookmarkImportError(
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise BookmarkImportError("not valid JSON: nested too deeply") from None
    if not isinstance(items, list):
        raise BookmarkImportError(
            f"expected a list of bookmarks (the JSON export), found a {_json_type(items)}"
        )
    entries: list[Incoming] = []
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        try:
            entry = _from_json(item)
        except InvalidBookmarkError as error:
            raise BookmarkImportError(f"bookmark {number}: {error}") from None
        mark = entry.bookmark
        if mark.id in seen:
            what = f"id {mark.id!r}" if entry.id_given else "the same bookmark"
            raise BookmarkImportError(f"bookmark {number}: {what} appears twice")
        seen.add(mark.id)
        entries.append(entry)
    return entries


def _offsets(item: dict[str, Any], quote: str) -> tuple[int, int] | None:
    """The file's start and end if they span the quote; None if missing or not spanning it.

    A value that is not an offset at all (-1, "3", true) is a fault in the file.
    """
    for name in ("start", "end"):
        value = item.get(name)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            raise InvalidBookmarkError(f"{name} must be a non-negative integer, not {value!r}")
    start, end = item.get("start"), item.get("end")
    if start is None:
        return None
    if end is None:
        return start, start + len(quote)
    return (start, end) if end - start == len(quote) else None


def _from_json(item: object) -> Incoming:
    if not isinstance(item, dict):
        raise InvalidBookmarkError(f"expected an object, found a {_json_type(item)}")
    missing = [field for field in REQUIRED_FIELDS if field not in item]
    if missing:
        raise InvalidBookmarkError(f"missing {', '.join(missing)}")
    tags = item.get("tags", [])
    if not isinstance(tags, list):
        raise InvalidBookmarkError(f"tags must be a list, found a {_json_type(tags)}")
    for tag in tags:
        check_text(tag, "a tag")
    status = item.get("status", AnchorStatus.ANCHORED.value)
    try:
        status = AnchorStatus(status)
    except ValueError:
        choices = ", ".join(member.value for member in AnchorStatus)
        raise InvalidBookmarkError(f"status {status!r} is not one of {choices}") from None
    quote = check_text(item["quote"], "quote", empty=False)
    doc_id = check_text(item["doc_id"], "doc_id", empty=False)
    note = item.get("note", "")
    offsets = _offsets(item, quote)
    id_given = "id" in item
    if id_given:
        bookmark_id = item["id"]
    else:
        content = json.dumps([doc_id, quote, item.get("start"), note, tags], default=str)
        bookmark_id = uuid.uuid5(_IMPORTED_IDS, content).hex
    created = check_text(item.get("created", now_iso()), "created")
    start, end = offsets if offsets is not None else (0, len(quote))
    mark = check_bookmark(
        Bookmark(
            id=bookmark_id,
            doc_id=doc_id,
            quote=quote,
            prefix=item.get("prefix", ""),
            suffix=item.get("suffix", ""),
            start=start,
            end=end,
            note=note,
            tags=normalize_tags(tags),
            created=created,
            updated=check_text(item.get("updated", created), "updated"),
            status=status,
        )
    )
    return Incoming(mark, id_given, offsets is not None)


def _json_type(value: object) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")

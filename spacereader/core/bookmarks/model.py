"""The bookmark value types that the store returns and the widgets display.

A bookmark follows the W3C Web Annotation model's selectors: a quote selector
(the exact text, with about 32 characters of context either side) and a
position selector (start and end offsets, in code points of the document's
text). The quote is what the user chose; the offsets are only where it was last
seen, so a changed document can be re-anchored from the quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path

from spacereader.core.bookmarks.errors import InvalidBookmarkError
from spacereader.core.wording import counted


class AnchorStatus(str, Enum):
    """Where a bookmark stands against its document's current text."""

    ANCHORED = "anchored"  # the quote is where it was made (or last confirmed)
    MOVED = "moved"  # re-anchored elsewhere, by the exact quote or a close match
    ORPHANED = "orphaned"  # not found in the current text; kept, with quote and note


@dataclass(frozen=True)
class Bookmark:
    """One bookmarked passage with its note and tags.

    Invariant: `end - start == len(quote)`. While the status is not orphaned,
    `text[start:end] == quote` for the document's current text.
    """

    id: str
    doc_id: str
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    note: str
    tags: tuple[str, ...]
    created: str
    updated: str
    status: AnchorStatus

    @property
    def orphaned(self) -> bool:
        """True when the passage is not in the document's current text."""
        return self.status is AnchorStatus.ORPHANED


@dataclass(frozen=True)
class RecoveryReport:
    """What happened when the bookmark file was found damaged at open.

    The damaged file was moved to `damaged_path` (never deleted) and the store
    was reopened empty. `backup` is the newest backup that passed an integrity
    check, to offer the user through `BookmarkStore.restore_backup`, or None
    when there is none.
    """

    damaged_path: Path
    backup: Path | None
    reason: str

    @property
    def message(self) -> str:
        """One line for the user."""
        offer = (
            f"; the newest sound backup is {self.backup.name}"
            if self.backup is not None
            else "; no sound backup was found"
        )
        kept = f"it was kept as {self.damaged_path}"
        return f"the bookmark file was damaged ({self.reason}); {kept}{offer}"


def now_iso() -> str:
    """The current time in ISO 8601, UTC, to the millisecond (sorts by creation)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def parse_time(value: str) -> datetime:
    """An ISO 8601 time with a time zone; ValueError otherwise."""
    # Python 3.10's fromisoformat does not read a trailing "Z".
    parsed = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    if parsed.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    return parsed


def normalize_tags(tags: Sequence[str]) -> tuple[str, ...]:
    """Tags as stored: trimmed, empty ones dropped, repeats dropped, order kept."""
    if isinstance(tags, str):
        raise InvalidBookmarkError("tags must be a list of strings, not one string")
    kept: dict[str, None] = {}
    for tag in tags:
        if not isinstance(tag, str):
            raise InvalidBookmarkError(f"a tag must be a string, not {type(tag).__name__}")
        if tag.strip():
            kept.setdefault(tag.strip(), None)
    return tuple(kept)


def check_text(value: object, name: str, *, empty: bool = True) -> str:
    """A string that SQLite can store as UTF-8; raises InvalidBookmarkError otherwise."""
    if not isinstance(value, str):
        raise InvalidBookmarkError(f"{name} must be a string, not {type(value).__name__}")
    if not empty and not value:
        raise InvalidBookmarkError(f"{name} must not be empty")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidBookmarkError(f"{name} holds an unpaired surrogate ({error.reason})") from None
    return value


def check_bookmark(bookmark: Bookmark) -> Bookmark:
    """Raise InvalidBookmarkError unless the bookmark is one the store could have made."""
    check_text(bookmark.id, "id", empty=False)
    if bookmark.id != bookmark.id.strip():
        raise InvalidBookmarkError(f"id {bookmark.id!r} has surrounding spaces")
    check_text(bookmark.doc_id, "doc_id", empty=False)
    check_text(bookmark.quote, "quote", empty=False)
    for name in ("prefix", "suffix", "note"):
        check_text(getattr(bookmark, name), name)
    for name in ("start", "end"):
        value = getattr(bookmark, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidBookmarkError(f"{name} must be a non-negative integer, not {value!r}")
    if bookmark.end - bookmark.start != len(bookmark.quote):
        raise InvalidBookmarkError(
            f"start {bookmark.start} and end {bookmark.end} do not span"
            f" the quote's {counted(len(bookmark.quote), 'character')}"
        )
    if normalize_tags(bookmark.tags) != bookmark.tags:
        raise InvalidBookmarkError(f"tags {list(bookmark.tags)!r} are not normalized")
    for name in ("created", "updated"):
        value = check_text(getattr(bookmark, name), name)
        try:
            parse_time(value)
        except ValueError:
            raise InvalidBookmarkError(
                f"{name} {value!r} is not an ISO 8601 time with a time zone"
            ) from None
    if not isinstance(bookmark.status, AnchorStatus):
        raise InvalidBookmarkError(f"status {bookmark.status!r} is not an AnchorStatus")
    return bookmark

"""The bookmark file's schema and its migrations.

The schema version lives in `PRAGMA user_version`. Each migration lifts the file
by one version; all the steps an open needs run in a single transaction, so a
crash leaves the file at its old version, never half-way. The store makes a
verified backup before migrating a file that already holds bookmarks.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from spacereader.core.bookmarks.errors import StoreVersionError
from spacereader.core.bookmarks.model import AnchorStatus, Bookmark

# Version 1: the bookmarks table. `seq` is an explicit INTEGER PRIMARY KEY because
# the full-text table refers to rows by rowid, and VACUUM may renumber an
# implicit rowid.
_VERSION_1 = (
    """
    CREATE TABLE bookmarks (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        doc_id TEXT NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
        end_offset INTEGER NOT NULL CHECK (end_offset >= start_offset),
        note TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('anchored', 'moved', 'orphaned'))
    )
    """,
    "CREATE INDEX bookmarks_by_document ON bookmarks(doc_id, start_offset)",
)

# Version 2: full-text search over quotes, notes and tags (the filter box and
# `note:word`), kept in step with the table by triggers. Diacritics are folded
# so "breves" finds "Brèves".
_VERSION_2 = (
    """
    CREATE VIRTUAL TABLE bookmark_text USING fts5(
        quote, note, tags,
        content='bookmarks', content_rowid='seq',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER bookmarks_inserted AFTER INSERT ON bookmarks BEGIN
        INSERT INTO bookmark_text(rowid, quote, note, tags)
        VALUES (new.seq, new.quote, new.note, new.tags);
    END
    """,
    """
    CREATE TRIGGER bookmarks_deleted AFTER DELETE ON bookmarks BEGIN
        INSERT INTO bookmark_text(bookmark_text, rowid, quote, note, tags)
        VALUES ('delete', old.seq, old.quote, old.note, old.tags);
    END
    """,
    """
    CREATE TRIGGER bookmarks_updated AFTER UPDATE ON bookmarks BEGIN
        INSERT INTO bookmark_text(bookmark_text, rowid, quote, note, tags)
        VALUES ('delete', old.seq, old.quote, old.note, old.tags);
        INSERT INTO bookmark_text(rowid, quote, note, tags)
        VALUES (new.seq, new.quote, new.note, new.tags);
    END
    """,
    "INSERT INTO bookmark_text(bookmark_text) VALUES ('rebuild')",
)

# MIGRATIONS[n] lifts a file from version n to version n + 1.
MIGRATIONS: tuple[Sequence[str], ...] = (_VERSION_1, _VERSION_2)
SCHEMA_VERSION = len(MIGRATIONS)

# The columns a Bookmark is read from, in the dataclass's field order.
COLUMNS = (
    "id, doc_id, quote, prefix, suffix, start_offset, end_offset,"
    " note, tags, created, updated, status"
)

# Insert, or replace every field of the bookmark with the same id. An UPDATE
# (not INSERT OR REPLACE) so the full-text triggers see the change.
UPSERT = (
    f"INSERT INTO bookmarks ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
    " ON CONFLICT(id) DO UPDATE SET doc_id=excluded.doc_id, quote=excluded.quote,"
    " prefix=excluded.prefix, suffix=excluded.suffix, start_offset=excluded.start_offset,"
    " end_offset=excluded.end_offset, note=excluded.note, tags=excluded.tags,"
    " created=excluded.created, updated=excluded.updated, status=excluded.status"
)


def tags_json(tags: Sequence[str]) -> str:
    """Tags as stored: a JSON array (json_each reads it; FTS5 tokenizes it)."""
    return json.dumps(list(tags), ensure_ascii=False)


def to_row(mark: Bookmark) -> tuple[object, ...]:
    """A bookmark as the values for COLUMNS."""
    tags = tags_json(mark.tags)
    return (
        mark.id,
        mark.doc_id,
        mark.quote,
        mark.prefix,
        mark.suffix,
        mark.start,
        mark.end,
        mark.note,
        tags,
        mark.created,
        mark.updated,
        mark.status.value,
    )


_STATUSES = {status.value: status for status in AnchorStatus}
_new = object.__new__


@lru_cache(maxsize=4096)
def _tags(stored: str) -> tuple[str, ...]:
    # Most bookmarks share a few tag sets ("[]" above all): decode each once.
    return tuple(json.loads(stored))


def from_row(row: Sequence[Any]) -> Bookmark:
    """A bookmark from a row of COLUMNS.

    The dock loads every bookmark at once, so this is the hot path: filling the
    instance's __dict__ builds the same frozen object as Bookmark(...) in a
    third of the time (10,000 __init__ calls cost ~25 ms). Bookmark has no
    __slots__ and no __post_init__; a test checks that both ways give equal objects.
    """
    (mark_id, doc_id, quote, prefix, suffix, start, end, note, tags, created, updated, status) = row
    mark: Bookmark = _new(Bookmark)
    mark.__dict__.update(
        id=mark_id,
        doc_id=doc_id,
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        start=start,
        end=end,
        note=note,
        tags=_tags(tags),
        created=created,
        updated=updated,
        status=_STATUSES[status],
    )
    return mark


def version(db: sqlite3.Connection) -> int:
    """The file's schema version."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def check_version(found: int, where: str) -> None:
    """Refuse a file from a newer SpaceReader rather than guess at its schema."""
    if found > SCHEMA_VERSION:
        raise StoreVersionError(
            f"{where} has bookmark schema version {found}, newer than this SpaceReader"
            f" understands ({SCHEMA_VERSION}); it was left untouched"
        )


def holds_data(db: sqlite3.Connection) -> bool:
    """True when the file has any table: then a migration needs a backup first."""
    row = db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    return int(row[0]) > 0


def migrate(db: sqlite3.Connection) -> int:
    """Bring the file to SCHEMA_VERSION in one transaction; return the version it had.

    The connection must be in autocommit mode (isolation_level=None). The version
    is read again inside the write lock, so two processes opening an old file at
    once migrate it only once.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        found = version(db)
        check_version(found, "the bookmark file")
        for steps in MIGRATIONS[found:]:
            for statement in steps:
                db.execute(statement)
        if found != SCHEMA_VERSION:
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return found

"""The library's catalogue: opening it safely, its schema and migrations.

The catalogue's version is SQLite's `PRAGMA user_version`. Opening an older
catalogue upgrades it in one transaction, so a crash mid-upgrade leaves the old
version intact; a catalogue from a newer SpaceReader is refused, never touched.
A damaged catalogue is kept aside, as the bookmark file is (core/backups.py).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from spacereader.core import backups, sqlite_safety
from spacereader.core.errors import Error

_log = logging.getLogger(__name__)

SCHEMA_VERSION = 3

# Each step brings the catalogue from the version before it to its own.
_MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        (
            """CREATE TABLE IF NOT EXISTS documents (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                source TEXT NOT NULL,
                date TEXT NOT NULL,
                category TEXT NOT NULL,
                format TEXT NOT NULL,
                origin TEXT NOT NULL UNIQUE,
                stored TEXT NOT NULL,
                chars INTEGER NOT NULL,
                content_hash TEXT NOT NULL,
                added TEXT NOT NULL,
                updated TEXT NOT NULL
            )""",
            "CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash)",
        ),
    ),
    (
        2,
        (
            # The copy of the imported file itself, beside the stored text ("" if none).
            "ALTER TABLE documents ADD COLUMN original TEXT NOT NULL DEFAULT ''",
            # Reading position (code points) and when the document was last opened (ns).
            """CREATE TABLE reading (
                doc_id TEXT PRIMARY KEY,
                position INTEGER NOT NULL DEFAULT 0,
                opened INTEGER
            )""",
            "CREATE INDEX reading_opened ON reading(opened)",
            # Links kept from an HTML page, as spans of the stored text.
            """CREATE TABLE links (
                doc_id TEXT NOT NULL,
                start_offset INTEGER NOT NULL,
                end_offset INTEGER NOT NULL,
                href TEXT NOT NULL
            )""",
            "CREATE INDEX links_doc ON links(doc_id)",
            # Bundled documents the user removed: they must not come back on the next start.
            "CREATE TABLE dismissed_seeds (origin TEXT PRIMARY KEY)",
        ),
    ),
    (
        3,
        (
            # The text's language ("en", "fr"; "" when unknown).
            "ALTER TABLE documents ADD COLUMN language TEXT NOT NULL DEFAULT ''",
            # Publication date, ISO and possibly partial ("2021-03-09", "2024-08", "2024").
            "ALTER TABLE documents ADD COLUMN published TEXT",
            # 1 when the user set `published`: a re-import then keeps it.
            "ALTER TABLE documents ADD COLUMN published_by_user INTEGER NOT NULL DEFAULT 0",
        ),
    ),
)


class LibraryError(Error):
    """The library cannot do what was asked (a newer catalogue, an Undo that conflicts)."""


class _DamagedError(Exception):
    """The catalogue's file is not a sound SQLite database."""


@dataclass(frozen=True)
class Damage:
    """A damaged catalogue found at open: where it was kept, and why it was set aside."""

    kept_as: Path
    reason: str


def open_catalogue(path: Path, backups_folder: Path) -> tuple[sqlite3.Connection, Damage | None]:
    """Open the catalogue, upgrading its schema if it is older than this code.

    A damaged catalogue (no SQLite header, emptied although backed up, failing
    SQLite's quick check) is moved aside, never deleted, and a new empty one
    is opened in its place; the Damage says so, for the caller to rebuild and
    offer a backup. Anything else SQLite refuses (a read-only folder, a lock
    held too long) is a LibraryError of one line.
    """
    try:
        try:
            return _open(path, backups_folder), None
        except (sqlite3.DatabaseError, _DamagedError) as error:
            if isinstance(error, sqlite3.DatabaseError) and not backups.is_damage(error):
                raise
            kept = backups.move_aside(path)
            _log.error("library catalogue %s was damaged (%s); moved to %s", path, error, kept)
            return _open(path, backups_folder), Damage(kept, str(error))
    except (sqlite3.Error, OSError, _DamagedError) as error:
        raise LibraryError(
            f"cannot open the library catalogue {path}: {_why(error, path)}"
        ) from error


def _open(path: Path, backups_folder: Path) -> sqlite3.Connection:
    # The header is judged before SQLite opens the file: on closing a connection
    # to a file it cannot read, SQLite deletes the -wal beside it.
    problem = backups.header_problem(path, backups_folder, path.stem)
    if problem is not None:
        raise _DamagedError(problem)
    db = sqlite_safety.connect(path)
    try:
        problem = backups.integrity_problem(db, quick=True)
        if problem is not None:
            raise _DamagedError(f"integrity check: {problem}")
        if 0 < _version(db) < SCHEMA_VERSION:
            backups.make_backup(db, backups_folder, path.stem)  # before the upgrade touches it
        migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def _why(error: BaseException, path: Path) -> str:
    reason = getattr(error, "strerror", None) or str(error)
    if not os.access(path.parent, os.W_OK):
        return f"{reason} (the folder {path.parent} is read-only)"
    return reason


def _version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection) -> None:
    """Bring a catalogue (or a backup's copy in memory) to the current schema."""
    if _version(db) == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = _version(db)  # again, now that no other process can be upgrading it
        if version > SCHEMA_VERSION:
            raise LibraryError(
                f"the library was written by a newer SpaceReader (catalogue version {version})"
            )
        for target, statements in _MIGRATIONS:
            if version < target:
                for statement in statements:
                    db.execute(statement)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")

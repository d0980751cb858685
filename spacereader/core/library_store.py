"""The library's storage: the SQLite catalogue's schema and migrations, and safe file writes.

The catalogue's version is SQLite's `PRAGMA user_version`. Opening an older
catalogue upgrades it in one transaction, so a crash mid-upgrade leaves the old
version intact; a catalogue from a newer SpaceReader is refused, never touched.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from spacereader.core import sqlite_safety
from spacereader.core.errors import Error

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


def open_catalogue(path: Path) -> sqlite3.Connection:
    """Open the catalogue, upgrading its schema if it is older than this code."""
    db = sqlite_safety.connect(path)
    try:
        _migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def _version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _migrate(db: sqlite3.Connection) -> None:
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


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file, fsync, then rename: never a half-written copy."""
    import tempfile  # only imports need it; keep it off the start-up path

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

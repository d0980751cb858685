"""Backups and damage handling for the bookmark file.

Backups are taken with SQLite's online backup API (consistent even while
another process writes), written under a temporary name, checked with
`PRAGMA integrity_check`, and only then renamed into place: a file named like a
backup is always a sound one. The newest BACKUPS_KEPT are kept.

A damaged bookmark file is never deleted: it is moved aside, with its WAL,
under a name that says when and why.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from spacereader.core.bookmarks.errors import BackupError
from spacereader.core.bookmarks.schema import SCHEMA_VERSION

log = logging.getLogger(__name__)

BACKUPS_KEPT = 5
BACKUP_INTERVAL_SECONDS = 24 * 60 * 60
# A temporary backup older than this was left by a killed process.
STALE_TEMPORARY_SECONDS = 60 * 60
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
WAL_FILES = ("-wal", "-shm")
SQLITE_HEADER = b"SQLite format 3\x00"


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def _fsync_folder(folder: Path) -> None:
    # The rename itself must reach the disk, or a crash may forget the new name.
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def is_damage(error: sqlite3.Error) -> bool:
    """True when SQLite says the file is corrupt or not a database.

    Anything else (a lock held too long, a full disk) is not damage: moving the
    file aside then would hide a sound file from the user.
    """
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)
    message = str(error).lower()
    return "malformed" in message or "not a database" in message


def not_a_database(path: Path) -> bool:
    """True when a non-empty file lacks SQLite's header (an empty file is a new database)."""
    try:
        with open(path, "rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    return bool(header) and header != SQLITE_HEADER


def integrity_problem(db: sqlite3.Connection, quick: bool = False) -> str | None:
    """The first problem SQLite's integrity check reports, or None if the file is sound."""
    pragma = "PRAGMA quick_check" if quick else "PRAGMA integrity_check"
    rows = db.execute(pragma).fetchall()
    if [tuple(row) for row in rows] == [("ok",)]:
        return None
    return str(rows[0][0]) if rows else "integrity check gave no answer"


def backups(folder: Path, stem: str) -> list[Path]:
    """The backups of a store, newest first."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{stem}-*.sqlite3"), key=lambda path: path.name, reverse=True)


def backup_problem(path: Path) -> str | None:
    """Why `path` is not a sound backup of a bookmark file, or None if it is one."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            problem = integrity_problem(db)
            if problem is not None:
                return problem
            found = int(db.execute("PRAGMA user_version").fetchone()[0])
            if found > SCHEMA_VERSION:
                return f"it has schema version {found}, newer than this SpaceReader"
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            if found >= 1 and "bookmarks" not in tables:
                return "it holds no bookmarks table"
    except sqlite3.Error as error:
        return str(error)
    return None


def newest_sound_backup(folder: Path, stem: str) -> Path | None:
    """The newest backup that passes an integrity check."""
    for candidate in backups(folder, stem):
        if backup_problem(candidate) is None:
            return candidate
        log.warning("backup %s is not sound; skipped", candidate)
    return None


def make_backup(db: sqlite3.Connection, folder: Path, stem: str) -> Path:
    """Copy the store into a new verified backup, then drop the oldest beyond BACKUPS_KEPT."""
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(folder)
    final = folder / f"{stem}-{_stamp()}.sqlite3"
    temporary = folder / f".{final.name}.{os.getpid()}.tmp"
    try:
        with closing(sqlite3.connect(temporary, isolation_level=None)) as target:
            db.backup(target)
            # A backup in rollback-journal mode opens read-only without -wal/-shm files.
            target.execute("PRAGMA journal_mode=DELETE")
            problem = integrity_problem(target)
        if problem is not None:
            raise BackupError(f"the new backup failed its integrity check: {problem}")
        with open(temporary, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temporary, final)
        _fsync_folder(folder)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(f"cannot back up the bookmarks to {folder}: {error}") from error
    finally:
        temporary.unlink(missing_ok=True)
    for old in backups(folder, stem)[BACKUPS_KEPT:]:
        old.unlink(missing_ok=True)
    return final


def backup_due(folder: Path, stem: str) -> bool:
    """True when the newest backup is more than a day old, or there is none."""
    existing = backups(folder, stem)
    if not existing:
        return True
    try:
        age = time.time() - existing[0].stat().st_mtime
    except OSError:
        return True
    return age >= BACKUP_INTERVAL_SECONDS


def move_aside(path: Path) -> Path:
    """Rename a damaged store (and its WAL) to `NAME.damaged-STAMP`; return the new path.

    The WAL must go with it: left behind, SQLite would replay it into the new,
    empty store.
    """
    damaged = path.with_name(f"{path.name}.damaged-{_stamp()}")
    # The WAL first: a crash after it leaves the damaged file to be found again
    # at the next open, whereas a WAL left behind alone would be replayed.
    for suffix in (*WAL_FILES, ""):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{damaged}{suffix}"))
    _fsync_folder(path.parent)
    return damaged


def _remove_stale_temporaries(folder: Path) -> None:
    now = time.time()
    for leftover in folder.glob(".*.tmp"):
        try:
            if now - leftover.stat().st_mtime > STALE_TEMPORARY_SECONDS:
                leftover.unlink()
        except OSError:
            continue  # another process may be removing it at the same moment

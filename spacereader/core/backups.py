"""Verified backups and damage handling for SpaceReader's SQLite files.

The bookmark file and the library catalogue are both kept this way. Backups
are taken with SQLite's online backup API (consistent even while another
process writes), written under a temporary name, checked with
`PRAGMA integrity_check`, and only then renamed into place: a file named like a
backup is always a sound one. The newest BACKUPS_KEPT are kept.

A damaged file is never deleted: it is moved aside, with its WAL, under a name
that says when and why. An empty file where backups exist is damage too (a
file truncated by a full disk or a bad copy): opening it would silently start
an empty store.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from spacereader.core.errors import Error

log = logging.getLogger(__name__)

BACKUPS_KEPT = 5
BACKUP_INTERVAL_SECONDS = 24 * 60 * 60
# A temporary file older than this was left by a killed process.
STALE_TEMPORARY_SECONDS = 60 * 60
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
WAL_FILES = ("-wal", "-shm")
SQLITE_HEADER = b"SQLite format 3\x00"


class BackupFailedError(Error):
    """A backup could not be made."""


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable: without it a crash may forget the new name."""
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


def header_problem(path: Path, backups_folder: Path, stem: str) -> str | None:
    """Why `path` cannot be a sound store before SQLite even opens it, or None.

    A missing file is a new store. A file without SQLite's header is damaged;
    so is an empty one when backups of it exist, since a store that was ever
    backed up held data.
    """
    try:
        with open(path, "rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return None
    if not header:
        return "the file is empty" if backups(backups_folder, stem) else None
    return None if header == SQLITE_HEADER else "file is not a database"


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


def backup_problem(path: Path, schema_version: int, table: str) -> str | None:
    """Why `path` is not a sound backup of a store with `table`, or None if it is one."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            problem = integrity_problem(db)
            if problem is not None:
                return problem
            found = int(db.execute("PRAGMA user_version").fetchone()[0])
            if found > schema_version:
                return f"it has schema version {found}, newer than this SpaceReader"
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            if found >= 1 and table not in tables:
                return f"it holds no {table} table"
    except sqlite3.Error as error:
        return str(error)
    return None


def newest_sound_backup(
    folder: Path, stem: str, problem: Callable[[Path], str | None]
) -> Path | None:
    """The newest backup for which `problem` finds nothing wrong."""
    for candidate in backups(folder, stem):
        if problem(candidate) is None:
            return candidate
        log.warning("backup %s is not sound; skipped", candidate)
    return None


def make_backup(db: sqlite3.Connection, folder: Path, stem: str) -> Path:
    """Copy the store into a new verified backup, then drop the oldest beyond BACKUPS_KEPT."""
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(folder, ".*.tmp")
    final = folder / f"{stem}-{_stamp()}.sqlite3"
    temporary = folder / f".{final.name}.{os.getpid()}.tmp"
    try:
        with closing(sqlite3.connect(temporary, isolation_level=None)) as target:
            db.backup(target)
            # A backup in rollback-journal mode opens read-only without -wal/-shm files.
            target.execute("PRAGMA journal_mode=DELETE")
            problem = integrity_problem(target)
        if problem is not None:
            raise BackupFailedError(f"the new backup failed its integrity check: {problem}")
        with open(temporary, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temporary, final)
        fsync_folder(folder)
    except (OSError, sqlite3.Error) as error:
        raise BackupFailedError(f"cannot back up to {folder}: {error}") from error
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
    fsync_folder(path.parent)
    return damaged


def remove_stale_temporaries(folder: Path, pattern: str) -> int:
    """Remove files matching `pattern` older than an hour (left by a killed process)."""
    now = time.time()
    removed = 0
    for leftover in folder.glob(pattern):
        try:
            if now - leftover.stat().st_mtime > STALE_TEMPORARY_SECONDS:
                leftover.unlink()
                removed += 1
        except OSError:
            continue  # another process may be removing it at the same moment
    return removed

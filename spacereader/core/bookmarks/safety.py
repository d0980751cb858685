"""Backups and damage handling for the bookmark file, on the shared backup code.

What is particular to bookmarks: a sound backup holds a `bookmarks` table of a
schema this SpaceReader reads, and a failed backup is a BackupError.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from spacereader.core import backups as shared
from spacereader.core.backups import (
    BACKUP_INTERVAL_SECONDS,
    BACKUPS_KEPT,
    STALE_TEMPORARY_SECONDS,
    backup_due,
    backups,
    header_problem,
    integrity_problem,
    is_damage,
    move_aside,
)
from spacereader.core.bookmarks.errors import BackupError
from spacereader.core.bookmarks.schema import SCHEMA_VERSION

__all__ = [
    "BACKUPS_KEPT",
    "BACKUP_INTERVAL_SECONDS",
    "STALE_TEMPORARY_SECONDS",
    "backup_due",
    "backup_problem",
    "backups",
    "header_problem",
    "integrity_problem",
    "is_damage",
    "make_backup",
    "move_aside",
    "newest_sound_backup",
]


def backup_problem(path: Path) -> str | None:
    """Why `path` is not a sound backup of a bookmark file, or None if it is one."""
    return shared.backup_problem(path, SCHEMA_VERSION, "bookmarks")


def newest_sound_backup(folder: Path, stem: str) -> Path | None:
    """The newest bookmark backup that passes an integrity check."""
    return shared.newest_sound_backup(folder, stem, backup_problem)


def make_backup(db: sqlite3.Connection, folder: Path, stem: str) -> Path:
    """A new verified backup of the bookmark file; the newest BACKUPS_KEPT are kept."""
    try:
        return shared.make_backup(db, folder, stem)
    except shared.BackupFailedError as error:
        raise BackupError(f"bookmarks: {error}") from error

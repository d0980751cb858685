"""Bookmarks: passages a user marked, with notes and tags, kept safe in SQLite.

The UI and the command line use this package's public names; the modules split
it by topic: `model` (value types), `anchoring` (finding a quote in a changed
text), `schema` (migrations), `safety` (backups, damage), `exchange` (export
and import), `query` (search syntax), `cache` (the in-memory copy),
`filtering` (the dock's filter box) and `store` (the SQLite store).
"""

from __future__ import annotations

from spacereader.core.bookmarks.errors import (
    BackupError,
    BookmarkError,
    BookmarkImportError,
    BookmarkNotFoundError,
    InvalidBookmarkError,
    StoreVersionError,
)
from spacereader.core.bookmarks.exchange import EXPORT_FORMATS, ExportFormat
from spacereader.core.bookmarks.filtering import BookmarkFilter
from spacereader.core.bookmarks.model import AnchorStatus, Bookmark, RecoveryReport
from spacereader.core.bookmarks.store import BookmarkStore

__all__ = [
    "EXPORT_FORMATS",
    "AnchorStatus",
    "BackupError",
    "Bookmark",
    "BookmarkError",
    "BookmarkFilter",
    "BookmarkImportError",
    "BookmarkNotFoundError",
    "BookmarkStore",
    "ExportFormat",
    "InvalidBookmarkError",
    "RecoveryReport",
    "StoreVersionError",
]

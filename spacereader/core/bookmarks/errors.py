"""The bookmark store's exception family; each message is one line for a user."""

from __future__ import annotations

from spacereader.core.errors import Error


class BookmarkError(Error):
    """Base of every error the bookmark store reports."""


class BookmarkNotFoundError(BookmarkError):
    """No bookmark has the requested id."""


class InvalidBookmarkError(BookmarkError):
    """A bookmark cannot be made from these values (bad range, empty quote…)."""


class BookmarkImportError(BookmarkError):
    """An import file was refused as a whole; nothing was imported."""


class StoreVersionError(BookmarkError):
    """The bookmark file was written by a newer SpaceReader; it is left untouched."""


class BackupError(BookmarkError):
    """A backup could not be made, or a file offered as a backup is not a sound one."""

"""The search subsystem's exceptions, one clear line each."""

from __future__ import annotations

from spacereader.core.errors import Error


class SearchError(Error):
    """The search index cannot be used or built; the message says why."""


class IndexDamagedError(SearchError):
    """The index on disk is missing, stale or corrupt; it will be rebuilt."""


class IndexMissingError(IndexDamagedError):
    """There is no index yet (first start, or a new schema version): it will be built."""

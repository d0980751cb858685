"""A text's extraction, found once: in memory, then in the extraction store, else extracted.

What the reader's panels use. The store is opened on first use (on the caller's
thread, which for the app is an extractor thread); without a usable store (a
read-only cache folder) texts are simply extracted each time they are needed.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from spacereader.core.extraction import default_gazetteer, extract
from spacereader.core.extraction.model import Extraction
from spacereader.core.extraction.store import ExtractionStore, signature

_log = logging.getLogger(__name__)


class ExtractionCache:
    """Extractions by content hash and signature; safe to share between threads."""

    def __init__(self, store_file: Path | None = None) -> None:
        self._store_file = store_file
        self._by_key: dict[tuple[str, str], Extraction] = {}
        self._lock = threading.Lock()
        self._store: ExtractionStore | None = None
        self._store_failed = False

    def of(self, content_hash: str, text: Callable[[], str]) -> Extraction:
        """A text's programs and figures; `text()` is called only if they must be extracted."""
        gazetteer = default_gazetteer()
        key = (content_hash, signature(gazetteer))
        found = self._by_key.get(key)
        if found is not None:
            return found
        store = self._open_store()
        if store is not None:
            found = store.get(*key)
        if found is None:
            found = extract(text(), gazetteer)
            if store is not None:
                store.put(*key, found)
        self._by_key[key] = found
        return found

    def _open_store(self) -> ExtractionStore | None:
        with self._lock:
            if self._store is None and not self._store_failed:
                try:
                    self._store = ExtractionStore(self._store_file)
                except (sqlite3.Error, OSError) as error:
                    _log.warning("no extraction store: %s", error)
                    self._store_failed = True
            return self._store

    def close(self) -> None:
        """Close the store's file."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

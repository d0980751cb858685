"""A document's extraction, found once: in memory, then in the extraction store, else extracted.

What the reader's panels use. Only the text the reader shows is extracted
(`extract_shown`): a program named only in hidden navigation, or "1234 views"
in a hidden header line, is never listed. The store is opened on first use (on the caller's
thread, which for the app is an extractor thread); without a usable store (a
read-only cache folder) texts are simply extracted each time they are needed.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from spacereader.core.document import Document, DocumentFormat, DocumentInfo
from spacereader.core.extraction import Gazetteer, default_gazetteer, extract
from spacereader.core.extraction.model import Extraction
from spacereader.core.extraction.store import ExtractionStore, row_signature
from spacereader.core.shown import blank_hidden, shown_spans, structure_shown_from
from spacereader.core.structure import Structure

_log = logging.getLogger(__name__)


class ExtractionCache:
    """Extractions by content hash and signature; safe to share between threads."""

    def __init__(self, store_file: Path | None = None) -> None:
        self._store_file = store_file
        self._by_key: dict[tuple[str, str], Extraction] = {}
        self._lock = threading.Lock()
        self._store: ExtractionStore | None = None
        self._store_failed = False

    def of(self, info: DocumentInfo, document: Callable[[], Document]) -> Extraction:
        """A document's programs and figures; `document()` is called only if they must be
        extracted."""
        gazetteer = default_gazetteer()
        key = (info.content_hash, row_signature(gazetteer, info.format))
        found = self._by_key.get(key)
        if found is not None:
            return found
        store = self._open_store()
        if store is not None:
            found = store.get(*key)
        if found is None:
            loaded = document()
            structure = structure_shown_from(loaded)
            found = extract_shown(loaded.text, loaded.info.format, gazetteer, structure)
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


def extract_shown(
    text: str,
    document_format: DocumentFormat,
    gazetteer: Gazetteer | None = None,
    structure: Structure | None = None,
) -> Extraction:
    """The programs and figures of the text the reader shows; offsets index `text`."""
    return extract(blank_hidden(text, shown_spans(text, document_format, structure)), gazetteer)

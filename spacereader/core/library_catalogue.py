"""The library's catalogue read in bulk, and publication dates: methods of Library.

Kept apart from library.py (the catalogue's documents and their files): the
entries of thousands of documents without their paths (what a program's
dossier lists), and each document's publication date — set by the user, or
found for documents catalogued before dates were read.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from contextlib import AbstractContextManager
from pathlib import Path

from spacereader.core.dates import is_date
from spacereader.core.document import CatalogueEntry, DocumentInfo
from spacereader.core.library_store import LibraryError
from spacereader.core.published import published_of_stored

# `published` is NULL for a document whose date was never looked for (catalogued
# before dates were read) and "" for one that gives none; DocumentInfo says None for both.
NO_DATE = ""
# How much of a stored text is read to find the date of a document catalogued without one.
HEADER_CHARS = 8192


class CatalogueQueries:
    """The part of Library that reads the catalogue in bulk and keeps publication dates."""

    _db: sqlite3.Connection

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # Library's

    def info(self, doc_id: str) -> DocumentInfo:
        """One document's entry (Library's)."""
        raise NotImplementedError

    def catalogue(self, hashes: Collection[str] | None = None) -> list[CatalogueEntry]:
        """Every document's entry without its path (or those of these content hashes),
        in no particular order.

        Several times quicker than documents() for a large library: what a view
        of thousands of documents (a program's dossier) needs.
        """
        columns = "id, title, source, date, language, published, content_hash"
        if hashes is None:
            rows = self._db.execute(f"SELECT {columns} FROM documents")
        else:
            # Looked up by the content-hash index, in SQLite, not by a scan in Python.
            rows = self._db.execute(
                f"SELECT {columns} FROM documents"
                " WHERE content_hash IN (SELECT value FROM json_each(?))",
                (json.dumps(list(hashes)),),
            )
        return [
            CatalogueEntry(doc_id, title, source, date, language, published or None, digest)
            for doc_id, title, source, date, language, published, digest in rows
        ]

    def content_hashes(self) -> set[str]:
        """The content hash of every document: a quick way to see what changed."""
        return {str(row[0]) for row in self._db.execute("SELECT content_hash FROM documents")}

    def set_published(self, doc_id: str, published: str | None) -> DocumentInfo:
        """Set a document's publication date (ISO, possibly partial) as the user's own,
        kept across re-imports; None goes back to the date the document gives."""
        info = self.info(doc_id)
        if published is not None and not is_date(published):
            raise LibraryError(f"not a date: {published!r} (expected e.g. 2021-03-09, 2024-08)")
        by_user = published is not None
        if published is None:
            published = published_of_stored(info, _opening(info.path))
        with self._transaction() as db:
            db.execute(
                "UPDATE documents SET published = ?, published_by_user = ? WHERE id = ?",
                (published or NO_DATE, int(by_user), info.id),
            )
        return self.info(info.id)

    def fill_missing_published(self) -> int:
        """Find the dates of documents catalogued before dates were read; how many changed.

        Each costs the opening of its stored text, once: later calls find none to do.
        """
        rows = self._db.execute("SELECT id FROM documents WHERE published IS NULL").fetchall()
        found = []
        for (doc_id,) in rows:
            info = self.info(str(doc_id))
            found.append((published_of_stored(info, _opening(info.path)) or NO_DATE, info.id))
        if found:
            with self._transaction() as db:
                db.executemany(
                    "UPDATE documents SET published = ? WHERE id = ? AND published IS NULL",
                    found,
                )
        return len(found)


def _opening(path: Path) -> str:
    """The start of a stored text (enough for its header), or "" if it cannot be read."""
    try:
        with path.open(encoding="utf-8", errors="replace") as stream:
            return stream.read(HEADER_CHARS)
    except OSError:
        return ""

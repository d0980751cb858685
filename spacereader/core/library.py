"""The library: every document the user has, bundled or imported.

A SQLite catalogue (in the data folder) holds each document's metadata, so
listing the library never parses a document. Imported texts are stored as UTF-8
copies under the library folder, so they outlive their originals.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path

from spacereader.core import paths, resources
from spacereader.core.document import (
    Document,
    DocumentFormat,
    DocumentInfo,
    content_hash,
    new_document_id,
)
from spacereader.core.errors import DocumentNotFoundError
from spacereader.core.loaders import LoadedText, load_file
from spacereader.core.structure import detect_structure

SCHEMA_VERSION = 1
SEED_PREFIX = "seed:"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
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
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);
"""


class AddOutcome(str, Enum):
    """What adding a text did to the library."""

    ADDED = "added"
    UNCHANGED = "unchanged"
    UPDATED = "updated"


@dataclass(frozen=True)
class AddResult:
    """The document a text became, and whether it was new."""

    info: DocumentInfo
    outcome: AddOutcome


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file, fsync, then rename: never a half-written copy."""
    import tempfile  # only imports need it; keep it off the start-up path

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Library:
    """The catalogue of documents, with their stored texts."""

    def __init__(self, root: Path | None = None, seeds: Path | None = None) -> None:
        self.root = root if root is not None else paths.data_dir()
        self.texts = self.root / "library"
        self.texts.mkdir(parents=True, exist_ok=True)
        self._seeds = seeds if seeds is not None else resources.seeds_dir()
        self._db = sqlite3.connect(self.root / "library.sqlite3", isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(_SCHEMA)
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        self._add_missing_seeds()

    def close(self) -> None:
        """Close the catalogue."""
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- reading ---------------------------------------------------------

    def documents(self) -> list[DocumentInfo]:
        """Every document, bundled ones first, then by title."""
        rows = self._db.execute(
            "SELECT * FROM documents ORDER BY origin NOT LIKE 'seed:%', title COLLATE NOCASE"
        )
        return [self._info(row) for row in rows]

    def info(self, doc_id: str) -> DocumentInfo:
        """One document's entry; a unique id prefix is enough."""
        rows = self._db.execute(
            "SELECT * FROM documents WHERE id = ? OR id LIKE ? ORDER BY id = ? DESC",
            (doc_id, doc_id.replace("%", "").replace("_", "") + "%", doc_id),
        ).fetchall()
        if not rows or (len(rows) > 1 and rows[0][0] != doc_id):
            raise DocumentNotFoundError(f"no document with id {doc_id!r}")
        return self._info(rows[0])

    def load(self, doc_id: str) -> Document:
        """A document's text and structure."""
        info = self.info(doc_id)
        try:
            text = info.path.read_text(encoding="utf-8")
        except OSError as error:
            raise DocumentNotFoundError(f"{info.title}: its text is missing ({error})") from error
        return Document(info=info, text=text, structure=detect_structure(text))

    def __contains__(self, doc_id: object) -> bool:
        row = self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    # -- writing ---------------------------------------------------------

    def add(self, loaded: LoadedText, origin: str) -> AddResult:
        """Add a text read from `origin` (a path, or seed:NAME).

        The same content again gives the same document; a changed text from the
        same origin updates that document in place and keeps its id.
        """
        digest = content_hash(loaded.text)
        same = self._db.execute(
            "SELECT * FROM documents WHERE content_hash = ?", (digest,)
        ).fetchone()
        if same is not None:
            return AddResult(self._info(same), AddOutcome.UNCHANGED)
        structure = detect_structure(loaded.text)
        title = structure.title or loaded.title or _title_from_origin(origin)
        fields = (
            title,
            structure.source or loaded.source,
            structure.date or loaded.date,
            structure.category,
            loaded.format.value,
        )
        previous = self._db.execute("SELECT id FROM documents WHERE origin = ?", (origin,))
        row = previous.fetchone()
        doc_id = row[0] if row is not None else self._free_id(loaded.text)
        stored = origin if origin.startswith(SEED_PREFIX) else f"{doc_id}.txt"
        if not origin.startswith(SEED_PREFIX):
            _write_atomically(self.texts / stored, loaded.text)
        now = _now()
        with self._transaction() as db:
            if row is None:
                db.execute(
                    "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (doc_id, *fields, origin, stored, len(loaded.text), digest, now, now),
                )
            else:
                db.execute(
                    "UPDATE documents SET title=?, source=?, date=?, category=?, format=?,"
                    " stored=?, chars=?, content_hash=?, updated=? WHERE id=?",
                    (*fields, stored, len(loaded.text), digest, now, doc_id),
                )
        outcome = AddOutcome.ADDED if row is None else AddOutcome.UPDATED
        return AddResult(self.info(doc_id), outcome)

    def add_file(self, path: Path) -> AddResult:
        """Read a file and add it; refusals raise ImportRefusedError."""
        return self.add(load_file(path), str(path.resolve()))

    def remove(self, doc_id: str) -> DocumentInfo:
        """Take a document out of the library; its stored copy goes too."""
        info = self.info(doc_id)
        with self._transaction() as db:
            db.execute("DELETE FROM documents WHERE id = ?", (info.id,))
        if not info.bundled:
            info.path.unlink(missing_ok=True)
        return info

    # -- internals -------------------------------------------------------

    def _free_id(self, text: str) -> str:
        doc_id = new_document_id(text)
        suffix = 0
        while doc_id in self:
            suffix += 1
            doc_id = new_document_id(f"{text}\0{suffix}")
        return doc_id

    def _add_missing_seeds(self) -> None:
        if not self._seeds.is_dir():
            return
        known = {row[0] for row in self._db.execute("SELECT origin FROM documents")}
        for seed in sorted(self._seeds.iterdir()):
            origin = SEED_PREFIX + seed.name
            if seed.is_file() and origin not in known:
                self.add(load_file(seed), origin)

    def _info(self, row: tuple[object, ...]) -> DocumentInfo:
        (doc_id, title, source, date, category, fmt, origin, stored, chars, digest) = row[:10]
        stored_name = str(stored)
        path = (
            self._seeds / stored_name.removeprefix(SEED_PREFIX)
            if stored_name.startswith(SEED_PREFIX)
            else self.texts / stored_name
        )
        return DocumentInfo(
            id=str(doc_id),
            title=str(title),
            source=str(source),
            date=str(date),
            category=str(category),
            format=DocumentFormat(fmt),
            path=path,
            chars=int(str(chars)),
            content_hash=str(digest),
            bundled=str(origin).startswith(SEED_PREFIX),
        )


def _title_from_origin(origin: str) -> str:
    name = origin.removeprefix(SEED_PREFIX)
    return Path(name).stem.replace("_", " ").replace("-", " ").strip() or "Untitled"

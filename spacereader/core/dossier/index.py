"""The program index: for every program, the digest of each document that names it.

A cache in the cache folder (SQLite), made from what import stored: each text's
extraction in the extraction store. `sync` brings it in step with the library:
texts new or changed since (or digested with another extractor or gazetteer)
are digested, texts gone are dropped. A text whose extraction is not stored
(a bundled document, or every text after the user edited their gazetteer) is
extracted once and its extraction stored, as opening it would do. Nothing in it
is user data: a damaged file is deleted and built again.

A dossier then reads only the rows of one program: it never opens a document.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from spacereader.core import paths
from spacereader.core.dossier import codec
from spacereader.core.dossier.digest import ProgramDigest, digest
from spacereader.core.errors import DocumentNotFoundError, Error
from spacereader.core.extraction.normalize import name_key
from spacereader.core.sqlite_safety import connect, transaction

if TYPE_CHECKING:
    from spacereader.core.document import CatalogueEntry, DocumentInfo
    from spacereader.core.extraction.gazetteer import Gazetteer
    from spacereader.core.extraction.store import ExtractionStore
    from spacereader.core.library import Library

INDEX_FILE = "programs.sqlite"
# The tables' layout; a file of another layout is emptied and filled again.
SCHEMA_VERSION = 1
# Texts digested per commit while syncing.
BATCH = 200
_log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class UnknownProgramError(Error):
    """No program of the library (or of the gazetteer) goes by that name."""


class ProgramIndexError(Error):
    """The program index cannot be opened or written (a read-only or full cache folder)."""


@dataclass(frozen=True)
class SyncReport:
    """What a sync did: texts digested, texts dropped, and whether it was cut short."""

    digested: int
    dropped: int
    cancelled: bool = False


def index_path() -> Path:
    """Where the index lives: the cache folder."""
    return paths.cache_dir() / INDEX_FILE


@functools.lru_cache(maxsize=1)
def _digest_fingerprint() -> str:
    """A digest of the digesting code: changed rules are a changed signature."""
    folder = Path(__file__).resolve().parent
    found = hashlib.sha256(str(codec.FORMAT).encode())
    for name in ("digest.py", "codec.py"):
        try:
            found.update((folder / name).read_bytes())
        except OSError:  # a frozen bundle keeps no sources
            continue
    return found.hexdigest()[:16]


def index_signature(gazetteer: Gazetteer) -> str:
    """What made a text's rows: the extraction's signature and the digesting code."""
    from spacereader.core.extraction.store import signature

    return f"{signature(gazetteer)}:{_digest_fingerprint()}"


class ProgramIndex:
    """Digests by program; safe to share between threads."""

    def __init__(self, path: Path | None = None, extraction_store: Path | None = None) -> None:
        self._store_path = extraction_store
        self._lock = threading.Lock()
        try:
            self.path = path if path is not None else index_path()
            self._db = self._open()
        except (sqlite3.Error, OSError) as error:
            raise ProgramIndexError(f"cannot open the program index ({error})") from error

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
                raise
            _log.warning("program index %s damaged (%s); started afresh", self.path, error)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = connect(self.path, check_same_thread=False)
        try:
            db.execute("PRAGMA synchronous=NORMAL")  # a cache: soundness, not every commit
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version != SCHEMA_VERSION:
                db.executescript(
                    "DROP TABLE IF EXISTS texts; DROP TABLE IF EXISTS entries;"
                    " DROP TABLE IF EXISTS programs; DROP TABLE IF EXISTS names;"
                    f" PRAGMA user_version={SCHEMA_VERSION};"
                )
            db.executescript(
                """
                CREATE TABLE IF NOT EXISTS texts (
                    content_hash TEXT PRIMARY KEY, signature TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS entries (
                    program_key TEXT NOT NULL, content_hash TEXT NOT NULL,
                    facts TEXT NOT NULL, passages TEXT NOT NULL,
                    PRIMARY KEY (program_key, content_hash)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS programs (
                    program_key TEXT PRIMARY KEY, data TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS entries_text ON entries(content_hash);
                CREATE TABLE IF NOT EXISTS names (
                    name_key TEXT NOT NULL, name TEXT NOT NULL,
                    program_key TEXT NOT NULL, content_hash TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS names_key ON names(name_key);
                CREATE INDEX IF NOT EXISTS names_text ON names(content_hash);
                """
            )
            db.execute("SELECT count(*) FROM texts WHERE rowid = 1").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._db.close()

    # -- keeping it in step ------------------------------------------------

    def stale(self, documents: Iterable[CatalogueEntry], signature: str) -> list[CatalogueEntry]:
        """The documents whose rows are missing or were made otherwise."""
        with self._lock:
            known = dict(self._db.execute("SELECT content_hash, signature FROM texts"))
        return [entry for entry in documents if known.get(entry.content_hash) != signature]

    def sync(
        self,
        library: Library,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        catalogue: list[CatalogueEntry] | None = None,
    ) -> SyncReport:
        """Digest the library's new and changed texts; drop the rows of texts gone.

        `catalogue` is library.catalogue(), if the caller has it already.
        """
        from spacereader.core.extraction.gazetteer import default_gazetteer
        from spacereader.core.extraction.store import ExtractionStore

        gazetteer = default_gazetteer()
        made_by = index_signature(gazetteer)
        with self._lock:
            known = dict(self._db.execute("SELECT content_hash, signature FROM texts"))
        hashes = library.content_hashes()
        if hashes == known.keys() and all(made == made_by for made in known.values()):
            return SyncReport(0, 0)  # the usual case, found without reading the catalogue
        dropped = self._drop([known_hash for known_hash in known if known_hash not in hashes])
        if catalogue is None:
            catalogue = library.catalogue()
        todo = [entry for entry in catalogue if known.get(entry.content_hash) != made_by]
        if not todo:
            return SyncReport(0, dropped)
        done = 0
        store: ExtractionStore | None
        try:
            store = ExtractionStore(self._store_path)
        except (sqlite3.Error, OSError) as error:
            _log.warning("no extraction store: %s", error)
            store = None
        try:
            for first in range(0, len(todo), BATCH):
                if cancelled is not None and cancelled():
                    return SyncReport(done, dropped, cancelled=True)
                rows = []
                for entry in todo[first : first + BATCH]:
                    try:
                        info = library.info(entry.id)
                    except DocumentNotFoundError:  # removed meanwhile
                        continue
                    rows.append((entry.content_hash, _digests(info, store, gazetteer)))
                self._write(rows, made_by)
                done = min(len(todo), first + BATCH)
                if progress is not None:
                    progress(done, len(todo))
        finally:
            if store is not None:
                store.close()
        return SyncReport(done, dropped)

    def _drop(self, gone: list[str]) -> int:
        if gone:
            with self._lock, transaction(self._db) as db:
                for table in ("texts", "entries", "names"):
                    db.executemany(
                        f"DELETE FROM {table} WHERE content_hash = ?", [(key,) for key in gone]
                    )
        return len(gone)

    def _write(self, rows: list[tuple[str, list[ProgramDigest] | None]], made_by: str) -> None:
        """Replace the rows of these texts, in one transaction (a text None: unreadable now,
        so it gets no row and the next sync tries again)."""
        try:
            self._write_rows(rows, made_by)
        except sqlite3.Error as error:  # a full disk, a read-only folder: nothing half-written
            raise ProgramIndexError(f"cannot write the program index: {error}") from error

    def _write_rows(self, rows: list[tuple[str, list[ProgramDigest] | None]], made_by: str) -> None:
        hashes = [(content_hash,) for content_hash, _digests in rows]
        found = [(content_hash, one) for content_hash, digests in rows for one in digests or ()]
        entries = [
            (
                one.key,
                content_hash,
                codec.encode_facts(one.mentions, one.figures, one.co_programs),
                codec.encode_passages(one.passages),
            )
            for content_hash, one in found
        ]
        programs = {
            one.key: codec.encode_program(
                one.name, one.acronym, one.aliases, one.category, one.country
            )
            for _hash, one in found
        }
        names = [
            (name_key(name), name, one.key, content_hash)
            for content_hash, one in found
            for name in one.names()
        ]
        texts = [(content_hash, made_by) for content_hash, digests in rows if digests is not None]
        with self._lock, transaction(self._db) as db:
            for table in ("texts", "entries", "names"):
                db.executemany(f"DELETE FROM {table} WHERE content_hash = ?", hashes)
            db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", entries)
            db.executemany("INSERT OR REPLACE INTO programs VALUES (?, ?)", programs.items())
            db.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", names)
            db.executemany("INSERT INTO texts VALUES (?, ?)", texts)

    # -- reading -----------------------------------------------------------

    def resolve(self, name: str) -> str | None:
        """The key of the program named `name` in most documents, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT program_key, COUNT(DISTINCT content_hash) AS documents FROM names"
                " WHERE name_key = ? GROUP BY program_key ORDER BY documents DESC LIMIT 1",
                (name_key(name),),
            ).fetchone()
        return str(row[0]) if row else None

    def entries(self, key: str) -> list[codec.StoredEntry]:
        """The row of every text that names the program."""
        with self._lock:
            rows = self._db.execute(
                "SELECT content_hash, facts, passages FROM entries WHERE program_key = ?", (key,)
            ).fetchall()
        return codec.decode_entries(rows)

    def program(self, key: str) -> tuple[str, str | None, tuple[str, ...], str, str] | None:
        """A program's (name, acronym, aliases, category, country) as a text last gave them."""
        with self._lock:
            row = self._db.execute(
                "SELECT data FROM programs WHERE program_key = ?", (key,)
            ).fetchone()
        return codec.decode_program(str(row[0])) if row else None

    def names(self) -> list[tuple[str, int]]:
        """Every program name in the library, with how many texts use it."""
        with self._lock:
            rows = self._db.execute(
                "SELECT name, COUNT(DISTINCT content_hash) FROM names GROUP BY name"
            ).fetchall()
        return [(str(name), int(count)) for name, count in rows]


def _digests(
    info: DocumentInfo, store: ExtractionStore | None, gazetteer: Gazetteer
) -> list[ProgramDigest] | None:
    """One text's digests, from its stored extraction (extracted and stored if missing).

    The extraction is the reader's, of the text it shows, under the same store key.
    """
    from spacereader.core.extraction.cache import extract_shown
    from spacereader.core.extraction.store import row_signature

    extraction_signature = row_signature(gazetteer, info.format)

    try:
        text = info.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        _log.warning("cannot read %s for the program index: %s", info.path, error)
        return None
    try:
        found = None
        if store is not None:
            found = store.get(info.content_hash, extraction_signature)
        if found is None:
            found = extract_shown(text, info.format, gazetteer)
            if store is not None:
                store.put(info.content_hash, extraction_signature, found)
        return digest(text, found)
    except Exception:  # one text's failure must not stop the others
        _log.exception("digesting %s failed", info.path)
        return None

"""The programs and figures of every text, kept between runs: the extraction store.

A cache in the cache folder: one SQLite row per text, keyed by its content
hash, with the signature of what made it: the extractor, the gazetteer, and
the format that decided which of the text the reader shows (only that is
extracted). A row of another signature (the user edited their gazetteer,
SpaceReader was updated) reads as a miss and is replaced when the text is
extracted again. Nothing in it is user data, so a damaged file is deleted and
started afresh, and a failing read or write is logged and costs only the time
of extracting again.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import sqlite3
import threading
import time
import zlib
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from weakref import WeakKeyDictionary

from spacereader import __version__
from spacereader.core import paths
from spacereader.core.document import DocumentFormat
from spacereader.core.extraction import codec
from spacereader.core.extraction.gazetteer import Gazetteer
from spacereader.core.extraction.model import Extraction
from spacereader.core.sqlite_safety import connect, transaction

STORE_FILE = "extractions-v1.sqlite"
# Two processes creating the store at once: one may find it locked for a moment.
_OPEN_ATTEMPTS = 5
_OPEN_PAUSE_S = 0.2
_log = logging.getLogger(__name__)
_signatures: WeakKeyDictionary[Gazetteer, str] = WeakKeyDictionary()


def store_path() -> Path:
    """Where the store lives: the cache folder."""
    return paths.cache_dir() / STORE_FILE


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A digest of the extractor's own source, so that a changed rule is a changed signature.

    What the reader shows is what is extracted: the modules that decide it count too.
    """
    digest = hashlib.sha256(__version__.encode())
    folder = Path(__file__).resolve().parent
    core = folder.parent
    deciding = ["acronyms.py", "language.py", "shown.py", "structure.py", "structure_lines.py"]
    sources = [*folder.glob("*.py"), *(core / name for name in deciding)]
    for path in sorted([*sources, core / "loaders" / "markdown_blocks.py"]):
        try:
            digest.update(path.name.encode() + path.read_bytes())
        except OSError:  # a frozen bundle keeps no sources: its version decides
            continue
    return digest.hexdigest()


def signature(gazetteer: Gazetteer) -> str:
    """What made an extraction: the extractor's code and the gazetteer's entries."""
    known = _signatures.get(gazetteer)
    if known is None:
        digest = hashlib.sha256(f"{codec.FORMAT}:{_code_fingerprint()}".encode())
        digest.update(repr(gazetteer.entries).encode())
        known = _signatures[gazetteer] = digest.hexdigest()[:32]
    return known


def row_signature(gazetteer: Gazetteer, document_format: DocumentFormat) -> str:
    """What made a stored extraction: `signature`, and the format that decided what is shown."""
    return f"{signature(gazetteer)}:{document_format.value}"


def _pack(extraction: Extraction) -> bytes:
    # Compressed: the JSON is about twice the size of the text, and an import that
    # writes half as much again as the documents themselves waits longer on the disk.
    return zlib.compress(codec.encode(extraction).encode("utf-8"), 1)


class ExtractionStore:
    """Extractions by content hash; safe to share between threads."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else store_path()
        self._lock = threading.Lock()
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        for attempt in range(_OPEN_ATTEMPTS):
            try:
                return self._connect()
            except sqlite3.OperationalError:
                # Locked (another process is creating it) or not openable: never damage.
                if attempt == _OPEN_ATTEMPTS - 1:
                    raise
                time.sleep(_OPEN_PAUSE_S)
            except sqlite3.DatabaseError as error:  # not a database, or a corrupt one
                _log.warning("extraction store %s damaged (%s); started afresh", self.path, error)
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        return self._connect()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = connect(self.path, check_same_thread=False)
        try:
            # A cache: a crash may cost the last rows, never the file's soundness.
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS extractions ("
                " content_hash TEXT PRIMARY KEY, signature TEXT NOT NULL, data BLOB NOT NULL)"
            )
            db.execute("SELECT count(*) FROM extractions WHERE rowid = 1").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def get(self, content_hash: str, signature: str) -> Extraction | None:
        """The stored extraction of a text, or None (never stored, stale or unreadable)."""
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT signature, data FROM extractions WHERE content_hash = ?",
                    (content_hash,),
                ).fetchone()
        except sqlite3.Error as error:
            _log.warning("reading the extraction store failed: %s", error)
            return None
        if row is None or row[0] != signature:
            return None
        try:
            return codec.decode(zlib.decompress(row[1]).decode("utf-8"))
        except (zlib.error, TypeError, UnicodeDecodeError):
            return None

    def put(self, content_hash: str, signature: str, extraction: Extraction) -> None:
        """Keep one text's extraction."""
        self.put_many([(content_hash, signature, extraction)])

    def put_many(self, rows: Iterable[tuple[str, str, Extraction]]) -> None:
        """Keep several texts' extractions (content hash, signature, extraction), in one commit."""
        encoded = [(key, made_by, _pack(found)) for key, made_by, found in rows]
        try:
            with self._lock, transaction(self._db) as db:
                db.executemany("INSERT OR REPLACE INTO extractions VALUES (?, ?, ?)", encoded)
        except sqlite3.Error as error:
            _log.warning("writing the extraction store failed: %s", error)

    def hashes(self) -> set[str]:
        """The content hashes with a stored row, of any signature."""
        with self._lock:
            return {row[0] for row in self._db.execute("SELECT content_hash FROM extractions")}

    def close(self) -> None:
        """Close the file; the store is not used again."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> ExtractionStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

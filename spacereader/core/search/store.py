"""Where the index lives on disk, and the one module that opens it with Whoosh.

Layout of the index folder (paths.cache_dir()/index-vN)::

    CURRENT               name of the build in use, replaced atomically
    REBUILD.lock          OS lock held while a process builds (released if it dies)
    build-<stamp>/        a Whoosh index, with
        spacereader-index.json   marker: schema and Whoosh versions
        manifest.json            per commit: generation, files (size, time, checksum),
                                 documents, acronyms
        vocabulary.json          the library's words (see vocabulary.py)
        grams.json               the frequent terms whose pairs are indexed (grams.py)
    tmp-<random>/         a build in progress

A rebuild happens in a tmp- folder and is swapped in by rewriting CURRENT, so
readers (in this process or another) keep the old build until they reopen. A
build that fails its checks is left aside and collected later. Nothing here
ever touches the library.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
import warnings
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import whoosh
import whoosh.index
from whoosh.filedb.filestore import FileStorage
from whoosh.util.filelock import FileLock

from spacereader.core.search import grams
from spacereader.core.search.errors import IndexDamagedError, IndexMissingError, SearchError
from spacereader.core.search.grams import FrequentTerms
from spacereader.core.search.schema import SCHEMA_VERSION, build_schema

CURRENT = "CURRENT"
REBUILD_LOCK = "REBUILD.lock"
MARKER = "spacereader-index.json"
MANIFEST = "manifest.json"
VOCABULARY = "vocabulary.json"
GRAMS = "grams.json"
BUILD_PREFIX = "build-"
TMP_PREFIX = "tmp-"
_OWN_FILES = frozenset({MARKER, MANIFEST, VOCABULARY, GRAMS})
CHECKSUM_CHUNK = 1 << 20
# A build that stopped being current this long ago is no longer read by anyone.
RETIRED_GRACE_S = 60.0
_log = logging.getLogger(__name__)

LockLost = whoosh.index.LockError
T = TypeVar("T")


@dataclass(frozen=True)
class FileStamp:
    """A file as a commit left it: its size, modification time and CRC-32."""

    size: int
    modified_ns: int
    checksum: int


@dataclass
class Manifest:
    """What one commit of a build holds; valid only for its generation."""

    generation: int
    files: dict[str, FileStamp] = field(default_factory=dict)
    docs: dict[str, str] = field(default_factory=dict)  # doc id -> version (prepare.py)
    acronyms: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def whoosh_version() -> str:
    """The version of the Whoosh package that reads and writes the index."""
    return str(whoosh.versionstring())


def _write_json(path: Path, value: Any) -> None:
    """Write through a temporary file and a rename: readers see old or new, never half."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(value, stream, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class IndexStore:
    """The index folder: builds, the CURRENT pointer, markers, manifests and locks."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # (identity of the CURRENT file, the build it named): a search reads it only
        # when it was replaced, since reading a file on every search adds up.
        self._current: tuple[tuple[int, int, int], str] | None = None

    def ensure_folder(self) -> None:
        """Create the index folder, or say in one line why it cannot be."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise SearchError(f"cannot create the index folder {self.folder}: {error}") from error

    # -- the current build -------------------------------------------------

    def current_build(self) -> Path | None:
        """The build searches should read, or None if there is none yet."""
        pointer = self.folder / CURRENT
        try:
            status = pointer.stat()
            identity = (status.st_ino, status.st_mtime_ns, status.st_size)
            cached = self._current
            if cached is not None and cached[0] == identity:
                name = cached[1]
            else:
                name = pointer.read_text(encoding="utf-8").strip()
                self._current = (identity, name)
        except OSError:
            return None
        if not name.startswith(BUILD_PREFIX) or "/" in name or "\\" in name:
            return None
        build = self.folder / name
        return build if build.is_dir() else None

    def new_build_folder(self) -> Path:
        """An empty folder to build in, not yet visible to readers."""
        self.ensure_folder()
        build = self.folder / f"{TMP_PREFIX}{uuid.uuid4().hex[:12]}"
        build.mkdir()
        return build

    def publish(self, build: Path) -> Path:
        """Make a finished build the current one; returns its final path."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        final = self.folder / f"{BUILD_PREFIX}{stamp}-{uuid.uuid4().hex[:6]}"
        build.rename(final)
        pointer = self.folder / f".{CURRENT}.{uuid.uuid4().hex[:6]}.tmp"
        pointer.write_text(final.name + "\n", encoding="utf-8")
        for attempt in range(5):
            try:
                os.replace(pointer, self.folder / CURRENT)
                break
            except PermissionError:  # Windows: a reader has CURRENT open this instant
                if attempt == 4:
                    raise
                time.sleep(0.05)
        return final

    @contextmanager
    def rebuild_lock(self, blocking: bool) -> Iterator[bool]:
        """Hold the OS lock for building; yields False if another process holds it."""
        self.ensure_folder()
        lock = FileLock(str(self.folder / REBUILD_LOCK))
        acquired = bool(lock.acquire(blocking=blocking))
        try:
            yield acquired
        finally:
            if acquired:
                lock.release()

    def collect_garbage(self) -> None:
        """Remove old and broken builds; call only while holding the rebuild lock."""
        current = self.current_build()
        try:
            swapped = (self.folder / CURRENT).stat().st_mtime
        except OSError:
            swapped = 0.0
        retired = time.time() - swapped > RETIRED_GRACE_S
        for entry in self.folder.iterdir():
            if not entry.is_dir() or entry == current:
                continue
            if entry.name.startswith(TMP_PREFIX) or (
                entry.name.startswith(BUILD_PREFIX) and retired
            ):
                shutil.rmtree(entry, ignore_errors=True)

    # -- markers, manifests, vocabulary -----------------------------------

    def write_marker(self, build: Path) -> None:
        """Record which schema and Whoosh versions made this build."""
        _write_json(
            build / MARKER,
            {
                "schema_version": SCHEMA_VERSION,
                "whoosh_version": whoosh_version(),
                "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            },
        )

    def read_manifest(self, build: Path) -> Manifest | None:
        """The build's manifest, or None if it is missing or unreadable."""
        raw = _read_json(build / MANIFEST)
        try:
            return Manifest(
                generation=int(raw["generation"]),
                files={str(k): FileStamp(*(int(n) for n in v)) for k, v in raw["files"].items()},
                docs={str(k): str(v) for k, v in raw["docs"].items()},
                acronyms={
                    str(k): [(str(a), str(e)) for a, e in v] for k, v in raw["acronyms"].items()
                },
            )
        except (TypeError, KeyError, ValueError, AttributeError):
            return None

    def write_manifest(self, build: Path, manifest: Manifest) -> None:
        """Record a commit: its generation, its files' stamps, its documents and acronyms."""
        manifest.files = self._file_stamps(build, manifest.files)
        _write_json(
            build / MANIFEST,
            {
                "generation": manifest.generation,
                "files": {
                    name: [stamp.size, stamp.modified_ns, stamp.checksum]
                    for name, stamp in manifest.files.items()
                },
                "docs": manifest.docs,
                "acronyms": manifest.acronyms,
            },
        )

    def read_vocabulary(self, build: Path) -> dict[str, int]:
        """The build's word counts (empty if missing)."""
        raw = _read_json(build / VOCABULARY)
        if not isinstance(raw, dict):
            return {}
        return {str(word): int(count) for word, count in raw.items() if isinstance(count, int)}

    def write_vocabulary(self, build: Path, counts: dict[str, int]) -> None:
        """Save the build's word counts."""
        _write_json(build / VOCABULARY, counts)

    def read_frequent(self, build: Path) -> FrequentTerms:
        """The build's frequent terms (none if the file is missing: phrases still work)."""
        return grams.from_json(_read_json(build / GRAMS)) or FrequentTerms()

    def write_frequent(self, build: Path, frequent: FrequentTerms) -> None:
        """Save the frequent terms a new build indexes grams of."""
        _write_json(build / GRAMS, grams.to_json(frequent))

    @staticmethod
    def _file_stamps(build: Path, known: dict[str, FileStamp]) -> dict[str, FileStamp]:
        """Each index file's stamp; a file a known stamp still describes is not read again
        (Whoosh never rewrites a file, it writes new ones)."""
        stamps: dict[str, FileStamp] = {}
        for entry in build.iterdir():
            name = entry.name
            if name in _OWN_FILES or name.endswith((".tmp", "LOCK", ".lock")) or entry.is_dir():
                continue
            status = entry.stat()
            old = known.get(name)
            if old is not None and (old.size, old.modified_ns) == (
                status.st_size,
                status.st_mtime_ns,
            ):
                stamps[name] = old
            else:
                stamps[name] = FileStamp(status.st_size, status.st_mtime_ns, checksum(entry))
        return stamps

    # -- opening and checking ---------------------------------------------

    def create(self, build: Path) -> Any:
        """A new, empty Whoosh index in `build`."""
        self.write_marker(build)
        return whoosh.index.create_in(str(build), build_schema())

    def open(self, build: Path) -> Any:
        """Open a build's Whoosh index (the schema comes from the code, not the pickle)."""
        return guarded(lambda: FileStorage(str(build)).open_index(schema=build_schema()))

    def verify_files(self, build: Path, index: Any, thorough: bool = False) -> Manifest | None:
        """Compare the files with what the last commit recorded, without opening them.

        A file with the size and time the commit left is taken as sound, unless
        `thorough`; any other file is read and its checksum compared. Returns
        the manifest when it describes the latest commit, else None. Raises
        IndexDamagedError for a missing, resized or overwritten file.
        """
        manifest = self.read_manifest(build)
        if manifest is None or manifest.generation != index.latest_generation():
            return None
        for name, stamp in manifest.files.items():
            path = build / name
            try:
                status = path.stat()
            except OSError:
                raise IndexDamagedError(f"the search index file {name} is missing") from None
            if status.st_size != stamp.size:
                raise IndexDamagedError(f"the search index file {name} is damaged")
            if (thorough or status.st_mtime_ns != stamp.modified_ns) and checksum(
                path
            ) != stamp.checksum:
                raise IndexDamagedError(f"the search index file {name} is damaged")
        return manifest

    def check(self, build: Path | None, thorough: bool = True) -> Manifest | None:
        """Raise IndexDamagedError unless the build can be used; returns its manifest
        when the manifest matches the latest commit.

        When the last commit's files all keep their size and time, a quick check
        stops there; a thorough one (or one without a current manifest) also
        compares every file's checksum and reads from every segment.
        """
        if build is None:
            raise IndexMissingError("there is no search index yet")
        marker = _read_json(build / MARKER)
        if not isinstance(marker, dict) or marker.get("schema_version") != SCHEMA_VERSION:
            raise IndexDamagedError("the search index was made by another version of SpaceReader")
        if marker.get("whoosh_version") != whoosh_version():
            raise IndexDamagedError("the search index was made by another version of Whoosh")
        if not guarded(lambda: whoosh.index.exists_in(str(build))):
            raise IndexDamagedError("the search index has no table of contents")
        index = self.open(build)
        manifest = self.verify_files(build, index, thorough=thorough)
        if thorough or manifest is None:
            guarded(lambda: _touch_every_segment(index))
        return manifest


def checksum(path: Path) -> int:
    """The CRC-32 of a file's bytes."""
    value = 0
    with path.open("rb") as stream:
        while chunk := stream.read(CHECKSUM_CHUNK):
            value = zlib.crc32(chunk, value)
    return value


def guarded(action: Callable[[], T]) -> T:
    """Run a Whoosh read; any failure becomes IndexDamagedError.

    Whoosh leaves open the file it failed to read. The failure is dropped here,
    before the error is raised, so that file closes at once (quietly) instead
    of whenever the caller's traceback is collected.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return action()
        except IndexDamagedError:
            raise
        except Exception as error:  # Whoosh raises anything from struct.error to KeyError
            message = f"{type(error).__name__}: {error}"
        gc.collect()
    raise IndexDamagedError(f"the search index is damaged ({message})")


def _touch_every_segment(index: Any) -> None:
    """Read a little from each segment, so a broken one fails here and not in a search."""
    with index.searcher() as searcher:
        for reader, _offset in searcher.reader().leaf_readers():
            count = reader.doc_count_all()
            if count:
                reader.stored_fields(count - 1)
                reader.stored_fields(0)
            for name in ("doc_id", "content"):
                for _term in zip(range(2), reader.lexicon(name), strict=False):
                    pass
    index.close()

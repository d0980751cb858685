"""SearchIndex: the library's full-text index, safe to write in one thread and read in others.

Thread model: sync()/rebuild() run in one writer thread (a lock makes a second
caller wait); search()/match_spans() run in any other threads at the same time.
Each reading thread keeps its own searcher on the last committed generation and
refreshes it after a commit, so a search never waits for writing. Across
processes, Whoosh's OS lock lets one process write; another process's sync
then reports `busy` and its searches answer from the committed index.

A damaged or outdated index is never shown as an error: sync() checks the
build it is given, and if the check fails, builds a new one from the library in
a temporary folder and swaps it in. search() never raises: on trouble it
answers with no hits and flags the index, so the next sync() checks it again
(and rebuilds it if it is damaged).
"""

from __future__ import annotations

import dataclasses
import logging
import pickle
import struct
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import whoosh.index
import whoosh.writing

from spacereader.core import paths
from spacereader.core.document import DocumentInfo
from spacereader.core.library import Library
from spacereader.core.search.builder import (
    BuildState,
    build_from_scratch,
    load_state,
    sync_documents,
)
from spacereader.core.search.errors import IndexDamagedError, IndexMissingError, SearchError
from spacereader.core.search.highlight import find_marks
from spacereader.core.search.prepare import version_of
from spacereader.core.search.reader import BuildReader
from spacereader.core.search.results import SearchResult, SyncReport
from spacereader.core.search.schema import SCHEMA_VERSION
from spacereader.core.search.store import IndexStore, LockLost

# Every search answers within this, snippets included.
SEARCH_TIME_LIMIT_S = 0.8
# Why a search could not answer (SearchResult.error).
INDEX_NOT_READY = "the search index is still being built"
INDEX_MISSING = "the search index was removed; it will be built again"
INDEX_DAMAGED = "the search index is damaged; it will be rebuilt"
SEARCH_FAILED = "the search failed (an internal error; see the log)"
# A sync that must rebuild waits this long for another process's build to finish.
REBUILD_WAIT_S = 180.0
# More changed documents than this share of the library: build afresh instead.
REBUILD_SHARE = 0.5
REBUILD_MINIMUM = 500
# What a damaged index raises while being written (a bug's TypeError is not among them).
_STORAGE_ERRORS = (
    OSError,
    EOFError,
    ValueError,
    KeyError,
    struct.error,
    zlib.error,
    pickle.UnpicklingError,
    whoosh.index.IndexError,
    whoosh.writing.IndexingError,
)
_log = logging.getLogger(__name__)


def default_folder() -> Path:
    """Where the index lives: the cache folder, named for the schema version."""
    return paths.cache_dir() / f"index-v{SCHEMA_VERSION}"


def _worth_rebuilding(documents: list[DocumentInfo], state: BuildState) -> bool:
    """Whether so much changed that a fresh build beats an incremental one, or the
    library has outgrown the sample its frequent terms were learned from."""
    if state.frequent.needs_relearning(len(documents)):
        return True
    indexed = state.manifest.docs
    changed = sum(1 for info in documents if indexed.get(info.id) != version_of(info))
    return changed > max(REBUILD_MINIMUM, REBUILD_SHARE * len(documents))


def _no_progress(done: int, total: int) -> None:
    """Progress callback that ignores progress."""


def _never() -> bool:
    return False


class SearchIndex:
    """The full-text index of a library: sync it, search it, mark hits in a text."""

    def __init__(
        self,
        folder: Path | None = None,
        *,
        procs: int = 1,
        time_limit: float = SEARCH_TIME_LIMIT_S,
    ) -> None:
        self.folder = folder if folder is not None else default_folder()
        self.time_limit = time_limit
        self._procs = max(1, procs)
        self._store = IndexStore(self.folder)
        self._write_lock = threading.Lock()
        self._checked: Path | None = None
        self._state: BuildState | None = None
        self._damaged = threading.Event()
        # (build, generation) whose files passed a full check after a failed search.
        self._sound: set[tuple[Path, int]] = set()
        self._had_build = False
        self._local = threading.local()
        self._readers: list[BuildReader] = []
        self._readers_lock = threading.Lock()
        self._closed = False

    # -- writing -------------------------------------------------------------

    def sync(
        self,
        library: Library,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> SyncReport:
        """Bring the index up to date with the library, incrementally by content hash.

        Rebuilds from the library (off to the side, then swapped in) when the index
        is missing, damaged, or made by another schema or Whoosh version.
        """
        progress = progress or _no_progress
        cancelled = cancelled or _never
        with self._write_lock:
            try:
                report = self._sync_locked(library, progress, cancelled)
            except IndexDamagedError as why:
                level = logging.INFO if isinstance(why, IndexMissingError) else logging.WARNING
                _log.log(level, "building the search index: %s", why)
                report = self._rebuild_locked(library, progress, cancelled, after_check=True)
            # From now on, a missing index is one that was removed.
            self._had_build = self._had_build or self._store.current_build() is not None
            return report

    def rebuild(
        self,
        library: Library,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> SyncReport:
        """Index the whole library afresh and swap the new index in."""
        with self._write_lock:
            report = self._rebuild_locked(
                library, progress or _no_progress, cancelled or _never, after_check=False
            )
            self._had_build = self._had_build or self._store.current_build() is not None
            return report

    def _sync_locked(
        self,
        library: Library,
        progress: Callable[[int, int], None],
        cancelled: Callable[[], bool],
        holding_rebuild_lock: bool = False,
    ) -> SyncReport:
        build = self._store.current_build()
        manifest = None
        if build is None or build != self._checked or self._damaged.is_set():
            # After a failed search, read every segment; else sizes suffice.
            manifest = self._store.check(build, thorough=self._damaged.is_set())
            assert build is not None
            self._damaged.clear()
            self._checked = build
            self._state = None
            self._collect_garbage()
        try:
            index = self._store.open(build)
            state = self._state
            if state is None or state.manifest.generation != index.latest_generation():
                manifest = manifest or self._store.read_manifest(build)
                state = self._state = load_state(self._store, build, index, manifest)
            documents = library.documents()
            if _worth_rebuilding(documents, state):
                if holding_rebuild_lock:
                    return self._build(library, progress, cancelled)
                return self._rebuild_locked(library, progress, cancelled, after_check=False)
            return sync_documents(
                self._store, state, index, documents, progress=progress, cancelled=cancelled
            )
        except LockLost:
            return SyncReport(0, 0, 0, rebuilt=False, busy=True)
        except _STORAGE_ERRORS as error:
            self._state = None
            raise IndexDamagedError(f"the search index could not be written ({error})") from error

    def _collect_garbage(self) -> None:
        with self._store.rebuild_lock(blocking=False) as acquired:
            if acquired:
                self._store.collect_garbage()

    def _rebuild_locked(
        self,
        library: Library,
        progress: Callable[[int, int], None],
        cancelled: Callable[[], bool],
        after_check: bool,
    ) -> SyncReport:
        with self._store.rebuild_lock(blocking=False) as acquired:
            if acquired:
                return self._build(library, progress, cancelled)
        # Another process is building: wait for it, then use (or check) its build.
        waited = time.monotonic() + REBUILD_WAIT_S
        while time.monotonic() < waited and not cancelled():
            time.sleep(0.2)
            with self._store.rebuild_lock(blocking=False) as acquired:
                if not acquired:
                    continue
                if after_check:
                    try:
                        self._store.check(self._store.current_build())
                    except IndexDamagedError:
                        return self._build(library, progress, cancelled)
                    return self._sync_after_wait(library, progress, cancelled)
                return self._build(library, progress, cancelled)
        return SyncReport(0, 0, 0, rebuilt=False, busy=not cancelled(), cancelled=cancelled())

    def _sync_after_wait(
        self, library: Library, progress: Callable[[int, int], None], cancelled: Callable[[], bool]
    ) -> SyncReport:
        self._checked = None
        try:
            return self._sync_locked(library, progress, cancelled, holding_rebuild_lock=True)
        except IndexDamagedError:
            return self._build(library, progress, cancelled)

    def _build(
        self, library: Library, progress: Callable[[int, int], None], cancelled: Callable[[], bool]
    ) -> SyncReport:
        """Build into a new folder and swap it in; call with the rebuild lock held."""
        try:
            state = build_from_scratch(
                self._store,
                library.documents(),
                self._procs,
                progress=progress,
                cancelled=cancelled,
            )
        except OSError as error:
            raise SearchError(f"cannot build the search index in {self.folder}: {error}") from error
        if state is None:
            return SyncReport(0, 0, 0, rebuilt=False, cancelled=True)
        self._state = state
        self._checked = state.build
        self._damaged.clear()
        self._store.collect_garbage()
        return SyncReport(len(state.manifest.docs), 0, 0, rebuilt=True)

    # -- reading -------------------------------------------------------------

    def search(self, query: str, limit: int = 50, doc_id: str | None = None) -> SearchResult:
        """The passages matching a query, best first; never raises, answers within the limit.

        `total` is the exact number of matching passages, unless the time limit
        cut the search short (`partial`). When the index cannot answer, `error`
        says why; a missing or damaged index is flagged for the next sync.
        """
        started = time.perf_counter()
        deadline = time.monotonic() + self.time_limit
        result = self._answer(query, limit, doc_id, deadline)
        elapsed = (time.perf_counter() - started) * 1000.0
        return dataclasses.replace(result, elapsed_ms=elapsed)

    def _answer(self, query: str, limit: int, doc_id: str | None, deadline: float) -> SearchResult:
        reader = None
        try:
            reader = self._thread_reader()
            if reader is None:
                return self._empty(query, self._missing_reason())
            cached = reader.cached(query, limit, doc_id)
            if cached is not None:
                return cached
            compiled = reader.compile(query, deadline)
            found = reader.search(compiled, limit, doc_id, deadline)
        except Exception as error:  # an index error must not reach the reader as a crash
            return self._empty(query, self._failed(reader, error))
        result = SearchResult(
            query,
            found.total,
            0.0,
            compiled.suggestion,
            tuple(found.hits),
            partial=found.partial,
            notice=compiled.notice,
        )
        reader.remember(query, limit, doc_id, result)
        return result

    @staticmethod
    def _empty(query: str, error: str | None) -> SearchResult:
        return SearchResult(query, 0, 0.0, None, (), error=error)

    def _missing_reason(self) -> str | None:
        if self._closed:
            return None
        if self._had_build:
            # It was there: someone removed it. The next sync builds it again.
            self._damaged.set()
            return INDEX_MISSING
        return INDEX_NOT_READY

    def _failed(self, reader: BuildReader | None, error: Exception) -> str:
        """Tell damage from a bug: only files that fail their checks are damage."""
        build = reader.build if reader is not None else self._store.current_build()
        if self._damaged_files(build, reader):
            _log.warning("the search index is damaged (%s); it will be rebuilt", error)
            self._damaged.set()
            self._drop_thread_reader()
            return INDEX_DAMAGED
        _log.error("search failed on a sound index", exc_info=error)
        return SEARCH_FAILED

    def _damaged_files(self, build: Path | None, reader: BuildReader | None) -> bool:
        if build is None:
            return True
        try:
            index = reader.index if reader is not None else self._store.open(build)
            stamp = (build, int(index.latest_generation()))
            if stamp in self._sound:
                return False
            self._store.verify_files(build, index, thorough=True)
        except Exception:
            return True
        self._sound.add(stamp)
        return False

    def forget_results(self) -> None:
        """Forget this thread's cached queries and results (the next search computes afresh)."""
        reader: BuildReader | None = getattr(self._local, "reader", None)
        if reader is not None:
            reader.forget()

    def match_spans(
        self, query: str, doc_id: str, text: str, language: str | None = None
    ) -> list[tuple[int, int]]:
        """Every place in a document's text the query matches (both forms of an acronym)."""
        deadline = time.monotonic() + self.time_limit
        reader = None
        try:
            reader = self._thread_reader()
            if reader is None:
                return []
            spec = reader.compile(query, deadline).highlight
            return find_marks(text, spec, language=language or reader.language_of(doc_id, text))
        except Exception as error:
            self._failed(reader, error)
            return []

    @property
    def needs_sync(self) -> bool:
        """True when a search found the index damaged or gone: the next sync() rebuilds it."""
        return self._damaged.is_set()

    def _thread_reader(self) -> BuildReader | None:
        if self._closed:
            return None
        build = self._store.current_build()
        reader: BuildReader | None = getattr(self._local, "reader", None)
        if reader is not None and reader.build != build:
            self._drop_thread_reader()
            reader = None
        if build is None:
            return None
        self._had_build = True
        if reader is None:
            reader = BuildReader(self._store, build)
            self._local.reader = reader
            with self._readers_lock:
                self._readers.append(reader)
        else:
            reader.refresh_if_stale()
        return reader

    def _drop_thread_reader(self) -> None:
        reader: BuildReader | None = getattr(self._local, "reader", None)
        self._local.reader = None
        if reader is None:
            return
        with self._readers_lock:
            if reader in self._readers:
                self._readers.remove(reader)
        try:
            reader.close()
        except Exception:
            _log.debug("closing a searcher failed", exc_info=True)

    def close(self) -> None:
        """Close every thread's searcher; later searches answer with no hits."""
        self._closed = True
        with self._readers_lock:
            readers, self._readers = self._readers, []
        for reader in readers:
            try:
                reader.close()
            except Exception:
                _log.debug("closing a searcher failed", exc_info=True)

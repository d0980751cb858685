"""A damaged, outdated or locked index is rebuilt from the library, which is never touched."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from spacereader.core import paths
from spacereader.core.library import Library
from spacereader.core.search import SearchIndex
from spacereader.core.search.index import INDEX_DAMAGED, INDEX_MISSING, SEARCH_FAILED
from spacereader.core.search.store import CURRENT, MANIFEST, MARKER, IndexStore

LOCK_HOLDER = """
import sys, time
from whoosh.filedb.filestore import FileStorage
from spacereader.core.search.schema import build_schema
index = FileStorage(sys.argv[1]).open_index(schema=build_schema())
writer = index.writer()
print("locked", flush=True)
time.sleep(120)
"""


def data_snapshot() -> dict[str, str]:
    """Every file of the data and config folders, by content (SQLite side files aside)."""
    snapshot = {}
    for root in (paths.data_dir(), paths.config_dir()):
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.name.endswith(("-wal", "-shm")):
                snapshot[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return snapshot


@pytest.fixture
def library() -> Iterator[Library]:
    library = Library()
    yield library
    library.close()


@pytest.fixture
def built(library: Library) -> Path:
    """An index of the seed, built and closed; yields its current build folder."""
    index = SearchIndex()
    assert index.sync(library).rebuilt
    index.close()
    build = IndexStore(index.folder).current_build()
    assert build is not None
    return build


def search_works(library: Library, expect_rebuilt: bool) -> None:
    before = data_snapshot()
    documents = library.documents()
    index = SearchIndex()
    try:
        report = index.sync(library)
        assert report.rebuilt is expect_rebuilt
        assert not report.busy
        result = index.search("ILRS")
        assert len(result.hits) == 2
        assert index.search("cooperate").hits
    finally:
        index.close()
    assert data_snapshot() == before
    assert library.documents() == documents


def test_truncated_segment(library: Library, built: Path) -> None:
    segment = max(segment_files(built), key=lambda p: p.stat().st_size)
    with segment.open("r+b") as stream:
        stream.truncate(segment.stat().st_size // 2)
    # Before any repair, a search answers (with nothing) instead of raising.
    damaged = SearchIndex()
    result = damaged.search("ILRS")
    assert result.hits == ()
    damaged.close()
    search_works(library, expect_rebuilt=True)


def test_missing_table_of_contents(library: Library, built: Path) -> None:
    for toc in built.glob("*.toc"):
        toc.unlink()
    assert SearchIndex().search("ILRS").hits == ()
    search_works(library, expect_rebuilt=True)


def test_garbage_table_of_contents(library: Library, built: Path) -> None:
    for toc in built.glob("*.toc"):
        toc.write_bytes(b"\x00garbage" * 10)
    search_works(library, expect_rebuilt=True)


def test_stale_lock_files(library: Library, built: Path) -> None:
    (built / "MAIN_WRITELOCK").write_text("12345")
    (built.parent / "REBUILD.lock").write_text("12345")
    library.add_file(write_text_file("Lunar gateway notes\n\nThe gateway orbits the Moon.\n"))
    index = SearchIndex()
    report = index.sync(library)
    assert (report.added, report.busy, report.rebuilt) == (1, False, False)
    assert index.search("gateway").hits
    index.close()


def test_lock_of_a_killed_process(
    library: Library, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("spacereader.core.search.builder.WRITER_WAIT_S", 0.2)
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(built)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        library.add_file(write_text_file("Gateway notes\n\nThe gateway orbits the Moon.\n"))
        # While the other process writes: searches answer from the committed index.
        index = SearchIndex()
        report = index.sync(library)
        assert report.busy
        assert len(index.search("ILRS").hits) == 2
        assert not index.search("gateway").hits
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        # The dead process's lock is gone with it.
        report = index.sync(library)
        assert (report.added, report.busy) == (1, False)
        assert index.search("gateway").hits
        index.close()
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def test_other_schema_version(library: Library, built: Path) -> None:
    marker = json.loads((built / MARKER).read_text())
    marker["schema_version"] = 0
    (built / MARKER).write_text(json.dumps(marker))
    search_works(library, expect_rebuilt=True)
    assert IndexStore(built.parent).current_build() != built


def test_other_whoosh_version(library: Library, built: Path) -> None:
    marker = json.loads((built / MARKER).read_text())
    marker["whoosh_version"] = "1.0.0"
    (built / MARKER).write_text(json.dumps(marker))
    search_works(library, expect_rebuilt=True)


def test_new_schema_version_gets_its_own_folder(
    library: Library, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("spacereader.core.search.index.SCHEMA_VERSION", 99)
    monkeypatch.setattr("spacereader.core.search.store.SCHEMA_VERSION", 99)
    index = SearchIndex()
    assert index.folder.name == "index-v99"
    assert index.sync(library).rebuilt
    assert index.search("ILRS").hits
    index.close()
    assert built.is_dir()  # the old version's index is left alone


def test_pointer_to_nothing(library: Library, built: Path) -> None:
    (built.parent / CURRENT).write_text("build-missing\n")
    search_works(library, expect_rebuilt=True)


def test_lost_manifest_is_read_back_from_the_index(library: Library, built: Path) -> None:
    (built / MANIFEST).unlink()
    search_works(library, expect_rebuilt=False)


def test_search_flags_damage_for_the_next_sync(library: Library, built: Path) -> None:
    index = SearchIndex()
    assert index.search("ILRS").hits
    index.close()
    for segment in segment_files(built):
        segment.write_bytes(b"")
    index = SearchIndex()
    assert index.search("ILRS").hits == ()
    assert index.needs_sync
    assert index.sync(library).rebuilt
    assert not index.needs_sync
    assert index.search("ILRS").hits
    index.close()


def segment_files(build: Path) -> list[Path]:
    """The files of the build's Whoosh segments (postings, terms, columns)."""
    return [p for p in build.glob("MAIN_*") if not p.name.endswith("LOCK")]


def write_text_file(text: str) -> Path:
    path = paths.cache_dir().parent / "incoming" / f"{hashlib.sha1(text.encode()).hexdigest()}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_garbage_of_the_same_size_is_found_at_open(library: Library, built: Path) -> None:
    """A rewritten segment keeps its size but not its time: opening compares checksums."""
    segment = max(segment_files(built), key=lambda p: p.stat().st_size)
    segment.write_bytes(
        bytes(random.Random(1).randrange(256) for _ in range(segment.stat().st_size))
    )
    damaged = SearchIndex()
    result = damaged.search("ILRS")
    assert result.hits == ()
    assert result.error == INDEX_DAMAGED
    assert damaged.needs_sync
    damaged.close()
    search_works(library, expect_rebuilt=True)


def test_garbage_with_the_old_time_is_found_at_the_first_failed_read(
    library: Library, built: Path
) -> None:
    """Same size, same time (bit rot): the first read that fails has the files checked."""
    postings = next(built.glob("MAIN_*.pst"))
    status = postings.stat()
    postings.write_bytes(b"\x5a" * status.st_size)
    os.utime(postings, ns=(status.st_atime_ns, status.st_mtime_ns))
    index = SearchIndex()
    try:
        result = index.search("ILRS")
        assert (result.hits, result.error) == ((), INDEX_DAMAGED)
        assert index.needs_sync
        report = index.sync(library)
        assert report.rebuilt
        assert not index.needs_sync
        assert len(index.search("ILRS").hits) == 2
    finally:
        index.close()


def test_an_internal_error_is_not_damage(
    library: Library, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug answers with an error, once checked; it never has the index rebuilt, again
    and again."""
    from spacereader.core.search import engine

    checks: list[bool] = []
    original = IndexStore.verify_files

    def counted(store: IndexStore, build: Path, index: object, thorough: bool = False) -> object:
        checks.append(thorough)
        return original(store, build, index, thorough)

    monkeypatch.setattr(IndexStore, "verify_files", counted)

    def broken(*_args: object) -> object:
        raise AssertionError("a bug")

    index = SearchIndex()
    try:
        assert not index.sync(library).rebuilt
        monkeypatch.setattr(engine.Run, "evaluate", broken)
        for query in ("ILRS", "space", "ILRS"):
            result = index.search(query)
            assert (result.hits, result.error) == ((), SEARCH_FAILED)
            assert not index.needs_sync
        assert checks.count(True) == 1  # the files were read once, and found sound
        assert not index.sync(library).rebuilt
        monkeypatch.undo()
        assert len(index.search("ILRS").hits) == 2
    finally:
        index.close()


def test_a_removed_index_says_so_and_is_built_again(library: Library, built: Path) -> None:
    index = SearchIndex()
    try:
        assert index.search("ILRS").hits
        shutil.rmtree(index.folder)
        result = index.search("cooperation")
        assert (result.hits, result.error) == ((), INDEX_MISSING)
        assert index.needs_sync
        assert index.sync(library).rebuilt
        assert len(index.search("ILRS").hits) == 2
    finally:
        index.close()

"""The extraction store: the compact form, the cache file, and extraction on import."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.document import DocumentFormat
from spacereader.core.extraction import codec, default_gazetteer, extract, load_gazetteer
from spacereader.core.extraction.gazetteer import Gazetteer, GazetteerEntry
from spacereader.core.extraction.pipeline import PROCESS_FROM, ImportExtraction
from spacereader.core.extraction.store import (
    ExtractionStore,
    row_signature,
    signature,
    store_path,
)
from spacereader.core.importer import import_paths
from spacereader.core.library import Library

_PIECES = [
    *"abc XYZ 0123456789-’'.,;$€%()\n",
    *("ILRS", "International Lunar Research Station", "Chang’e-5", "Long March 5"),
    *("the space station", "46 agreements", "almost 1,000 engineers", "since 2016"),
    *("Jan. 28", "$2.89 billion", "12.5%", "400 km", "its fifth white paper", "é"),
]
_TEXT = st.one_of(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join), st.text())


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_the_compact_form_gives_back_the_same_extraction(text: str) -> None:
    extraction = extract(text)
    decoded = codec.decode(codec.encode(extraction))
    assert decoded == extraction
    assert decoded is not None
    assert [type(f.value) for f in decoded.figures] == [type(f.value) for f in extraction.figures]


def test_the_seed_round_trips(seed_text: str) -> None:
    extraction = extract(seed_text)
    assert extraction.programs
    assert extraction.figures
    assert codec.decode(codec.encode(extraction)) == extraction


@pytest.mark.parametrize(
    "data",
    [
        "",
        "not json",
        "[]",
        "{}",
        json.dumps([codec.FORMAT + 1, [], []]),
        json.dumps([codec.FORMAT, [["name"]], []]),
        json.dumps([codec.FORMAT, [["n", [], None, "c", "", "g", "", []]], []]),
        json.dumps([codec.FORMAT, [["n", [], None, "c", "", "g", "", [[-1, 2, "x"]]]], []]),
        json.dumps([codec.FORMAT, [], [["1", 1, "no-such-kind", "", "", 0, 1, "", None, ""]]]),
        json.dumps([codec.FORMAT, [], [["1", "1", "count", "", "", 0, 1, "", None, ""]]]),
    ],
)
def test_anything_else_is_no_extraction(data: str) -> None:
    assert codec.decode(data) is None


def test_a_stored_extraction_is_read_back_for_its_signature_only(
    tmp_path: Path, seed_text: str
) -> None:
    made_by = signature(default_gazetteer())
    extraction = extract(seed_text)
    with ExtractionStore(tmp_path / "store.sqlite") as store:
        store.put("hash-1", made_by, extraction)
        assert store.get("hash-1", made_by) == extraction
        assert store.get("hash-1", "another signature") is None
        assert store.get("hash-2", made_by) is None
    with ExtractionStore(tmp_path / "store.sqlite") as store:  # kept between runs
        assert store.get("hash-1", made_by) == extraction


def test_the_signature_follows_the_gazetteer() -> None:
    bundled = load_gazetteer()
    extended = Gazetteer(
        [*bundled.entries, GazetteerEntry("Moon Base Alpha", (), "MBA", "Station", "")]
    )
    assert signature(bundled) == signature(load_gazetteer())
    assert signature(extended) != signature(bundled)


def test_a_damaged_store_is_started_afresh(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    made_by = signature(default_gazetteer())
    with ExtractionStore(path) as store:
        assert store.get("hash-1", made_by) is None
        store.put("hash-1", made_by, extract(seed_text))
        assert store.get("hash-1", made_by) == extract(seed_text)


@pytest.mark.parametrize(
    "data",
    [
        '[1, [["x"]]',  # not compressed
        b"\x78\x01garbage",  # not a zlib stream
        zlib.compress(b"\xff\xfe not UTF-8"),
        zlib.compress(b'[1, [["x"]], []]'),  # the wrong shape
    ],
)
def test_a_damaged_row_is_a_miss(tmp_path: Path, data: str | bytes) -> None:
    path = tmp_path / "store.sqlite"
    made_by = signature(default_gazetteer())
    with ExtractionStore(path) as store:
        store.put("hash-1", made_by, extract("The ILRS since 2016."))
        assert store.get("hash-1", made_by) is not None
    db = sqlite3.connect(path)
    db.execute("UPDATE extractions SET data = ?", (data,))
    db.commit()
    db.close()
    with ExtractionStore(path) as store:
        assert store.get("hash-1", made_by) is None


def _write_texts(folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True)
    texts = [
        f"Brief {number}\n\nThe ILRS gained {number + 2} partners in {2000 + number}; "
        f"Chang’e-{number % 9 + 1} carried {number * 10} grams.\n"
        for number in range(count)
    ]
    for number, text in enumerate(texts):
        (folder / f"brief-{number:03}.txt").write_text(text, encoding="utf-8")
    return texts


@pytest.mark.parametrize("count", [3, 70], ids=["in process", "worker process"])
def test_an_import_stores_every_new_text_extraction(tmp_path: Path, count: int) -> None:
    texts = _write_texts(tmp_path / "briefs", count)
    library = Library()
    try:
        summary = import_paths(library, [tmp_path / "briefs"], extractions=store_path())
        documents = [library.load(info.id) for info in summary.documents]
    finally:
        library.close()
    assert summary.imported == count
    made_by = row_signature(default_gazetteer(), DocumentFormat.TEXT)
    with ExtractionStore() as store:
        for document in documents:
            assert document.text in texts
            stored = store.get(document.info.content_hash, made_by)
            assert stored == extract(document.text)


def test_an_import_without_a_store_extracts_nothing(tmp_path: Path) -> None:
    _write_texts(tmp_path / "briefs", 3)
    library = Library()
    try:
        import_paths(library, [tmp_path / "briefs"])
    finally:
        library.close()
    assert not store_path().exists()


def test_an_unchanged_text_is_not_extracted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_texts(tmp_path / "briefs", 3)
    library = Library()
    submitted: list[str] = []
    original = ImportExtraction.submit

    def submit(
        self: ImportExtraction, content_hash: str, text_file: Path, text_format: DocumentFormat
    ) -> None:
        submitted.append(content_hash)
        original(self, content_hash, text_file, text_format)

    monkeypatch.setattr(ImportExtraction, "submit", submit)
    try:
        import_paths(library, [tmp_path / "briefs"], extractions=store_path())
        assert len(submitted) == 3
        import_paths(library, [tmp_path / "briefs"], extractions=store_path())
    finally:
        library.close()
    assert len(submitted) == 3


def test_a_store_that_cannot_be_written_does_not_stop_the_import(tmp_path: Path) -> None:
    _write_texts(tmp_path / "briefs", 3)
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    library = Library()
    try:
        summary = import_paths(library, [tmp_path / "briefs"], extractions=blocked / "store")
    finally:
        library.close()
    assert summary.imported == 3
    assert summary.failed == 0


def test_cancelling_while_the_worker_runs_stops_it(tmp_path: Path) -> None:
    _write_texts(tmp_path / "briefs", 70)
    library = Library()
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 70  # every file is in; cancel while the worker finishes

    try:
        summary = import_paths(
            library, [tmp_path / "briefs"], cancelled=cancelled, extractions=store_path()
        )
        assert len(library) == 71  # the seed and every brief: what came in stays
    finally:
        library.close()
    assert summary.cancelled
    assert summary.imported == 70


def test_a_worker_that_cannot_start_does_not_stop_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_texts(tmp_path / "briefs", PROCESS_FROM + 2)

    def refuse(self: object) -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(multiprocessing.get_context("spawn").Process, "start", refuse)
    library = Library()
    try:
        summary = import_paths(library, [tmp_path / "briefs"], extractions=store_path())
    finally:
        library.close()
    assert summary.imported == PROCESS_FROM + 2
    assert not summary.cancelled


def test_a_worker_that_dies_neither_hangs_nor_stops_the_import(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text_file = tmp_path / "brief.txt"
    text_file.write_text("The ILRS since 2016.", encoding="utf-8")
    extraction = ImportExtraction(tmp_path / "store.sqlite", files=10, process_from=1)
    extraction.submit("hash-0", text_file, DocumentFormat.TEXT)
    worker = extraction._worker
    worker.kill()
    worker.join()
    started = time.monotonic()
    for number in range(5_000):  # far more than a pipe holds
        extraction.submit(f"hash-{number}", text_file, DocumentFormat.TEXT)
    assert extraction.finish() is True
    assert time.monotonic() - started < 10
    assert "extraction on import stopped" in caplog.text


def test_the_worker_ends_when_the_importing_process_dies(tmp_path: Path) -> None:
    text_file = tmp_path / "brief.txt"
    text_file.write_text("The ILRS since 2016.", encoding="utf-8")
    store = tmp_path / "store.sqlite"
    script = f"""
import os
from pathlib import Path
from spacereader.core.document import DocumentFormat
from spacereader.core.extraction.pipeline import ImportExtraction

if __name__ == "__main__":
    extraction = ImportExtraction(Path({str(store)!r}), files=10, process_from=1)
    extraction.submit("hash-0", Path({str(text_file)!r}), DocumentFormat.TEXT)
    print(extraction._worker.pid, flush=True)
    os._exit(0)  # as a crash would: no finish, no clean-up
"""
    parent = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    worker_pid = int(parent.stdout.split()[0])
    deadline = time.monotonic() + 20
    while _alive(worker_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(worker_pid)
    made_by = row_signature(default_gazetteer(), DocumentFormat.TEXT)
    with ExtractionStore(store) as kept:  # what it had received, it finished
        assert kept.get("hash-0", made_by) == extract("The ILRS since 2016.")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A finished child of the (gone) parent may linger as a zombie until reaped.
    status = Path(f"/proc/{pid}/status")
    return not status.exists() or "zombie" not in status.read_text()


def test_cancelling_a_small_import_stops_between_texts(tmp_path: Path) -> None:
    text_file = tmp_path / "brief.txt"
    text_file.write_text("The ILRS since 2016.", encoding="utf-8")
    extraction = ImportExtraction(tmp_path / "store.sqlite", files=10)
    for number in range(10):
        extraction.submit(f"hash-{number}", text_file, DocumentFormat.TEXT)
    asked = 0

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked > 3

    assert extraction.finish(cancelled) is False
    with ExtractionStore(tmp_path / "store.sqlite") as kept:
        assert len(kept.hashes()) == 3


def test_a_locked_store_is_waited_for_never_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.sqlite"
    made_by = signature(default_gazetteer())
    with ExtractionStore(path) as store:
        store.put("hash-1", made_by, extract("The ILRS since 2016."))
    real_connect = ExtractionStore._connect
    refusals = 2

    def locked_at_first(self: ExtractionStore) -> sqlite3.Connection:
        nonlocal refusals
        if refusals:
            refusals -= 1
            raise sqlite3.OperationalError("database is locked")
        return real_connect(self)

    monkeypatch.setattr(ExtractionStore, "_connect", locked_at_first)
    with ExtractionStore(path) as store:
        assert store.get("hash-1", made_by) is not None
    assert refusals == 0

"""Incremental sync by content hash, full rebuilds, and searching while the index is written."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from spacereader.core.document import DocumentFormat
from spacereader.core.library import Library
from spacereader.core.loaders import LoadedText
from spacereader.core.search import SearchIndex
from spacereader.core.search import builder as builder_module
from spacereader.core.search.store import TMP_PREFIX, IndexStore


def add_text(library: Library, origin: str, text: str) -> str:
    return library.add(LoadedText(text=text, format=DocumentFormat.TEXT), origin).info.id


def article(number: int) -> str:
    return (
        f"Report {number} on lunar logistics\n\n"
        f"Paragraph one of report {number}: the gateway station needs cargo flights "
        f"and crew rotations, number {number}.\n\n"
        f"Paragraph two of report {number}: partners share the cost of propulsion modules.\n"
    )


@pytest.fixture
def library() -> Iterator[Library]:
    library = Library()
    yield library
    library.close()


@pytest.fixture
def index(library: Library) -> Iterator[SearchIndex]:
    index = SearchIndex()
    index.sync(library)
    yield index
    index.close()


@pytest.fixture
def prepared(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the documents a sync prepares for writing, in order."""
    seen: list[str] = []
    original = builder_module.prepare_document

    def counting(document, frequent):  # type: ignore[no-untyped-def]
        seen.append(document.id)
        return original(document, frequent)

    monkeypatch.setattr(builder_module, "prepare_document", counting)
    return seen


def generation(index: SearchIndex) -> int:
    store = IndexStore(index.folder)
    build = store.current_build()
    assert build is not None
    return int(store.open(build).latest_generation())


def test_nothing_changed_writes_nothing(
    library: Library, index: SearchIndex, prepared: list[str]
) -> None:
    before = generation(index)
    report = index.sync(library)
    assert (report.added, report.updated, report.removed, report.rebuilt) == (0, 0, 0, False)
    assert prepared == []
    assert generation(index) == before


def test_only_changed_documents_are_indexed(
    library: Library, index: SearchIndex, prepared: list[str]
) -> None:
    first = add_text(library, "test:one", article(1))
    second = add_text(library, "test:two", article(2))
    report = index.sync(library)
    assert (report.added, report.updated, report.removed) == (2, 0, 0)
    assert sorted(prepared) == sorted([first, second])

    prepared.clear()
    changed = article(1).replace("cargo flights", "tethered balloons")
    assert add_text(library, "test:one", changed) == first
    report = index.sync(library)
    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    assert prepared == [first]
    assert {hit.doc_id for hit in index.search("balloons").hits} == {first}
    assert {hit.doc_id for hit in index.search("cargo").hits} == {second}

    prepared.clear()
    library.remove(second)
    report = index.sync(library)
    assert (report.added, report.updated, report.removed) == (0, 0, 1)
    assert prepared == []
    assert not index.search("cargo").hits


def test_acronyms_are_unlearned_with_their_document(library: Library, index: SearchIndex) -> None:
    add_text(library, "test:uses", "Notes\n\nThe Lunar Orbital Platform will host crews.\n")
    defining = add_text(
        library, "test:defines", "Gateway\n\nThe Lunar Orbital Platform (LOP) is planned.\n"
    )
    index.sync(library)
    assert len(index.search("LOP").hits) == 2
    library.remove(defining)
    index.sync(library)
    assert index.search("LOP").hits == ()


def test_missing_text_is_skipped(library: Library, index: SearchIndex) -> None:
    gone = add_text(library, "test:gone", article(3))
    kept = add_text(library, "test:kept", article(4))
    library.info(gone).path.unlink()
    report = index.sync(library)
    assert report.added == 1
    assert {hit.doc_id for hit in index.search("propulsion").hits} == {kept}


def test_progress_is_reported(library: Library, index: SearchIndex) -> None:
    for number in range(5):
        add_text(library, f"test:{number}", article(number))
    calls: list[tuple[int, int]] = []
    index.sync(library, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 5)
    assert calls[-1] == (5, 5)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_rebuild_swaps_in_a_new_build(library: Library, index: SearchIndex) -> None:
    store = IndexStore(index.folder)
    old = store.current_build()
    assert index.search("ILRS").hits  # this thread now holds a searcher on the old build
    report = index.rebuild(library)
    assert report.rebuilt
    assert report.added == len(library.documents())
    assert store.current_build() != old
    assert len(index.search("ILRS").hits) == 2


def test_cancelled_rebuild_keeps_the_old_index(library: Library, index: SearchIndex) -> None:
    store = IndexStore(index.folder)
    old = store.current_build()
    report = index.rebuild(library, cancelled=lambda: True)
    assert report.cancelled
    assert not report.rebuilt
    assert store.current_build() == old
    assert not list(index.folder.glob(f"{TMP_PREFIX}*"))
    assert len(index.search("ILRS").hits) == 2


@pytest.mark.slow
def test_parallel_build(library: Library, tmp_path: Path) -> None:
    ids = [add_text(library, f"test:{number}", article(number)) for number in range(60)]
    index = SearchIndex(tmp_path / "parallel", procs=2)
    try:
        report = index.rebuild(library)
        assert report.rebuilt
        assert report.added == len(ids) + 1
        result = index.search("propulsion", limit=200)
        assert {hit.doc_id for hit in result.hits} == set(ids)
        assert result.total == 60
        assert len(index.search("ILRS").hits) == 2
        store = IndexStore(index.folder)
        build = store.current_build()
        assert build is not None
        segments = {p.name.split(".")[0] for p in build.glob("MAIN_*") if "." in p.name}
        assert len(segments) == 2
    finally:
        index.close()


def test_search_while_syncing(library: Library, index: SearchIndex) -> None:
    """The GUI's thread model: sync in one thread, search in another, at the same time."""
    for number in range(40):
        add_text(library, f"test:{number}", article(number))
    errors: list[BaseException] = []
    finished = threading.Event()

    def write() -> None:
        own = library.open_again()  # a Library belongs to one thread
        try:
            index.sync(own)
            for number in range(40, 60):
                add_text(own, f"test:{number}", article(number))
                index.sync(own)
            index.rebuild(own)
        except BaseException as error:
            errors.append(error)
        finally:
            own.close()
            finished.set()

    writer = threading.Thread(target=write)
    writer.start()
    slowest = 0.0
    searches = 0
    while not finished.is_set() or searches < 5:
        started = time.perf_counter()
        result = index.search("gateway station")
        index.match_spans("ILRS", "x", "the ILRS")
        slowest = max(slowest, time.perf_counter() - started)
        assert result.total >= len(result.hits)
        searches += 1
    writer.join()
    assert errors == []
    assert slowest < 1.0
    assert index.search("gateway station", limit=100).total == 60


def test_time_limit_cuts_a_search_short(
    library: Library, index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(5):
        add_text(library, f"test:{number}", article(number))
    index.sync(library)
    index.time_limit = 0.0
    result = index.search("report")
    assert result.partial
    assert result.total >= len(result.hits)
    assert result.elapsed_ms < 200
    index.time_limit = 0.8
    assert not index.search("report").partial


def test_a_document_whose_language_changes_is_read_again(
    library: Library, index: SearchIndex, prepared: list[str]
) -> None:
    """A language set (or corrected) after import changes how the text is analysed."""
    import sqlite3

    text = "Brève\n\nLancement validé par les ministres.\n"  # too short to tell
    doc_id = add_text(library, "t:fr", text)
    index.sync(library)
    assert not index.search("lancé").hits  # read as English: "lancement" is not "lancé"
    prepared.clear()
    with sqlite3.connect(library.root / "library.sqlite3") as catalogue:
        catalogue.execute("UPDATE documents SET language = 'fr' WHERE id = ?", (doc_id,))
    catalogue.close()
    report = index.sync(library)
    assert (report.added, report.updated) == (0, 1)
    assert prepared == [doc_id]
    assert [hit.doc_id for hit in index.search("lancé").hits] == [doc_id]

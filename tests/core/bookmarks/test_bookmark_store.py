"""The bookmark store: adding, reading, editing, deleting, undoing and searching."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import FrozenInstanceError, fields, replace
from pathlib import Path

import pytest

from spacereader.core import paths
from spacereader.core.bookmarks import (
    AnchorStatus,
    Bookmark,
    BookmarkNotFoundError,
    BookmarkStore,
    InvalidBookmarkError,
)
from spacereader.core.bookmarks.model import parse_time

TEXT = (
    "The International Lunar Research Station (ILRS) is a joint project.\n\n"
    "For the next five years the focus will be on consolidating those results.\n\n"
    "Brèves: the Chang'e 7 mission 🚀 will survey the lunar south pole in 2026."
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[BookmarkStore]:
    opened = BookmarkStore(tmp_path / "bookmarks.sqlite3")
    yield opened
    opened.close()


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def test_default_path_is_in_the_data_folder() -> None:
    with BookmarkStore() as store:
        assert store.path == paths.data_dir() / "bookmarks.sqlite3"
        assert store.path.exists()
        assert store.recovery is None


def test_add_records_quote_context_and_offsets(store: BookmarkStore) -> None:
    start, end = span(TEXT, "ILRS")
    mark = store.add("doc", TEXT, start, end, note="a note", tags=["moon", " ILRS ", "moon", ""])
    assert mark.quote == "ILRS"
    assert mark.prefix == TEXT[start - 32 : start]
    assert mark.suffix == TEXT[end : end + 32]
    assert (mark.start, mark.end) == (start, end)
    assert mark.tags == ("moon", "ILRS")
    assert mark.status is AnchorStatus.ANCHORED
    assert len(mark.id) == 32
    assert int(mark.id, 16) >= 0
    assert mark.created == mark.updated
    assert parse_time(mark.created).utcoffset().total_seconds() == 0
    assert store.get(mark.id) == mark


def test_context_is_cut_at_the_text_edges(store: BookmarkStore) -> None:
    mark = store.add("doc", TEXT, 0, 3)
    assert mark.prefix == ""
    last = store.add("doc", TEXT, len(TEXT) - 5, len(TEXT))
    assert last.suffix == ""
    assert last.quote == "2026."


def test_offsets_are_code_points_not_utf16(store: BookmarkStore) -> None:
    # The rocket is one code point but two UTF-16 units: Qt offsets would be off by one.
    start, end = span(TEXT, "will survey")
    mark = store.add("doc", TEXT, start, end)
    assert TEXT[mark.start : mark.end] == "will survey"
    assert store.get(mark.id).quote == "will survey"


@pytest.mark.parametrize(("start", "end"), [(5, 5), (6, 5), (-1, 3), (0, len(TEXT) + 1)])
def test_add_refuses_bad_ranges(store: BookmarkStore, start: int, end: int) -> None:
    with pytest.raises(InvalidBookmarkError, match="not a non-empty range"):
        store.add("doc", TEXT, start, end)
    assert store.list() == []


def test_add_refuses_an_empty_document_id_and_unpaired_surrogates(store: BookmarkStore) -> None:
    with pytest.raises(InvalidBookmarkError, match="doc_id"):
        store.add("", TEXT, 0, 3)
    with pytest.raises(InvalidBookmarkError, match="surrogate"):
        store.add("doc", TEXT, 0, 3, note="bad \ud800")
    assert len(store) == 0


def test_list_orders_by_document_then_position(store: BookmarkStore) -> None:
    later = store.add("b", TEXT, 50, 60)
    first = store.add("b", TEXT, 10, 20)
    other = store.add("a", TEXT, 30, 40)
    assert [mark.id for mark in store.list()] == [other.id, first.id, later.id]
    assert [mark.id for mark in store.list("b")] == [first.id, later.id]
    assert store.list("missing") == []


def test_update_changes_note_and_tags_and_time(store: BookmarkStore) -> None:
    mark = store.add("doc", TEXT, 0, 3, note="old")
    unchanged = store.update(mark.id, note="old", tags=[])
    assert unchanged == mark
    edited = store.update(mark.id, note="new ✓", tags=["x", "y"])
    assert (edited.note, edited.tags) == ("new ✓", ("x", "y"))
    assert parse_time(edited.updated) >= parse_time(mark.updated)
    assert edited.created == mark.created
    assert store.get(mark.id) == edited
    only_tags = store.update(mark.id, tags=["z"])
    assert (only_tags.note, only_tags.tags) == ("new ✓", ("z",))


def test_delete_then_restore_gives_back_the_same_bookmark(store: BookmarkStore) -> None:
    mark = store.add("doc", TEXT, 0, 3, note="keep me", tags=["t"])
    removed = store.delete(mark.id)
    assert removed == mark
    with pytest.raises(BookmarkNotFoundError):
        store.get(mark.id)
    assert store.search("keep") == []
    store.restore(removed)
    assert store.get(mark.id) == mark
    assert store.search("keep") == [mark]


def test_restore_undoes_an_edit(store: BookmarkStore) -> None:
    mark = store.add("doc", TEXT, 0, 3, note="before")
    store.update(mark.id, note="after")
    store.restore(mark)
    assert store.get(mark.id) == mark
    assert store.search("note:before") == [mark]
    assert store.search("note:after") == []


def test_restore_refuses_an_inconsistent_bookmark(store: BookmarkStore) -> None:
    mark = store.add("doc", TEXT, 0, 3)
    with pytest.raises(InvalidBookmarkError, match="do not span"):
        store.restore(replace(mark, end=10))
    assert store.get(mark.id) == mark


def test_missing_ids_raise_not_found(store: BookmarkStore) -> None:
    for action in (store.get, store.delete, lambda mark_id: store.update(mark_id, note="x")):
        with pytest.raises(BookmarkNotFoundError, match="no bookmark with id 'nope'"):
            action("nope")


def test_search_covers_quotes_notes_and_tags(store: BookmarkStore) -> None:
    station = store.add("doc", TEXT, *span(TEXT, "Lunar Research Station"), note="joint")
    focus = store.add("doc", TEXT, *span(TEXT, "five years"), note="plan for the station")
    breves = store.add("doc", TEXT, *span(TEXT, "Brèves"), tags=["French", "news-brief"])
    assert store.search("station") == [station, focus]
    assert store.search("quote:station") == [station]
    assert store.search("note:station") == [focus]
    assert store.search("stat plan") == [focus]  # every word, each as a prefix
    assert store.search("breves") == [breves]  # diacritics folded
    assert store.search("BRÈVES") == [breves]
    assert store.search("tag:french") == [breves]
    assert store.search("tag:news-brief") == [breves]
    assert store.search("note:french") == []
    assert store.search("nothing") == []


def test_search_treats_operators_as_text(store: BookmarkStore) -> None:
    mark = store.add("doc", TEXT, *span(TEXT, "ILRS"), note='say "AND" or NEAR')
    assert store.search('"AND"') == [mark]
    assert store.search("NEAR*") == [mark]
    assert store.search("( ) * - :") == store.list()  # nothing searchable: everything
    assert store.search("") == [mark]
    assert store.search("foo:ilrs") == []  # not a field: searched as written


def test_search_follows_edits_and_deletes(store: BookmarkStore) -> None:
    mark = store.add("doc", TEXT, 0, 3, note="alpha")
    store.update(mark.id, note="beta")
    assert store.search("alpha") == []
    assert [found.id for found in store.search("beta")] == [mark.id]
    store.delete(mark.id)
    assert store.search("beta") == []


def test_tags_lists_every_tag_once(store: BookmarkStore) -> None:
    store.add("doc", TEXT, 0, 3, tags=["moon", "Mars"])
    store.add("doc", TEXT, 5, 9, tags=["moon", "asteroid"])
    assert store.tags() == ["asteroid", "Mars", "moon"]


def test_orphan_document_keeps_bookmarks(store: BookmarkStore) -> None:
    kept = store.add("gone", TEXT, 0, 3, note="still here")
    other = store.add("stays", TEXT, 0, 3)
    assert store.orphan_document("gone") == 1
    assert store.orphan_document("gone") == 0
    orphan = store.get(kept.id)
    assert orphan.status is AnchorStatus.ORPHANED
    assert (orphan.quote, orphan.note) == (kept.quote, "still here")
    assert store.get(other.id).status is AnchorStatus.ANCHORED


def test_changes_are_seen_by_a_second_store_on_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    with BookmarkStore(path) as first, BookmarkStore(path) as second:
        mark = first.add("doc", TEXT, 0, 3)
        assert second.get(mark.id) == mark
        second.delete(mark.id)
        assert first.list() == []


def test_file_settings_protect_against_crashes(store: BookmarkStore) -> None:
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store._db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_a_store_can_be_shared_between_threads(store: BookmarkStore) -> None:
    errors: list[BaseException] = []

    def work(number: int) -> None:
        try:
            for index in range(20):
                store.add(f"doc{number}", TEXT, index, index + 5)
                store.list()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store) == 80


def test_loaded_bookmarks_are_ordinary_frozen_values(store: BookmarkStore) -> None:
    # The store builds bookmarks from rows without calling __init__ (for speed).
    made = store.add("doc", TEXT, 0, 3, note="n", tags=["a", "b"])
    [loaded] = store.list()
    rebuilt = Bookmark(**{field.name: getattr(loaded, field.name) for field in fields(Bookmark)})
    assert loaded == rebuilt == made
    assert hash(loaded) == hash(rebuilt)
    assert repr(loaded) == repr(made)
    assert type(loaded.start) is int
    assert loaded.status is AnchorStatus.ANCHORED
    with pytest.raises(FrozenInstanceError):
        loaded.note = "changed"  # type: ignore[misc]
    assert replace(loaded, note="x").note == "x"


def test_lists_follow_changes_made_through_another_connection(tmp_path: Path) -> None:
    # Each store keeps an in-memory copy; another process's commits must show at once.
    path = tmp_path / "shared.sqlite3"
    with BookmarkStore(path) as app, BookmarkStore(path) as command_line:
        assert app.list() == []
        mark = command_line.add("doc", TEXT, 0, 3, note="from the command line")
        assert app.list() == [mark]
        edited = command_line.update(mark.id, note="edited", tags=["cli"])
        assert app.list() == [edited]
        assert app.search("note:edited") == [edited]
        command_line.reanchor("doc", "Inserted. " + TEXT)
        assert app.list()[0].status is AnchorStatus.MOVED
        own = app.add("doc", TEXT, 5, 9)
        assert {found.id for found in command_line.list()} == {mark.id, own.id}
        command_line.delete(own.id)
        assert [found.id for found in app.list()] == [mark.id]


def test_list_returns_a_fresh_list_each_time(store: BookmarkStore) -> None:
    store.add("doc", TEXT, 0, 3)
    first = store.list()
    first.clear()
    assert len(store.list()) == 1

"""The dock's in-memory filter over loaded bookmarks."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.bookmarks import AnchorStatus, Bookmark, BookmarkFilter, BookmarkStore
from spacereader.core.bookmarks.filtering import fold

TEXT = (
    "The International Lunar Research Station (ILRS) is a joint project. "
    "Brèves: a suborbital test flight of the Chang'e relay. ÉTÉ 2026."
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[BookmarkStore]:
    opened = BookmarkStore(tmp_path / "bookmarks.sqlite3")
    yield opened
    opened.close()


def span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Brèves ÉTÉ") == "breves ete"
    assert fold("Straße") == "strasse"
    assert fold("ILRS") == "ilrs"


def test_filter_words_fields_and_order(store: BookmarkStore) -> None:
    station = store.add("a", TEXT, *span("Lunar Research Station"), note="joint venture")
    breves = store.add("a", TEXT, *span("Brèves"), note="French news", tags=["été", "news"])
    flight = store.add("b", TEXT, *span("suborbital test flight"), tags=["Suborbital"])
    marks = BookmarkFilter(store.list())
    assert marks.matching("") == [station, breves, flight]
    assert marks.matching("  -- ") == [station, breves, flight]
    assert marks.matching("orbit") == [flight]  # inside a word
    assert marks.matching("STATION joint") == [station]
    assert marks.matching("breves") == [breves]
    assert marks.matching("ETE") == [breves]
    assert marks.matching("tag:ete") == [breves]
    assert marks.matching("note:ete") == []
    assert marks.matching("quote:flight tag:sub") == [flight]
    assert marks.matching("news") == [breves]
    assert marks.matching("station flight") == []


def test_a_word_does_not_match_across_fields(store: BookmarkStore) -> None:
    mark = store.add("a", TEXT, *span("ILRS"), note="lunar", tags=["base"])
    marks = BookmarkFilter([mark])
    assert marks.matching("lunarbase") == []
    assert marks.matching("ilrslunar") == []


def test_the_filter_finds_everything_search_finds(store: BookmarkStore) -> None:
    store.add("a", TEXT, *span("Lunar Research Station"), note="Joint venture")
    store.add("a", TEXT, *span("Brèves"), note="French news", tags=["été"])
    store.add("b", TEXT, *span("relay"), note="lunar relay")
    marks = BookmarkFilter(store.list())
    for query in ("lunar", "breves", "note:joint", "tag:ete", "relay lunar", "zzz"):
        assert set(store.search(query)) <= set(marks.matching(query))


WORDS = st.sampled_from(["lunar", "Lunaire", "été", "ETE", "orbit", "ILRS", "x", "Ω"])
PHRASES = st.lists(WORDS, max_size=4).map(" ".join)


def reference_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(PHRASES, PHRASES, st.lists(WORDS, max_size=3)), max_size=8), PHRASES)
def test_exactly_the_bookmarks_holding_every_word(
    contents: list[tuple[str, str, list[str]]], query: str
) -> None:
    marks = [
        Bookmark(
            id=str(number),
            doc_id="d",
            quote=quote or "q",
            prefix="",
            suffix="",
            start=0,
            end=len(quote or "q"),
            note=note,
            tags=tuple(dict.fromkeys(tags)),
            created="2024-01-01T00:00:00+00:00",
            updated="2024-01-01T00:00:00+00:00",
            status=AnchorStatus.ANCHORED,
        )
        for number, (quote, note, tags) in enumerate(contents)
    ]
    found = BookmarkFilter(marks).matching(query)
    for mark in marks:
        fields = [reference_fold(mark.quote), reference_fold(mark.note)]
        fields += [reference_fold(tag) for tag in mark.tags]
        holds_all = all(
            any(reference_fold(word) in field for field in fields) for word in query.split()
        )
        assert (mark in found) == holds_all


def test_a_prepared_filter_answers_the_same(store: BookmarkStore) -> None:
    store.add("a", TEXT, *span("Brèves"), note="French news", tags=["été"])
    store.add("a", TEXT, *span("ILRS"), note="station")
    lazy = BookmarkFilter(store.list())
    eager = BookmarkFilter(store.list()).prepare()
    for query in ("ete", "note:station", "tag:ete news", "", "zzz"):
        assert eager.matching(query) == lazy.matching(query)


def test_a_hash_word_is_a_tag_as_the_list_shows_it(store: BookmarkStore) -> None:
    gateway = store.add("a", TEXT, *span("Lunar Research Station"), tags=["gateway", "moon"])
    quoted = store.add("a", TEXT, *span("Chang'e relay"), note="not the #gateway tag")
    marks = BookmarkFilter(store.list())
    assert marks.matching("#gateway") == [gateway]
    assert marks.matching("#Gate") == [gateway]  # as the user types it
    assert marks.matching("#moon #gateway") == [gateway]
    assert marks.matching("#relay") == []
    assert marks.matching("#") == [gateway, quoted]  # nothing to filter on yet
    assert store.search("#gateway") == [gateway]
    assert store.search("#gateway relay") == []

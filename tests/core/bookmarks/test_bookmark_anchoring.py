"""Re-anchoring bookmarks when a document's text changes: a corpus of edits, each
with the outcome a user should see, and properties over arbitrary texts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from spacereader.core.bookmarks import AnchorStatus, Bookmark, BookmarkStore
from spacereader.core.bookmarks.anchoring import locate, placed_import, select

ARTICLE = (
    "China Releases Space Plan\n\n"
    "On Jan. 28 the State Council released a white paper on the space program. "
    "It describes the International Lunar Research Station (ILRS), built with "
    "Russia, and robotic missions to the lunar south pole.\n\n"
    "For the next five years the focus will be on consolidating those "
    "accomplishments and developing the heavy-lift launcher that the crewed "
    "landing requires.\n\n"
    "The paper also promises a Belt and Road Initiative Space Information "
    "Corridor, open to partner nations that sign the ILRS memorandum.\n"
)
PASSAGE = "the focus will be on consolidating those accomplishments"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[BookmarkStore]:
    opened = BookmarkStore(tmp_path / "bookmarks.sqlite3")
    yield opened
    opened.close()


def bookmark(store: BookmarkStore, quote: str, text: str = ARTICLE, nth: int = 0) -> Bookmark:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return store.add("doc", text, start, start + len(quote), note="my note", tags=["t"])


def reanchored(store: BookmarkStore, mark: Bookmark, text: str) -> Bookmark:
    store.reanchor("doc", text)
    return store.get(mark.id)


def assert_placed(mark: Bookmark, text: str) -> None:
    assert text[mark.start : mark.end] == mark.quote
    assert mark.prefix == text[max(0, mark.start - 32) : mark.start]
    assert mark.suffix == text[mark.end : mark.end + 32]


# -- the corpus ----------------------------------------------------------


def test_unchanged_text_changes_nothing(store: BookmarkStore) -> None:
    mark = bookmark(store, PASSAGE)
    assert store.reanchor("doc", ARTICLE) == []
    assert store.get(mark.id) == mark


def test_text_inserted_above_moves_the_bookmark_by_its_length(store: BookmarkStore) -> None:
    mark = bookmark(store, PASSAGE)
    inserted = "Editor's note: updated on Feb. 2 with a new introduction.\n\n"
    text = inserted + ARTICLE
    changed = store.reanchor("doc", text)
    moved = store.get(mark.id)
    assert changed == [moved]
    assert moved.status is AnchorStatus.MOVED
    assert (moved.start, moved.end) == (mark.start + len(inserted), mark.end + len(inserted))
    assert moved.quote == PASSAGE
    assert (moved.note, moved.tags, moved.updated) == ("my note", ("t",), mark.updated)
    assert_placed(moved, text)


def test_text_inserted_right_before_the_quote_still_finds_it(store: BookmarkStore) -> None:
    mark = bookmark(store, PASSAGE)
    text = ARTICLE.replace("years " + PASSAGE, "years, as the paper says, " + PASSAGE)
    moved = reanchored(store, mark, text)
    assert moved.status is AnchorStatus.MOVED
    assert moved.quote == PASSAGE
    assert_placed(moved, text)


def test_a_typo_inside_the_quote_is_followed(store: BookmarkStore) -> None:
    mark = bookmark(store, PASSAGE)
    text = ARTICLE.replace("consolidating", "consolidatign")
    moved = reanchored(store, mark, text)
    assert moved.status is AnchorStatus.MOVED
    assert (moved.start, moved.end) == (mark.start, mark.end)
    assert moved.quote == PASSAGE.replace("consolidating", "consolidatign")
    assert_placed(moved, text)


def test_words_inserted_inside_the_quote_widen_it(store: BookmarkStore) -> None:
    mark = bookmark(store, PASSAGE)
    text = ARTICLE.replace("will be on", "will mainly be on")
    moved = reanchored(store, mark, text)
    assert moved.status is AnchorStatus.MOVED
    assert moved.start == mark.start
    assert moved.quote == "the focus will mainly be on consolidating those accomplishments"
    assert_placed(moved, text)


def test_a_short_quote_with_a_typo_is_followed_by_its_context(store: BookmarkStore) -> None:
    # "ILRS" also appears, unedited, further down: only the context tells them apart.
    mark = bookmark(store, "ILRS")
    text = ARTICLE.replace("Station (ILRS)", "Station (ILSR)")
    moved = reanchored(store, mark, text)
    assert moved.status is AnchorStatus.MOVED
    assert moved.quote == "ILSR"
    assert moved.start == mark.start


def test_a_duplicated_passage_is_told_apart_by_its_context(store: BookmarkStore) -> None:
    mark = bookmark(store, PASSAGE)
    # The new version opens with a summary quoting the passage, sized so that the
    # copy lands exactly on the old offsets: the offsets alone would pick the copy.
    lead = "Summary: "
    filler = "x" * (mark.start - len(lead))
    copy = f"{lead}{filler}{PASSAGE} (see below).\n\n"
    text = copy + ARTICLE
    assert text[mark.start : mark.end] == PASSAGE
    moved = reanchored(store, mark, text)
    assert moved.status is AnchorStatus.MOVED
    assert moved.start == len(copy) + mark.start
    assert_placed(moved, text)


def test_a_duplicate_added_below_leaves_the_bookmark_in_place(store: BookmarkStore) -> None:
    mark = bookmark(store, PASSAGE)
    text = ARTICLE + f"\nQuoted again: {PASSAGE}.\n"
    assert store.reanchor("doc", text) == []
    assert store.get(mark.id) == mark


def test_the_second_of_two_repeats_stays_the_second(store: BookmarkStore) -> None:
    mark = bookmark(store, "ILRS", nth=1)
    text = "Preface.\n" + ARTICLE
    moved = reanchored(store, mark, text)
    assert moved.start == text.index("ILRS memorandum")
    assert moved.status is AnchorStatus.MOVED


def test_a_moved_paragraph_is_found(store: BookmarkStore) -> None:
    paragraph = ARTICLE.split("\n\n")[2]
    mark = bookmark(store, paragraph)
    text = ARTICLE.replace(paragraph + "\n\n", "") + "\n" + paragraph + "\n"
    moved = reanchored(store, mark, text)
    assert moved.status is AnchorStatus.MOVED
    assert moved.quote == paragraph
    assert_placed(moved, text)


def test_a_moved_and_lightly_edited_long_passage_is_found(store: BookmarkStore) -> None:
    paragraph = ARTICLE.split("\n\n")[2]
    mark = bookmark(store, paragraph)
    edited = paragraph.replace("heavy-lift", "heavy lift")
    text = ARTICLE.replace(paragraph + "\n\n", "") + "\nAppendix.\n" + edited + "\n"
    moved = reanchored(store, mark, text)
    assert moved.status is AnchorStatus.MOVED
    assert moved.quote == edited
    assert_placed(moved, text)


def test_a_deleted_passage_is_orphaned_and_kept(store: BookmarkStore) -> None:
    mark = bookmark(store, PASSAGE)
    text = ARTICLE.replace("For the next five years " + PASSAGE, "Nothing else was said")
    changed = store.reanchor("doc", text)
    orphan = store.get(mark.id)
    assert changed == [orphan]
    assert orphan.status is AnchorStatus.ORPHANED
    assert (orphan.quote, orphan.prefix, orphan.suffix) == (mark.quote, mark.prefix, mark.suffix)
    assert (orphan.start, orphan.end, orphan.note, orphan.tags) == (
        mark.start,
        mark.end,
        "my note",
        ("t",),
    )


def test_a_rewritten_passage_is_orphaned_not_guessed(store: BookmarkStore) -> None:
    mark = bookmark(store, PASSAGE)
    text = ARTICLE.replace(PASSAGE, "an entirely different agenda about Mars sample return")
    assert reanchored(store, mark, text).status is AnchorStatus.ORPHANED


def test_a_deleted_short_quote_is_not_placed_on_the_same_word_elsewhere(
    store: BookmarkStore,
) -> None:
    mark = bookmark(store, "ILRS")
    text = ARTICLE.replace("Station (ILRS), built", "Station, built")
    assert "ILRS" in text  # still in "the ILRS memorandum", with other context
    assert reanchored(store, mark, text).status is AnchorStatus.ORPHANED


def test_a_deleted_clause_is_not_placed_on_a_similar_clause(store: BookmarkStore) -> None:
    clauses = (
        "Article 2. Each partner shall share lunar data with the others.\n"
        "Article 3. Each partner shall share launch data with the others.\n"
    )
    quote = "Each partner shall share lunar data"
    mark = bookmark(store, quote, text=clauses)
    text = clauses.replace("Article 2. " + quote + " with the others.\n", "")
    assert reanchored(store, mark, text).status is AnchorStatus.ORPHANED


def test_an_emptied_document_orphans_everything(store: BookmarkStore) -> None:
    marks = [bookmark(store, PASSAGE), bookmark(store, "ILRS")]
    assert len(store.reanchor("doc", "")) == len(marks)
    assert {mark.status for mark in store.list()} == {AnchorStatus.ORPHANED}


def test_an_orphan_comes_back_when_its_passage_does(store: BookmarkStore) -> None:
    mark = bookmark(store, PASSAGE)
    store.reanchor("doc", "An unrelated text.")
    assert store.get(mark.id).status is AnchorStatus.ORPHANED
    back = reanchored(store, mark, ARTICLE)
    assert back.status is AnchorStatus.ANCHORED
    assert back == mark


def test_moved_stays_moved_until_the_text_changes_again(store: BookmarkStore) -> None:
    mark = bookmark(store, PASSAGE)
    text = "New first line.\n" + ARTICLE
    moved = reanchored(store, mark, text)
    assert store.reanchor("doc", text) == []
    assert store.get(mark.id) == moved


def test_reanchor_touches_only_that_document(store: BookmarkStore) -> None:
    other = store.add("other", ARTICLE, 0, 5)
    mark = bookmark(store, PASSAGE)
    store.reanchor("doc", "")
    assert store.get(other.id) == other
    assert store.get(mark.id).orphaned


def test_offsets_count_code_points_around_emoji(store: BookmarkStore) -> None:
    mark = bookmark(store, PASSAGE)
    text = "🚀🛰️ " + ARTICLE
    moved = reanchored(store, mark, text)
    assert moved.start == mark.start + len("🚀🛰️ ")
    assert_placed(moved, text)


def test_a_fuzzy_match_is_searchable_under_its_new_quote(store: BookmarkStore) -> None:
    mark = bookmark(store, PASSAGE)
    reanchored(store, mark, ARTICLE.replace("consolidating", "strengthening"))
    assert [found.id for found in store.search("strengthening")] == [mark.id]
    assert store.search("consolidating") == []


# -- properties ----------------------------------------------------------

WORDS = st.sampled_from(
    ["lunar", "station", "orbit", "the", "of", "ILRS", "Brèves", "🚀", "a", "mission", "\n"]
)
TEXTS = st.lists(WORDS, min_size=1, max_size=60).map(" ".join)


@st.composite
def text_and_range(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(TEXTS)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@settings(max_examples=150, deadline=None)
@given(text_and_range())
def test_an_unchanged_text_places_every_quote_where_it_was(case: tuple[str, int, int]) -> None:
    text, start, end = case
    placement = locate(text, select(text, start, end))
    assert placement is not None
    assert (placement.start, placement.end, placement.exact) == (start, end, True)


@settings(max_examples=150, deadline=None)
@given(text_and_range(), TEXTS)
def test_inserted_text_shifts_a_unique_quote(case: tuple[str, int, int], inserted: str) -> None:
    text, start, end = case
    selector = select(text, start, end)
    new_text = inserted + "\n" + text
    assume(new_text.count(selector.quote) == 1)
    placement = locate(new_text, selector)
    shift = len(inserted) + 1
    if placement is not None:
        assert (placement.start, placement.end) == (start + shift, end + shift)
    else:
        # Only a short quote whose context was cut by the insertion may be lost.
        assert len(selector.quote) < 32


@settings(max_examples=100, deadline=None)
@given(text_and_range(), TEXTS, st.integers(0, 10_000))
def test_a_placement_always_lies_inside_the_new_text(
    case: tuple[str, int, int], replacement: str, where: int
) -> None:
    text, start, end = case
    cut = where % (len(text) + 1)
    new_text = text[:cut] + replacement + text[cut + len(replacement) // 2 :]
    placement = locate(new_text, select(text, start, end))
    if placement is not None:
        assert 0 <= placement.start < placement.end <= len(new_text)
        if placement.exact:
            assert new_text[placement.start : placement.end] == text[start:end]


@given(st.text(min_size=1, max_size=300), st.data())
def test_an_imported_quote_without_offsets_lands_on_itself(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    mark = Bookmark(
        id="x", doc_id="d", quote=quote, prefix="", suffix="", start=0, end=len(quote),
        note="", tags=(), created="2024-01-01T00:00:00+00:00",
        updated="2024-01-01T00:00:00+00:00", status=AnchorStatus.ANCHORED,
    )  # fmt: skip
    placed = placed_import(mark, text, offsets_given=False)
    assert placed.status is AnchorStatus.ANCHORED
    assert text[placed.start : placed.end] == quote
    assert placed.start == text.index(quote)

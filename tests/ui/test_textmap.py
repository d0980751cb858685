"""Document offsets (code points) to reader positions (UTF-16) and back."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spacereader.ui import textmap
from spacereader.ui.textmap import TextMap, utf16_length


def test_utf16_length_counts_astral_characters_twice() -> None:
    assert utf16_length("ab") == 2
    assert utf16_length("a🚀b") == 4


def test_offsets_after_an_emoji_shift_in_the_view() -> None:
    text = "🚀 ILRS station"
    text_map = TextMap(text)
    text_map.add(0, len(text), 10)
    ilrs = text.index("ILRS")
    assert text_map.to_view(ilrs) == 10 + ilrs + 1
    assert text_map.to_document(text_map.to_view(ilrs)) == ilrs


def test_hidden_text_snaps_to_the_next_segment() -> None:
    text = "nav line\n\nBody text here."
    text_map = TextMap(text)
    body = text.index("Body")
    text_map.add(body, len(text), 5)
    assert text_map.to_view(0) == 5
    assert text_map.to_document(0) == body


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200),
    st.data(),
)
def test_round_trip_inside_segments(text: str, data: st.DataObject) -> None:
    middle = data.draw(st.integers(0, len(text)))
    text_map = TextMap(text)
    text_map.add(0, middle, 3)
    text_map.add(middle, len(text), 3 + utf16_length(text[:middle]) + 7)
    offset = data.draw(st.integers(0, len(text)))
    assert text_map.to_document(text_map.to_view(offset)) == offset


def test_a_selection_ending_where_hidden_markup_begins_stops_before_it() -> None:
    text = "The *Vikram* lander"
    text_map = TextMap(text)
    text_map.add(0, 4, 0)  # "The "
    text_map.add(5, 11, 4)  # "Vikram"
    text_map.add(12, 19, 10)  # " lander"
    assert text_map.to_document(4) == 5
    assert text_map.to_document(10, end=True) == 11
    assert text_map.to_document(10) == 12


def test_long_paragraphs_split_after_a_space_and_cover_the_text() -> None:
    from spacereader.ui.article_renderer import LONG_PARAGRAPH, split_long

    text = "word " * 5000
    pieces = split_long(text, 0, len(text))
    assert len(pieces) > 1
    assert pieces[0][0] == 0
    assert pieces[-1][1] == len(text)
    for (_, end), (start, _) in itertools.pairwise(pieces):
        assert end == start
        assert text[end - 1] == " "
    assert all(end - start <= LONG_PARAGRAPH for start, end in pieces)


@given(
    st.text(alphabet=st.sampled_from(list("ab é🚀\n")), min_size=1, max_size=300),
    st.lists(st.integers(0, 300), min_size=1, max_size=20),
)
def test_astral_characters_are_counted_wherever_the_search_has_reached(
    text: str, offsets: list[int]
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(textmap, "ASTRAL_SCAN_CHARS", 7)
        text_map = TextMap(text)
        text_map.add(0, len(text), 0)
        for offset in (min(offset, len(text)) for offset in offsets):  # in any order
            assert text_map.to_view(offset) == utf16_length(text[:offset])
            assert text_map.to_document(utf16_length(text[:offset])) == offset

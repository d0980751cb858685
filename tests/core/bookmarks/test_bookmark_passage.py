"""A selection snaps to whole words before it is bookmarked."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from spacereader.core.bookmarks.passage import snap_to_words

TEXT = "ILRS partners signed with the agency in 2021; Chang'e-6 flew. Café crème."


def snapped(fragment: str, text: str = TEXT) -> str:
    start = text.index(fragment)
    new_start, new_end = snap_to_words(text, start, start + len(fragment))
    return text[new_start:new_end]


def test_a_selection_cut_inside_a_word_takes_the_whole_word() -> None:
    assert snapped("signed with the ag") == "signed with the agency"
    assert snapped("tners signed") == "partners signed"
    assert snapped("gen") == "agency"
    assert snapped("202") == "2021"


def test_whole_words_and_punctuation_stay_as_selected() -> None:
    assert snapped("the agency") == "the agency"
    assert snapped("agency in 2021;") == "agency in 2021;"
    assert snapped("Chang") == "Chang"  # the apostrophe ends the word
    assert snapped("6 flew.") == "6 flew."


def test_surrounding_spaces_are_left_out() -> None:
    assert snapped(" the agency ") == "the agency"
    assert snapped("  ", "two  spaces") == "  "  # nothing to snap to: left as it was


def test_accented_and_decomposed_letters_are_part_of_words() -> None:
    assert snapped("Caf") == "Café"
    decomposed = "une cre\u0300me brulee"
    assert snapped("cr", decomposed) == "cre\u0300me"
    assert snapped("e\u0300", decomposed) == "cre\u0300me"


ALPHABET = st.sampled_from(list("ab1 .,'-é\u0301\n"))


@given(st.text(ALPHABET, min_size=1, max_size=40), st.data())
def test_snapping_covers_the_selection_and_cuts_no_word(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    new_start, new_end = snap_to_words(text, start, end)
    selected = text[start:end]
    if not selected.strip():
        assert (new_start, new_end) == (start, end)
        return
    snapped_text = text[new_start:new_end]
    assert selected.strip() in snapped_text
    assert snapped_text == snapped_text.strip()
    assert new_start <= start + (len(selected) - len(selected.lstrip()))
    for edge in (new_start, new_end):
        inside = 0 < edge < len(text)
        assert not (inside and text[edge - 1].isalnum() and text[edge].isalnum())
    assert snap_to_words(text, new_start, new_end) == (new_start, new_end)

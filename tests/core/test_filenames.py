"""Suggested file names: whole words, nothing a file system refuses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from spacereader.core.filenames import MAX_STEM, file_stem, suggested_file_name

FORBIDDEN = set('<>:"/\\|?*') | {chr(code) for code in range(32)}


def test_a_title_with_a_colon_becomes_a_clean_name() -> None:
    title = "China Releases Space Plan: ‘Steady As She Goes’"
    assert file_stem(title) == "China Releases Space Plan - ‘Steady As She Goes’"
    assert suggested_file_name(title, "md", "briefing") == (
        "China Releases Space Plan - ‘Steady As She Goes’ - briefing.md"
    )


def test_a_long_title_is_cut_between_words() -> None:
    title = (
        "Chandrayaan-3 lands near the lunar south pole, making India the fourth country "
        "to land on the Moon"
    )
    stem = file_stem(title)
    assert stem == "Chandrayaan-3 lands near the lunar south pole, making India"
    assert len(stem) <= MAX_STEM
    assert title.startswith(stem)


def test_odd_titles_still_give_a_name() -> None:
    assert file_stem("") == "document"
    assert file_stem("???") == "document"
    assert file_stem("CON") == "CON_"
    assert file_stem("a" * 100) == "a" * MAX_STEM  # one long word is cut: no other way
    assert file_stem("Report / 2024 <draft>") == "Report 2024 draft"
    assert file_stem("Budget... ") == "Budget"


@given(st.text(max_size=200))
def test_any_title_gives_a_safe_short_name_of_whole_words(title: str) -> None:
    stem = file_stem(title)
    assert stem
    assert not FORBIDDEN & set(stem)
    assert len(stem) <= MAX_STEM + 1
    assert stem == stem.strip(" .")
    cleaned = " ".join(title.split())
    if stem != "document" and " " in stem and stem in cleaned:
        following = cleaned[cleaned.index(stem) + len(stem) :]
        assert not following or not (following[0].isalnum() and stem[-1].isalnum())

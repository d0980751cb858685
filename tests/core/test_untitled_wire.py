"""A wire story without a title line: its dateline dates it and its lead titles it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spacereader.core.library import Library
from spacereader.core.structure import BlockKind, detect_structure
from spacereader.core.titles import MAX_OPENING_TITLE_CHARS, title_from_opening

LEAD = (
    "Russia and China signed a memorandum on the International Lunar Research Station,"
    " the space agency Roscosmos said on Tuesday."
)
CUT_LEAD = "Russia and China signed a memorandum on the International Lunar Research Station, the…"
MORE = (
    "\n\nThe station will be open to all interested countries and partners."
    "\n\nThe heads of both agencies signed the document by video link.\n"
)


@pytest.mark.parametrize(
    ("dateline", "published"),
    [
        ("MOSCOW, March 9, 2021 — ", "2021-03-09"),
        ("MOSCOW — March 9, 2021 — ", "2021-03-09"),
        ("WASHINGTON (Reuters) — March 11, 2024 — ", "2024-03-11"),
        ("PARIS, le 9 mars 2021 — ", "2021-03-09"),
        # No year written: the date stays partial, the year is not guessed.
        ("EIRNS — Jan. 28 — ", "--01-28"),
    ],
)
def test_a_dateline_without_a_title_line_dates_the_story(
    tmp_path: Path, dateline: str, published: str
) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(dateline + LEAD + MORE, encoding="utf-8")
    info = Library().add_file(path).info
    assert info.published == published
    assert info.title == CUT_LEAD


def test_the_dateline_paragraph_is_body_not_title() -> None:
    text = "MOSCOW, March 9, 2021 — " + LEAD + MORE
    structure = detect_structure(text)
    assert structure.title == ""
    assert structure.date == "March 9, 2021"
    assert structure.paragraphs[0].text(text).startswith("MOSCOW, March 9, 2021")
    assert not structure.blocks_of(BlockKind.TITLE)


def test_a_headline_with_a_dash_and_no_date_stays_a_title() -> None:
    text = "NASA — The Artemis Program Explained\n\n" + LEAD + MORE
    assert detect_structure(text).title == "NASA — The Artemis Program Explained"


def test_a_title_line_still_wins() -> None:
    text = "Russia and China sign lunar station memorandum\n\nMOSCOW, March 9, 2021 — " + LEAD
    structure = detect_structure(text)
    assert structure.title == "Russia and China sign lunar station memorandum"
    assert structure.date == "March 9, 2021"


def test_a_long_lead_is_cut_at_a_word_with_an_ellipsis() -> None:
    text = "MOSCOW, March 9, 2021 — " + LEAD + MORE
    title = title_from_opening(text, detect_structure(text))
    assert title == CUT_LEAD
    assert len(title) <= MAX_OPENING_TITLE_CHARS


def test_a_short_lead_is_its_first_sentence_without_abbreviations_cutting_it() -> None:
    text = (
        "WASHINGTON — Jan. 5, 2024 — The U.S. and Japan sign a lunar pact. Officials\n"
        "met on Tuesday.\n\nMore text here."
    )
    title = title_from_opening(text, detect_structure(text))
    assert title == "The U.S. and Japan sign a lunar pact"


def test_a_text_without_sentences_falls_back_to_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "ilrs_partners.txt"
    path.write_text("Back to top\n\nShare this\n", encoding="utf-8")
    assert Library().add_file(path).info.title == "ilrs partners"


@given(st.text(max_size=600))
def test_an_opening_title_is_short_and_from_the_text(text: str) -> None:
    title = title_from_opening(text, detect_structure(text))
    assert len(title) <= MAX_OPENING_TITLE_CHARS
    assert title == title.strip()

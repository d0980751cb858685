"""Structure detection on the bundled article and on arbitrary text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spacereader.core.structure import BlockKind, detect_structure


def test_seed_title_and_header(seed_text: str) -> None:
    structure = detect_structure(seed_text)
    assert structure.title == "China Releases Space Plan: ‘Steady As She Goes’"
    assert structure.category == "Space / Espace"
    assert structure.section == "News / Brèves"
    assert structure.source == "EIRNS"
    assert structure.date == "Jan. 28"


def test_seed_navigation_lines_are_furniture(seed_text: str) -> None:
    structure = detect_structure(seed_text)
    nav = [block.text(seed_text) for block in structure.blocks_of(BlockKind.NAV)]
    assert nav == [
        "Back to previous selection / Retour à la sélection précédente",
        "Printable version\xa0/ Version imprimable",
    ]
    body = " ".join(block.text(seed_text) for block in structure.paragraphs)
    assert "Back to previous selection" not in body
    assert "Printable version" not in body


def test_seed_paragraphs_slice_the_original_text(seed_text: str) -> None:
    paragraphs = detect_structure(seed_text).paragraphs
    assert len(paragraphs) == 3
    assert paragraphs[0].text(seed_text).startswith("EIRNS—On Jan. 28 China’s State Council")
    assert paragraphs[1].text(seed_text).startswith("For the next five years")
    assert (
        paragraphs[2]
        .text(seed_text)
        .endswith("Belt and Road Initiative Space Information Corridor.”")
    )
    for block in paragraphs:
        assert seed_text[block.start : block.end] == block.text(seed_text)
        assert block.text(seed_text) == block.text(seed_text).strip()


def test_seed_author_tag_is_not_body_text(seed_text: str) -> None:
    structure = detect_structure(seed_text)
    signature = structure.blocks_of(BlockKind.SIGNATURE)
    assert [block.text(seed_text) for block in signature] == ["( [mgf]"]


def test_wrapped_and_unwrapped_paragraphs() -> None:
    wrapped = "A Title\n\nline one of a paragraph\nline two of it\n\nSecond paragraph."
    structure = detect_structure(wrapped)
    texts = [block.text(wrapped) for block in structure.paragraphs]
    assert texts == ["line one of a paragraph\nline two of it", "Second paragraph."]
    long_line = "word " * 40
    unwrapped = f"Title\n\n{long_line.strip()}\n{long_line.strip()}"
    assert len(detect_structure(unwrapped).paragraphs) == 2


def test_metadata_lines_and_wire_dateline() -> None:
    text = (
        "NASA Sets Artemis II Crew Date\n\nBy Jane Doe\nDate: March 3, 2023\n\n"
        "WASHINGTON (Reuters) — NASA said on Monday that the crew will fly."
    )
    structure = detect_structure(text)
    assert structure.title == "NASA Sets Artemis II Crew Date"
    assert structure.date == "March 3, 2023"
    assert structure.paragraphs[0].text(text).startswith("WASHINGTON")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_blocks_are_ordered_disjoint_spans(text: str) -> None:
    blocks = detect_structure(text).blocks
    previous_end = 0
    for block in blocks:
        assert 0 <= previous_end <= block.start < block.end <= len(text)
        assert block.text(text).strip() == block.text(text)
        previous_end = block.end


def test_a_date_crossing_the_dateline_window_is_read_whole() -> None:
    # "March 11, 2024" straddles the end of the window the dateline is searched in.
    text = Path(__file__).parents[1] / "data" / "extraction" / "nasa_budget_brief.txt"
    structure = detect_structure(text.read_text(encoding="utf-8"))
    assert structure.source == "WASHINGTON"
    assert structure.date == "March 11, 2024"


@pytest.mark.parametrize("lead", range(50, 90))
def test_dateline_dates_are_never_cut(lead: int) -> None:
    opening = "WASHINGTON — " + "x" * lead + " on "
    text = f"A Title For The Story\n\n{opening}March 11, 2024 released its plan."
    assert detect_structure(text).date in {"", "March 11, 2024"}


def test_a_line_of_counters_is_furniture() -> None:
    text = (
        "China and Russia open the ILRS to new partners\n\n"
        "1234 views · 56 likes\n\n"
        "The station now counts 13 member states.\n\n"
        "12 comments\n"
    )
    structure = detect_structure(text)
    assert [b.text(text) for b in structure.blocks_of(BlockKind.NAV)] == [
        "1234 views · 56 likes",
        "12 comments",
    ]
    assert [b.text(text) for b in structure.paragraphs] == [
        "The station now counts 13 member states."
    ]


def test_a_sentence_that_starts_with_a_count_is_not_furniture() -> None:
    text = (
        "A title for the page here\n\n46 cooperation agreements were signed.\n\n"
        "1234 views of the Moon\n"
    )
    assert [b.text(text) for b in detect_structure(text).paragraphs] == [
        "46 cooperation agreements were signed.",
        "1234 views of the Moon",
    ]


def _reference_blocks(text: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines read one line at a time, the plainest way."""
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            current.append((start + lead, start + len(line.rstrip())))
        elif current:
            blocks.append(current)
            current = []
        start += len(line) + 1
    if current:
        blocks.append(current)
    return blocks


@given(st.text(alphabet=st.sampled_from(list("ab. \t\r\n\x0b\x0c\xa0\u2028\u3000")), max_size=300))
def test_raw_blocks_are_the_runs_of_non_blank_lines(text: str) -> None:
    from spacereader.core.structure import _raw_blocks

    found = [[(line.start, line.end) for line in block.lines] for block in _raw_blocks(text)]
    lazily = [
        [(line.start, line.end) for line in block.iter_lines()] for block in _raw_blocks(text)
    ]
    assert lazily == found
    assert found == _reference_blocks(text)

"""The briefing a user exports: its header, its counts, its quotes and its words."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from spacereader.core.extraction import extract
from spacereader.core.extraction.briefing import (
    BriefingSource,
    briefing_csv,
    briefing_markdown,
    escape_markdown,
)
from spacereader.core.loaders import load_file

DATA = Path(__file__).parents[2] / "data" / "extraction"
QUALIFIERS = ("more than", "about", "up to", "almost", "since", "by", "over", "at least")


class _Cells(HTMLParser):
    """The text of every table, as rows of cells, and the headings."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.headings: list[str] = []
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("h1", "h2"):
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None
        elif tag in ("h1", "h2") and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None

    def handle_data(self, data: str) -> None:
        for target in (self._cell, self._heading):
            if target is not None:
                target.append(data)


def rendered(markdown: str) -> _Cells:
    parser = _Cells()
    parser.feed(MarkdownIt("commonmark").enable("table").render(markdown))
    return parser


def isro_briefing(prepared: date = date(2024, 5, 2)) -> tuple[str, _Cells]:
    loaded = load_file(DATA / "isro_feature.md")
    source = BriefingSource(
        loaded.title, source="ISRO", date="2023-09-05", origin="isro_feature.md", markdown=True
    )
    markdown = briefing_markdown(extract(loaded.text), loaded.text, source, prepared)
    return markdown, rendered(markdown)


def test_each_heading_counts_the_rows_under_it() -> None:
    _markdown, page = isro_briefing()
    programs, figures = page.tables
    program_heading = next(h for h in page.headings if h.startswith("Programs"))
    figure_heading = next(h for h in page.headings if h.startswith("Figures"))
    assert program_heading == f"Programs ({len(programs) - 1})"
    assert figure_heading == f"Figures ({len(figures) - 1})"
    mentions = sum(int(row[3]) for row in programs[1:])
    assert mentions > len(programs) - 1  # some programs are named more than once
    assert f"Named {mentions} times in all" in _markdown


def test_quotes_show_the_text_as_read_without_markdown() -> None:
    _markdown, page = isro_briefing()
    programs, figures = page.tables
    quotes = [row[4] for row in programs[1:]] + [row[3] for row in figures[1:]]
    for quote in quotes:
        assert "**" not in quote, quote
        assert "#" not in quote, quote
        assert not quote.startswith("*"), quote
    vikram = next(row for row in programs if row[0] == "Vikram lander")
    assert "When the Vikram lander of Chandrayaan-3" in vikram[4]
    aditya = next(row for row in programs if row[0] == "Aditya-L1")
    assert "What comes next Aditya-L1, India's first solar observatory" in aditya[4]
    dateline = next(row for row in figures if row[0] == "5 September 2023")
    assert dateline[3] == "Bengaluru, 5 September 2023"


def test_what_a_figure_counts_reads_as_english() -> None:
    _markdown, page = isro_briefing()
    what = {row[0]: row[2] for row in page.tables[1][1:]}
    assert what["more than 55"] == "times"
    assert what["about ₹615 crore"] == "Indian rupees"
    assert what["about 100 metres"] == "metres"
    assert what["up to three days"] == "days"
    for description in what.values():
        assert not description.startswith(QUALIFIERS), description


def test_the_header_names_source_date_file_and_when_it_was_prepared() -> None:
    markdown, page = isro_briefing(date(2024, 5, 2))
    assert page.headings[0] == (
        "Briefing: Chandrayaan-3 and beyond: how ISRO is planning the next decade"
    )
    assert "**Source:** ISRO · **Date:** 2023-09-05 · **File:** isro\\_feature.md" in markdown
    assert "Prepared on 2024-05-02 by SpaceReader" in markdown


def test_a_briefing_without_source_or_date_says_only_what_it_knows() -> None:
    text = "The ILRS partners met. They signed 46 agreements."
    markdown = briefing_markdown(extract(text), text, "Notes", date(2024, 1, 1))
    assert "Source" not in markdown
    assert "Date:" not in markdown
    assert "Prepared on 2024-01-01" in markdown


def test_plain_text_with_markdown_characters_is_shown_literally() -> None:
    text = "Budget *draft* | v2: the ILRS gets 46 [new] partners_ok <b>now</b> #1."
    page = rendered(briefing_markdown(extract(text), text, BriefingSource("A | B *x*")))
    assert page.headings[0] == "Briefing: A | B *x*"
    sentences = [row[3] for row in page.tables[1][1:]]
    assert text in sentences


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_any_cell_text_survives_markdown(value: str) -> None:
    table = f"| a |\n|---|\n| {escape_markdown(value)} |\n"
    cells = rendered(table).tables[0]
    assert cells[1][0] == " ".join(value.split())


def test_csv_keeps_one_row_per_mention_and_the_same_words() -> None:
    loaded = load_file(DATA / "isro_feature.md")
    extraction = extract(loaded.text)
    rows = list(
        csv.DictReader(
            io.StringIO(
                briefing_csv(extraction, loaded.text, BriefingSource(loaded.title, markdown=True))
            )
        )
    )
    programs = [row for row in rows if row["type"] == "program"]
    assert len(programs) == sum(len(program.mentions) for program in extraction.programs)
    figures = {row["name"]: row for row in rows if row["type"] == "figure"}
    assert figures["more than 55"]["detail"] == "times"
    assert not any(re.search(r"\*\*|^#", row["quote"]) for row in rows)


@pytest.mark.parametrize("name", ["nasa_budget_brief.txt", "white_paper_review.txt"])
def test_plain_text_quotes_are_the_text_itself(name: str) -> None:
    loaded = load_file(DATA / name)
    extraction = extract(loaded.text)
    page = rendered(briefing_markdown(extraction, loaded.text, loaded.title or name))
    flat = " ".join(loaded.text.split())
    for row in page.tables[1][1:]:
        assert row[3] in flat

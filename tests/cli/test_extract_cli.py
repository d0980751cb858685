"""`spacereader extract`, run as a user runs it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from spacereader.cli import main
from spacereader.core.library import Library


def _seed_id() -> str:
    library = Library()
    try:
        [info] = [info for info in library.documents() if info.bundled]
        return info.id
    finally:
        library.close()


def test_extract_json_of_a_library_document(
    capsys: pytest.CaptureFixture[str], seed_text: str
) -> None:
    doc_id = _seed_id()
    assert main(["extract", doc_id, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["doc_id"] == doc_id
    assert data["title"] == "China Releases Space Plan: ‘Steady As She Goes’"
    ilrs = next(p for p in data["programs"] if p["acronym"] == "ILRS")
    assert ilrs["name"] == "International Lunar Research Station"
    assert {"aliases", "category", "country", "mentions"} <= ilrs.keys()
    for mention in ilrs["mentions"]:
        assert seed_text[mention["start"] : mention["end"]] == mention["text"]
    figure = next(f for f in data["figures"] if f["text"] == "almost 1,000")
    assert figure == figure | {"value": 1000.0, "kind": "count", "qualifier": "almost"}
    assert {"unit", "start", "end", "sentence"} <= figure.keys()


def test_extract_a_file_outside_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Notes\n\nThe Tiangong space station hosts 3 astronauts.\n", encoding="utf-8")
    assert main(["extract", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["doc_id"] == ""
    assert [p["name"] for p in data["programs"]] == ["Tiangong"]
    assert [f["text"] for f in data["figures"]] == ["3"]
    library = Library()
    try:
        assert not any(info.path.name == "note.txt" for info in library.documents())
        assert len(library) == 1
    finally:
        library.close()


def test_extract_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", _seed_id()]) == 0
    out = capsys.readouterr().out
    assert "International Lunar Research Station (ILRS) — 3 mentions" in out
    assert "National program (non-space)" in out
    assert "almost 1,000  [count]" in out


def test_briefing_markdown_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc_id = _seed_id()
    assert main(["extract", doc_id, "--briefing", "md"]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("# Briefing: China Releases Space Plan")
    assert "**Source:** EIRNS · **Date:** Jan. 28" in markdown
    assert "| International Lunar Research Station (ILRS) | Lunar exploration |" in markdown
    target = tmp_path / "brief.csv"
    assert main(["extract", doc_id, "--briefing", "csv", "-o", str(target)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    programs = [row for row in rows if row["type"] == "program"]
    figures = [row for row in rows if row["type"] == "figure"]
    assert len(programs) == 12
    assert len(figures) == 11
    assert {"quote", "document", "start", "end"} <= rows[0].keys()


def test_unknown_id_is_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "zzzz-not-there"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("spacereader: ")
    assert err.count("\n") == 1


def test_output_without_briefing_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", _seed_id(), "-o", "x.md"]) == 1
    assert "--briefing" in capsys.readouterr().err


def test_briefing_of_a_file_names_it_and_says_what_figures_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = tmp_path / "isro.md"
    brief.write_text(
        "# ISRO notes\n\nThe **PSLV** has flown more than 55 times for about ₹615 crore.\n",
        encoding="utf-8",
    )
    assert main(["extract", str(brief)]) == 0
    readable = capsys.readouterr().out
    assert "more than 55  [count]  times" in readable
    assert "about ₹615 crore  [money]  Indian rupees" in readable
    assert main(["extract", str(brief), "--briefing", "md"]) == 0
    markdown = capsys.readouterr().out
    assert "**File:** isro.md" in markdown
    assert "| more than 55 | count | times |" in markdown
    assert "**PSLV**" not in markdown

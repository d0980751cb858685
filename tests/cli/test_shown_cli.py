"""Web captures through `spacereader extract` and `search`: only what the reader shows.

A capture's navigation, breadcrumb, byline counters ("1234 views · 56 likes")
and date line are left out of the reader; they must not be listed as figures or
programs, nor found by a search.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from spacereader.cli import main
from spacereader.core.library import Library
from spacereader.core.shown import Span, document_shown_spans

CAPTURES = Path(__file__).parents[1] / "core" / "captures"
# What the article shows: the reader lists these and nothing else.
ARTICLE_FIGURES = ["13", "more than 40", "two", "by 2035"]
ARTICLE_PROGRAMS = ["International Lunar Research Station"]
# Hidden text: counters, a date line, programs named only in furniture.
HIDDEN = ("1234", "56", "March 14, 2024", "Tiangong", "Artemis")
# Nothing here is shown: navigation, a date line with counters, a subscription line.
NOTHING_SHOWN = (
    "Home\nMenu\n\nMarch 14, 2024\n1234 views\n\nSubscribe to the Gaganyaan newsletter\n"
)
MARKDOWN = "# Moon notes\n\nThe agency [announced](https://example.org/gaganyaan-crew) a crew.\n"


def extract_json(capsys: pytest.CaptureFixture[str], target: str) -> dict[str, object]:
    assert main(["extract", target, "--json"]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def names(data: dict[str, object]) -> tuple[list[str], list[str]]:
    figures = [str(f["text"]) for f in data["figures"]]  # type: ignore[attr-defined]
    programs = [str(p["name"]) for p in data["programs"]]  # type: ignore[attr-defined]
    return figures, programs


@pytest.mark.parametrize("capture", ["web_capture.txt", "web_page.html"])
def test_extract_lists_what_a_web_capture_shows_and_nothing_it_hides(
    capsys: pytest.CaptureFixture[str], capture: str
) -> None:
    figures, programs = names(extract_json(capsys, str(CAPTURES / capture)))
    assert figures == ARTICLE_FIGURES
    assert programs == ARTICLE_PROGRAMS
    assert main(["extract", str(CAPTURES / capture)]) == 0
    readable = capsys.readouterr().out
    for hidden in HIDDEN:
        assert hidden not in readable


def test_extract_of_an_agency_page_leaves_out_its_counters_date_and_breadcrumb(
    capsys: pytest.CaptureFixture[str],
) -> None:
    figures, programs = names(extract_json(capsys, str(CAPTURES / "esa.txt")))
    assert not {"14", "1234", "56"} & set(figures)
    assert "European Space Agency" not in programs  # named in the breadcrumb only
    assert "Copernicus" in programs


def shown_spans_of(doc_id: str) -> tuple[str, tuple[Span, ...]]:
    library = Library()
    try:
        document = library.load(doc_id)
    finally:
        library.close()
    return document.text, document_shown_spans(document)


def inside(spans: tuple[Span, ...], start: int, end: int) -> bool:
    return any(low <= start and end <= high for low, high in spans)


def import_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str], *files: Path) -> list[str]:
    folder = tmp_path / "captures"
    folder.mkdir()
    for file in files:
        shutil.copy(file, folder / file.name)
    assert main(["import", str(folder), "--json"]) == 0
    ids = {Path(item["path"]).name: item["id"] for item in json.loads(capsys.readouterr().out)}
    return [ids[file.name] for file in files]


def test_in_the_library_every_listed_figure_and_mention_is_shown_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [CAPTURES / name for name in ("web_capture.txt", "web_page.html", "esa.txt")]
    for doc_id in import_ids(tmp_path, capsys, *files):
        text, spans = shown_spans_of(doc_id)
        data = extract_json(capsys, doc_id)
        for figure in data["figures"]:  # type: ignore[attr-defined]
            assert inside(spans, figure["start"], figure["end"]), figure
        for program in data["programs"]:  # type: ignore[attr-defined]
            for mention in program["mentions"]:
                assert inside(spans, mention["start"], mention["end"]), mention
                assert text[mention["start"] : mention["end"]] == mention["text"]


def search_hits(capsys: pytest.CaptureFixture[str], query: str, doc_id: str) -> list[dict]:  # type: ignore[type-arg]
    assert main(["search", query, "--json", "--doc", doc_id]) == 0
    hits: list[dict] = json.loads(capsys.readouterr().out)["hits"]  # type: ignore[type-arg]
    return hits


def test_search_finds_only_what_the_reader_shows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "nothing-shown.txt").write_text(NOTHING_SHOWN, encoding="utf-8")
    (tmp_path / "notes.md").write_text(MARKDOWN, encoding="utf-8")
    files = [CAPTURES / "web_page.html", tmp_path / "nothing-shown.txt", tmp_path / "notes.md"]
    page, nothing, notes = import_ids(tmp_path, capsys, *files)
    assert search_hits(capsys, "Tiangong", page) == []  # the breadcrumb's
    assert search_hits(capsys, "views", page) == []
    assert search_hits(capsys, "Gaganyaan", nothing) == []
    assert search_hits(capsys, "gaganyaan", notes) == []  # a link's address
    for query, doc_id in (("partner institutions", page), ("agency crew", notes)):
        text, spans = shown_spans_of(doc_id)
        hits = search_hits(capsys, query, doc_id)
        assert hits
        for hit in hits:
            # A passage starts and ends in shown text (a Markdown one may hold markup between).
            assert inside(spans, hit["start"], hit["start"] + 1)
            assert inside(spans, hit["end"] - 1, hit["end"])
            assert text[hit["start"] : hit["end"]] == hit["text"]

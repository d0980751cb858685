"""Dossiers: a program followed through a library over five years, from what import stored."""

from __future__ import annotations

from pathlib import Path

import pytest

import spacereader.core.extraction
from spacereader.core.dossier import (
    ProgramIndex,
    UnknownProgramError,
    build_dossier,
    dossier_markdown,
    library_dossier,
)
from spacereader.core.dossier.series import CONFLICT_WINDOW_DAYS, series_unit
from spacereader.core.extraction import Extraction
from spacereader.core.extraction.store import store_path
from spacereader.core.importer import import_paths
from spacereader.core.library import Library
from tests.dossier_library import MEMBERS, ORDER, write_library


@pytest.fixture
def library(tmp_path: Path) -> Library:
    library = Library()
    for info in library.documents():  # the bundled article names the ILRS too
        library.remove(info.id)
    summary = import_paths(library, [write_library(tmp_path / "docs")], extractions=store_path())
    assert summary.failed == 0
    return library


@pytest.fixture
def index() -> ProgramIndex:
    return ProgramIndex()


def origin_names(library: Library, doc_ids: list[str]) -> list[str]:
    titles = {info.id: info.title for info in library.documents()}
    from tests.dossier_library import DOCUMENTS

    by_title = {text.split("\n", 1)[0]: name for name, text in DOCUMENTS.items()}
    return [by_title[titles[doc_id]] for doc_id in doc_ids]


def test_documents_come_in_publication_order_undated_last(
    library: Library, index: ProgramIndex
) -> None:
    dossier = library_dossier(library, "ILRS", index)
    assert dossier.program.name == "International Lunar Research Station"
    assert dossier.program.acronym == "ILRS"
    assert origin_names(library, [d.doc_id for d in dossier.documents]) == ORDER
    assert [d.published for d in dossier.documents][-2:] == ["--01-28", None]
    assert dossier.undated == 2
    assert (dossier.first_seen, dossier.last_seen) == ("2021-03-09", "2025-01-15")
    first = dossier.documents[0]
    assert first.mentions == 3
    assert first.co_programs == ("Artemis Accords",)
    text = library.load(first.doc_id).text
    for passage in first.passages:
        assert " ".join(text[passage.start : passage.end].split()) == passage.text
    assert first.passages[0].text.startswith("MOSCOW, March 9, 2021 — China and Russia")
    # The dateline is the document's date, not a figure about the program.
    assert [q.figure.text for q in first.figures] == ["2"]


def test_the_member_series_leaves_the_accords_out(library: Library, index: ProgramIndex) -> None:
    dossier = library_dossier(library, "International Lunar Research Station", index)
    # "46 cooperation agreements" is in one document only: no series.
    assert [series.unit for series in dossier.series] == ["members"]
    members = dossier.series[0]
    assert members.what == "member countries"
    assert [point.value for point in members.points] == MEMBERS
    assert 8.0 not in [p.value for p in members.points]  # the Accords' signatories
    assert 38.0 not in [p.value for p in members.points]
    for point in members.points:
        text = library.load(point.doc_id).text
        assert text[point.figure_start : point.figure_end] == point.figure_text


def test_the_two_sources_that_disagree_are_one_conflict(
    library: Library, index: ProgramIndex
) -> None:
    dossier = library_dossier(library, "ilrs", index)
    [conflict] = dossier.conflicts
    assert conflict.unit == "members"
    assert (conflict.first.value, conflict.second.value) == (13.0, 10.0)
    assert (conflict.first.source, conflict.second.source) == ("EIRNS", "TASS")
    assert conflict.days_apart == 18 <= CONFLICT_WINDOW_DAYS
    assert "13 member countries" in conflict.first.text
    assert "10 member countries" in conflict.second.text


def test_the_accords_have_their_own_dossier(library: Library, index: ProgramIndex) -> None:
    dossier = library_dossier(library, "Artemis Accords", index)
    assert len(dossier.documents) == 2
    [signatories] = dossier.series
    assert [point.value for point in signatories.points] == [8.0, 38.0]
    assert dossier.conflicts == ()  # three years apart: no conflict


def test_a_dossier_reads_what_import_stored(
    library: Library, index: ProgramIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    library_dossier(library, "ILRS", index)
    extracted: list[str] = []
    real = spacereader.core.extraction.extract

    def counting(text: str, *args: object) -> Extraction:
        extracted.append(text)
        return real(text)

    monkeypatch.setattr(spacereader.core.extraction, "extract", counting)
    again = library_dossier(library, "ILRS", ProgramIndex())
    assert len(again.documents) == len(ORDER)
    assert extracted == []
    # Nor does it read the documents: the digests hold the quotes.
    documents = library.catalogue()
    hidden = library.texts.rename(library.texts.with_name("away"))
    try:
        assert len(build_dossier(index, documents, "ILRS").documents) == len(ORDER)
    finally:
        hidden.rename(library.texts)


def test_the_index_follows_the_library(
    library: Library, index: ProgramIndex, tmp_path: Path
) -> None:
    assert len(library_dossier(library, "ILRS", index).documents) == len(ORDER)
    eirns = next(i for i in library.documents() if i.title == "ILRS membership grows again")
    library.remove(eirns.id)
    dossier = library_dossier(library, "ILRS", index)
    assert len(dossier.documents) == len(ORDER) - 1
    assert dossier.conflicts == ()
    path = tmp_path / "later.txt"
    path.write_text("Later news\n\nEIRNS — May 1, 2026 — The ILRS counts 19 member countries.\n")
    library.add_file(path)  # without the import's extraction: the sync extracts it once
    dossier = library_dossier(library, "ILRS", index)
    assert dossier.last_seen == "2026-05-01"
    assert dossier.series[0].points[-1].value == 19.0


def test_unknown_programs_get_close_names(library: Library, index: ProgramIndex) -> None:
    library_dossier(library, "ILRS", index)
    with pytest.raises(UnknownProgramError, match=r"no program named 'ILSR'.*did you mean ILRS"):
        build_dossier(index, library.catalogue(), "ILSR")
    with pytest.raises(UnknownProgramError, match="no program named 'Xyzzy Qwerty'"):
        build_dossier(index, library.catalogue(), "Xyzzy Qwerty")


def test_a_gazetteer_program_named_nowhere_has_an_empty_dossier(
    library: Library, index: ProgramIndex
) -> None:
    dossier = library_dossier(library, "Tiangong", index)
    assert dossier.documents == ()
    assert dossier.first_seen is None


def test_markdown_export_cites_every_quote_and_figure(
    library: Library, index: ProgramIndex
) -> None:
    dossier = library_dossier(library, "ILRS", index)
    markdown = dossier_markdown(dossier)
    assert markdown.startswith("# Dossier: International Lunar Research Station (ILRS)\n")
    assert "first seen 9 March 2021, last seen 15 January 2025 (2 without a date)" in markdown
    assert "| 2 April 2024 | 13 member countries | *ILRS membership grows again*, EIRNS," in (
        markdown
    )
    assert "- **member countries**: 13 and 10, 18 days apart" in markdown
    for document in dossier.documents:
        assert document.title in markdown
        for passage in document.passages:
            assert passage.text.replace("(", "(") in markdown.replace("\\", "")
    quote_lines = [line for line in markdown.splitlines() if line.startswith("> —")]
    assert len(quote_lines) == sum(len(d.passages) for d in dossier.documents)
    assert "### Undated — Notes on lunar cooperation today" in markdown


@pytest.mark.parametrize(
    ("unit", "language", "series"),
    [
        ("member countries", "en", "members"),
        ("partner countries", "en", "members"),
        ("countries and international organizations", "en", "members"),
        ("signatories", "en", "members"),
        ("member states", "", "members"),
        ("pays membres", "fr", "members"),
        ("États partenaires", "fr", "members"),
        ("cooperation agreements", "en", "agreements"),
        ("accords de coopération", "fr", "agreements"),
        ("space industry professionals", "en", "people"),
        ("satellites", "en", "satellites"),
        ("ground stations", "en", "station"),
        ("stations au sol", "fr", "station"),
        ("", "en", ""),
    ],
)
def test_what_a_count_counts(unit: str, language: str, series: str) -> None:
    assert series_unit(unit, language) == series

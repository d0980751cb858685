"""An acronym finds its program's French names too, from the gazetteer: "ILRS" finds
a French brief that only says "la Station internationale de recherche lunaire"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from spacereader.core.document import DocumentFormat
from spacereader.core.library import Library
from spacereader.core.loaders import LoadedText
from spacereader.core.search import SearchIndex, SearchResult
from spacereader.core.search.acronym_table import MAX_EXPANSIONS, AcronymTable
from spacereader.core.search.analysis import ENGLISH, FRENCH, terms

FRENCH_BRIEF = (
    "Coopération lunaire\n\nLa Chine et la Russie ont présenté la Station internationale "
    "de recherche lunaire à Saint-Pétersbourg. Dix pays ont rejoint le projet depuis.\n"
)
FRENCH_ESA = (
    "Ministérielle\n\nLes ministres de l'Agence spatiale européenne se réunissent à Brême "
    "pour décider du budget des lanceurs.\n"
)
ENGLISH_NEWS = (
    "Partners join\n\nTwo more countries joined the ILRS this year, and a third is in talks "
    "with the CNSA about the station.\n"
)
ENGLISH_ESA = "Budget talks\n\nESA ministers meet to agree the launcher budget.\n"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    library = Library(root=tmp_path_factory.mktemp("library"))
    for origin, text, language in (
        ("fr:ilrs", FRENCH_BRIEF, FRENCH),
        ("fr:esa", FRENCH_ESA, FRENCH),
        ("en:ilrs", ENGLISH_NEWS, ENGLISH),
        ("en:esa", ENGLISH_ESA, ENGLISH),
    ):
        library.add(LoadedText(text=text, format=DocumentFormat.TEXT, language=language), origin)
    index = SearchIndex(tmp_path_factory.mktemp("index"))
    index.sync(library)
    yield index
    index.close()
    library.close()


def titles(result: SearchResult) -> set[str]:
    return {hit.title for hit in result.hits}


def test_an_acronym_finds_a_french_text_that_only_says_the_french_name(
    index: SearchIndex,
) -> None:
    assert {"Coopération lunaire", "Partners join"} <= titles(index.search("ILRS"))
    assert {"Ministérielle", "Budget talks"} <= titles(index.search("ESA"))


def test_the_french_name_is_marked_in_the_french_text(index: SearchIndex) -> None:
    hits = [hit for hit in index.search("ILRS").hits if hit.title == "Coopération lunaire"]
    assert hits
    assert any("Station internationale" in hit.snippet for hit in hits)


def test_the_french_name_finds_the_acronym_in_english_text(index: SearchIndex) -> None:
    for query in ("Station internationale de recherche lunaire", '"recherche lunaire"'):
        found = titles(index.search(query))
        assert "Coopération lunaire" in found
    assert "Partners join" in titles(index.search("Station internationale de recherche lunaire"))
    assert "Budget talks" in titles(index.search("Agence spatiale européenne"))


def test_known_names_are_kept_whatever_the_documents_define() -> None:
    defined = [[("ILRS", f"Long Name Number {word}")] for word in "one two three four".split()]
    table = AcronymTable.learn(
        defined, FRENCH, [("ILRS", "Station internationale de recherche lunaire")]
    )
    french = tuple(terms("Station internationale de recherche lunaire", FRENCH))
    (acronym,) = terms("ILRS", FRENCH)
    assert len(table.expansions[acronym]) == MAX_EXPANSIONS + 1
    assert table.expansions[acronym][-1] == french
    assert table.acronyms[french] == (acronym,)

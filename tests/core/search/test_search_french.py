"""French documents read with French rules, in the same index as English ones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from spacereader.core.document import DocumentFormat
from spacereader.core.library import Library
from spacereader.core.loaders import LoadedText
from spacereader.core.search import SearchIndex, SearchResult
from spacereader.core.search import grams as grams_module
from spacereader.core.search.analysis import FRENCH, terms
from spacereader.core.search.grams import FrequentTerms

FRENCH_TEXTS = {
    "fr:esa": "L’Agence spatiale européenne et ses partenaires\n\n"
    "Les ministres européens ont lancé jusqu’à 1,2 milliard d’euros de programmes. "
    "L’agence prépare le lancement d’Ariane 6 depuis Kourou.\n",
    "fr:ssi": "La station lunaire chinoise\n\n"
    "La Station internationale de recherche lunaire réunit dix-sept pays. "
    "Pékin prévoit une station spatiale permanente près du pôle Sud, quand la "
    "Station spatiale internationale (SSI) vieillit.\n",
    "fr:long-name": "Coopération lunaire\n\n"
    "Les partenaires de la Station spatiale internationale se réunissent chaque année. "
    "La station sera lancée après 2030.\n",
    "fr:acronym": "Brève\n\nUn nouvel équipage rejoint la SSI en mars.\n",
}
ENGLISH_TEXTS = {
    "en:launch": "Launch plans\n\nThe launch of the station module was delayed. "
    "European partners will cooperate on the next launch.\n",
    "en:esa": "Budget news\n\nThe European Space Agency agreed a budget for the station "
    "and for the launcher programme.\n",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    library = Library(root=tmp_path_factory.mktemp("library"))
    for origin, text in FRENCH_TEXTS.items():
        loaded = LoadedText(text=text, format=DocumentFormat.TEXT, language=FRENCH)
        library.add(loaded, origin)
    for origin, text in ENGLISH_TEXTS.items():
        library.add(LoadedText(text=text, format=DocumentFormat.TEXT, language="en"), origin)
    yield library
    library.close()


@pytest.fixture(scope="module")
def index(library: Library, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    index = SearchIndex(tmp_path_factory.mktemp("index"))
    index.sync(library)
    yield index
    index.close()


def titles(result: SearchResult) -> list[str]:
    return list(dict.fromkeys(hit.title for hit in result.hits))


def marked(library: Library, result: SearchResult) -> set[str]:
    found = set()
    for hit in result.hits:
        text = library.load(hit.doc_id).text
        found.update(text[start:end] for start, end in hit.matches)
    return found


def test_french_analysis_elides_stops_and_stems() -> None:
    assert terms("L’Agence d'exploration, qu’il lance jusqu'à Kourou", FRENCH) == [
        "agenc",
        "explor",
        "lanc",
        "kourou",
    ]
    assert terms("européenne européens Européen", FRENCH) == ["europeen"] * 3
    assert terms("lancement lancé lancée lancées", FRENCH) == ["lanc"] * 4
    assert terms("1,2 milliard et 13,5 tonnes", FRENCH) == ["1.2", "milliard", "13.5", "ton"]
    # Accents folded first: a word typed without them finds the same stem.
    assert terms("europeenne precedente", FRENCH) == terms("européenne précédente", FRENCH)
    # English text keeps its own rules.
    assert terms("The cooperation agreements", "en") == ["cooper", "agreement"]


def test_a_french_word_finds_its_french_forms(library: Library, index: SearchIndex) -> None:
    result = index.search("européenne")
    assert titles(result) == ["L’Agence spatiale européenne et ses partenaires"]
    assert {"européenne", "européens"} <= marked(library, result)
    launched = index.search("lancement")
    assert "L’Agence spatiale européenne et ses partenaires" in titles(launched)
    assert {"lancé", "lancement"} <= marked(library, launched)
    assert "lancée" in marked(library, index.search("lancement station"))
    assert titles(index.search("europeenne")) == titles(result)  # typed without accents


def test_elided_words_are_found_without_their_article(library: Library, index: SearchIndex) -> None:
    result = index.search("agence")
    assert "L’Agence spatiale européenne et ses partenaires" in titles(result)
    french = [hit for hit in result.hits if hit.title.startswith("L’Agence")]
    text = library.load(french[0].doc_id).text
    assert {text[s:e] for hit in french for s, e in hit.matches} == {"Agence", "agence"}
    assert index.search("l'agence").total == result.total
    assert index.search("Ariane").hits  # "d’Ariane"


def test_english_queries_still_find_english_text(library: Library, index: SearchIndex) -> None:
    cooperation = index.search("cooperation")
    assert "Launch plans" in titles(cooperation)
    assert "cooperate" in marked(library, cooperation)
    assert "Launch plans" in titles(index.search("launches"))
    assert titles(index.search('"European Space Agency"')) == ["Budget news"]


def test_each_language_ranks_its_own_documents_first(index: SearchIndex) -> None:
    french = titles(index.search("lancement de la station"))
    assert french[0].startswith(("L’Agence", "Coopération"))
    assert "Launch plans" not in french
    english = titles(index.search("launch of the station"))
    assert english == ["Launch plans"]
    both = set(titles(index.search("station")))
    assert {"Launch plans", "Budget news", "La station lunaire chinoise"} <= both


def test_french_phrases_and_acronyms(library: Library, index: SearchIndex) -> None:
    phrase = index.search('"station spatiale permanente"')
    assert titles(phrase) == ["La station lunaire chinoise"]
    assert "station spatiale permanente" in marked(library, phrase)
    assert not index.search('"spatiale station permanente"').hits
    # Defined in one French document, the acronym finds the long name in another.
    acronym = index.search("SSI")
    assert set(titles(acronym)) == {"La station lunaire chinoise", "Coopération lunaire", "Brève"}
    assert {"Station spatiale internationale", "SSI"} <= marked(library, acronym)
    long_name = index.search('"Station spatiale internationale"')
    assert set(titles(long_name)) == set(titles(acronym))


def test_french_highlights_in_the_reader(library: Library, index: SearchIndex) -> None:
    doc_id = next(info.id for info in library.documents() if info.title.startswith("L’Agence"))
    text = library.load(doc_id).text
    spans = index.match_spans("européenne lancement", doc_id, text, FRENCH)
    assert [text[start:end] for start, end in spans] == [
        "européenne",
        "européens",
        "lancé",
        "lancement",
    ]
    # An unknown stored language: the text shows it is French.
    assert index.match_spans("européenne lancement", doc_id, text) == spans


def test_french_grams_find_what_positions_find(library: Library, tmp_path: Path) -> None:
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(grams_module, "MIN_SAMPLE_PASSAGES", 2)
    monkeypatch.setattr(grams_module, "FREQUENT_SHARE", 0.1)
    index = SearchIndex(tmp_path / "index")
    try:
        index.sync(library)
        queries = ['"station spatiale internationale"', '"station spatiale"', "SSI", "lancement"]
        with_grams = {q: {(h.doc_id, h.start) for h in index.search(q).hits} for q in queries}
        reader = index._local.reader
        assert {"station", "spatial", "international"} <= reader.frequent.terms
        reader.frequent = FrequentTerms()
        reader.forget()
        without = {q: {(h.doc_id, h.start) for h in index.search(q).hits} for q in queries}
        assert with_grams == without
        assert all(with_grams.values())
    finally:
        index.close()
        monkeypatch.undo()


def test_a_word_found_in_one_language_is_not_corrected_in_the_other(
    index: SearchIndex,
) -> None:
    """French words read with English rules match nothing: that is no misspelling."""
    result = index.search("lancement européenne")
    assert result.hits
    assert result.suggestion is None
    assert index.search("lancemant").suggestion == "lancement"

"""Common grams: pairs of frequent terms indexed as one, and phrases that use them."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from spacereader.core.document import DocumentFormat
from spacereader.core.library import Library
from spacereader.core.loaders import LoadedText
from spacereader.core.search import SearchIndex
from spacereader.core.search import grams as grams_module
from spacereader.core.search.analysis import terms
from spacereader.core.search.grams import FrequentTerms, learn
from spacereader.core.search.passages import document_passages
from spacereader.core.search.schema import GRAM_FIELD
from spacereader.core.search.store import GRAMS, IndexStore

FILLER = "budget crew module rocket partner agency orbit launch".split()
PHRASES = [
    '"International Lunar Research Station"',
    '"lunar research"',
    '"research station"',
    '"station lunar"',
    '"lunar research station"',
    '"space station"',
    '"rocket partner"',
]


def test_grams_are_pairs_of_frequent_terms_at_the_first_position() -> None:
    frequent = FrequentTerms(frozenset({"intern", "lunar", "research", "station"}), 500)
    terms = ["the", "intern", "lunar", "research", "station", "rare", "station", "lunar"]
    assert frequent.grams(terms) == [
        ("intern lunar", 1),
        ("lunar research", 2),
        ("research station", 3),
        ("station lunar", 6),
    ]
    assert frequent.gram("lunar", "research") == "lunar research"
    assert frequent.gram("rare", "station") is None
    assert FrequentTerms().grams(terms) == []


def test_frequent_terms_are_learned_from_enough_passages() -> None:
    passages = [["station", "lunar", f"word{number}"] for number in range(2000)]
    learned = learn(passages, documents=400)
    assert learned.terms == {"station", "lunar"}
    assert learned.learned_from == 400
    assert learn(passages[:10], documents=2).terms == frozenset()
    assert learned.needs_relearning(3999) is False
    assert learned.needs_relearning(4000) is True
    assert FrequentTerms(frozenset(), 3).needs_relearning(999) is False


def article(rng: random.Random, number: int) -> str:
    filler = " ".join(rng.choice(FILLER) for _ in range(30))
    trap = "lunar research and then research station" if number % 5 == 0 else ""
    named = (
        "the International Lunar Research Station (ILRS) grows"
        if number % 3 == 0
        else "the space station orbits"
    )
    return f"Report {number}\n\n{filler} {named} {trap} {filler}.\n\nStation lunar {filler}.\n"


@pytest.fixture
def small_samples(monkeypatch: pytest.MonkeyPatch) -> None:
    """Learn frequent terms from a small library (the defaults need ~1,000 passages)."""
    monkeypatch.setattr(grams_module, "MIN_SAMPLE_PASSAGES", 20)
    monkeypatch.setattr(grams_module, "FREQUENT_SHARE", 0.1)


@pytest.fixture
def library(tmp_path: Path, small_samples: None) -> Iterator[Library]:
    library = Library(root=tmp_path / "data")
    rng = random.Random(5)
    for number in range(40):
        library.add(
            LoadedText(text=article(rng, number), format=DocumentFormat.TEXT), f"test:{number}"
        )
    yield library
    library.close()


def answers(index: SearchIndex) -> dict[str, tuple[int, set[tuple[str, int]]]]:
    found = {}
    for phrase in PHRASES:
        index.forget_results()
        result = index.search(phrase, limit=500)
        assert not result.partial
        found[phrase] = (result.total, {(hit.doc_id, hit.start) for hit in result.hits})
    return found


def test_phrases_find_the_same_with_and_without_grams(library: Library, tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    try:
        index.sync(library)
        assert index.search("ILRS").total  # opens this thread's reader
        reader = index._local.reader
        assert {"lunar", "research", "station"} <= reader.frequent.terms
        assert reader.searcher.doc_frequency(GRAM_FIELD, "lunar research") > 0
        with_grams = answers(index)
        reader.frequent = FrequentTerms()  # every phrase checked by word positions instead
        without_grams = answers(index)
    finally:
        index.close()
    assert with_grams == without_grams
    # "lunar research and then research station" is not the three-word phrase.
    expected = sum(
        in_a_row(passage.text(document.text), ["lunar", "research", "station"])
        for document in (library.load(info.id) for info in library.documents())
        for passage in document_passages(document)
    )
    total, _ = with_grams['"lunar research station"']
    assert total == expected
    assert 0 < total < with_grams['"lunar research"'][0]


def in_a_row(text: str, words: list[str]) -> bool:
    found = terms(text)
    return any(found[index : index + len(words)] == words for index in range(len(found)))


def test_the_frequent_terms_stay_with_the_build(library: Library, tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "index")
    try:
        index.sync(library)
        build = IndexStore(index.folder).current_build()
        assert build is not None
        stored = json.loads((build / GRAMS).read_text())
        assert "lunar" in stored["terms"]
        library.add(
            LoadedText(
                text="Late news\n\nThe lunar research station opened.\n",
                format=DocumentFormat.TEXT,
            ),
            "test:late",
        )
        report = index.sync(library)
        assert (report.added, report.rebuilt) == (1, False)
        assert json.loads((build / GRAMS).read_text()) == stored
        titles = {hit.title for hit in index.search('"lunar research station"', limit=500).hits}
        assert "Late news" in titles
    finally:
        index.close()


def test_a_library_that_outgrew_its_sample_is_rebuilt(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = Library(root=tmp_path / "small")
    index = SearchIndex(tmp_path / "index")
    try:
        assert index.sync(small).rebuilt  # the seed alone: too little to learn from
        build = IndexStore(index.folder).current_build()
        assert build is not None
        assert json.loads((build / GRAMS).read_text())["terms"] == []
        monkeypatch.setattr(grams_module, "RELEARN_LIBRARY", 30)
        report = index.sync(library)
        assert report.rebuilt
        build = IndexStore(index.folder).current_build()
        assert build is not None
        assert "lunar" in json.loads((build / GRAMS).read_text())["terms"]
        assert index.sync(library).rebuilt is False
    finally:
        index.close()
        small.close()

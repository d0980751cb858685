"""Exact totals, "This document" at every limit, the deadline, and the result cache."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from spacereader.core.document import DocumentFormat
from spacereader.core.library import Library
from spacereader.core.loaders import LoadedText
from spacereader.core.search import SearchIndex
from spacereader.core.search.analysis import terms
from spacereader.core.search.passages import document_passages

WORDS = """space station lunar mission orbit launch agency partner program budget crew
module rocket the of and research international cooperation""".split()
LIMITS = (1, 2, 5, 10, 20, 50, 100, 500)


def long_text(seed: int, paragraphs: int, words: int) -> str:
    rng = random.Random(seed)
    body = "\n\n".join(
        " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."
        for _ in range(paragraphs)
    )
    return f"Long report {seed}\n\n{body}\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """The seed, a ~3,000-word document, a ~1,500-word one and short texts."""
    library = Library(root=tmp_path_factory.mktemp("library"))
    texts = [long_text(1, 20, 150), long_text(2, 10, 150)]
    texts += [
        f"Short note {n}\n\nThe space station number {n} orbits the Moon.\n" for n in range(8)
    ]
    for number, text in enumerate(texts):
        library.add(LoadedText(text=text, format=DocumentFormat.TEXT), f"test:{number}")
    yield library
    library.close()


@pytest.fixture(scope="module")
def index(library: Library, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    index = SearchIndex(tmp_path_factory.mktemp("index"))
    index.sync(library)
    yield index
    index.close()


def passages_with(library: Library, doc_id: str | None, words: list[str]) -> int:
    """Passages holding every word, counted from the texts themselves."""
    wanted = {term for word in words for term in terms(word)}
    count = 0
    for info in library.documents():
        if doc_id is not None and info.id != doc_id:
            continue
        document = library.load(info.id)
        for passage in document_passages(document):
            if wanted <= set(terms(passage.text(document.text))):
                count += 1
    return count


@pytest.mark.parametrize("word", ["space", "station", "orbit", "lunar"])
def test_this_document_at_every_limit(library: Library, index: SearchIndex, word: str) -> None:
    """A long document used to make Whoosh's skipping fail: no hits at small limits."""
    for info in library.documents():
        expected = passages_with(library, info.id, [word])
        for limit in LIMITS:
            result = index.search(word, limit=limit, doc_id=info.id)
            assert result.total == expected, (info.title, limit)
            assert len(result.hits) == min(limit, expected)
            assert {hit.doc_id for hit in result.hits} <= {info.id}
    assert not index.needs_sync


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("space", ["space"]),
        ("orbit lunar", ["orbit", "lunar"]),
        ("crew AND module", ["crew", "module"]),
    ],
)
def test_totals_are_exact_at_every_limit(
    library: Library, index: SearchIndex, query: str, words: list[str]
) -> None:
    expected = passages_with(library, None, words)
    assert expected > 20
    for limit in LIMITS:
        result = index.search(query, limit=limit)
        assert (result.total, result.partial) == (expected, False)
        assert len(result.hits) == min(limit, expected)
        scores = [hit.score for hit in result.hits]
        assert scores == sorted(scores, reverse=True)


def test_or_and_not_counts(library: Library, index: SearchIndex) -> None:
    space = index.search("space", limit=1).total
    orbit = index.search("orbit", limit=1).total
    both = index.search("space orbit", limit=1).total
    assert index.search("space OR orbit", limit=1).total == space + orbit - both
    assert index.search("space NOT orbit", limit=1).total == space - both
    passages = sum(len(document_passages(library.load(info.id))) for info in library.documents())
    assert index.search("space OR NOT orbit", limit=1).total == passages - orbit + both


def in_a_row(text: str, words: list[str]) -> bool:
    """Whether the words follow each other in the text (stop words between them aside)."""
    found = terms(text)
    return any(found[index : index + len(words)] == words for index in range(len(found)))


def test_a_phrase_counts_only_words_in_a_row(library: Library, index: SearchIndex) -> None:
    result = index.search('"space station"', limit=500)
    assert result.total == len(result.hits) > 0
    assert all(in_a_row(hit.text, ["space", "station"]) for hit in result.hits)
    everywhere = sum(
        in_a_row(passage.text(document.text), ["space", "station"])
        for document in (library.load(info.id) for info in library.documents())
        for passage in document_passages(document)
    )
    assert result.total == everywhere
    assert index.search("space station", limit=1).total > everywhere


def test_deadline_answers_with_what_it_has(index: SearchIndex) -> None:
    index.forget_results()
    index.time_limit = 0.0
    try:
        result = index.search("space", limit=10)
    finally:
        index.time_limit = 0.8
    assert result.partial
    assert result.total >= len(result.hits)
    assert not index.needs_sync
    assert not index.search("space", limit=10).partial


def test_deadline_inside_a_phrase_check(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clock runs out while phrase candidates are being checked (one look per check)."""
    from spacereader.core.search import engine as engine_module

    monkeypatch.setattr(engine_module, "CHECK_EVERY", 1)
    looks = 0
    stop_after: int | None = None
    original = engine_module.Run.expired

    def clock(run: engine_module.Run) -> bool:
        nonlocal looks
        looks += 1
        if stop_after is not None and looks > stop_after:
            run.partial = True
        return original(run)

    monkeypatch.setattr(engine_module.Run, "expired", clock)
    index.forget_results()
    complete = index.search('"station lunar"', limit=500)
    assert not complete.partial
    assert complete.total > 5
    # The last looks are the phrase checks, one per candidate: stop three before the end.
    stop_after, looks = looks - 3, 0
    index.forget_results()
    cut = index.search('"station lunar"', limit=500)
    assert cut.partial
    assert 0 < cut.total < complete.total
    assert {(hit.doc_id, hit.start) for hit in cut.hits} <= {
        (hit.doc_id, hit.start) for hit in complete.hits
    }


def test_results_are_cached_per_generation(tmp_path: Path) -> None:
    from spacereader.core.search import engine as engine_module

    library = Library(root=tmp_path / "data")
    for number in range(3):
        text = f"Note {number}\n\nThe station number {number}.\n"
        library.add(LoadedText(text=text, format=DocumentFormat.TEXT), f"test:{number}")
    index = SearchIndex(tmp_path / "index")
    try:
        index.sync(library)
        first = index.search("station", limit=5)
        calls = 0
        original = engine_module.Run.evaluate

        def counting(run: engine_module.Run, *args: object) -> object:
            nonlocal calls
            calls += 1
            return original(run, *args)  # type: ignore[arg-type]

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(engine_module.Run, "evaluate", counting)
            again = index.search("station", limit=5)
            assert calls == 0
            assert again.hits == first.hits
            assert again.total == first.total
            library.add(
                LoadedText(text="Extra\n\nOne more station.\n", format=DocumentFormat.TEXT),
                "test:extra",
            )
            index.sync(library)
            after = index.search("station", limit=5)
            assert calls > 0
            assert after.total == first.total + 1
    finally:
        index.close()
        library.close()

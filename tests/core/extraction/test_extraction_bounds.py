"""Extraction stays bounded on texts of numbers, and running out of memory refuses a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.document import DocumentFormat
from spacereader.core.errors import ImportRefusedError
from spacereader.core.extraction import extract, pipeline, sentence_of
from spacereader.core.extraction.figures import MAX_FIGURES
from spacereader.core.extraction.sentences import MAX_SENTENCE_CHARS
from spacereader.core.extraction.store import ExtractionStore, store_path
from spacereader.core.importer import import_paths
from spacereader.core.library import Library
from spacereader.core.loaders import LoadedText


def _numbers_in_one_sentence(count: int) -> str:
    return "Values: " + ", ".join(str(1000 + 7 * number) for number in range(count)) + ".\n"


def _markdown_table(rows: int) -> str:
    lines = [
        "# Launch statistics",
        "",
        "| Year | Launches | Mass (kg) | Share |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {1960 + row % 70} | {row % 200} | {row * 13:,} | {row % 100}% |" for row in range(rows)
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text",
    [_numbers_in_one_sentence(3 * MAX_FIGURES), _markdown_table(MAX_FIGURES)],
    ids=["numbers in one sentence", "markdown table"],
)
def test_a_text_of_numbers_gives_at_most_the_cap_with_short_sentences(text: str) -> None:
    figures = extract(text).figures
    assert len(figures) == MAX_FIGURES
    assert [f.start for f in figures] == sorted(f.start for f in figures)
    for figure in figures[:: MAX_FIGURES // 50]:
        assert figure.sentence_end - figure.sentence_start <= MAX_SENTENCE_CHARS
        assert figure.sentence_start <= figure.start < figure.end <= figure.sentence_end
        assert " ".join(figure.text.split()) in sentence_of(figure, text)


def test_a_long_sentence_is_cut_at_word_boundaries() -> None:
    text = "The fleet counts " + " and ".join(f"{n} probes" for n in range(100, 400)) + "."
    figure = extract(text).figures[150]
    sentence = text[figure.sentence_start : figure.sentence_end]
    assert figure.text in sentence
    assert len(sentence) <= MAX_SENTENCE_CHARS
    assert text[figure.sentence_start - 1] == " "
    assert text[figure.sentence_end] == " "


def test_an_ordinary_sentence_is_kept_whole() -> None:
    text = "Intro. China has signed 46 cooperation agreements with 19 countries. Next step."
    figures = extract(text).figures
    assert [sentence_of(f, text) for f in figures] == [
        "China has signed 46 cooperation agreements with 19 countries."
    ] * 2


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["12", "3.5", "km", "2021", ".", " ", "\n", ", ", "word"]), max_size=400
    )
)
def test_every_sentence_holds_its_figure_within_the_bound(parts: list[str]) -> None:
    text = " ".join(parts)
    for figure in extract(text).figures:
        assert figure.sentence_start <= figure.start < figure.end <= figure.sentence_end
        length = figure.sentence_end - figure.sentence_start
        assert length <= max(MAX_SENTENCE_CHARS, figure.end - figure.start)


# -- running out of memory on import -----------------------------------------------


def _fail_on(marker: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction runs out of memory on texts that hold `marker`."""
    real = pipeline.extract_shown

    def extract_or_fail(text: str, *args: object) -> object:
        if marker in text:
            raise MemoryError
        return real(text, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "extract_shown", extract_or_fail)


def test_a_text_extraction_cannot_hold_in_memory_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "table.md").write_text("# Table\n\n| 1 | 2 |\n| HUGE | 4 |\n", encoding="utf-8")
    (tmp_path / "brief.txt").write_text("The ILRS had 10 partners in 2023.\n", encoding="utf-8")
    _fail_on("HUGE", monkeypatch)
    library = Library()
    try:
        summary = import_paths(library, [tmp_path], extractions=store_path())
        titles = [info.title for info in library.documents()]
    finally:
        library.close()
    imported, refused = summary.items
    assert refused.error == "table.md: not enough memory to read its programs and figures"
    assert refused.info is None
    assert summary.describe() == "1 imported, 1 failed"
    assert "Table" not in titles
    assert imported.info is not None
    with ExtractionStore() as store:
        assert store.hashes() == {imported.info.content_hash}


def test_a_refused_new_version_leaves_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "brief.txt"
    path.write_text("The ILRS had 10 partners in 2023.\n", encoding="utf-8")
    library = Library()
    try:
        first = import_paths(library, [path], extractions=store_path()).items[0]
        assert first.info is not None
        path.write_text("The ILRS had HUGE partners in 2024.\n", encoding="utf-8")
        _fail_on("HUGE", monkeypatch)
        second = import_paths(library, [path], extractions=store_path()).items[0]
        assert second.error is not None
        assert library.load(first.info.id).text == "The ILRS had 10 partners in 2023.\n"
    finally:
        library.close()


def test_a_large_text_is_extracted_before_it_is_stored_in_a_large_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A large import extracts in a worker after the library took each text; a text
    # large enough to need much memory is extracted first, in the importing process.
    extraction = pipeline.ImportExtraction(tmp_path / "store.sqlite", files=1000)
    _fail_on("HUGE", monkeypatch)
    large = LoadedText("HUGE " * (pipeline.EARLY_FROM_CHARS // 5), DocumentFormat.TEXT)
    with pytest.raises(ImportRefusedError, match=r"big\.txt: not enough memory"):
        extraction.check(tmp_path / "big.txt", large)
    small = LoadedText("HUGE and small", DocumentFormat.TEXT)
    extraction.check(tmp_path / "small.txt", small)  # left to the worker
    extraction.abort()

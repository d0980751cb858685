"""Extraction measured against the gold annotations in tests/data/extraction."""

from __future__ import annotations

import re

import pytest
from extraction_gold import (
    DOCUMENTS,
    FRENCH_DOCUMENTS,
    document_text,
    evaluate,
    figure_items,
    load_gold,
    program_items,
)

from spacereader.core.extraction import extract
from spacereader.core.extraction.normalize import collapse_spaces

THRESHOLD = 0.9


def test_seed_matches_gold_exactly(seed_text: str) -> None:
    gold = load_gold("seed")
    extraction = extract(seed_text)
    predicted, expected = program_items(extraction, gold)
    assert predicted == expected
    figures_predicted, figures_expected = figure_items(extraction, gold)
    assert figures_predicted == figures_expected
    categories = {program.name: program.category for program in extraction.programs}
    assert categories == {entry["name"]: entry["category"] for entry in gold["programs"]}


@pytest.mark.parametrize("name", DOCUMENTS + FRENCH_DOCUMENTS)
def test_documents_reach_precision_and_recall(name: str) -> None:
    scores = evaluate(extract(document_text(name)), load_gold(name))
    for measure, score in scores.items():
        assert score.precision >= THRESHOLD, (measure, score)
        assert score.recall >= THRESHOLD, (measure, score)


@pytest.mark.parametrize("documents", [DOCUMENTS, FRENCH_DOCUMENTS], ids=["English", "French"])
def test_overall_precision_and_recall(documents: tuple[str, ...]) -> None:
    totals: dict[str, object] = {}
    for name in documents:
        for measure, score in evaluate(extract(document_text(name)), load_gold(name)).items():
            totals[measure] = totals[measure] + score if measure in totals else score  # type: ignore[operator]
    for score in totals.values():
        assert score.precision >= THRESHOLD  # type: ignore[attr-defined]
        assert score.recall >= THRESHOLD  # type: ignore[attr-defined]


def test_gold_mentions_occur_in_their_documents() -> None:
    # A gold mention that is not in the text would be an annotation error (spaces of
    # any width count as one: French writes "16,9\u00a0milliards").
    for name in DOCUMENTS + FRENCH_DOCUMENTS:
        text = collapse_spaces(document_text(name))
        gold = load_gold(name)
        for entry in gold["programs"]:
            for mention in entry["mentions"]:  # type: ignore[attr-defined]
                assert mention in text, (name, mention)
        for entry in gold["figures"]:
            assert entry["text"] in text, (name, entry["text"])


def _gold_spans(text: str, figure_texts: list[str]) -> list[tuple[int, int]]:
    """Where the gold figures stand, found in order (gold lists them in text order), spaces
    of any width alike."""
    spans: list[tuple[int, int]] = []
    position = 0
    for figure in figure_texts:
        pattern = r"\s+".join(re.escape(part) for part in figure.split())
        found = re.compile(rf"(?<!\w){pattern}(?!\w)").search(text, position)
        assert found is not None, figure
        spans.append(found.span())
        position = found.end()
    return spans


@pytest.mark.parametrize("name", FRENCH_DOCUMENTS)
def test_no_number_is_torn_out_of_a_french_figure(name: str) -> None:
    # "1 000" is one figure, never "1" and "000"; "1,2 milliard" never "1" or "2".
    text = document_text(name)
    gold_spans = _gold_spans(text, [str(entry["text"]) for entry in load_gold(name)["figures"]])
    assert gold_spans
    for figure in extract(text).figures:
        for start, end in gold_spans:
            overlaps = figure.start < end and start < figure.end
            assert not overlaps or (figure.start, figure.end) == (start, end), (
                figure.text,
                text[start:end],
            )


def test_html_helper_keeps_body_text_only() -> None:
    from extraction_gold import html_to_text

    text = html_to_text("<html><head><title>T 2020</title></head><body><p>A &amp; B</p></body>")
    assert text == "A & B\n"

"""Extraction measured against the gold annotations in tests/data/extraction."""

from __future__ import annotations

import pytest
from extraction_gold import (
    DOCUMENTS,
    document_text,
    evaluate,
    figure_items,
    load_gold,
    program_items,
)

from spacereader.core.extraction import extract

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


@pytest.mark.parametrize("name", DOCUMENTS)
def test_documents_reach_precision_and_recall(name: str) -> None:
    scores = evaluate(extract(document_text(name)), load_gold(name))
    for measure, score in scores.items():
        assert score.precision >= THRESHOLD, (measure, score)
        assert score.recall >= THRESHOLD, (measure, score)


def test_overall_precision_and_recall() -> None:
    totals: dict[str, object] = {}
    for name in DOCUMENTS:
        for measure, score in evaluate(extract(document_text(name)), load_gold(name)).items():
            totals[measure] = totals[measure] + score if measure in totals else score  # type: ignore[operator]
    for score in totals.values():
        assert score.precision >= THRESHOLD  # type: ignore[attr-defined]
        assert score.recall >= THRESHOLD  # type: ignore[attr-defined]


def test_gold_mentions_occur_in_their_documents() -> None:
    # A gold mention that is not in the text would be an annotation error.
    for name in DOCUMENTS:
        text = document_text(name)
        gold = load_gold(name)
        for entry in gold["programs"]:
            for mention in entry["mentions"]:  # type: ignore[attr-defined]
                assert mention in text, (name, mention)
        for entry in gold["figures"]:
            assert entry["text"] in text, (name, entry["text"])


def test_html_helper_keeps_body_text_only() -> None:
    from extraction_gold import html_to_text

    text = html_to_text("<html><head><title>T 2020</title></head><body><p>A &amp; B</p></body>")
    assert text == "A & B\n"

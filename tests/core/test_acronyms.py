"""Acronym definitions learned from the text itself."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spacereader.core.acronyms import find_acronym_definitions


@pytest.mark.parametrize(
    ("text", "acronym", "expansion"),
    [
        (
            "the future International Lunar Research Station (ILRS).",
            "ILRS",
            "International Lunar Research Station",
        ),
        ("the Belt and Road Initiative (BRI) countries", "BRI", "Belt and Road Initiative"),
        (
            "National Aeronautics and Space Administration (NASA)",
            "NASA",
            "National Aeronautics and Space Administration",
        ),
        (
            "the Indian Space Research Organisation (ISRO) said",
            "ISRO",
            "Indian Space Research Organisation",
        ),
        (
            "China National Space Administration (CNSA)",
            "CNSA",
            "China National Space Administration",
        ),
        ("the European Space Agency (ESA)", "ESA", "European Space Agency"),
        ("Polar Satellite Launch Vehicle (PSLV)", "PSLV", "Polar Satellite Launch Vehicle"),
    ],
)
def test_definitions_are_found(text: str, acronym: str, expansion: str) -> None:
    [definition] = find_acronym_definitions(text)
    assert definition.acronym == acronym
    assert definition.expansion == expansion
    assert text[definition.expansion_start : definition.expansion_end] == expansion
    assert text[definition.acronym_start : definition.acronym_end] == acronym


@pytest.mark.parametrize(
    "text",
    ["He said (ILRS) twice.", "costs rose (USD) sharply", "a launch (see Figure 2)", "(ESA)"],
)
def test_parentheses_that_are_not_definitions(text: str) -> None:
    assert find_acronym_definitions(text) == []


def test_seed_defines_ilrs(seed_text: str) -> None:
    [definition] = find_acronym_definitions(seed_text)
    assert (definition.acronym, definition.expansion) == (
        "ILRS",
        "International Lunar Research Station",
    )


@given(st.text(max_size=300))
def test_spans_always_slice_to_their_strings(text: str) -> None:
    for definition in find_acronym_definitions(text):
        assert text[definition.acronym_start : definition.acronym_end] == definition.acronym
        assert text[definition.expansion_start : definition.expansion_end] == definition.expansion

"""Short texts: a title and a French sentence is read the French way, and a text too
short to tell its language still finds the programs' French names."""

from __future__ import annotations

import pytest

from spacereader.core.extraction import extract, extract_programs
from spacereader.core.language import UNKNOWN, detect_language

SHORT_FRENCH = (
    "Coopération lunaire\nPublié le 3 mars 2021\n"
    "La Station internationale de recherche lunaire compte 10 pays membres.\n"
)


def test_a_short_french_brief_is_read_the_french_way() -> None:
    extraction = extract(SHORT_FRENCH)
    assert [p.name for p in extraction.programs] == ["International Lunar Research Station"]
    assert [m.text for m in extraction.programs[0].mentions] == [
        "Station internationale de recherche lunaire"
    ]
    figures = [(f.text, f.kind.value, f.unit) for f in extraction.figures]
    assert figures == [("3 mars 2021", "date", ""), ("10", "count", "pays membres")]


@pytest.mark.parametrize(
    ("text", "name", "mention"),
    [
        (
            "Station internationale de recherche lunaire : 2035",
            "International Lunar Research Station",
            "Station internationale de recherche lunaire",
        ),
        ("Agence spatiale européenne", "European Space Agency", "Agence spatiale européenne"),
        (
            "Module de service européen, Brême",
            "European Service Module",
            "Module de service européen",
        ),
    ],
)
def test_a_text_too_short_to_tell_finds_french_names(text: str, name: str, mention: str) -> None:
    assert detect_language(text) == UNKNOWN
    programs = extract(text).programs
    assert [(p.name, [m.text for m in p.mentions]) for p in programs] == [(name, [mention])]
    assert [p.name for p in extract_programs(text)] == [name]

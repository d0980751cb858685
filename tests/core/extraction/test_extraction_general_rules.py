"""Rules added for the long white paper: each on a sentence of its own kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from spacereader.core.extraction import extract, extract_programs


def _figures(text: str) -> list[tuple[str, float | None, str, str, str]]:
    return [(f.text, f.value, f.kind.value, f.unit, f.qualifier) for f in extract(text).figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Canada committed C$2.05 billion.", ("C$2.05 billion", 2.05e9, "money", "CAD", "")),
        ("a market of A$12 billion by then", ("A$12 billion", 12e9, "money", "AUD", "")),
        ("it cost HK$300 million", ("HK$300 million", 3e8, "money", "HKD", "")),
    ],
)
def test_dollars_of_other_countries(text: str, expected: tuple[str, float, str, str, str]) -> None:
    [figure] = _figures(text)
    assert figure[0] == expected[0]
    assert figure[1] == pytest.approx(expected[1])
    assert figure[2:] == expected[2:]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("it landed within 100 meters of the target", ("within 100 meters", "within")),
        ("debris larger than 10 centimetres", ("larger than 10 centimetres", "larger than")),
        ("a budget greater than 5% of the total", ("greater than 5%", "greater than")),
    ],
)
def test_bounds_before_measures_are_qualifiers(text: str, expected: tuple[str, str]) -> None:
    [figure] = _figures(text)
    assert (figure[0], figure[4]) == expected


def test_pieces_of_something_are_counted_with_what_they_are_pieces_of() -> None:
    [figure] = _figures("The test created more than 1,500 pieces of trackable debris.")
    assert figure[3] == "pieces of trackable debris"
    [figure] = _figures("They signed 46 agreements of cooperation.")
    assert figure[3] == "agreements"  # a plural head still ends the phrase


def test_ordinals_joined_by_and_rank_the_same_noun() -> None:
    figures = _figures("The second and third phases of the station follow.")
    assert [(text, unit) for text, _, _, unit, _ in figures] == [
        ("second", "phases"),
        ("third", "phases"),
    ]


def test_a_helicopter_after_its_name_belongs_to_the_mention() -> None:
    [program] = extract("the Ingenuity helicopter has made 25 flights").programs
    assert [m.text for m in program.mentions] == ["Ingenuity helicopter"]


def test_programs_alone_are_the_programs_of_extract() -> None:
    text = "The ILRS (International Lunar Research Station) and Chang'e-6 in 2026."
    assert extract_programs(text) == extract(text).programs


def test_the_default_gazetteer_follows_a_moved_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spacereader.core.extraction import default_gazetteer

    assert default_gazetteer().lookup("Starfall Relay") is None
    other = tmp_path / "other-config"
    (other / "spacereader").mkdir(parents=True)
    (other / "spacereader" / "gazetteer.toml").write_text(
        '[[program]]\nname = "Starfall Relay"\ncategory = "Communications"\n', encoding="utf-8"
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(other))
    assert default_gazetteer().lookup("Starfall Relay") is not None

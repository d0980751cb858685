"""Programs and figures on the issue's examples, and properties on arbitrary text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.extraction import NON_SPACE_CATEGORY, FigureKind, extract, sentence_of
from spacereader.core.extraction.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer


def _programs(text: str) -> dict[str, list[str]]:
    return {p.name: [m.text for m in p.mentions] for p in extract(text).programs}


def _figures(text: str) -> list[tuple[str, float | None, str, str, str]]:
    return [(f.text, f.value, f.kind.value, f.unit, f.qualifier) for f in extract(text).figures]


def test_acronym_and_expansion_are_one_program() -> None:
    text = "the International Lunar Research Station (ILRS). Partners for the ILRS."
    [program] = extract(text).programs
    assert program.acronym == "ILRS"
    assert [m.text for m in program.mentions] == [
        "International Lunar Research Station",
        "ILRS",
        "ILRS",
    ]


def test_typographic_and_hyphen_variants_merge() -> None:
    found = _programs("Chang’e-5 landed. Later Chang'e 5 and Chang'e-5 returned. Tianwen 1 too.")
    assert found["Chang'e-5"] == ["Chang’e-5", "Chang'e 5", "Chang'e-5"]
    assert found["Tianwen-1"] == ["Tianwen 1"]


def test_a_text_defines_an_unknown_program() -> None:
    text = "The Lunar Surface Innovation Initiative (LSII) grew. LSII funds rovers."
    [program] = extract(text).programs
    assert (program.name, program.acronym, program.source) == (
        "Lunar Surface Innovation Initiative",
        "LSII",
        "rule",
    )
    assert len(program.mentions) == 3


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Plans for the Mars Ascent Observatory were shown.", "Mars Ascent Observatory"),
        ("the Kepler Deep Field Telescope is new", "Kepler Deep Field Telescope"),
        ("funds for the Lunar Power Corridor", "Lunar Power Corridor"),
        ("Yutu-2 drove on.", "Yutu-2"),
        ("a PSLV-C37 launch", "PSLV-C37"),
        ("the Shenzhou-12 crew", "Shenzhou-12"),
        ("Long March 5 flew", "Long March 5"),
        ("the manned space program grew", "manned space program"),
        ("construction of the space station began", "space station"),
    ],
)
def test_rules_find_programs(text: str, name: str) -> None:
    assert name in _programs(text)


def test_national_non_space_programs_have_their_own_category() -> None:
    [program] = extract("China's high-speed rail program expanded.").programs
    assert program.category == NON_SPACE_CATEGORY
    assert program.country == "China"


@pytest.mark.parametrize(
    "text",
    ["Our Solar System is old.", "He visited the Permanent Mission in Geneva.", "a space station"],
)
def test_things_that_are_not_programs(text: str) -> None:
    assert extract(text).programs == ()


@pytest.mark.parametrize(
    "text",
    [
        "Tianwen-1 reached Mars.",
        "Chang'e-5 returned.",
        "Shenzhou-12 docked.",
        "BDS-3 works.",
        "Artemis II will fly.",
        "Ariane 6 flew.",
        "the L1 point",
        "Long March 5 and PSLV-C37.",
        "COVID-19 and G20 and 39A",
    ],
)
def test_digits_in_names_are_not_figures(text: str) -> None:
    assert _figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "signed 46 space cooperation agreements",
            ("46", 46, "count", "space cooperation agreements", ""),
        ),
        ("with 19 countries and regions", ("19", 19, "count", "countries and regions", "")),
        (
            "and four international organizations",
            ("four", 4, "count", "international organizations", ""),
        ),
        (
            "trained almost 1,000 space industry professionals",
            ("almost 1,000", 1000, "count", "space industry professionals", "almost"),
        ),
        ("Since 2016 China", ("Since 2016", 2016, "year", "", "since")),
        ("For the next five years the", ("next five years", 5, "duration", "years", "next")),
        ("costs $2.89 billion now", ("$2.89 billion", 2.89e9, "money", "USD", "")),
        ("a budget of €16.9 billion", ("€16.9 billion", 16.9e9, "money", "EUR", "")),
        ("approved ₹450 crore", ("₹450 crore", 4.5e9, "money", "INR", "")),
        ("rose 12.5% in", ("12.5%", 12.5, "percent", "%", "")),
        ("returned 1,731 grams of samples", ("1,731 grams", 1731, "measure", "g", "")),
        ("an orbit of 400 km", ("400 km", 400, "measure", "km", "")),
        ("its fifth white paper", ("fifth", 5, "ordinal", "white paper", "")),
        ("more than 40 countries", ("more than 40", 40, "count", "countries", "more than")),
    ],
)
def test_figures(text: str, expected: tuple[str, float, str, str, str]) -> None:
    [figure] = _figures(text)
    assert figure[0] == expected[0]
    assert figure[1] == pytest.approx(expected[1])
    assert figure[2:] == expected[2:]


def test_dates() -> None:
    figures = extract("On Jan. 28 and on January 28, 2022 and 3 May 2021.").figures
    assert [(f.text, f.kind, f.normalized) for f in figures] == [
        ("Jan. 28", FigureKind.DATE, "--01-28"),
        ("January 28, 2022", FigureKind.DATE, "2022-01-28"),
        ("3 May 2021", FigureKind.DATE, "2021-05-03"),
    ]


def test_sentence_of_a_figure() -> None:
    text = "Jan. 28 was cold. China has signed 46 agreements. The end."
    [_, figure] = extract(text).figures
    assert sentence_of(figure, text) == "China has signed 46 agreements."


def test_sentence_adverb_ordinals_are_not_figures() -> None:
    assert _figures("First, seeking partners. Second, China acts.") == []


def test_a_bad_user_gazetteer_is_reported_and_the_bundled_one_works(
    isolated_user_dirs: object,
) -> None:
    from spacereader.core import paths
    from spacereader.core.extraction.gazetteer import load_gazetteer

    (paths.config_dir() / "gazetteer.toml").write_text("[[program]\nname = ", encoding="utf-8")
    gazetteer = load_gazetteer()
    [problem] = gazetteer.problems
    assert "gazetteer.toml" in str(problem)
    assert "\n" not in str(problem)
    assert gazetteer.lookup("ILRS") is not None


def test_a_user_gazetteer_adds_programs() -> None:
    from spacereader.core import paths
    from spacereader.core.extraction import default_gazetteer

    (paths.config_dir() / "gazetteer.toml").write_text(
        '[[program]]\nname = "Starfall Relay"\nacronym = "SFR"\ncategory = "Communications"\n'
        '[[program]]\ncategory = "No name"\n',
        encoding="utf-8",
    )
    gazetteer = default_gazetteer()
    assert len(gazetteer.problems) == 1
    found = _programs_with(gazetteer, "The SFR and the Starfall Relay.")
    assert found == {"Starfall Relay": ["SFR", "Starfall Relay"]}


def _programs_with(gazetteer: object, text: str) -> dict[str, list[str]]:
    result = extract(text, gazetteer)  # type: ignore[arg-type]
    return {p.name: [m.text for m in p.mentions] for p in result.programs}


def test_bundled_gazetteer_is_sound() -> None:
    from spacereader.core.extraction.gazetteer import bundled_gazetteer_path, read_gazetteer_file

    entries, problems = read_gazetteer_file(bundled_gazetteer_path())
    assert problems == []
    assert len(entries) >= 200
    assert len({entry.name for entry in entries}) == len(entries)


_TEXT = st.lists(
    st.sampled_from(
        [
            *"abcXYZ 0123456789-–’',.$€₹%()\n",
            *("ILRS", " program", " Station", "Chang'e", "Long March ", "first ", " km", "Jan. "),
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TEXT, st.text(max_size=200)))
def test_extraction_never_raises_and_offsets_slice_exactly(text: str) -> None:
    result = extract(text)
    for program in result.programs:
        assert program.mentions == tuple(sorted(program.mentions, key=lambda m: m.start))
        for mention in program.mentions:
            assert text[mention.start : mention.end] == mention.text
    for figure in result.figures:
        assert text[figure.start : figure.end] == figure.text
    assert extract(text) == result


def test_french_names_are_looked_for_in_french_texts_only() -> None:
    gazetteer = Gazetteer(
        [
            GazetteerEntry(
                "European Space Agency",
                (),
                "ESA",
                "Agency",
                "",
                (),
                ("agence spatiale européenne",),
            )
        ]
    )
    english = "The agence spatiale européenne is what the French call the ESA."
    assert [m.entry.name for m in gazetteer.find(english)] == ["European Space Agency"]
    french = gazetteer.for_french()
    found = french.find(english)
    assert [english[m.start : m.end] for m in found] == ["agence spatiale européenne", "ESA"]
    # What the French view finds and looks up are the gazetteer's own entries.
    assert {id(m.entry) for m in found} == {id(gazetteer.entries[0])}
    assert french.lookup("agence spatiale européenne") is gazetteer.entries[0]
    assert gazetteer.lookup("agence spatiale européenne") is None


def test_a_user_gazetteer_may_give_french_names(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.toml"
    path.write_text(
        '[[program]]\nname = "Starfall Relay"\ncategory = "Communications"\n'
        'french = ["relais Starfall"]\n',
        encoding="utf-8",
    )
    gazetteer = load_gazetteer([path])
    assert gazetteer.entries[0].french == ("relais Starfall",)
    text = (
        "La Chine et l'Europe ont relié le relais Starfall à la station de la Lune et des sondes."
    )
    assert [p.name for p in extract(text, gazetteer).programs] == ["Starfall Relay"]

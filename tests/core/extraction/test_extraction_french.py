"""French texts: numbers, dates, hedges and noun phrases read the French way, French
program patterns, and one canonical name for a program in either language."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.extraction import extract
from spacereader.core.extraction.figure_patterns import FRENCH_FIGURE, figure_matches
from spacereader.core.extraction.normalize import fold

# A French sentence around each example, so that the text reads as French.
_FRENCH = "La Chine et l'Europe ont publié le bilan de la politique spatiale pour les États. {}"


def _figures(sentence: str) -> list[tuple[str, str, float | None, str, str]]:
    text = _FRENCH.format(sentence)
    return [(f.text, f.kind.value, f.value, f.unit, f.qualifier) for f in extract(text).figures]


def _programs(sentence: str) -> dict[str, list[str]]:
    text = _FRENCH.format(sentence)
    return {p.name: [m.text for m in p.mentions] for p in extract(text).programs}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Près de 1 000 professionnels ont été formés.",
            ("Près de 1 000", "count", 1000.0, "professionnels", "près de"),
        ),
        (
            "Elle compte 2\u00a0104 satellites.",
            ("2\u00a0104", "count", 2104.0, "satellites", ""),
        ),
        (
            "Elle compte 1\u202f000 ingénieurs.",
            ("1\u202f000", "count", 1000.0, "ingénieurs", ""),
        ),
        (
            "Le budget atteint 1,2 milliard de yuans.",
            ("1,2 milliard de yuans", "money", 1.2e9, "CNY", ""),
        ),
        ("Le cargo emporte 13,5 tonnes.", ("13,5 tonnes", "measure", 13.5, "t", "")),
        ("La part atteint 12,5 %.", ("12,5 %", "percent", 12.5, "%", "")),
        (
            "La hausse est de 17\u00a0pour cent.",
            ("17\u00a0pour cent", "percent", 17.0, "%", ""),
        ),
        (
            "Ils ont signé 46 accords de coopération avec leurs voisins.",
            ("46", "count", 46.0, "accords de coopération", ""),
        ),
        (
            "Ils coopèrent avec quatre organisations internationales.",
            ("quatre", "count", 4.0, "organisations internationales", ""),
        ),
        (
            "Le plan couvre les cinq prochaines années.",
            ("cinq prochaines années", "duration", 5.0, "years", "prochaines"),
        ),
        (
            "Le vaisseau emmène trois astronautes.",
            ("trois", "count", 3.0, "astronautes", ""),
        ),
        ("Elle orbite à 400 km d'altitude.", ("400 km", "measure", 400.0, "km", "")),
        (
            "Ils visent vingt-cinq lancements.",
            ("vingt-cinq", "count", 25.0, "lancements", ""),
        ),
        (
            "Le projet réunit quatre-vingt-dix partenaires.",
            ("quatre-vingt-dix", "count", 90.0, "partenaires", ""),
        ),
        (
            "Il faut au moins 12 missions privées.",
            ("au moins 12", "count", 12.0, "missions privées", "au moins"),
        ),
        (
            "Le programme coûte plus de 2 milliards d'euros.",
            ("plus de 2 milliards d'euros", "money", 2e9, "EUR", "plus de"),
        ),
        (
            "Le contrat vaut 450 M€.",
            ("450 M€", "money", 450e6, "EUR", ""),
        ),
        (
            "Le coût baisse de moins de 5 %.",
            ("moins de 5 %", "percent", 5.0, "%", "moins de"),
        ),
        (
            "Le site est opérationnel depuis 2016.",
            ("depuis 2016", "year", 2016.0, "", "depuis"),
        ),
        ("La station sera prête d'ici 2030.", ("d'ici 2030", "year", 2030.0, "", "d'ici")),
        (
            "Il présente le cinquième livre blanc consacré à l'espace.",
            ("cinquième", "ordinal", 5.0, "livre blanc", ""),
        ),
        ("C'est le 1er essai réussi.", ("1er", "ordinal", 1.0, "essai réussi", "")),
    ],
)
def test_french_figures(sentence: str, expected: tuple[str, str, float, str, str]) -> None:
    assert _figures(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "text", "normalized"),
    [
        ("Il a paru le 28 janvier 2022.", "28 janvier 2022", "2022-01-28"),
        ("Elle a atterri le 23 août 2023.", "23 août 2023", "2023-08-23"),
        ("Le lancement aura lieu en mars 2028.", "mars 2028", "2028-03"),
        ("L'agence a précisé le 12 février ses plans.", "12 février", "--02-12"),
        ("La mission décolle le 1er mars 2026.", "1er mars 2026", "2026-03-01"),
        ("Réunis les 22 et 23 novembre, ils ont voté.", "22 et 23 novembre", "--11-23"),
        ("Les travaux couvrent 2023-2025.", "2023-2025", "2023"),
    ],
)
def test_french_dates(sentence: str, text: str, normalized: str) -> None:
    figures = extract(_FRENCH.format(sentence)).figures
    assert [(f.text, f.normalized) for f in figures] == [(text, normalized)]


def test_mars_the_planet_is_no_month() -> None:
    # "Mars 2028" reads as a name, as "Vision 2030" does; never as March 2028.
    assert _figures("La sonde atteindra Mars 2028 au plus tôt.") == []
    assert _figures("Elle partira en mars 2028.") == [("mars 2028", "date", None, "", "")]


@pytest.mark.parametrize(
    "sentence",
    [
        "La mission Chandrayaan-3 a réussi.",
        "La mission Chang'e-7 partira.",
        "Le premier vol d'Ariane 6 a eu lieu.",
        "La sonde Tianwen-1 est arrivée.",
    ],
)
def test_digits_in_french_names_are_not_figures(sentence: str) -> None:
    assert all(kind != "count" for _, kind, *_ in _figures(sentence))


def test_words_are_not_cut_at_accented_letters() -> None:
    # "12 février" once counted an "f"; "12 élèves" an empty unit.
    assert _figures("Elle accueille 12 élèves.") == [("12", "count", 12.0, "élèves", "")]
    english = extract("On 12 février, the agency said that 12 étudiants joined.").figures
    assert [f.unit for f in english] == ["février", "étudiants"]


@pytest.mark.parametrize(
    "sentence",
    [
        "C'est la deuxième phase de son programme.",
        "La France participe aussi au programme.",
        "Elle finance le programme américain.",
        "Il a suivi le programme de formation des ingénieurs.",
        "Pour le programme, rien ne change.",
        "Les stations spatiales se multiplient.",
    ],
)
def test_french_phrases_that_name_no_program(sentence: str) -> None:
    assert _programs(sentence) == {}


@pytest.mark.parametrize(
    ("sentence", "name", "mention"),
    [
        (
            "Elle achève son programme d'exploration lunaire.",
            "lunar exploration program",
            "programme d'exploration lunaire",
        ),
        ("Ils construisent la station spatiale.", "space station", "station spatiale"),
        ("Ils construisent la future station spatiale.", "space station", "station spatiale"),
        (
            "Le Corridor d'information spatiale de la Ceinture et la Route progresse.",
            "Belt and Road Initiative Space Information Corridor",
            "Corridor d'information spatiale de la Ceinture et la Route",
        ),
        ("Ils rejoignent le programme Artemis.", "Artemis program", "programme Artemis"),
        ("Ils financent la mission ExoMars.", "ExoMars", "mission ExoMars"),
        ("Le module Tianhe est en orbite.", "Tianhe", "module Tianhe"),
        (
            "L'Agence spatiale européenne a voté.",
            "European Space Agency",
            "Agence spatiale européenne",
        ),
        ("Ils soutiennent l'ILRS.", "International Lunar Research Station", "ILRS"),
        (
            "Ils lancent un programme spatial habité.",
            "manned space program",
            "programme spatial habité",
        ),
    ],
)
def test_french_program_patterns(sentence: str, name: str, mention: str) -> None:
    assert _programs(sentence) == {name: [mention]}


_BOTH_LANGUAGES = [
    (
        "La Station internationale de recherche lunaire (ILRS) est prévue pour 2035.",
        "The International Lunar Research Station (ILRS) is planned for 2035.",
    ),
    (
        "La station spatiale internationale restera en service.",
        "The International Space Station will stay in service.",
    ),
    (
        "L'Agence spatiale européenne fournit le module de service européen.",
        "The European Space Agency provides the European Service Module.",
    ),
    (
        "La route de la soie spatiale relie les partenaires.",
        "The Belt and Road Initiative Space Information Corridor links the partners.",
    ),
    (
        "La station spatiale chinoise accueille trois astronautes.",
        "The Tiangong space station hosts three astronauts.",
    ),
    (
        "Elle achève la phase de son programme d'exploration lunaire.",
        "It completes the phase of its lunar exploration program.",
    ),
]


@pytest.mark.parametrize(("french", "english"), _BOTH_LANGUAGES)
def test_a_french_and_an_english_text_name_one_program(french: str, english: str) -> None:
    names_in_french = {p.name for p in extract(_FRENCH.format(french)).programs}
    names_in_english = {p.name for p in extract(english).programs}
    assert names_in_french == names_in_english
    assert names_in_french


def test_an_english_text_keeps_its_comma_for_thousands() -> None:
    figures = extract("China signed 1,200 agreements and trained 2,104 engineers.").figures
    assert [f.value for f in figures] == [1200.0, 2104.0]


# -- properties ------------------------------------------------------------------

_SPACES = st.sampled_from([" ", "\u00a0", "\u202f"])


def _french_digits(value: int, space: str) -> str:
    return f"{value:,}".replace(",", space)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1000, max_value=999_999_999),
    _SPACES,
    st.sampled_from(["satellites", "tonnes", "km", "%", "milliards d'euros", "ans"]),
)
def test_a_french_number_is_never_torn(value: int, space: str, unit: str) -> None:
    number = _french_digits(value, space)
    text = _FRENCH.format(f"Ils annoncent {number} {unit} pour la suite.")
    figures = extract(text).figures
    assert len(figures) == 1
    assert figures[0].text.startswith(number)
    scale = 1e9 if unit.startswith("milliards") else 1.0
    assert figures[0].value == value * scale


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=1, max_value=99))
def test_a_decimal_comma_is_one_number(whole: int, decimals: int) -> None:
    text = _FRENCH.format(f"La masse atteint {whole},{decimals} tonnes.")
    figures = extract(text).figures
    assert [(f.text, f.value) for f in figures] == [
        (f"{whole},{decimals} tonnes", float(f"{whole}.{decimals}"))
    ]


_PIECES = [
    *"abcXYZ 0123456789-–’'_.,;$€%()\n\t\u00a0\u202f",
    *("janvier", "Février", "mars", "Mars", "août", "1er", "22 et ", "trois", "Vingt"),
    *("quatre-vingt", "-dix", " et un", " cents", " mille", "cinquième", "premier", "ſix"),
    *("près de", " milliard", " d'euros", " tonnes", " km", "%", " ans", "ı", "é", "É"),
]
_TEXT = st.one_of(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join), st.text())


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_french_figure_matches_equal_the_pattern_run_everywhere(text: str) -> None:
    folded = fold(text)
    expected = [(m.span(), m.lastgroup) for m in FRENCH_FIGURE.finditer(folded)]
    assert [(m.span(), m.lastgroup) for m in figure_matches(folded, french=True)] == expected


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_french_extraction_never_raises_and_offsets_slice_exactly(piece: str) -> None:
    text = _FRENCH.format(piece)
    result = extract(text)
    for program in result.programs:
        for mention in program.mentions:
            assert text[mention.start : mention.end] == mention.text
    for figure in result.figures:
        assert text[figure.start : figure.end] == figure.text
        assert re.search(r"\S", figure.text)

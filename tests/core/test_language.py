"""Telling French from English, from a text's function words; bilingual header lines;
languages for documents added before languages were kept."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.language import (
    ENGLISH,
    FRENCH,
    UNKNOWN,
    bilingual_lines,
    detect_language,
    is_bilingual_line,
    language_scores,
)
from spacereader.core.library import Library

FRENCH_BRIEF = (
    "La Chine a signé 46 accords de coopération avec 19 pays et quatre organisations "
    "internationales depuis 2016. L'agence spatiale prévoit la construction de la Station "
    "internationale de recherche lunaire d'ici 2035, et la station spatiale accueille "
    "des astronautes étrangers."
)
ENGLISH_BRIEF = (
    "China has signed 46 space cooperation agreements with 19 countries and four "
    "international organizations since 2016. The agency plans to build the International "
    "Lunar Research Station by 2035, and the space station will host foreign astronauts."
)


def test_french_and_english_briefs() -> None:
    assert detect_language(FRENCH_BRIEF) == FRENCH
    assert detect_language(ENGLISH_BRIEF) == ENGLISH


def test_too_little_text_is_unknown() -> None:
    assert detect_language("ILRS 2035") == UNKNOWN
    assert detect_language("") == UNKNOWN


def test_an_english_article_with_a_bilingual_header_is_english(seed_text: str) -> None:
    assert detect_language(seed_text) == ENGLISH


def test_the_library_stores_the_language(tmp_path: Path) -> None:
    path = tmp_path / "brève.txt"
    path.write_text(FRENCH_BRIEF, encoding="utf-8")
    library = Library()
    info = library.add_file(path).info
    assert library.info(info.id).language == FRENCH


# -- bilingual header lines ----------------------------------------------------


def test_the_seed_header_lines_are_marked_bilingual(seed_text: str) -> None:
    lines = [" ".join(seed_text[start:end].split()) for start, end in bilingual_lines(seed_text)]
    assert lines == [
        "News / Brèves",
        "Space / Espace",
        "Back to previous selection / Retour à la sélection précédente",
        "Printable version / Version imprimable",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "NASA / ESA",
        "Artemis / Gateway",
        "Espace / Sciences",
        "Space / Science",
        "China / Russia / India",
        "The ratio of launches per year / total",
    ],
)
def test_lines_that_are_not_bilingual(line: str) -> None:
    assert not is_bilingual_line(line)


def test_bilingual_lines_do_not_count_towards_the_language() -> None:
    header = "News / Brèves\nBack to the previous selection / Retour à la sélection précédente\n\n"
    body = (
        "La Chine a publié le livre blanc de la politique spatiale et des accords. "
        "Le texte est clair sur les objectifs de la station."
    )
    assert language_scores(header + body) == language_scores(body)
    assert detect_language(header + body) == FRENCH


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("nasa_budget_brief.txt", ENGLISH),
        ("esa_ministerial_release.html", ENGLISH),
        ("isro_feature.md", ENGLISH),
        ("white_paper_review.txt", ENGLISH),
        ("breve_livre_blanc.txt", FRENCH),
        ("esa_communique_fr.html", FRENCH),
        ("dossier_lune.md", FRENCH),
    ],
)
def test_the_test_documents_are_told_apart(name: str, language: str) -> None:
    text = (Path(__file__).parent.parent / "data" / "extraction" / name).read_text("utf-8")
    assert detect_language(text) == language


# -- documents from before languages were kept -------------------------------------


def _forget_languages(library: Library) -> None:
    """The catalogue as a SpaceReader that kept no language left it."""
    with library._transaction() as db:
        db.execute("UPDATE documents SET language = ''")


def test_documents_without_a_language_get_one_when_the_library_opens(tmp_path: Path) -> None:
    french, english, short = tmp_path / "fr.txt", tmp_path / "en.txt", tmp_path / "short.txt"
    french.write_text(FRENCH_BRIEF, encoding="utf-8")
    english.write_text(ENGLISH_BRIEF, encoding="utf-8")
    short.write_text("ILRS 2035", encoding="utf-8")
    library = Library()
    ids = [library.add_file(path).info.id for path in (french, english, short)]
    _forget_languages(library)
    assert {library.info(doc_id).language for doc_id in ids} == {UNKNOWN}
    library.close()
    reopened = Library()
    try:
        assert [reopened.info(doc_id).language for doc_id in ids] == [FRENCH, ENGLISH, UNKNOWN]
        seed = next(info for info in reopened.documents() if info.bundled)
        assert seed.language == ENGLISH
        # A text whose language cannot be told is looked at once, not at every start.
        stored = reopened._db.execute("SELECT language FROM documents WHERE id = ?", (ids[2],))
        assert stored.fetchone()[0] == "und"
    finally:
        reopened.close()


def test_a_missing_stored_text_leaves_the_language_for_later(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_text(FRENCH_BRIEF, encoding="utf-8")
    library = Library()
    info = library.add_file(path).info
    _forget_languages(library)
    library.close()
    info.path.rename(tmp_path / "moved.txt")
    reopened = Library()
    assert reopened.info(info.id).language == UNKNOWN
    reopened.close()
    (tmp_path / "moved.txt").rename(info.path)
    again = Library()
    try:
        assert again.info(info.id).language == FRENCH
    finally:
        again.close()


# -- short texts: a title and a sentence -------------------------------------------

SHORT_FRENCH = (
    "Coopération lunaire\nPublié le 3 mars 2021\n"
    "La Station internationale de recherche lunaire compte 10 pays membres.\n"
)


@pytest.mark.parametrize(
    "text",
    [
        SHORT_FRENCH,
        "La Chine a signé un accord avec la Russie.",
        "L'agence prévoit le lancement en 2026 d'une sonde.",
        "Les pays membres de l'ILRS se réunissent à Pékin.",
    ],
)
def test_one_french_sentence_is_french(text: str) -> None:
    assert detect_language(text) == FRENCH


@pytest.mark.parametrize(
    "text",
    [
        "ESA signs a deal with CNES at Le Bourget.",
        "Macron visits Le Bourget",
        "Jean-Yves Le Gall at La Palma de Gran Canaria",
        "The Centre national d'études spatiales (CNES) is in Paris.",
        "Chang'e-6 lands on the far side of the Moon.",
        "Les Echos reports that the ILRS has 10 members.",
        "Pierre de la Tour and Anne Le Roux review the Artemis Accords.",
        "ESA Le Bourget Pierre de la Tour the.",  # an English word before a full stop
    ],
)
def test_short_english_texts_are_not_french(text: str) -> None:
    assert detect_language(text) != FRENCH


# Words an English headline or sentence is made of, and French names it may quote.
_ENGLISH_FUNCTION = ["the", "of", "and", "to", "in", "with", "for", "at", "by", "has"]
_ENGLISH_CONTENT = (
    "ESA NASA CNES ILRS signs deal launch station lunar research members countries"
    " Artemis Gateway budget 2026 10 Moon mission agency plans builds reports"
).split()
_FRENCH_NAMES = [
    "Le Bourget",
    "La Palma",
    "de Gaulle",
    "Jean-Yves Le Gall",
    "Centre national d'études spatiales",
    "Les Echos",
    "Agence spatiale européenne",
    "Pierre de la Tour",
    "Kourou, Guyane",
    "Arianespace",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_ENGLISH_CONTENT), max_size=12),
    st.lists(st.sampled_from(_ENGLISH_FUNCTION), min_size=1, max_size=4),
    st.lists(st.sampled_from(_FRENCH_NAMES), max_size=2),
    st.randoms(use_true_random=False),
)
def test_an_english_sentence_quoting_french_names_is_never_french(
    content: list[str], function: list[str], names: list[str], order: random.Random
) -> None:
    words = [*content, *function, *names]
    order.shuffle(words)
    assert detect_language(" ".join(words) + ".") != FRENCH


@pytest.mark.parametrize(
    "text",
    ["ILRS 2035", "de la", "Artemis, ILRS and la station", "Le Bourget and la station"],
)
def test_too_few_words_or_a_mix_stay_unknown(text: str) -> None:
    assert detect_language(text) == UNKNOWN


def test_the_library_stores_a_short_french_text_as_french(tmp_path: Path) -> None:
    path = tmp_path / "brève.txt"
    path.write_text(SHORT_FRENCH, encoding="utf-8")
    library = Library()
    try:
        info = library.add_file(path).info
        assert library.info(info.id).language == FRENCH
    finally:
        library.close()

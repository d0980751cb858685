"""Telling French from English, from a text's function words."""

from __future__ import annotations

from pathlib import Path

from spacereader.core.language import ENGLISH, FRENCH, UNKNOWN, detect_language
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

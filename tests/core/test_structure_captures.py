"""Structure detection on captures other than the bundled one: other sites, other furniture."""

from __future__ import annotations

from pathlib import Path

from spacereader.core.structure import BlockKind, detect_structure

CAPTURES = Path(__file__).parent / "captures"
REUTERS = (CAPTURES / "reuters.txt").read_text(encoding="utf-8")
SPACENEWS = (CAPTURES / "spacenews.txt").read_text(encoding="utf-8")
ESA = (CAPTURES / "esa.txt").read_text(encoding="utf-8")
AFP = (CAPTURES / "afp.txt").read_text(encoding="utf-8")


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text(text)[:25]) for b in detect_structure(text).blocks]


def test_wire_story_with_site_header_kicker_byline_and_credits() -> None:
    structure = detect_structure(REUTERS)
    assert structure.title == "NASA picks SpaceX to bring space station down at end of its life"
    assert structure.category == "Science"
    assert structure.source == "Reuters"
    assert structure.date == "June 26, 2024"
    assert kinds(REUTERS) == [
        ("nav", "Skip to main content"),
        ("nav", "Exclusive news, data and "),
        ("category", "Science"),
        ("title", "NASA picks SpaceX to brin"),
        ("metadata", "By Joey Roulette"),
        ("metadata", "June 26, 2024 9:07 PM UTC"),
        ("metadata", "Updated ago"),
        ("paragraph", "WASHINGTON, June 26 (Reut"),
        ("paragraph", "The contract is worth up "),
        ("signature", "Reporting by Joey Roulett"),
        ("nav", "Our Standards: The Thomso"),
    ]


def test_trade_press_with_menu_author_line_and_share_links() -> None:
    structure = detect_structure(SPACENEWS)
    assert structure.title.startswith("Ariane 6 slips to summer")
    assert structure.category == "Launch"
    assert structure.date == "March 3, 2023"
    assert [p.text(SPACENEWS)[:20] for p in structure.paragraphs] == [
        "PARIS — The first la",
        "ESA Director General",
    ]
    assert [b.text(SPACENEWS) for b in structure.blocks_of(BlockKind.NAV)] == [
        "SpaceNews",
        "Menu",
        "Share this article",
        "Related Articles",
    ]


def test_agency_page_with_numeric_date_counters_and_repeated_breadcrumb() -> None:
    structure = detect_structure(ESA)
    assert structure.title == "Copernicus Sentinel-6 satellite hands over to its successor"
    assert structure.category == "Applications / Observing the Earth"
    assert structure.date == "14/03/2023"
    assert len(structure.paragraphs) == 2
    body = " ".join(p.text(ESA) for p in structure.paragraphs)
    for furniture in ("views", "likes", "ESA / Applications", "Related links", "Back to top"):
        assert furniture not in body


def test_french_capture_with_breadcrumb_and_agency_dateline() -> None:
    structure = detect_structure(AFP)
    assert structure.title == "Le CNES présente sa feuille de route pour 2030"
    assert structure.category == "Accueil > Sciences > Espace"
    assert structure.date == "3 mars 2023"
    assert structure.source == "AFP"
    assert [p.text(AFP)[:12] for p in structure.paragraphs] == ["PARIS (AFP) ", "« Nous devon"]
    assert [b.text(AFP) for b in structure.blocks_of(BlockKind.NAV)] == ["Partager", "Imprimer"]


def test_a_title_like_sentence_with_a_date_is_still_a_title() -> None:
    text = "NASA budget hearing set for March 3, 2023 in the Senate\n\nThe hearing will cover it."
    assert detect_structure(text).title.startswith("NASA budget hearing")


def test_a_dated_first_sentence_is_body_not_metadata() -> None:
    text = "Launch Report\n\nOn March 3, 2023 the rocket flew.\n\nIt reached orbit."
    structure = detect_structure(text)
    assert structure.paragraphs[0].text(text) == "On March 3, 2023 the rocket flew."


def test_long_runs_of_spaces_stay_linear() -> None:
    # A signature search with "\\s*\\(?\\s*" used to take cubic time on this text.
    text = "Title\n\nword" + " " * 200_000 + "end ( [abc]"
    structure = detect_structure(text)
    [signature] = structure.blocks_of(BlockKind.SIGNATURE)
    assert signature.text(text) == "( [abc]"
    assert structure.paragraphs[0].text(text).endswith("end")

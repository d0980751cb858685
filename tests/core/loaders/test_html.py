"""Web pages: the main text, title and date; no furniture, no request, no local file read."""

from __future__ import annotations

import builtins
import socket
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.document import DocumentFormat
from spacereader.core.loaders.errors import EmptyFileError, NoTextError
from spacereader.core.loaders.html import decode_html, load_html
from spacereader.core.structure import detect_structure
from tests.import_corpus import HTML_FURNITURE, HTML_MAIN_SENTENCES, HTML_PAGE


@pytest.fixture
def no_network_no_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail on any connection, DNS lookup or file opened while a page is read."""
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(f"network {args[1:]!r}")
        raise AssertionError("a page load tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    real_open = builtins.open

    def watch_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file).startswith("/etc/"):
            attempts.append(f"file {file}")
            raise AssertionError("a page load opened a file the page names")
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", watch_open)
    return attempts


def test_main_text_kept_furniture_dropped(no_network_no_files: list[str]) -> None:
    loaded = load_html(HTML_PAGE.encode("utf-8"))
    assert loaded.format is DocumentFormat.HTML
    for sentence in HTML_MAIN_SENTENCES:
        assert sentence in loaded.text
    for furniture in HTML_FURNITURE:
        assert furniture not in loaded.text
    assert no_network_no_files == []


def test_title_date_and_site() -> None:
    loaded = load_html(HTML_PAGE.encode("utf-8"))
    assert loaded.title == "ESA approves Argonaut lunar lander"
    assert loaded.date == "2023-03-14"
    assert loaded.source == "Space Bulletin"
    assert detect_structure(loaded.text).title == loaded.title


def test_paragraphs_are_blank_line_blocks() -> None:
    loaded = load_html(HTML_PAGE.encode("utf-8"))
    paragraphs = detect_structure(loaded.text).paragraphs
    assert [p.text(loaded.text)[:30] for p in paragraphs] == [
        "PARIS — The European Space Age",
        "The lander will carry up to 1.",
        "Member states committed the fu",
    ]


def test_web_links_are_kept_as_data_local_ones_dropped() -> None:
    loaded = load_html(HTML_PAGE.encode("utf-8"))
    assert [(loaded.text[link.start : link.end], link.href) for link in loaded.links] == [
        ("Argonaut", "https://www.esa.int/argonaut")
    ]
    assert "a local file is named here" in loaded.text  # the words stay, the target goes


def test_unclosed_tags() -> None:
    page = (
        "<html><head><title>Budget</title></head><body><div><p>First <b>bold <i>nested"
        "<p>Second paragraph with <a href='https://example.org/x'>a link</a>"
        "<table><tr><td>Mission<td>Year<tr><td>Artemis II<td>2025"
    )
    loaded = load_html(page.encode("utf-8"))
    assert loaded.text.split("\n\n") == [
        "Budget",
        "First bold nested",
        "Second paragraph with a link",
        "Mission | Year",
        "Artemis II | 2025",
    ]
    [link] = loaded.links
    assert loaded.text[link.start : link.end] == "a link"


def test_list_items_are_bulleted_paragraphs() -> None:
    sentence = "The agency listed the milestones of the programme in its annual report. "
    page = (
        f"<html><body><article><h1>Milestones</h1><p>{sentence * 3}</p><ul>"
        "<li>Critical design review of the lunar descent element in 2026</li>"
        "<li>First uncrewed landing near the lunar south pole in 2031</li></ul>"
        f"<p>{sentence}</p></article></body></html>"
    )
    paragraphs = load_html(page.encode("utf-8")).text.split("\n\n")
    assert paragraphs[2:4] == [
        "• Critical design review of the lunar descent element in 2026",
        "• First uncrewed landing near the lunar south pole in 2031",
    ]


def test_the_declared_encoding_is_used() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "<title>Brèves</title></head><body><p>L’Agence spatiale “européenne”.</p></body></html>"
    )
    # Browsers read "iso-8859-1" as Windows-1252, curly quotes included.
    assert "L’Agence spatiale “européenne”." in load_html(page.encode("cp1252")).text
    assert decode_html(page.encode("cp1252")).count("Brèves") == 1


def test_a_wrong_declaration_falls_back_to_detection() -> None:
    page = '<meta charset="utf-8"><p>Brèves “courtes” et l’été.</p>'
    assert "Brèves “courtes” et l’été." in load_html(page.encode("cp1252")).text


def test_xhtml_with_an_xml_declaration() -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>Orbit</title></head><body><p>Satellites circle the Earth.</p></body></html>"
    )
    assert "Satellites circle the Earth." in load_html(page.encode("utf-8")).text


@pytest.mark.parametrize(
    ("page", "error", "reason"),
    [
        (b"", EmptyFileError, "empty"),
        (b"   \n ", EmptyFileError, "empty"),
        (b"<html><body><script>var a = 1;</script></body></html>", NoTextError, "no readable"),
    ],
)
def test_pages_without_text_are_refused(page: bytes, error: type[Exception], reason: str) -> None:
    with pytest.raises(error, match=reason):
        load_html(page)


_PARAGRAPH = st.from_regex(r"[A-Z][a-z]{2,9}( [a-z]{2,9}){8,20}\.", fullmatch=True)


@settings(max_examples=25, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=5, unique=True))
def test_every_paragraph_of_a_page_comes_through(paragraphs: list[str]) -> None:
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs)
    page += "</article><footer>Contact us</footer></body></html>"
    text = load_html(page.encode("utf-8")).text
    assert text.split("\n\n")[-len(paragraphs) :] == paragraphs


def test_the_stored_html_copy_is_never_served(tmp_path: Path) -> None:
    # The text holds no markup at all: the reader shows it as text.
    loaded = load_html(HTML_PAGE.encode("utf-8"))
    assert "<" not in loaded.text
    assert "src=" not in loaded.text


LONG_PARAGRAPH = (
    "<p>The International Lunar Research Station will host many partners"
    " from around the world in the coming decade.</p>"
)


def page_with(body: str) -> bytes:
    head = "<html><head><title>Lunar page</title></head>"
    return f"{head}<body><article>{body}</article></body></html>".encode()


@pytest.mark.parametrize("depth", [300, 1500])
def test_text_nested_deeply_is_kept(depth: int) -> None:
    deep = (
        "<div>" * depth + "<p>DEEP words about the station and its partners.</p>" + "</div>" * depth
    )
    assert "DEEP words" in load_html(page_with(LONG_PARAGRAPH * 3 + deep)).text


@pytest.mark.parametrize("reference", ["&#27;", "&#x1B;", "&#0;", "\x1b"])
def test_one_control_character_does_not_lose_the_page(reference: str) -> None:
    loaded = load_html(page_with(LONG_PARAGRAPH * 3 + f"<p>Before {reference} after.</p>"))
    assert loaded.text.endswith("Before after.")
    assert "\x1b" not in loaded.text


def test_repeated_paragraphs_stay_repeated() -> None:
    refrain = "<p>The station grows again, with partners from many countries joining it.</p>"
    loaded = load_html(page_with("<p>Intro about the Moon.</p>" + refrain * 4 + "<p>Outro.</p>"))
    assert loaded.text.count("The station grows again") == 4


def test_a_heading_after_a_kicker_is_the_title_once() -> None:
    page = (
        "<html><head><title>China and Russia open the ILRS</title></head><body><article>"
        "<p>Space / Espace</p><h1>China and Russia open the ILRS</h1><p>March 14, 2024</p>"
        "<p>1234 views · 56 likes</p>" + LONG_PARAGRAPH * 3 + "</article></body></html>"
    )
    loaded = load_html(page.encode())
    assert loaded.text.count("China and Russia open the ILRS") == 1
    structure = detect_structure(loaded.text)
    assert structure.title == "China and Russia open the ILRS"
    assert structure.category == "Space / Espace"
    assert "1234 views" not in "".join(p.text(loaded.text) for p in structure.paragraphs)

"""What the reader shows of a text, and extraction on that alone: nothing hidden is listed."""

from __future__ import annotations

import threading
import time
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.document import Document, DocumentFormat, DocumentInfo, content_hash
from spacereader.core.extraction.cache import extract_shown
from spacereader.core.loaders.markdown_blocks import MarkdownBlock
from spacereader.core.shown import (
    Span,
    blank_hidden,
    clip_to_shown,
    passage_at,
    shown_spans,
)
from spacereader.core.structure import BlockKind, detect_structure

CAPTURES = Path(__file__).parent / "captures"
ESA = (CAPTURES / "esa.txt").read_text(encoding="utf-8")
WEB = (CAPTURES / "web_capture.txt").read_text(encoding="utf-8")

# Lines a web capture holds around its article, each hidden by the reader.
FURNITURE = [
    "Skip to main content",
    "Home",
    "Menu",
    "Related articles: Artemis program and Gaganyaan",
    "Share this article on 12 networks",
    "Back to top",
    "1234 views · 56 likes",
    "3,4 k vues · 12 commentaires",
]
BREADCRUMBS = ["Home / News / Tiangong Space Station", "ESA / Applications / Copernicus"]
DATES = ["March 14, 2024", "14/03/2023", "By Jane Doe", "Published: March 3, 2023"]
TITLES = [
    "China and Russia open the ILRS to new partners",
    "Ariane 6 slips to summer as ESA weighs options",
]
SENTENCES = [
    "The International Lunar Research Station (ILRS) now counts 13 member states.",
    "More than 40 partner institutions signed since 2016.",
    "The Tianwen-1 orbiter has flown for 4 years and cost $2.89 billion.",
    "BEIJING — China and Russia invited 19 countries to join the station.",
    "Gaganyaan will carry three astronauts to a 400 km orbit by 2027.",
]


def in_spans(spans: tuple[Span, ...], start: int, end: int) -> bool:
    return any(low <= start and end <= high for low, high in spans)


def shown_letters(text: str, spans: tuple[Span, ...], start: int, end: int) -> bool:
    """Whether every character of text[start:end] but white space is shown."""
    return all(
        text[offset].isspace() or in_spans(spans, offset, offset + 1)
        for offset in range(start, end)
    )


_HEADER = st.lists(st.sampled_from(FURNITURE + BREADCRUMBS), max_size=3)
_BYLINE = st.lists(st.sampled_from(DATES + FURNITURE[6:]), max_size=3)
_BODY = st.lists(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map(" ".join),
    min_size=0,
    max_size=4,
)


@st.composite
def web_captures(draw: st.DrawFn) -> str:
    """A plain-text web capture: furniture, a title, a byline, paragraphs, furniture."""
    blocks = ["\n".join(draw(_HEADER)), draw(st.sampled_from(TITLES))]
    blocks += ["\n".join(draw(_BYLINE)), draw(st.sampled_from([*BREADCRUMBS, ""]))]
    blocks += draw(_BODY)
    blocks.append("\n".join(draw(st.lists(st.sampled_from(FURNITURE), max_size=3))))
    return "\n\n".join(block for block in blocks if block) + "\n"


@st.composite
def markdown_documents(draw: st.DrawFn) -> str:
    """Markdown whose markup hides names and numbers: link addresses, definitions."""
    blocks = ["# " + draw(st.sampled_from(TITLES))]
    for sentence in draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4)):
        blocks.append(
            draw(
                st.sampled_from(
                    [
                        sentence,
                        f"- **{sentence}**",
                        f"{sentence} [More](https://example.org/Tiangong-2030)",
                        f"> {sentence}",
                        '[1]: https://example.org "Gaganyaan, 46 modules"',
                        f"<span title='Artemis program 12'>{sentence}</span>",
                    ]
                )
            )
        )
    return "\n\n".join(blocks) + "\n"


def assert_nothing_listed_is_hidden(text: str, text_format: DocumentFormat) -> None:
    spans = shown_spans(text, text_format)
    extraction = extract_shown(text, text_format)
    for program in extraction.programs:
        for mention in program.mentions:
            assert in_spans(spans, mention.start, mention.end), (program.name, mention)
            assert text[mention.start : mention.end] == mention.text
    for figure in extraction.figures:
        assert in_spans(spans, figure.start, figure.end), figure
        assert text[figure.start : figure.end] == figure.text
        if text_format is not DocumentFormat.MARKDOWN:  # Markdown's markup sits in sentences
            assert shown_letters(text, spans, figure.sentence_start, figure.sentence_end)


@settings(max_examples=150, deadline=None)
@given(web_captures())
def test_nothing_listed_from_a_web_capture_lies_in_hidden_text(text: str) -> None:
    assert_nothing_listed_is_hidden(text, DocumentFormat.TEXT)


@settings(max_examples=100, deadline=None)
@given(markdown_documents())
def test_nothing_listed_from_markdown_lies_in_hidden_markup(text: str) -> None:
    assert_nothing_listed_is_hidden(text, DocumentFormat.MARKDOWN)


@settings(max_examples=150, deadline=None)
@given(web_captures())
def test_shown_spans_are_the_structure_s_shown_blocks(text: str) -> None:
    spans = shown_spans(text, DocumentFormat.TEXT)
    assert all(start < end for start, end in spans)
    assert all(a[1] < b[0] for a, b in pairwise(spans))
    for block in detect_structure(text).blocks:
        shown = in_spans(spans, block.start, block.end)
        assert shown == (block.kind not in (BlockKind.NAV, BlockKind.METADATA)), block


@given(st.text(alphabet="ab \n\r", max_size=40), st.data())
def test_blanking_keeps_length_line_breaks_and_what_is_shown(
    text: str, data: st.DataObject
) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6, unique=True)))
    spans = tuple((a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b)
    blanked = blank_hidden(text, spans)
    assert len(blanked) == len(text)
    for offset, character in enumerate(text):
        if in_spans(spans, offset, offset + 1) or character in "\n\r":
            assert blanked[offset] == character
        else:
            assert blanked[offset] == " "


@given(st.data())
def test_a_clipped_span_starts_and_ends_in_shown_text(data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, 60), max_size=8, unique=True)))
    spans = tuple((a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b)
    start = data.draw(st.integers(0, 60))
    end = data.draw(st.integers(start, 60))
    clipped = clip_to_shown(spans, start, end)
    touches = start < end and any(low < end and start < high for low, high in spans)
    assert (clipped is not None) == touches
    if clipped is not None:
        low, high = clipped
        assert start <= low < high <= end
        assert in_spans(spans, low, low + 1)
        assert in_spans(spans, high - 1, high)


def test_the_esa_capture_hides_its_counters_date_and_breadcrumb() -> None:
    spans = shown_spans(ESA, DocumentFormat.TEXT)
    shown = blank_hidden(ESA, spans)
    for hidden in ("14/03/2023", "1234 views", "56 likes", "ESA / Applications", "Back to top"):
        assert hidden in ESA
        assert hidden not in shown
    assert "Copernicus Sentinel-6 satellite hands over" in shown
    assert "Applications / Observing the Earth" in shown.splitlines()[0]  # the kicker


def test_a_web_capture_lists_no_counter_date_or_program_from_its_furniture() -> None:
    extraction = extract_shown(WEB, DocumentFormat.TEXT)
    figures = [figure.text for figure in extraction.figures]
    programs = [program.name for program in extraction.programs]
    assert figures == ["13", "more than 40", "two", "by 2035"]
    assert programs == ["International Lunar Research Station"]


def document(text: str, text_format: DocumentFormat = DocumentFormat.TEXT) -> Document:
    info = DocumentInfo(
        "doc", "", "", "", "", text_format, Path("doc"), len(text), content_hash(text), False
    )
    return Document(info, text, detect_structure(text))


def test_the_passage_to_bookmark_is_shown_text_only() -> None:
    capture = document(WEB)
    start, end = passage_at(capture, 0) or (0, 0)
    assert WEB[start:end].startswith("BEIJING — China and Russia")
    title_only = document(
        "Skip to main content\nHome\n\nLaunch schedule for the spring\n\nBack to top\n"
    )
    span = passage_at(title_only, 0)
    assert span is not None
    assert title_only.text[span[0] : span[1]] == "Launch schedule for the spring"
    assert passage_at(document("Home\nMenu\n\nBack to top\n"), 0) is None


def test_a_markdown_passage_is_a_block_as_the_reader_sets_it() -> None:
    text = "# Moon plans\n\n[1]: https://example.org\n\nThe **ILRS** opens in 2030.\n"
    span = passage_at(document(text, DocumentFormat.MARKDOWN), 0)
    assert span is not None
    assert text[span[0] : span[1]] == "The **ILRS** opens in 2030."


def test_a_markdown_text_asked_for_by_two_threads_is_parsed_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from spacereader.core.loaders import markdown_blocks as blocks_module
    from spacereader.core.shown import markdown_layout

    real = blocks_module.markdown_blocks
    parsed: list[str] = []

    def slow(text: str, references: object = None) -> list[MarkdownBlock]:
        parsed.append(text)
        time.sleep(0.05)  # long enough for the other thread to ask meanwhile
        return real(text)

    monkeypatch.setattr(blocks_module, "markdown_blocks", slow)
    markdown_layout.cache_clear()
    text = "# A report\n\nThe *Lunar Gateway* and the ILRS.\n"
    found: list[object] = []
    threads = [threading.Thread(target=lambda: found.append(markdown_layout(text))) for _ in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert parsed == [text]
    assert found[0] is found[1]
    assert [block.kind for block in found[0]] == ["heading", "paragraph"]  # type: ignore[attr-defined]

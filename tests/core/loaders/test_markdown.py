"""Markdown: the source is the text; blocks say what a reader sees, in source offsets."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.document import DocumentFormat
from spacereader.core.loaders.markdown import load_markdown, markdown_blocks, markdown_title

SOURCE = """# The **Artemis** Accords #

*Signed* by 40 nations, the [Accords](https://www.nasa.gov/accords "NASA (page)") set out
principles for the `Moon`.<HARD>
A hard break, an escaped \\*star\\*, and <span>raw HTML</span> inline.

## Principles

- Peaceful purposes
- Transparency and **interoperability**
  - nested item

3. third
4. fourth

> Space is for everyone.
lazy continuation

```python
print("orbit")
```

    indented code

---

Setext heading
==============

![the lander](https://example.com/lander.png) and <https://www.esa.int> and [local](file:///etc/passwd).
""".replace("<HARD>", "  ")  # two spaces ending a line: a hard break


def shown(text: str) -> list[tuple[str, int, str, str]]:
    return [
        (block.kind, block.level, block.marker, block.display_text(text))
        for block in markdown_blocks(text)
    ]


def test_blocks_show_the_text_without_its_markup() -> None:
    assert shown(SOURCE) == [
        ("heading", 1, "", "The Artemis Accords"),
        (
            "paragraph",
            0,
            "",
            "Signed by 40 nations, the Accords set out\nprinciples for the Moon.\n"
            "A hard break, an escaped *star*, and raw HTML inline.",
        ),
        ("heading", 2, "", "Principles"),
        ("list_item", 1, "•", "Peaceful purposes"),
        ("list_item", 1, "•", "Transparency and interoperability"),
        ("list_item", 2, "•", "nested item"),
        ("list_item", 1, "3.", "third"),
        ("list_item", 1, "4.", "fourth"),
        ("quote", 1, "", "Space is for everyone.\nlazy continuation"),
        ("code", 0, "", 'print("orbit")'),
        ("code", 0, "", "indented code"),
        ("rule", 0, "", ""),
        ("heading", 1, "", "Setext heading"),
        # markdown-it refuses file: links outright; the source shows as written.
        (
            "paragraph",
            0,
            "",
            "the lander and https://www.esa.int and [local](file:///etc/passwd).",
        ),
    ]


def test_inline_styles_are_spans_of_the_source() -> None:
    blocks = markdown_blocks(SOURCE)
    styled = [
        (SOURCE[span.start : span.end], span.style, span.href)
        for block in blocks
        for span in block.inline
    ]
    assert styled == [
        ("Artemis", "strong", None),
        ("Signed", "em", None),
        ("Accords", "link", "https://www.nasa.gov/accords"),
        ("Moon", "code", None),
        ("interoperability", "strong", None),
        ("https://www.esa.int", "link", "https://www.esa.int"),
    ]


def test_only_web_links_carry_a_target() -> None:
    text = "[ftp](ftp://host/x) [mail](mailto:a@b.org) [rel](../notes.md)"
    spans = [(text[s.start : s.end], s.href) for s in markdown_blocks(text)[0].inline]
    assert spans == [("ftp", None), ("mail", "mailto:a@b.org"), ("rel", None)]


def test_hard_breaks_are_marked() -> None:
    paragraph = markdown_blocks(SOURCE)[1]
    breaks = [SOURCE[offset] for offset in paragraph.hard_breaks]
    assert breaks == ["\n"]
    assert SOURCE[paragraph.hard_breaks[0] - 3 : paragraph.hard_breaks[0]] == ".  "


def test_an_offset_in_the_text_finds_its_place_on_screen() -> None:
    # A search hit on "interoperability" in the source lies in the block's visible text.
    hit = SOURCE.index("interoperability")
    block = next(b for b in markdown_blocks(SOURCE) if b.start <= hit < b.end)
    assert any(start <= hit and hit + 16 <= end for start, end in block.visible)


def test_title_and_loading() -> None:
    loaded = load_markdown(SOURCE.encode("utf-8"))
    assert loaded.format is DocumentFormat.MARKDOWN
    assert loaded.text == SOURCE
    assert loaded.title == "The Artemis Accords"
    assert markdown_title("intro\n\nSome `x` *Title*\n===\n") == "Some x Title"
    assert markdown_title("no heading at all") == ""


def test_raw_html_blocks_are_shown_as_code_never_rendered() -> None:
    text = "<script>alert(1)</script>\n\nafter"
    blocks = markdown_blocks(text)
    assert [b.kind for b in blocks] == ["code", "paragraph"]
    assert blocks[0].display_text(text) == "<script>alert(1)</script>"


@pytest.mark.parametrize("text", ["", "\n\n", "#", "> ", "- ", "```", "[a]: http://x"])
def test_degenerate_sources(text: str) -> None:
    for block in markdown_blocks(text):
        assert 0 <= block.start <= block.end <= len(text)


_MARKDOWN = st.text(
    alphabet=st.sampled_from([*"ab #*_`[]()<>!\\-+>=\n\r\t1.&;:/x", "é", "🚀"]),
    max_size=200,
)


@settings(max_examples=300)
@given(_MARKDOWN)
def test_spans_are_in_bounds_and_ordered(text: str) -> None:
    previous_end = 0
    for block in markdown_blocks(text):
        assert previous_end <= block.start <= block.end <= len(text)
        previous_end = block.end
        last = block.start
        for start, end in block.visible:
            assert block.start <= last <= start < end <= block.end
            last = end
        starts = [span.start for span in block.inline]
        assert starts == sorted(starts)
        for span in block.inline:
            assert block.start <= span.start < span.end <= block.end
        for offset in block.hard_breaks:
            assert any(start <= offset < end for start, end in block.visible)


_WORDS = st.lists(st.from_regex(r"[A-Za-z]{1,10}", fullmatch=True), min_size=1, max_size=20)


@given(_WORDS, st.sampled_from(["", "# ", "> ", "- ", "1. ", "## "]))
def test_plain_words_are_all_visible(words: list[str], prefix: str) -> None:
    text = prefix + " ".join(words)
    [block] = markdown_blocks(text)
    assert block.display_text(text) == " ".join(words)


def test_deeply_nested_emphasis_gives_nested_spans() -> None:
    depth = 200
    text = "*a **b " * depth + "c" + "** a*" * depth
    [block] = markdown_blocks(text)
    shown = "".join(text[start:end] for start, end in block.visible)
    assert shown.count("c") == 1
    assert len(block.inline) == 2 * depth
    spans = sorted(block.inline, key=lambda span: (span.start, -span.end))
    for outer, inner in itertools.pairwise(spans):
        assert outer.start <= inner.start
        assert inner.end <= outer.end  # each span inside the one that opened before it
    assert {span.style for span in block.inline} == {"em", "strong"}
    centre = text.index("c")
    assert all(span.start <= centre < span.end for span in block.inline)

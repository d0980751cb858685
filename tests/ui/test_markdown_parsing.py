"""A large Markdown text parsed in two passes shows every character once, in order."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.loaders.markdown_blocks import markdown_blocks
from spacereader.ui import markdown_parsing
from spacereader.ui.markdown_parsing import blocks_in_order

PIECES = [
    "A paragraph about the *Lunar Gateway* and [ISRO][isro].\n\n",
    "A paragraph that is\nwrapped over two lines.\n\n",
    "- an item\n- another item\n\n  with a second paragraph\n\n",
    "1. first\n2. second\n\n",
    "> a quote\n> that goes on\n\n",
    "```\ncode\n\nwith a blank line\n```\n\n",
    "    indented code\n\n    more of it\n\n",
    "## A heading\n\n",
    "---\n\n",
    "[isro]: https://www.isro.gov.in\n\n",
    # No blank line for a while: the opening may be cut at a line break instead.
    "a line of *text*\nand one more\n",
    "| 1 | 2 |\n| 3 | 4 |\n",
]


def shown(blocks: object) -> list[tuple[int, int]]:
    return [piece for block in blocks if block is not None for piece in block.visible]  # type: ignore[attr-defined]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), st.integers(10, 400))
def test_two_pass_blocks_show_what_one_pass_shows(pieces: list[str], opening: int) -> None:
    text = "".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown_parsing, "LARGE_TEXT", 0)
        patch.setattr(markdown_parsing, "OPENING", opening)
        two_pass = list(blocks_in_order(text))
    visible = shown(two_pass)
    joined = "".join(text[start:end] for start, end in visible)
    assert joined == "".join(text[start:end] for start, end in shown(markdown_blocks(text)))
    assert all(a[1] <= b[0] for a, b in pairwise(visible))


def test_a_small_text_is_parsed_at_once() -> None:
    text = "# Title\n\nA paragraph.\n"
    assert list(blocks_in_order(text)) == markdown_blocks(text)


DEFINITION_LINES = [
    "[a]: http://x\n",
    " [b]:  https://y 'z'\n",
    "text ]: no\n",
    "x[c]: http://z\n",
    "    [d]: http://w\n",
    "plain line\n",
    "\n",
    "[e]:\n",
    "]:",
]


def test_an_opening_without_a_blank_line_is_cut_at_a_line_break() -> None:
    rows = "".join(f"| {n} | lunar | station |\n" for n in range(20_000))
    cut = markdown_parsing.opening_cut(rows)
    assert markdown_parsing.OPENING <= cut <= 4 * markdown_parsing.OPENING
    assert rows[cut] == "\n"
    assert markdown_parsing.opening_cut("x" * 1_000_000) == 0


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(DEFINITION_LINES),
        max_size=30,
    ).map("".join),
    st.integers(0, 200),
)
def test_definitions_after_an_offset_are_those_the_pattern_finds(text: str, start: int) -> None:
    expected = [m.group() for m in markdown_parsing._DEFINITION.finditer(text, start)]
    assert markdown_parsing.definitions_after(text, start) == expected

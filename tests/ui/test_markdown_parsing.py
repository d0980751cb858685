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

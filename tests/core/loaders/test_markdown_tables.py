"""A Markdown table (one paragraph of many lines to CommonMark) maps back to its
source line by line, in work proportional to its size."""

from __future__ import annotations

import pytest

from spacereader.core.loaders import markdown_blocks as blocks_module
from spacereader.core.loaders.markdown_blocks import markdown_blocks

ROW = "| {n} | lunar | station |\n"


def table(rows: int) -> str:
    return "| a | b | c |\n|---|---|---|\n" + "".join(ROW.format(n=n) for n in range(rows))


class CountingRows(list):  # type: ignore[type-arg]
    """A list that counts how many of its rows are looked at."""

    looked_at = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        for row in super().__iter__():
            CountingRows.looked_at += 1
            yield row

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        CountingRows.looked_at += 1
        return super().__getitem__(index)


def test_mapping_a_table_looks_at_each_line_a_few_times(monkeypatch: pytest.MonkeyPatch) -> None:
    real_init = blocks_module._ContentMap.__init__

    def counting_init(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        real_init(self, *args, **kwargs)
        self.rows = CountingRows(self.rows)

    monkeypatch.setattr(blocks_module._ContentMap, "__init__", counting_init)
    rows = 3000
    CountingRows.looked_at = 0
    blocks = markdown_blocks(table(rows))
    assert len(blocks) == 1
    # Each line is a text token and a soft break: a few looks per line, not one per
    # line for each of the thousands of pieces.
    assert CountingRows.looked_at < 20 * rows


def test_a_large_table_shows_every_line_as_a_small_one_does() -> None:
    text = table(5000)
    (block,) = markdown_blocks(text)
    assert block.display_text(text) == text.rstrip("\n")
    small = table(3)
    (small_block,) = markdown_blocks(small)
    assert block.visible[: len(small_block.visible) - 1] == small_block.visible[:-1]

"""Markdown the reader could not set in reasonable time: a table (one paragraph of
thousands of lines), deep nested emphasis (one block of thousands of styles), and
the French spaces of a large text bound all at once on the GUI thread."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from spacereader.core.document import Document, DocumentFormat
from spacereader.core.loaders.markdown_blocks import markdown_blocks
from spacereader.ui import typography
from spacereader.ui.markdown_renderer import LONG_BLOCK
from spacereader.ui.reader import ReaderView
from tests.documents import loose_document

WAIT_MS = 60_000


def markdown_document(text: str) -> Document:
    return loose_document(text, DocumentFormat.MARKDOWN, doc_id="large", title="Large")


@pytest.fixture
def reader(qtbot: QtBot) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def qt_block_lengths(reader: ReaderView) -> list[int]:
    lengths = []
    block = reader.document().begin()
    while block.isValid():
        lengths.append(block.length())
        block = block.next()
    return lengths


def shown_as_mapped(reader: ReaderView, text: str) -> str:
    return "".join(text[s.doc_start : s.doc_end] for s in reader.text_map.segments)


def expected_shown(text: str) -> str:
    return "".join(block.display_text(text) for block in markdown_blocks(text))


def test_deep_emphasis_is_set_in_short_qt_blocks_a_slice_at_a_time(
    qtbot: QtBot, reader: ReaderView
) -> None:
    text = "*a **b " * 12_000 + "c" + "** a*" * 12_000  # one paragraph of 24,000 styles
    document = markdown_document(text)
    reader.show_document(document)
    # The first slice stops inside the paragraph: one block is not one step.
    assert 0 < reader.set_to() < len(text) // 2
    qtbot.waitUntil(lambda: not reader.rendering, timeout=WAIT_MS)
    assert max(qt_block_lengths(reader)) <= LONG_BLOCK + 3
    assert len(qt_block_lengths(reader)) > len(text) // LONG_BLOCK // 2
    assert shown_as_mapped(reader, text) == expected_shown(text)
    middle = text.index("c")
    cursor = reader.cursor_for(middle, middle + 1)
    assert cursor.selectedText() == "c"
    assert cursor.charFormat().fontItalic()
    assert cursor.charFormat().fontWeight() >= 700


def test_a_large_table_is_set_in_short_qt_blocks(qtbot: QtBot, reader: ReaderView) -> None:
    rows = "".join(f"| {n} | lunar | station |\n" for n in range(6000))
    text = "# Partners\n\n| a | b | c |\n|---|---|---|\n" + rows
    reader.show_document(markdown_document(text))
    qtbot.waitUntil(lambda: not reader.rendering, timeout=WAIT_MS)
    assert max(qt_block_lengths(reader)) <= LONG_BLOCK + 3
    assert shown_as_mapped(reader, text) == expected_shown(text)
    last = text.index("| 5999 |")
    assert reader.cursor_for(last, last + 8).selectedText() == "| 5999 |"
    # A Qt block ends at a line's end, not with a space opening the next one.
    block = reader.document().begin().next()
    while block.isValid():
        assert not block.text().startswith(" ")
        block = block.next()


def test_the_first_screen_binds_the_spaces_of_its_own_text_only(
    qtbot: QtBot, reader: ReaderView, monkeypatch: pytest.MonkeyPatch
) -> None:
    lengths: list[int] = []
    real = typography.keep_spaces_together

    def recording(text: str) -> str:
        lengths.append(len(text))
        return real(text)

    monkeypatch.setattr(typography, "keep_spaces_together", recording)
    section = "## Section {n}\n\nLe plan « Horizon » coûte 1 000 euros ; vraiment ?\n\n"
    text = "# Rapport\n\n" + "".join(section.format(n=n) for n in range(12_000))
    reader.show_document(markdown_document(text))
    assert lengths
    assert max(lengths) < len(text) // 4
    bound = "Le plan «\u00a0Horizon\u00a0» coûte 1\u00a0000 euros\u202f; vraiment\u202f?"
    assert bound in reader.document().toRawText()
    qtbot.waitUntil(lambda: not reader.rendering, timeout=WAIT_MS)
    assert reader.document().toRawText().count(bound) == 12_000

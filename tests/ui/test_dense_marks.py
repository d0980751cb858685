"""Marks of a block dense with them are drawn with the block's text: Qt redraws a
block's every line for each extra selection, a second a paint for a table of figures."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QTextBlock
from pytestqt.qtbot import QtBot

from spacereader.core.document import Document
from spacereader.ui.dense_marks import DENSE_MARKS
from spacereader.ui.highlight_formats import highlight_format
from spacereader.ui.reader import ReaderView
from tests.documents import loose_document

NUMBERS = " ".join(f"{n} km" for n in range(300))  # one paragraph of 300 figures
TEXT = f"A table of distances\n\nThe station is 400 km up and 12 km wide.\n\n{NUMBERS}\n"


def document() -> Document:
    return loose_document(TEXT, doc_id="dense", title="Dense")


@pytest.fixture
def reader(qtbot: QtBot) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    view.show_document(document())
    return view


def figures() -> list[tuple[int, int]]:
    return [match.span() for match in re.finditer(r"\d+", TEXT)]


def block_holding(reader: ReaderView, offset: int) -> QTextBlock:
    return reader.document().findBlock(reader.text_map.to_view(offset))


def test_a_dense_block_carries_its_marks_and_a_sparse_one_selections(reader: ReaderView) -> None:
    spans = figures()
    reader.set_highlights("figures", spans)
    dense = block_holding(reader, TEXT.index(NUMBERS))
    sparse = block_holding(reader, TEXT.index("400 km"))
    formats = dense.layout().formats()
    assert len(formats) == len(spans) - 2 > DENSE_MARKS
    tint = highlight_format("figure", reader.palette()).background().color()
    assert all(found.format.background().color() == tint for found in formats)
    first = formats[0]
    start = TEXT.index(NUMBERS)
    assert (first.start, first.length) == (reader.text_map.to_view(start) - dense.position(), 1)
    # Only the two marks of the sparse paragraph are extra selections.
    selected = [selection.cursor.selectedText() for selection in reader.extraSelections()]
    assert selected == ["400", "12"]
    assert not sparse.layout().formats()


def test_the_current_hit_stays_on_top_and_cleared_marks_go(reader: ReaderView) -> None:
    reader.set_highlights("figures", figures())
    hit = TEXT.index("150 km")
    reader.set_highlights("current", [(hit, hit + 3)])
    assert "150" in [selection.cursor.selectedText() for selection in reader.extraSelections()]
    reader.clear_highlights("figures")
    assert not block_holding(reader, TEXT.index(NUMBERS)).layout().formats()
    assert [selection.cursor.selectedText() for selection in reader.extraSelections()] == ["150"]


def test_a_new_document_starts_with_no_marks(reader: ReaderView) -> None:
    reader.set_highlights("figures", figures())
    reader.show_document(document())
    assert not block_holding(reader, TEXT.index(NUMBERS)).layout().formats()
    assert reader.extraSelections() == []

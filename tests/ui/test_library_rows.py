"""Library rows keep room for both lines, whatever documents come and go."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from spacereader.core.document import DocumentFormat, DocumentInfo
from spacereader.ui.library_panel import LibraryPanel

BRIEF = DocumentInfo(
    id="brief",
    title="ILRS partners meet in Hefei",
    source="Xinhua",
    date="April 24, 2025",
    category="Space",
    format=DocumentFormat.TEXT,
    path=Path("/nowhere/brief.txt"),
    chars=1200,
    content_hash="h1",
    bundled=False,
)


def test_rows_are_two_lines_high_after_a_document_without_details_comes_in(
    qtbot: QtBot,
) -> None:
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.resize(320, 400)
    panel.show()
    panel.set_documents([BRIEF])
    note = replace(BRIEF, id="note", title="A note", source="", date="", category="")
    # The import brings a document with no source, date or category.
    panel.set_documents([BRIEF, note])
    qtbot.wait(10)
    view = panel.view
    model = view.model()
    option = QStyleOptionViewItem()
    option.font = view.font()
    brief_row = next(
        row for row in range(model.rowCount()) if model.index(row, 0).data() != "A note"
    )
    needed = view.itemDelegate().sizeHint(option, model.index(brief_row, 0)).height()
    rects = [view.visualRect(model.index(row, 0)) for row in range(model.rowCount())]
    for rect in rects:
        assert rect.height() >= needed
    assert rects[0].bottom() < rects[1].top()

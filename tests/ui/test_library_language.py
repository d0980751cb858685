"""The Library panel shows each document's language as a badge, and finds documents by it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from spacereader.core.document import DocumentFormat, DocumentInfo
from spacereader.ui.item_delegate import BADGE_ROLE
from spacereader.ui.library_panel import LibraryPanel


def _info(doc_id: str, title: str, language: str) -> DocumentInfo:
    return DocumentInfo(
        id=doc_id,
        title=title,
        source="CNES",
        date="28 janvier 2022",
        category="",
        format=DocumentFormat.TEXT,
        path=Path(f"/nowhere/{doc_id}.txt"),
        chars=1200,
        content_hash=doc_id * 4,
        bundled=False,
        language=language,
    )


DOCUMENTS = [
    _info("a1", "La Chine publie son livre blanc", "fr"),
    _info("b2", "China releases its white paper", "en"),
    _info("c3", "ILRS 2035", ""),
    _info("d4", "L'Agence spatiale canadienne", "fr-CA"),
]


def _panel(qtbot: QtBot) -> LibraryPanel:
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.resize(320, 300)
    panel.set_documents(DOCUMENTS)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_each_row_carries_its_language(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    model = panel.view.model()
    badges = [model.index(row, 0).data(BADGE_ROLE) for row in range(model.rowCount())]
    assert badges == ["FR", "EN", "", "FR"]
    first = model.index(0, 0)
    assert "French" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert "French" in first.data(Qt.ItemDataRole.AccessibleTextRole)


def test_the_filter_finds_documents_by_language(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.filter_edit.setText("french")
    model = panel.view.model()
    assert model.rowCount() == 2
    assert {model.index(row, 0).data(BADGE_ROLE) for row in range(2)} == {"FR"}


def _ink_at_the_right(panel: LibraryPanel, row: int) -> int:
    """Pixels unlike the background in the last 40 pixels of a row's title line."""
    view = panel.view
    rect = view.visualRect(view.model().index(row, 0))
    image = view.viewport().grab(rect).toImage()
    background = QColor(image.pixel(image.width() // 2, image.height() - 2))
    top = 4
    return sum(
        QColor(image.pixel(x, y)) != background
        for x in range(image.width() - 40, image.width())
        for y in range(top, image.height() // 2)
    )


def test_the_badge_is_drawn_where_a_language_is_known(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    assert _ink_at_the_right(panel, 0) > 20
    assert _ink_at_the_right(panel, 1) > 20
    assert _ink_at_the_right(panel, 2) == 0

"""The main window as a user meets it: title, article, docks, restored state."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QTextLayout
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp, build
from spacereader.ui.main_window import DOCKS

TITLE = "China Releases Space Plan: ‘Steady As She Goes’"


def test_window_title_is_the_article_title(reader_app: SpaceReaderApp) -> None:
    assert reader_app.window.windowTitle() == f"{TITLE} — SpaceReader"


def test_article_shows_title_header_and_body_without_furniture(
    reader_app: SpaceReaderApp,
) -> None:
    shown = reader_app.reader.toPlainText()
    lines = shown.splitlines()
    assert lines[1] == TITLE
    assert "EIRNS — Jan. 28" in lines[2]
    assert "Space / Espace" in lines[0]
    assert "Back to previous selection" not in shown
    assert "Printable version" not in shown
    assert "International Lunar Research Station (ILRS)" in shown


def test_title_is_set_larger_than_the_body(reader_app: SpaceReaderApp) -> None:
    document = reader_app.reader.document()
    title_block = document.findBlockByNumber(1)
    body_block = document.findBlockByNumber(3)
    title_size = title_block.charFormat().font().pointSizeF()
    body_size = body_block.charFormat().font().pointSizeF()
    assert title_block.text() == TITLE
    assert title_size > body_size * 1.5


def test_paragraphs_are_set_at_a_comfortable_measure(reader_app: SpaceReaderApp) -> None:
    document = reader_app.reader.document()
    block = document.findBlockByNumber(3)
    layout: QTextLayout = block.layout()
    full_lines = [layout.lineAt(i).textLength() for i in range(layout.lineCount() - 1)]
    assert len(full_lines) >= 3
    average = sum(full_lines) / len(full_lines)
    assert 60 <= average <= 78, average


def test_selection_maps_to_offsets_in_the_original_text(
    reader_app: SpaceReaderApp, seed_text: str
) -> None:
    reader = reader_app.reader
    shown = reader.toPlainText()
    cursor = reader.textCursor()
    view_start = shown.index("International Lunar Research Station")
    cursor.setPosition(view_start)
    cursor.setPosition(
        view_start + len("International Lunar Research Station (ILRS)"), cursor.MoveMode.KeepAnchor
    )
    reader.setTextCursor(cursor)
    span = reader.selected_span()
    assert span is not None
    assert seed_text[span[0] : span[1]] == "International Lunar Research Station (ILRS)"


def test_selected_text_can_be_copied(reader_app: SpaceReaderApp, qtbot: QtBot) -> None:
    reader = reader_app.reader
    reader.setFocus()
    reader.selectAll()
    reader.copy()
    copied = QGuiApplication.clipboard().text()
    assert "the first interplanetary mission to Mars" in copied


def test_every_dock_exists_and_is_in_the_view_menu(reader_app: SpaceReaderApp) -> None:
    window = reader_app.window
    for spec in DOCKS:
        dock = window.docks[spec.key]
        assert dock.objectName() == f"{spec.key}-dock"
        assert dock.windowTitle() == spec.title
        assert window.actions_by_name[f"view-{spec.key}"] is dock.toggleViewAction()
    view_menu_texts = [a.text() for a in window.menus["view"].actions()]
    assert "&Panels" in view_menu_texts


def test_library_dock_lists_the_article_and_opens_it(reader_app: SpaceReaderApp) -> None:
    panel = reader_app.library_panel
    assert len(panel.document_ids()) == 1
    index = panel.view.model().index(0, 0)
    assert index.data() == TITLE
    assert "EIRNS" in index.data(Qt.ItemDataRole.UserRole + 100)


def test_layout_and_last_document_are_restored(qtbot: QtBot) -> None:
    first = build()
    qtbot.addWidget(first.window)
    first.window.show()
    qtbot.waitExposed(first.window)
    first.window.resize(720, 540)
    first.window.docks["programs"].hide()
    first.window.close()
    first.library.close()

    second = build()
    qtbot.addWidget(second.window)
    second.window.show()
    qtbot.waitExposed(second.window)
    assert (second.window.width(), second.window.height()) == (720, 540)
    assert second.window.docks["programs"].isHidden()
    assert not second.window.docks["library"].isHidden()
    assert second.reader.current_document is not None
    settings: QSettings = second.settings
    assert settings.value("reader/last_document") == second.reader.current_document.id
    second.window.close()
    second.library.close()

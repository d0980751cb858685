"""Driving the app by keyboard: the Library follows the arrow keys, every action is
in a menu, bookmarks have a context menu, and the shortcuts list is complete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp
from spacereader.ui.shortcuts_dialog import ShortcutsDialog, shortcut_rows
from tests.ui.conftest import import_and_wait
from tests.ui.test_bookmarks_ui import select_in_reader, wait_store


@pytest.fixture
def two_documents(qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path) -> SpaceReaderApp:
    other = tmp_path / "gateway.txt"
    other.write_text("Gateway brief\n\nThe Gateway station will orbit the Moon.\n", "utf-8")
    import_and_wait(qtbot, reader_app, other)
    return reader_app


def shown_id(app: SpaceReaderApp) -> str:
    document = app.reader.current_document
    assert document is not None
    return document.id


def menu_texts(menu: QMenu) -> list[str]:
    return [action.text().replace("&", "") for action in menu.actions()]


def test_arrow_keys_in_the_library_open_the_document_they_select(
    two_documents: SpaceReaderApp,
) -> None:
    app = two_documents
    view = app.library_panel.view
    view.setFocus()
    first = shown_id(app)
    key = Qt.Key.Key_Down if app.library_panel.document_ids()[0] == first else Qt.Key.Key_Up
    QTest.keyClick(view, key)
    assert shown_id(app) != first
    assert app.library_panel.current_id() == shown_id(app)
    QTest.keyClick(view, Qt.Key.Key_Up if key == Qt.Key.Key_Down else Qt.Key.Key_Down)
    assert shown_id(app) == first == app.library_panel.current_id()


def test_filtering_the_library_does_not_open_documents(two_documents: SpaceReaderApp) -> None:
    app = two_documents
    first = shown_id(app)
    app.library_panel.filter_edit.setFocus()
    app.library_panel.filter_edit.setText("gateway")
    app.library_panel.filter_edit.setText("")
    assert shown_id(app) == first


def test_remove_from_library_is_in_the_file_menu_and_on_delete(
    two_documents: SpaceReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = two_documents
    asked: list[str] = []
    monkeypatch.setattr(app.importer, "confirm_removal", lambda title: (asked.append(title), False))
    file_menu = menu_texts(app.window.menus["file"])
    assert file_menu.index("Remove from Library…") < file_menu.index("Export Briefing…")
    app.library_panel.view.setFocus()
    QTest.keyClick(app.library_panel.view, Qt.Key.Key_Delete)
    assert asked == [app.reader.current_document.title]  # type: ignore[union-attr]
    app.reader.setFocus()
    QTest.keyClick(app.reader, Qt.Key.Key_Delete)  # not in the list: nothing is removed
    assert len(asked) == 1
    app.window.actions_by_name["remove-document"].trigger()
    assert len(asked) == 2


def test_delete_bookmark_is_in_the_edit_menu_and_on_delete(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_store(qtbot, reader_app)
    select_in_reader(reader_app, "Belt and Road countries")
    reader_app.bookmarks.bookmark_passage()
    assert "Delete Bookmark" in menu_texts(reader_app.window.menus["edit"])
    panel = reader_app.bookmarks_panel
    panel.note_edit.setFocus()
    QTest.keyClick(panel.note_edit, Qt.Key.Key_Delete)  # deletes a character, not the bookmark
    assert len(reader_app.bookmarks.bookmarks) == 1
    panel.tree.setFocus()
    QTest.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert reader_app.bookmarks.bookmarks == {}
    assert not reader_app.window.actions_by_name["delete-bookmark"].isEnabled()


def test_bookmarks_have_a_context_menu(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    wait_store(qtbot, reader_app)
    select_in_reader(reader_app, "Belt and Road countries")
    reader_app.bookmarks.bookmark_passage()
    panel = reader_app.bookmarks_panel
    bookmark = panel.current_bookmark()
    assert bookmark is not None
    menu = panel.context_menu(panel.model.find(bookmark.id))
    assert menu is not None
    assert menu_texts(menu) == ["Go to Passage", "Edit Note", "Copy Quote", "", "Delete Bookmark"]
    actions = {action.text().replace("&", ""): action for action in menu.actions()}
    actions["Copy Quote"].trigger()
    assert QApplication.clipboard().text() == "Belt and Road countries"
    actions["Edit Note"].trigger()
    assert QApplication.focusWidget() is panel.note_edit
    actions["Delete Bookmark"].trigger()
    assert reader_app.bookmarks.bookmarks == {}
    menu.deleteLater()
    group = panel.model.index(0, 0)
    assert not group.isValid() or panel.context_menu(group) is None


def test_the_shortcuts_list_holds_every_key_the_window_answers(reader_app: SpaceReaderApp) -> None:
    rows = shortcut_rows(reader_app.window)
    listed = {(row.action, row.keys) for row in rows}
    for action in reader_app.window.findChildren(QAction):
        for sequence in action.shortcuts():
            text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            assert any(action is row.source and text in row.keys for row in rows), action.text()
    for shortcut in reader_app.window.findChildren(QShortcut):
        assert any(shortcut is row.source for row in rows), shortcut.key().toString()
    by_action = {row.action: row for row in rows}
    assert by_action["Edit › Delete Bookmark"].keys == "Del"
    assert by_action["Edit › Delete Bookmark"].where == "Bookmarks list"
    assert by_action["File › Remove from Library…"].keys == "Del"
    assert by_action["File › Remove from Library…"].where == "Documents list"
    assert by_action["Edit › Clear Search Highlights"].keys == "Esc"
    assert by_action["Return to the Text"].keys == "Esc"
    assert by_action["Return to the Text"].where == "Bookmark note, Bookmark tags"
    assert by_action["Edit › Bookmark Passage"].keys == "Ctrl+D"
    assert by_action["Edit › Bookmark Passage"].where == "Anywhere"
    assert ("View › Panels › Search", "Ctrl+Shift+S") in listed
    assert by_action["Edit › Undo"].keys == "Ctrl+Z"  # whatever the next step is called
    dialog = ShortcutsDialog(reader_app.window, reader_app.window)
    assert dialog.table.rowCount() == len(rows)
    dialog.close()


def test_escape_in_the_note_returns_to_the_text(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    wait_store(qtbot, reader_app)
    select_in_reader(reader_app, "Belt and Road countries")
    reader_app.bookmarks.bookmark_passage()
    panel = reader_app.bookmarks_panel
    panel.tags_edit.setFocus()
    qtbot.keyClicks(panel.tags_edit, "brics")
    QTest.keyClick(panel.tags_edit, Qt.Key.Key_Escape)
    assert reader_app.reader.hasFocus()
    assert next(iter(reader_app.bookmarks.bookmarks.values())).tags == ("brics",)

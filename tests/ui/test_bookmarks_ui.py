"""Bookmarks in the app: Ctrl+D, the note typed at once, Esc, undo, marks, the dock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp
from spacereader.core.bookmarks import BookmarkStore
from tests.ui.conftest import import_and_wait

WAIT_MS = 20000


def wait_store(qtbot: QtBot, app: SpaceReaderApp) -> None:
    qtbot.waitUntil(lambda: app.bookmarks.store is not None, timeout=WAIT_MS)


def select_in_reader(app: SpaceReaderApp, phrase: str) -> None:
    reader = app.reader
    shown = reader.toPlainText()
    cursor = reader.textCursor()
    start = shown.index(phrase)
    cursor.setPosition(start)
    cursor.setPosition(start + len(phrase), cursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    reader.setFocus()


def test_ctrl_d_bookmarks_the_selection_and_focuses_the_note(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_store(qtbot, reader_app)
    select_in_reader(reader_app, "46 space cooperation agreements")
    QTest.keyClick(reader_app.window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    [bookmark] = reader_app.bookmarks.bookmarks.values()
    assert bookmark.quote == "46 space cooperation agreements"
    text = reader_app.reader.current_document.text  # type: ignore[union-attr]
    assert text[bookmark.start : bookmark.end] == bookmark.quote
    panel = reader_app.bookmarks_panel
    assert QApplication.focusWidget() is panel.note_edit
    qtbot.keyClicks(panel.note_edit, "signed since 2016")
    panel.note_edit.insertPlainText(" — «note»")  # QTest types ASCII only
    QTest.keyClick(panel.note_edit, Qt.Key.Key_Escape)
    assert reader_app.reader.hasFocus()
    assert reader_app.bookmarks.bookmarks[bookmark.id].note == "signed since 2016 — «note»"
    assert reader_app.reader.highlights("bookmarks") == [(bookmark.start, bookmark.end)]


def test_escape_leaves_the_note_empty(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    wait_store(qtbot, reader_app)
    select_in_reader(reader_app, "19 countries and regions")
    QTest.keyClick(reader_app.window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(reader_app.bookmarks_panel.note_edit, Qt.Key.Key_Escape)
    [bookmark] = reader_app.bookmarks.bookmarks.values()
    assert bookmark.note == ""
    assert reader_app.reader.hasFocus()


def test_without_a_selection_the_current_search_hit_is_bookmarked(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_store(qtbot, reader_app)
    qtbot.waitUntil(lambda: reader_app.search.indexed, timeout=WAIT_MS)
    panel = reader_app.search_panel
    panel.field.setText("memoranda")
    panel.query_submitted.emit("memoranda")
    qtbot.waitUntil(lambda: reader_app.search.navigator.current() is not None, timeout=WAIT_MS)
    hit = reader_app.search.navigator.current()
    assert hit is not None
    reader_app.reader.setTextCursor(reader_app.reader.textCursor())  # no selection
    reader_app.bookmarks.bookmark_passage()
    [bookmark] = reader_app.bookmarks.bookmarks.values()
    assert (bookmark.start, bookmark.end) == (hit.start, hit.end)


def test_without_selection_or_hit_the_passage_at_the_top_is_bookmarked(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_store(qtbot, reader_app)
    reader_app.bookmarks.bookmark_passage()
    [bookmark] = reader_app.bookmarks.bookmarks.values()
    document = reader_app.reader.current_document
    assert document is not None
    assert bookmark.quote == document.structure.paragraphs[0].text(document.text)


def test_delete_and_edit_are_undoable(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    wait_store(qtbot, reader_app)
    select_in_reader(reader_app, "almost 1,000 space industry professionals")
    reader_app.bookmarks.bookmark_passage()
    [bookmark] = reader_app.bookmarks.bookmarks.values()
    panel = reader_app.bookmarks_panel
    panel.tags_edit.setText("people, training")
    panel.tags_edit.editingFinished.emit()
    assert reader_app.bookmarks.bookmarks[bookmark.id].tags == ("people", "training")
    reader_app.bookmarks.delete(bookmark.id)
    assert reader_app.bookmarks.bookmarks == {}
    reader_app.window.setFocus()
    reader_app.undo_stack.undo()
    assert reader_app.bookmarks.bookmarks[bookmark.id].tags == ("people", "training")
    reader_app.undo_stack.undo()
    assert reader_app.bookmarks.bookmarks[bookmark.id].tags == ()
    reader_app.undo_stack.undo()
    assert reader_app.bookmarks.bookmarks == {}
    assert reader_app.bookmarks.store is not None
    assert len(reader_app.bookmarks.store) == 0
    reader_app.undo_stack.redo()
    assert len(reader_app.bookmarks.store) == 1


def test_dock_groups_by_document_and_filters(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    wait_store(qtbot, reader_app)
    for phrase, note in (("lunar exploration program", "moon"), ("space station", "orbit")):
        select_in_reader(reader_app, phrase)
        reader_app.bookmarks.bookmark_passage()
        reader_app.bookmarks_panel.note_edit.setPlainText(note)
        QTest.keyClick(reader_app.bookmarks_panel.note_edit, Qt.Key.Key_Escape)
    model = reader_app.bookmarks_panel.model
    assert model.rowCount() == 1
    assert str(model.index(0, 0).data()).endswith("(2)")
    reader_app.bookmarks_panel.filter_edit.setText("orbit")
    assert model.count() == 1
    assert reader_app.bookmarks_panel.count_label.text() == "1 of 2 bookmarks"


def test_bookmarks_survive_a_restart(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    wait_store(qtbot, reader_app)
    select_in_reader(reader_app, "Belt and Road countries")
    reader_app.bookmarks.bookmark_passage()
    reader_app.window.close()
    with BookmarkStore() as store:
        [saved] = store.list()
    assert saved.quote == "Belt and Road countries"


def test_note_search_finds_bookmarks(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    wait_store(qtbot, reader_app)
    select_in_reader(reader_app, "space industry professionals")
    reader_app.bookmarks.bookmark_passage()
    reader_app.bookmarks_panel.note_edit.setPlainText("training numbers")
    QTest.keyClick(reader_app.bookmarks_panel.note_edit, Qt.Key.Key_Escape)
    panel = reader_app.search_panel
    panel.field.setText("note:training")
    panel.query_changed.emit("note:training")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT_MS)
    assert str(panel.model.item(0).text()).startswith("Bookmarks")


def test_a_pause_while_typing_the_note_keeps_the_text_in_order(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_store(qtbot, reader_app)
    select_in_reader(reader_app, "the space station")
    reader_app.bookmarks.bookmark_passage()
    note = reader_app.bookmarks_panel.note_edit
    qtbot.keyClicks(note, "Moon base")
    qtbot.wait(900)  # the note is saved after a pause in typing
    qtbot.keyClicks(note, " plans")
    QTest.keyClick(note, Qt.Key.Key_Escape)
    [bookmark] = reader_app.bookmarks.bookmarks.values()
    assert bookmark.note == "Moon base plans"


def test_a_selection_cut_inside_a_word_bookmarks_whole_words(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_store(qtbot, reader_app)
    select_in_reader(reader_app, " 46 space cooperation agre")
    QTest.keyClick(reader_app.window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    [bookmark] = reader_app.bookmarks.bookmarks.values()
    assert bookmark.quote == "46 space cooperation agreements"


def test_ctrl_d_twice_on_one_passage_selects_the_bookmark_it_made(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_store(qtbot, reader_app)
    select_in_reader(reader_app, "46 space cooperation agreements")
    QTest.keyClick(reader_app.window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    panel = reader_app.bookmarks_panel
    qtbot.keyClicks(panel.note_edit, "first")
    QTest.keyClick(panel.note_edit, Qt.Key.Key_Escape)
    select_in_reader(reader_app, "46 space cooperation agreem")  # the same words, cut short
    QTest.keyClick(reader_app.window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    [bookmark] = reader_app.bookmarks.bookmarks.values()
    assert reader_app.bookmarks.store is not None
    assert len(reader_app.bookmarks.store) == 1
    assert panel.current_bookmark() == bookmark
    assert panel.note_edit.toPlainText() == "first"
    assert QApplication.focusWidget() is panel.note_edit
    assert "already bookmarked" in reader_app.window.statusBar().currentMessage()
    cursor = reader_app.reader.textCursor()
    cursor.clearSelection()
    reader_app.reader.setTextCursor(cursor)
    reader_app.bookmarks.bookmark_passage()  # no selection: the paragraph at the top
    reader_app.bookmarks.bookmark_passage()
    assert len(reader_app.bookmarks.store) == 2


def bookmark_and_type(qtbot: QtBot, app: SpaceReaderApp, phrase: str, note: str) -> str:
    """Ctrl+D on a phrase, then type a note, without pausing (nothing saved yet by idling)."""
    wait_store(qtbot, app)
    select_in_reader(app, phrase)
    QTest.keyClick(app.window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(app.bookmarks_panel.note_edit, note)
    bookmark = app.bookmarks_panel.current_bookmark()
    assert bookmark is not None
    return bookmark.id


def saved_note(bookmark_id: str) -> str:
    with BookmarkStore() as store:
        return store.get(bookmark_id).note


def test_a_note_typed_just_before_quitting_is_saved(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    bookmark_id = bookmark_and_type(qtbot, reader_app, "Belt and Road countries", "quick one")
    QTest.keyClick(
        reader_app.bookmarks_panel.note_edit, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
    )
    assert not reader_app.window.isVisible()
    assert saved_note(bookmark_id) == "quick one"


def test_a_note_is_saved_before_another_document_opens(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Other brief\n\nThe Gateway station will orbit the Moon.\n", encoding="utf-8")
    first = reader_app.reader.current_document
    assert first is not None
    import_and_wait(qtbot, reader_app, other)
    reader_app.open_document(first.id)
    bookmark_id = bookmark_and_type(qtbot, reader_app, "Belt and Road countries", "read later")
    other_id = next(i for i in reader_app.library_panel.document_ids() if i != first.id)
    reader_app.open_document(other_id)
    assert saved_note(bookmark_id) == "read later"


def test_leaving_the_note_saves_it_at_once(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    bookmark_id = bookmark_and_type(qtbot, reader_app, "Belt and Road countries", "at once")
    reader_app.library_panel.view.setFocus()
    assert saved_note(bookmark_id) == "at once"


def test_a_note_typed_then_searched_or_exported_is_there(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    bookmark_id = bookmark_and_type(qtbot, reader_app, "Belt and Road countries", "zephyr")
    assert [b.id for b in reader_app.bookmarks.matching("note:zephyr")] == [bookmark_id]


def test_deleting_a_bookmark_keeps_its_typed_note_for_undo_and_closes_the_editor(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    bookmark_id = bookmark_and_type(qtbot, reader_app, "Belt and Road countries", "keep me")
    panel = reader_app.bookmarks_panel
    reader_app.bookmarks.delete(bookmark_id)
    assert reader_app.bookmarks.bookmarks == {}
    assert not panel.note_edit.isEnabled()
    assert not panel.tags_edit.isEnabled()
    assert panel.note_edit.toPlainText() == ""
    assert panel.current_bookmark() is None
    reader_app.window.setFocus()
    reader_app.undo_stack.undo()
    assert reader_app.bookmarks.bookmarks[bookmark_id].note == "keep me"


def test_undo_of_a_note_shows_the_old_note_and_is_not_saved_over(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    bookmark_id = bookmark_and_type(qtbot, reader_app, "Belt and Road countries", "draft")
    panel = reader_app.bookmarks_panel
    QTest.keyClick(panel.note_edit, Qt.Key.Key_Escape)
    panel.tags_edit.setFocus()
    qtbot.keyClicks(panel.tags_edit, "brics")
    reader_app.reader.setFocus()
    assert reader_app.bookmarks.bookmarks[bookmark_id].tags == ("brics",)
    reader_app.undo_stack.undo()  # the tags
    reader_app.undo_stack.undo()  # the note
    assert panel.note_edit.toPlainText() == ""
    assert panel.tags_edit.text() == ""
    reader_app.window.close()
    with BookmarkStore() as store:
        restored = store.get(bookmark_id)
    assert (restored.note, restored.tags) == ("", ())


def test_a_note_edited_out_of_the_filter_stays_in_the_editor(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    bookmark_id = bookmark_and_type(qtbot, reader_app, "Belt and Road countries", "draft")
    panel = reader_app.bookmarks_panel
    panel.commit_edits()
    panel.filter_edit.setText("draft")
    panel.note_edit.setFocus()
    panel.note_edit.selectAll()
    qtbot.keyClicks(panel.note_edit, "final")
    panel.commit_edits()  # as the pause in typing would
    assert panel.model.count() == 0  # the filter no longer matches
    assert panel.note_edit.isEnabled()
    assert panel.note_edit.toPlainText() == "final"
    assert saved_note(bookmark_id) == "final"

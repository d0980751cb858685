"""Searching as a user does: Ctrl+F, typing, Enter, F3, Esc."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp

WAIT_MS = 20000


def wait_indexed(qtbot: QtBot, app: SpaceReaderApp) -> None:
    qtbot.waitUntil(lambda: app.search.indexed, timeout=WAIT_MS)


def search_for(qtbot: QtBot, app: SpaceReaderApp, query: str) -> None:
    QTest.keyClick(app.window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field = app.search_panel.field
    assert field.hasFocus()
    qtbot.keyClicks(field, query)
    QTest.keyClick(field, Qt.Key.Key_Return)


def test_ctrl_f_type_enter_highlights_the_first_hit(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_indexed(qtbot, reader_app)
    search_for(qtbot, reader_app, "ILRS")
    reader = reader_app.reader
    qtbot.waitUntil(lambda: bool(reader.highlights("current")), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(reader.highlights("search")), timeout=WAIT_MS)
    text = reader.current_document.text if reader.current_document else ""
    marked = {text[start:end] for start, end in reader.highlights("search")}
    # The acronym and its expansion are one name: both forms are marked.
    assert "ILRS" in marked
    assert "International Lunar Research Station" in marked
    assert reader_app.window.statusBar().currentMessage().startswith("hit 1 of ")
    assert reader_app.search_panel.model.rowCount() >= 1


def test_f3_steps_to_the_next_hit_and_shift_f3_back(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_indexed(qtbot, reader_app)
    search_for(qtbot, reader_app, "space")
    status = reader_app.window.statusBar()
    qtbot.waitUntil(lambda: status.currentMessage().startswith("hit 1 of "), timeout=WAIT_MS)
    total = int(status.currentMessage().rsplit(" ", 1)[1])
    assert total >= 2
    first = reader_app.reader.highlights("current")
    QTest.keyClick(reader_app.window, Qt.Key.Key_F3)
    assert status.currentMessage() == f"hit 2 of {total}"
    assert reader_app.reader.highlights("current") != first
    QTest.keyClick(reader_app.window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert status.currentMessage() == f"hit 1 of {total}"
    assert reader_app.reader.highlights("current") == first


def test_escape_clears_the_highlights(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    wait_indexed(qtbot, reader_app)
    search_for(qtbot, reader_app, "station")
    reader = reader_app.reader
    qtbot.waitUntil(lambda: bool(reader.highlights("search")), timeout=WAIT_MS)
    QTest.keyClick(reader_app.search_panel.field, Qt.Key.Key_Escape)
    assert reader.highlights("search") == []
    assert reader.highlights("current") == []


def test_results_update_as_you_type_with_a_suggestion(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_indexed(qtbot, reader_app)
    reader_app.search_panel.field.setFocus()
    qtbot.keyClicks(reader_app.search_panel.field, "Marz")
    summary = reader_app.search_panel.summary
    qtbot.waitUntil(lambda: "Did you mean" in summary.text(), timeout=WAIT_MS)
    assert ">Mars</a>" in summary.text()


def test_clicking_a_result_goes_to_its_passage(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    wait_indexed(qtbot, reader_app)
    reader_app.search_panel.field.setText("memoranda")
    reader_app.search_panel.query_changed.emit("memoranda")
    model = reader_app.search_panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT_MS)
    hit_index = model.index(0, 0, model.index(0, 0))
    reader_app.search_panel.results.clicked.emit(hit_index)
    reader = reader_app.reader
    qtbot.waitUntil(lambda: bool(reader.highlights("current")), timeout=WAIT_MS)
    text = reader.current_document.text if reader.current_document else ""
    [(start, end)] = reader.highlights("current")
    assert text[start:end] == "memoranda"


def test_scope_this_document(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    wait_indexed(qtbot, reader_app)
    panel = reader_app.search_panel
    panel.this_document.click()
    assert not panel.library_scope
    panel.field.setText("cooperation")
    panel.query_changed.emit("cooperation")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT_MS)
    assert "1 document" in panel.summary.text()


def test_escape_in_the_reader_clears_the_marks_and_the_current_hit(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_indexed(qtbot, reader_app)
    search_for(qtbot, reader_app, "station")
    reader = reader_app.reader
    qtbot.waitUntil(lambda: bool(reader.highlights("current")), timeout=WAIT_MS)
    reader.setFocus()
    QTest.keyClick(reader, Qt.Key.Key_Escape)
    assert reader.highlights("search") == []
    assert reader.highlights("current") == []
    assert reader_app.search.navigator.current() is None


def test_a_search_that_finds_nothing_clears_the_old_marks(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_indexed(qtbot, reader_app)
    search_for(qtbot, reader_app, "station")
    reader = reader_app.reader
    status = reader_app.window.statusBar()
    qtbot.waitUntil(lambda: status.currentMessage().startswith("hit 1 of "), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(reader.highlights("search")), timeout=WAIT_MS)
    search_for(qtbot, reader_app, "qqqzzzxx")
    summary = reader_app.search_panel.summary
    qtbot.waitUntil(lambda: "No matches" in summary.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not reader.highlights("search"), timeout=WAIT_MS)
    assert reader.highlights("current") == []
    assert not status.currentMessage().startswith("hit ")
    assert reader_app.search.navigator.hits == ()


def test_a_capped_list_says_how_many_it_shows(
    qtbot: QtBot, reader_app: SpaceReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("spacereader.features.search.RESULT_LIMIT", 3)
    wait_indexed(qtbot, reader_app)
    panel = reader_app.search_panel
    panel.field.setText("space")
    panel.query_changed.emit("space")
    qtbot.waitUntil(lambda: panel.model.rowCount() >= 1, timeout=WAIT_MS)
    total = reader_app.search.index.get().search("space", limit=500).total
    assert total > 3
    assert panel.summary.text().startswith(f"3 of {total:,} hits")


def test_note_queries_list_the_bookmarks_as_the_command_line_does(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_indexed(qtbot, reader_app)
    qtbot.waitUntil(lambda: reader_app.bookmarks.store is not None, timeout=WAIT_MS)
    document = reader_app.reader.current_document
    assert document is not None
    store = reader_app.bookmarks.store
    assert store is not None
    store.add(document.id, document.text, 0, 40, note="gateway plans")
    panel = reader_app.search_panel
    panel.field.setText("note:gateway")
    panel.query_changed.emit("note:gateway")
    qtbot.waitUntil(lambda: "1 bookmark" in panel.summary.text(), timeout=WAIT_MS)
    group = panel.model.item(0)
    assert group.text().startswith("Bookmarks")
    assert group.rowCount() == 1


def test_the_summary_says_when_a_list_is_short_of_the_truth() -> None:
    from spacereader.core.search import SearchResult
    from spacereader.ui.search_panel import summary_html

    def result(total: int, **extra: object) -> SearchResult:
        return SearchResult("space", total, 1.0, None, (), **extra)  # type: ignore[arg-type]

    assert summary_html(result(1191), 200, 0).startswith("200 of 1,191 hits shown")
    assert summary_html(result(5), 5, 0) == "5 hits in 0 documents"
    assert "at least 1,191" in summary_html(result(1191, partial=True), 200, 0)
    assert "time limit" in summary_html(result(1191, partial=True), 200, 0)
    assert summary_html(result(0, notice="Nothing to search for."), 0, 0) == (
        "Nothing to search for."
    )
    assert "damaged" in summary_html(result(0, error="the index is damaged"), 0, 0)
    assert summary_html(None, 0, 2) == "2 bookmarks"


def test_a_removed_index_is_rebuilt_and_the_search_answered(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    import shutil

    wait_indexed(qtbot, reader_app)
    index = reader_app.search.index.get()
    shutil.rmtree(index.folder)
    statuses: list[str] = []
    reader_app.window.statusBar().messageChanged.connect(statuses.append)
    panel = reader_app.search_panel
    panel.field.setText("ILRS")
    panel.query_changed.emit("ILRS")
    qtbot.waitUntil(lambda: any("was removed" in status for status in statuses), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: panel.summary.text().startswith("2 hits"), timeout=WAIT_MS)
    assert index.folder.is_dir()

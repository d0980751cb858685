"""The Library panel's Publication Date…: set, read back as typed, undone, reset."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp
from spacereader.ui.date_dialog import PublicationDateDialog


def answer_dialog(qtbot: QtBot, typed: str | None, auto: bool = False) -> list[str]:
    """Answer the next Publication Date dialog; returns what it showed as it read the date."""
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PublicationDateDialog)
        if auto:
            dialog.auto_button.click()
            return
        if typed is None:
            dialog.reject()
            return
        dialog.field.setText(typed)
        seen.append(dialog.reading.text())
        dialog.set_button.click()

    QTimer.singleShot(0, answer)
    return seen


def test_setting_a_date_then_undo_and_auto(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    doc_id = reader_app.library.documents()[0].id
    assert reader_app.library.info(doc_id).published == "--01-28"
    seen = answer_dialog(qtbot, "28 janvier 2022")
    reader_app.library_panel.date_requested.emit(doc_id)
    assert seen == ["Read as: 28 January 2022"]
    info = reader_app.library.info(doc_id)
    assert (info.published, info.published_by_user) == ("2022-01-28", True)
    assert "28 January 2022" in reader_app.window.statusBar().currentMessage()
    reader_app.undo_stack.undo()
    assert reader_app.library.info(doc_id).published == "--01-28"
    reader_app.undo_stack.redo()
    answer_dialog(qtbot, None, auto=True)
    reader_app.library_panel.date_requested.emit(doc_id)
    info = reader_app.library.info(doc_id)
    assert (info.published, info.published_by_user) == ("--01-28", False)


@pytest.mark.parametrize(
    ("typed", "reading"), [("Jan. 28", "A year is needed."), ("soon", "Not a date yet.")]
)
def test_what_is_no_date_cannot_be_set(
    qtbot: QtBot, reader_app: SpaceReaderApp, typed: str, reading: str
) -> None:
    info = reader_app.library.documents()[0]
    dialog = PublicationDateDialog(info)
    qtbot.addWidget(dialog)
    dialog.field.setText(typed)
    assert dialog.reading.text() == reading
    assert not dialog.set_button.isEnabled()


# A popup on the offscreen platform: it cannot grab the keyboard or raise itself.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_context_menu_offers_it(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    panel = reader_app.library_panel
    rect = panel.view.visualRect(panel.view.model().index(0, 0))
    titles: list[str] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        titles.extend(action.text() for action in menu.actions())
        menu.close()

    QTimer.singleShot(50, read_menu)
    panel.view.customContextMenuRequested.emit(QPoint(rect.center()))
    assert "Publication Date…" in titles

"""Small things a new user meets: where a program's mention is, F3 starting over,
importing a whole folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp

WAIT_MS = 20000


def program_row(app: SpaceReaderApp, label_start: str):  # type: ignore[no-untyped-def]
    model = app.programs_panel.tree.model()
    for row in range(model.rowCount()):
        category = model.index(row, 0)
        for child_row in range(model.rowCount(category)):
            child = model.index(child_row, 0, category)
            if str(child.data()).startswith(label_start):
                return child
    raise AssertionError(f"no program row starting {label_start!r}")


def test_clicking_a_program_says_which_mention_it_shows(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    qtbot.waitUntil(lambda: reader_app.annotations.current is not None, timeout=WAIT_MS)
    ilrs = program_row(reader_app, "International Lunar Research Station")
    status = reader_app.window.statusBar()
    tree = reader_app.programs_panel.tree
    name = "International Lunar Research Station (ILRS)"
    tree.clicked.emit(ilrs)
    assert status.currentMessage() == f"{name}: mention 1 of 3"
    tree.clicked.emit(ilrs)
    assert status.currentMessage() == f"{name}: mention 2 of 3"
    tree.clicked.emit(ilrs)
    tree.clicked.emit(ilrs)
    assert status.currentMessage() == f"{name}: mention 1 of 3 (back to the first)"


def test_f3_says_when_it_starts_over(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    qtbot.waitUntil(lambda: reader_app.search.indexed, timeout=WAIT_MS)
    reader_app.search_panel.field.setText("ILRS")
    reader_app.search_panel.query_submitted.emit("ILRS")
    status = reader_app.window.statusBar()
    qtbot.waitUntil(lambda: status.currentMessage().startswith("hit 1 of "), timeout=WAIT_MS)
    total = int(status.currentMessage().rsplit(" ", 1)[1])
    assert total >= 2
    for number in range(2, total + 1):
        QTest.keyClick(reader_app.window, Qt.Key.Key_F3)
        assert status.currentMessage() == f"hit {number} of {total}"
    QTest.keyClick(reader_app.window, Qt.Key.Key_F3)
    assert status.currentMessage() == f"hit 1 of {total} (back to the first hit)"
    QTest.keyClick(reader_app.window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert status.currentMessage() == f"hit {total} of {total} (back to the last hit)"


def test_file_import_folder_brings_in_a_whole_folder(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "briefs"
    (folder / "older").mkdir(parents=True)
    (folder / "gateway.txt").write_text("Gateway brief\n\nThe HALO module ships in 2027.\n")
    (folder / "older" / "ilrs.md").write_text("# ILRS brief\n\nThirteen countries signed.\n")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(folder))
    action = reader_app.window.actions_by_name["import-folder"]
    assert action in reader_app.window.menus["file"].actions()
    with qtbot.waitSignal(reader_app.importer.runner.finished, timeout=WAIT_MS):
        action.trigger()
    qtbot.waitUntil(lambda: len(reader_app.library_panel.document_ids()) == 3)

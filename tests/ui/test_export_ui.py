"""File → Export Briefing and Export Bookmarks: the name offered, the folder
remembered, and what is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp, open_settings
from spacereader.ui.file_dialogs import start_folder
from tests.ui.test_bookmarks_ui import select_in_reader, wait_store

WAIT_MS = 20000


class FakeDialogs:
    """Stands in for the file dialogs: records where each opened, answers a path."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.offered: list[str] = []
        self.answers: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._answer)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._answer)

    def _answer(
        self, _parent: object, _caption: str, offered: str, _filters: str
    ) -> tuple[str, str]:
        self.offered.append(offered)
        return self.answers.pop(0), ""


def test_export_briefing_offers_a_clean_name_and_writes_source_and_date(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs = FakeDialogs(monkeypatch)
    qtbot.waitUntil(lambda: reader_app.annotations.current is not None, timeout=WAIT_MS)
    target = tmp_path / "briefs" / "china.md"
    target.parent.mkdir()
    dialogs.answers.append(str(target))
    reader_app.annotations.export_briefing()
    offered = Path(dialogs.offered[0]).name
    assert offered == "China Releases Space Plan - ‘Steady As She Goes’ - briefing.md"
    written = target.read_text(encoding="utf-8")
    assert written.startswith("# Briefing: China Releases Space Plan: ‘Steady As She Goes’")
    assert "**Source:** EIRNS · **Date:** Jan. 28" in written
    assert "Prepared on " in written


def test_export_dialogs_start_in_the_folder_last_chosen(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs = FakeDialogs(monkeypatch)
    wait_store(qtbot, reader_app)
    qtbot.waitUntil(lambda: reader_app.annotations.current is not None, timeout=WAIT_MS)
    select_in_reader(reader_app, "Belt and Road countries")
    reader_app.bookmarks.bookmark_passage()
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    dialogs.answers += [str(first / "brief.md"), str(second / "marks.md")]
    reader_app.annotations.export_briefing()
    reader_app.bookmarks.export_bookmarks()
    assert Path(dialogs.offered[1]).parent == first
    assert (second / "marks.md").read_text(encoding="utf-8")
    dialogs.answers.append("")  # cancelled: the folder stays the last one chosen
    reader_app.annotations.export_briefing()
    assert Path(dialogs.offered[2]).parent == second
    reader_app.window.close()
    assert start_folder(open_settings()) == second  # and after a restart

"""Counts the window shows agree with their nouns."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp


def test_the_first_index_counts_its_one_document_in_the_singular(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    status = reader_app.window.statusBar()
    qtbot.waitUntil(lambda: status.currentMessage().startswith("Search index ready"), timeout=20000)
    assert status.currentMessage() == "Search index ready (1 document)."

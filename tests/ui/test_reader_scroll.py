"""Scrolling keeps the reader's marks and position timers at their own intervals."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp
from spacereader.ui.reader import HIGHLIGHT_REFRESH_MS, POSITION_DEBOUNCE_MS


def test_marks_come_back_soon_after_a_scroll_far_down(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    reader = reader_app.reader
    bar = reader.verticalScrollBar()
    assert bar.maximum() > 100
    bar.setValue(bar.maximum())
    # The scroll value must not become the delay before the marks are set again.
    assert reader._highlight_timer.interval() == HIGHLIGHT_REFRESH_MS
    assert reader._position_timer.interval() == POSITION_DEBOUNCE_MS
    assert reader._highlight_timer.isActive()

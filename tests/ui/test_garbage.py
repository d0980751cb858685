"""The garbage collector runs on the GUI thread only while the app lives."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp
from spacereader.ui.garbage import INTERVAL_MS, GuiThreadCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collector(qapp: QApplication) -> Iterator[GuiThreadCollector]:
    collector = GuiThreadCollector()
    yield collector
    collector.stop()


def test_automatic_collection_is_off_until_stopped(collector: GuiThreadCollector) -> None:
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled()


def test_nothing_is_collected_below_the_threshold(collector: GuiThreadCollector) -> None:
    gc.collect()
    assert collector.collect_due() == -1


def test_the_timer_collects_cycles_once_past_the_threshold(
    qtbot: QtBot, collector: GuiThreadCollector
) -> None:
    gc.collect()
    cycles = [_Cycle() for _ in range(gc.get_threshold()[0] + 10)]
    del cycles
    assert gc.get_count()[0] > gc.get_threshold()[0]  # nothing collected them
    qtbot.waitUntil(lambda: gc.get_count()[0] < gc.get_threshold()[0], timeout=4 * INTERVAL_MS)


def test_the_app_turns_collection_off_while_it_runs(reader_app: SpaceReaderApp) -> None:
    assert not gc.isenabled()
    reader_app.shut_down()
    assert gc.isenabled()


def test_collection_stays_off_until_the_last_collector_stops(qapp: QApplication) -> None:
    first, second = GuiThreadCollector(), GuiThreadCollector()
    first.stop()
    first.stop()  # a second stop changes nothing
    assert not gc.isenabled()
    second.stop()
    assert gc.isenabled()

"""Fixtures for widget tests: the app built on an isolated library and settings."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp, build


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread() -> Iterator[None]:
    """Free each test's Qt objects here, not later on some worker thread (see ui/garbage.py)."""
    yield
    gc.collect()


@pytest.fixture
def reader_app(qtbot: QtBot) -> Iterator[SpaceReaderApp]:
    """The whole app, shown on the bundled article, closed afterwards."""
    app = build()
    qtbot.addWidget(app.window)
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app
    app.window.close()
    app.library.close()


def import_and_wait(qtbot: QtBot, app: SpaceReaderApp, *paths: Path) -> None:
    """Import through the app, as File → Import does, and wait until it is done."""
    with qtbot.waitSignal(app.importer.runner.finished, timeout=20000):
        app.importer.import_paths(list(paths))
    qtbot.wait(50)

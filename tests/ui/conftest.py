"""Fixtures for widget tests: the app built on an isolated library and settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp, build


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

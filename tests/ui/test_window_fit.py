"""The first window fits the screen; a narrow window keeps the text readable and
its panels give way, coming back when there is room again."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp, build
from spacereader.ui.panel_fit import HIDDEN_MESSAGE, initial_geometry


def test_the_first_window_fits_the_screen_it_opens_on(reader_app: SpaceReaderApp) -> None:
    window = reader_app.window
    available = window.screen().availableGeometry()
    assert available.contains(window.geometry())
    assert window.geometry() == initial_geometry(available)


def test_first_geometry_for_common_screens() -> None:
    for width, height in ((1440, 900), (1366, 768), (1024, 768), (1920, 1080)):
        available = QRect(0, 0, width, height)
        geometry = initial_geometry(available)
        assert available.contains(geometry), (width, height)
        assert geometry.width() <= 1320
        assert geometry.height() <= 860
        assert abs(geometry.center().x() - available.center().x()) <= 1
    assert initial_geometry(QRect(0, 0, 1920, 1080)).size() == QSize(1320, 860)
    assert initial_geometry(QRect(0, 0, 1366, 768)).height() < 768


def test_a_narrow_window_keeps_the_text_readable_and_panels_give_way(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    window, reader = reader_app.window, reader_app.reader
    # The index's "ready" line would replace the one checked below.
    qtbot.waitUntil(lambda: reader_app.search.indexed, timeout=20_000)
    window.resize(760, 560)
    qtbot.waitUntil(lambda: reader.width() >= reader.readable_width())
    assert window.width() == 760
    hidden = [dock for dock in window.docks.values() if dock.isHidden()]
    assert hidden
    assert window.statusBar().currentMessage() == HIDDEN_MESSAGE
    # The reader sets at least a readable line.
    layout = reader.document().findBlockByNumber(3).layout()
    assert layout.lineAt(0).textLength() >= 30
    window.resize(1300, 800)
    qtbot.waitUntil(lambda: all(not dock.isHidden() for dock in window.docks.values()))
    assert reader.width() >= reader.readable_width()


def test_a_panel_the_user_shows_again_stays(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    window = reader_app.window
    window.resize(760, 560)
    qtbot.waitUntil(window.docks["programs"].isHidden)
    window.actions_by_name["view-programs"].trigger()
    assert not window.docks["programs"].isHidden()
    assert window.docks["programs"] not in window.fitter.hidden_docks


def test_the_layout_saved_in_a_narrow_window_keeps_its_panels(qtbot: QtBot) -> None:
    first = build()
    qtbot.addWidget(first.window)
    first.window.show()
    qtbot.waitExposed(first.window)
    first.window.resize(760, 560)
    qtbot.waitUntil(lambda: bool(first.window.fitter.hidden_docks))
    first.window.close()
    first.library.close()

    second = build()
    qtbot.addWidget(second.window)
    second.window.show()
    qtbot.waitExposed(second.window)
    second.window.resize(1300, 800)
    qtbot.waitUntil(lambda: all(not dock.isHidden() for dock in second.window.docks.values()))
    second.window.close()
    second.library.close()

"""The Dossier window: opened from Programs and Search, filled off the GUI thread,
its sentences and chart points opening passages in the reader, exported to Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp
from spacereader.ui.dossier_model import TARGET_ROLE, PassageTarget
from spacereader.ui.dossier_window import DossierWindow
from spacereader.ui.item_delegate import DETAIL_ROLE
from tests.dossier_library import ORDER, write_library
from tests.ui.conftest import import_and_wait

WAIT_MS = 20000
# The window raises itself (and the reader's window): the offscreen platform cannot.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def app(qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path) -> SpaceReaderApp:
    import_and_wait(qtbot, reader_app, write_library(tmp_path / "docs"))
    return reader_app


def wait_filled(qtbot: QtBot, window: DossierWindow) -> None:
    qtbot.waitUntil(window.showing_dossier, timeout=WAIT_MS)


def ilrs_row(app: SpaceReaderApp):
    tree = app.programs_panel.tree
    model = tree.model()
    for row in range(model.rowCount()):
        category = model.index(row, 0)
        for child_row in range(model.rowCount(category)):
            child = model.index(child_row, 0, category)
            if str(child.data()).startswith("International Lunar Research Station"):
                return child
    raise AssertionError("no ILRS row")


def test_double_clicking_a_program_opens_its_dossier(qtbot: QtBot, app: SpaceReaderApp) -> None:
    qtbot.waitUntil(lambda: app.annotations.current is not None, timeout=WAIT_MS)
    app.programs_panel.tree.doubleClicked.emit(ilrs_row(app))
    window = app.dossier.window
    assert window is not None
    assert window.isVisible()
    wait_filled(qtbot, window)
    assert window.title.text() == "International Lunar Research Station (ILRS)"
    assert "first seen <b>9 March 2021</b>" in window.facts.text()
    # The bundled article names the ILRS too, without a year.
    documents = window.documents_model
    assert documents.rowCount() == len(ORDER) + 1
    details = [str(documents.index(row, 0).data(DETAIL_ROLE)) for row in range(len(ORDER) + 1)]
    assert details[0].startswith("9 March 2021 · MOSCOW · 3 mentions")
    assert details[-1].startswith("Undated")
    assert "no year" in details[-2]
    assert window.tabs.tabText(2) == "Conflicts (1)"
    assert window.chart.timeline.bins
    assert [s.unit for s in window.chart.series] == ["members"]


def test_the_programs_context_menu_offers_the_dossier(qtbot: QtBot, app: SpaceReaderApp) -> None:
    qtbot.waitUntil(lambda: app.annotations.current is not None, timeout=WAIT_MS)
    tree = app.programs_panel.tree
    index = ilrs_row(app)
    tree.scrollTo(index)
    titles: list[str] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        titles.extend(action.text() for action in menu.actions())
        [dossier] = [a for a in menu.actions() if a.text().startswith("Open Dossier")]
        menu.close()
        dossier.trigger()

    QTimer.singleShot(50, read_menu)
    tree.customContextMenuRequested.emit(tree.visualRect(index).center())
    assert "Open Dossier of International Lunar Research Station" in titles
    assert app.dossier.window is not None


def test_a_program_search_links_to_the_dossier(qtbot: QtBot, app: SpaceReaderApp) -> None:
    qtbot.waitUntil(lambda: app.search.indexed, timeout=WAIT_MS)
    panel = app.search_panel
    panel.field.setText("program:ILRS")
    panel.query_submitted.emit("program:ILRS")
    qtbot.waitUntil(lambda: "dossier:ILRS" in panel.summary.text(), timeout=WAIT_MS)
    panel.summary.linkActivated.emit("dossier:ILRS")
    window = app.dossier.window
    assert window is not None
    wait_filled(qtbot, window)
    assert window.documents_model.rowCount() == len(ORDER) + 1


def test_a_sentence_opens_its_passage_highlighted(qtbot: QtBot, app: SpaceReaderApp) -> None:
    window = app.dossier.open_dossier("ILRS")
    wait_filled(qtbot, window)
    model = window.documents_model
    tass = next(
        row
        for row in range(model.rowCount())
        if model.index(row, 0).data() == "Lunar station and the Accords compared"
    )
    sentence = model.index(0, 0, model.index(tass, 0))
    target = sentence.data(TARGET_ROLE)
    assert isinstance(target, PassageTarget)
    window.documents.activated.emit(sentence)
    document = app.reader.current_document
    assert document is not None
    assert document.title == "Lunar station and the Accords compared"
    [(start, end)] = app.reader.highlights("current")
    assert document.text[start:end].startswith("TASS — April 20, 2024 — By then the ILRS")


def test_clicking_a_chart_point_opens_its_figure(qtbot: QtBot, app: SpaceReaderApp) -> None:
    window = app.dossier.open_dossier("ILRS")
    wait_filled(qtbot, window)
    chart = window.chart
    qtbot.waitExposed(window)
    last = chart.series[0].points[-1]
    where = chart.positions(0)[-1]
    QTest.mouseClick(
        chart, Qt.MouseButton.LeftButton, pos=QPoint(round(where.x()), round(where.y()))
    )
    document = app.reader.current_document
    assert document is not None
    assert document.id == last.doc_id
    [(start, end)] = app.reader.highlights("flash")
    assert document.text[start:end] == "17"
    assert chart.point_at(QPointF(5, 5)) is None


def test_export_writes_markdown(qtbot: QtBot, app: SpaceReaderApp, tmp_path: Path) -> None:
    window = app.dossier.open_dossier("ILRS")
    wait_filled(qtbot, window)
    target = tmp_path / "out" / "ilrs.md"
    target.parent.mkdir()
    app.dossier.save_path = lambda _window, name: str(target) if name.endswith("ILRS.md") else ""
    window.export_button.click()
    qtbot.waitUntil(target.exists, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Dossier written to" in window.status.text(), timeout=WAIT_MS)
    assert target.read_text(encoding="utf-8").startswith("# Dossier: International Lunar")


def test_an_unknown_program_says_so(qtbot: QtBot, app: SpaceReaderApp) -> None:
    window = app.dossier.open_dossier("ILSR")
    qtbot.waitUntil(lambda: "did you mean ILRS" in window.status.text(), timeout=WAIT_MS)
    assert not window.showing_dossier()


def test_thousands_of_documents_are_listed_as_the_list_is_scrolled(qtbot: QtBot) -> None:
    from spacereader.core.dossier import Dossier, DossierDocument, ProgramInfo
    from spacereader.core.dossier.timeline import make_timeline
    from spacereader.ui.dossier_model import DOCUMENTS_AT_ONCE

    documents = tuple(
        DossierDocument(
            doc_id=f"doc{number:04d}",
            title=f"Report {number}",
            source="EIRNS",
            date="",
            published=f"{2016 + number // 400}-{1 + number % 12:02d}-01",
            mentions=1,
            figures=(),
            co_programs=(),
            passage_data='[[0, 10, "The ILRS grew."]]',
        )
        for number in range(1000)
    )
    program = ProgramInfo("ilrs", "International Lunar Research Station", (), "ILRS", "", "")
    dossier = Dossier(program, documents, (), (), "2016-01-01", "2018-04-01")
    window = DossierWindow("ILRS")
    qtbot.addWidget(window)
    window.show()
    window.show_dossier(dossier, make_timeline(dossier))
    model = window.documents_model
    assert model.rowCount() == DOCUMENTS_AT_ONCE
    assert window.tabs.tabText(0) == "Documents (1,000)"
    window.documents.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > DOCUMENTS_AT_ONCE)
    # A bar of the time line shows the first document of its period, listed on demand.
    last = window.chart.timeline.bins[-1]
    window.chart.period_activated.emit(last.start, last.end)
    current = window.documents.currentIndex()
    assert last.label == "Dec 2018"
    assert current.data() == "Report 803"  # the first of December 2018 (803 % 12 == 11)
    assert model.index(0, 0, current).data() == "The ILRS grew."

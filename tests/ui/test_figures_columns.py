"""The Figures table keeps all four columns in view, the qualifier included."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from spacereader.core.extraction import Figure, FigureKind
from spacereader.ui.figures_panel import COLUMNS, FiguresPanel

TEXT = "NASA asked for more than $25.4 billion, an increase of about 2 percent, since 2016."


def figure(text: str, kind: FigureKind, unit: str, qualifier: str) -> Figure:
    start = TEXT.index(text)
    return Figure(
        text=text,
        value=1.0,
        kind=kind,
        unit=unit,
        qualifier=qualifier,
        start=start,
        end=start + len(text),
        sentence_start=0,
        sentence_end=len(TEXT),
    )


def test_every_column_is_in_view_in_a_narrow_dock(qtbot: QtBot) -> None:
    panel = FiguresPanel()
    qtbot.addWidget(panel)
    panel.resize(300, 400)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_figures(
        [
            figure(
                "more than $25.4 billion", FigureKind.MONEY, "USD requested for NASA", "more than"
            ),
            figure("about 2 percent", FigureKind.PERCENT, "%", "about"),
            figure("2016", FigureKind.YEAR, "", ""),
        ],
        TEXT,
    )
    table = panel.table
    header = table.horizontalHeader()
    qualifier = len(COLUMNS) - 1
    right_edge = header.sectionPosition(qualifier) + header.sectionSize(qualifier)
    assert right_edge <= table.viewport().width()
    assert header.sectionSize(qualifier) >= table.sizeHintForColumn(qualifier)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)
    panel.resize(520, 400)
    qtbot.waitUntil(lambda: table.viewport().width() > 400)
    assert header.sectionSize(0) >= table.sizeHintForColumn(0)


def test_fit_widths_shares_the_lack_of_room_by_what_each_column_can_give() -> None:
    from spacereader.ui.figures_panel import fit_widths

    assert fit_widths([100, 100, 50], [40, 40, 50], 400) == [100, 100, 50]
    assert fit_widths([100, 100, 50], [40, 40, 50], 190) == [70, 70, 50]
    assert fit_widths([100, 100, 50], [40, 40, 50], 10) == [40, 40, 50]

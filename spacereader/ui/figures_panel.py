"""The Figures dock: a sortable table of the figures a text gives.

Signals:
    figure_requested(int, int): the span of the figure the user chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from spacereader.core.extraction import Figure

SPAN_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Figure", "What it counts", "Kind", "Qualifier")
MAX_WHAT_WIDTH = 170


def _sort_key(figure: Figure) -> float:
    return figure.value if figure.value is not None else float("-inf")


class FiguresPanel(QWidget):
    """Figure, what it counts, kind and qualifier; a click jumps to the figure."""

    figure_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figures-panel")
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.model)
        self._proxy.setSortRole(SORT_ROLE)
        self._proxy.setFilterKeyColumn(-1)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter figures")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter figures")
        self.filter_edit.textChanged.connect(self._proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setAccessibleName("Figures")
        self.table.setModel(self._proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.clicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)

    def show_figures(self, figures: Sequence[Figure]) -> None:
        """Replace the table's rows, in text order."""
        self.model.removeRows(0, self.model.rowCount())
        for figure in figures:
            cells = [
                QStandardItem(figure.text),
                QStandardItem(figure.unit),
                QStandardItem(figure.kind.value),
                QStandardItem(figure.qualifier),
            ]
            cells[0].setData(_sort_key(figure), SORT_ROLE)
            for cell in cells[1:]:
                cell.setData(cell.text().lower(), SORT_ROLE)
            for cell in cells:
                cell.setData((figure.start, figure.end), SPAN_ROLE)
                cell.setToolTip(figure.sentence)
            self.model.appendRow(cells)
        # Text order until the user sorts by a column.
        self._proxy.sort(-1)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.resizeColumnsToContents()
        # A long "what it counts" would push kind and qualifier out of a narrow dock.
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), MAX_WHAT_WIDTH))

    def rows(self) -> list[tuple[str, ...]]:
        """The table as shown (sorted and filtered), for tests and exports."""
        return [
            tuple(str(self._proxy.index(row, column).data()) for column in range(len(COLUMNS)))
            for row in range(self._proxy.rowCount())
        ]

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        span = index.data(SPAN_ROLE)
        if span:
            self.figure_requested.emit(int(span[0]), int(span[1]))

"""The Figures dock: a sortable table of the figures a text gives.

Signals:
    figure_requested(int, int): the span of the figure the user chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
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
ModelIndex = QModelIndex | QPersistentModelIndex
MAX_WHAT_WIDTH = 170


def _sort_key(figure: Figure) -> float:
    return figure.value if figure.value is not None else float("-inf")


class FiguresModel(QAbstractTableModel):
    """The figures as a table, built lazily: a long report may give 30,000 figures."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.figures: list[Figure] = []
        self.text = ""  # the text the figures were found in

    def set_figures(self, figures: Sequence[Figure], text: str) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.figures = list(figures)
        self.text = text
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """One row per figure."""
        return 0 if parent.isValid() else len(self.figures)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Figure, what it counts, kind, qualifier."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cells, sort keys, spans and the figure's sentence as a tooltip."""
        if not index.isValid():
            return None
        figure = self.figures[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (figure.text, figure.unit, figure.kind.value, figure.qualifier)[column]
        if role == SORT_ROLE:
            if column == 0:
                return _sort_key(figure)
            return (figure.text, figure.unit, figure.kind.value, figure.qualifier)[column].lower()
        if role == SPAN_ROLE:
            return (figure.start, figure.end)
        if role == Qt.ItemDataRole.ToolTipRole:
            from spacereader.core.extraction import sentence_of  # loaded with the figures

            return sentence_of(figure, self.text)
        return None


class FiguresPanel(QWidget):
    """Figure, what it counts, kind and qualifier; a click jumps to the figure."""

    figure_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figures-panel")
        self.model = FiguresModel(self)
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

    def show_figures(self, figures: Sequence[Figure], text: str = "") -> None:
        """Replace the table's rows, in text order (`text` is where they were found)."""
        self.model.set_figures(figures, text)
        # Text order until the user sorts by a column.
        self._proxy.sort(-1)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._fit_columns()

    def _fit_columns(self) -> None:
        # Sized from the first rows only: measuring 30,000 rows would stall the window.
        self.table.horizontalHeader().setResizeContentsPrecision(200)
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

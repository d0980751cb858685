"""The Figures dock: a sortable table of the figures a text gives.

Signals:
    figure_requested(int, int): the span of the figure the user chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
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
MIN_COLUMN_WIDTH = 56
# Columns are measured on this many rows: measuring 30,000 would stall the window.
MEASURED_ROWS = 200


def fit_widths(wanted: Sequence[int], minimums: Sequence[int], available: int) -> list[int]:
    """Column widths that fit `available`: as wanted if they do, else each column
    gives up room in proportion to what it has above its minimum."""
    widths = list(wanted)
    excess = sum(widths) - available
    spare = [max(0, width - minimum) for width, minimum in zip(widths, minimums, strict=True)]
    if excess <= 0 or not sum(spare):
        return widths
    share = min(1.0, excess / sum(spare))
    fitted = [width - int(room * share) for width, room in zip(widths, spare, strict=True)]
    # What rounding left over comes off the columns with room to give, a pixel each.
    over = sum(fitted) - max(available, sum(minimums))
    for column in sorted(range(len(fitted)), key=lambda c: minimums[c] - fitted[c]):
        if over <= 0:
            break
        if fitted[column] > minimums[column]:
            fitted[column] -= 1
            over -= 1
    return fitted


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
        header.setResizeContentsPrecision(MEASURED_ROWS)
        self._wanted: list[int] = []
        self.table.viewport().installEventFilter(self)
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
        """Measure what each column wants, then fit them all to the table's width."""
        header = self.table.horizontalHeader()
        self._wanted = [
            max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            for column in range(len(COLUMNS))
        ]
        self._wanted[1] = min(self._wanted[1], MAX_WHAT_WIDTH)
        self._fit_to_width()

    def _fit_to_width(self) -> None:
        # Every column stays in view, the qualifier last: no sideways scrolling.
        if not self._wanted:
            return
        # Headers may elide ("What it co…"); the qualifier, last, keeps its width.
        minimums = [min(MIN_COLUMN_WIDTH, width) for width in self._wanted[:-1]]
        minimums.append(self._wanted[-1])
        available = self.table.viewport().width()
        widths = fit_widths(self._wanted, minimums, available)
        # The qualifier, last, takes what is left, as a stretched last column would.
        widths[-1] = max(widths[-1], available - sum(widths[:-1]))
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fit the columns whenever the table's visible width changes."""
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_to_width()
        return False

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

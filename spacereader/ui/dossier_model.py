"""The dossier's lists as item models: documents, figure series, conflicts.

The models read the dossier as the view asks: a document's sentences are parsed
when its row is first expanded or drawn, and no row's text is made before it
is shown, so a dossier of thousands of documents and figures opens at once.
Rows of a document are its sentences naming the program (the names set in
bold), its figures, and the other programs it names.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from spacereader.core.dates import date_label
from spacereader.core.dossier.model import Conflict, Dossier, DossierDocument, Series, SeriesPoint
from spacereader.core.wording import counted
from spacereader.ui.dossier_chart import SERIES_COLORS
from spacereader.ui.item_delegate import DETAIL_ROLE
from spacereader.ui.rich_delegate import HTML_ROLE

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
# Documents listed at first, and added each time the list is scrolled to its end: a
# view lays out every row it is given, and thousands would hold the GUI thread up.
DOCUMENTS_AT_ONCE = 150
ModelIndex = QModelIndex | QPersistentModelIndex
_TOP = 0  # internal id of a document row; a child's is its document's row + 1


@dataclass(frozen=True)
class PassageTarget:
    """Where a row leads: a document, the span to highlight, and the part to flash."""

    doc_id: str
    start: int
    end: int
    focus_start: int
    focus_end: int


def document_detail(document: DossierDocument) -> str:
    """The grey line under a document's title: date (or why none), source, counts."""
    if document.published is None:
        when = "Undated"
    elif not document.dated:
        when = date_label(document.published).replace("(no year)", "— no year")
    else:
        when = date_label(document.published)
    parts = [when, document.source]
    parts.append(f"{document.mentions} mention{'s' * (document.mentions != 1)}")
    if document.figures:
        parts.append(f"{len(document.figures)} figure{'s' * (len(document.figures) != 1)}")
    return " · ".join(part for part in parts if part)


class DocumentsModel(QAbstractItemModel):
    """A dossier's documents (top level) and what each says (children)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dossier: Dossier | None = None
        self._names: re.Pattern[str] | None = None
        self._listed = 0

    def set_dossier(self, dossier: Dossier | None) -> None:
        """Show another dossier (or none)."""
        self.beginResetModel()
        self.dossier = dossier
        self._listed = min(DOCUMENTS_AT_ONCE, len(dossier.documents) if dossier else 0)
        names = sorted(dossier.program.names(), key=len, reverse=True) if dossier else []
        self._names = (
            re.compile("|".join(rf"(?<!\w){re.escape(html.escape(n))}(?!\w)" for n in names))
            if names
            else None
        )
        self.endResetModel()

    def _documents(self) -> tuple[DossierDocument, ...]:
        return self.dossier.documents if self.dossier is not None else ()

    def canFetchMore(self, parent: ModelIndex) -> bool:
        """True while documents are left to list."""
        return not parent.isValid() and self._listed < len(self._documents())

    def fetchMore(self, parent: ModelIndex) -> None:
        """List the next documents (the view asks when scrolled to the end)."""
        if not self.canFetchMore(parent):
            return
        more = min(DOCUMENTS_AT_ONCE, len(self._documents()) - self._listed)
        self.beginInsertRows(QModelIndex(), self._listed, self._listed + more - 1)
        self._listed += more
        self.endInsertRows()

    def list_up_to(self, row: int) -> None:
        """Make sure a document's row is listed."""
        while row >= self._listed and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    # -- structure -------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Documents at the top; a document's rows under it."""
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP) if row < self._listed else QModelIndex()
        if parent.internalId() == _TOP and row < self.rowCount(parent):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """A child's document row."""
        if not child.isValid() or child.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Documents, or one document's sentences, figures and other programs."""
        if not parent.isValid():
            return self._listed
        if parent.internalId() != _TOP:
            return 0
        document = self._documents()[parent.row()]
        return len(document.passages) + len(document.figures) + bool(document.co_programs)

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        """Every document has rows (its sentences); asked without reading them."""
        return not parent.isValid() or parent.internalId() == _TOP

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """One column."""
        return 1

    # -- data ------------------------------------------------------------------

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Titles and details for documents; HTML and targets for their rows."""
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self._document_data(self._documents()[index.row()], role)
        document = self._documents()[index.internalId() - 1]
        return self._child_data(document, index.row(), role)

    def _document_data(self, document: DossierDocument, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return document.title
        if role == DETAIL_ROLE:
            return document_detail(document)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{document.title}, {document_detail(document)}"
        if role == TARGET_ROLE and document.passages:
            first = document.passages[0]
            return PassageTarget(document.doc_id, first.start, first.end, first.start, first.end)
        return None

    def _child_data(self, document: DossierDocument, row: int, role: int) -> object:
        passages, figures = document.passages, document.figures
        if row < len(passages):
            passage = passages[row]
            if role == HTML_ROLE:
                return f"“{self._marked(passage.text)}”"
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return passage.text
            if role == TARGET_ROLE:
                return PassageTarget(
                    document.doc_id, passage.start, passage.end, passage.start, passage.end
                )
            return None
        row -= len(passages)
        if row < len(figures):
            quoted = figures[row]
            figure = quoted.figure
            label = " ".join(f"{figure.text} {figure.unit}".split())
            if role == HTML_ROLE:
                kind = "" if figure.kind.value == "count" else f" ({figure.kind.value})"
                return f"<b>{html.escape(label)}</b><span style='color:gray'>{kind}</span>"
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"Figure: {label}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return quoted.sentence
            if role == TARGET_ROLE:
                return PassageTarget(
                    document.doc_id,
                    figure.sentence_start,
                    figure.sentence_end,
                    figure.start,
                    figure.end,
                )
            return None
        others = ", ".join(document.co_programs)
        if role == HTML_ROLE:
            return f"<span style='color:gray'>Also names:</span> {html.escape(others)}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"Also names: {others}"
        return None

    def _marked(self, text: str) -> str:
        escaped = html.escape(text)
        if self._names is None:
            return escaped
        return self._names.sub(lambda match: f"<b>{match.group()}</b>", escaped)

    def row_of(self, doc_id: str) -> int:
        """The row of a document (listed now if it was not), or -1."""
        for row, document in enumerate(self._documents()):
            if document.doc_id == doc_id:
                self.list_up_to(row)
                return row
        return -1


class SeriesModel(QAbstractItemModel):
    """A dossier's figure series (top level) and their points (children), read on demand."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.series: tuple[Series, ...] = ()

    def set_series(self, series: tuple[Series, ...]) -> None:
        """Show these series."""
        self.beginResetModel()
        self.series = series
        self.endResetModel()

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Series at the top; a series' points under it."""
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP) if row < len(self.series) else QModelIndex()
        if parent.internalId() == _TOP and row < len(self.series[parent.row()].points):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """A point's series."""
        if not child.isValid() or child.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Series, or one series' points."""
        if not parent.isValid():
            return len(self.series)
        return len(self.series[parent.row()].points) if parent.internalId() == _TOP else 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """One column."""
        return 1

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """A series' summary, or a point with its source."""
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self._series_data(index.row(), role)
        point = self.series[index.internalId() - 1].points[index.row()]
        if role == HTML_ROLE:
            return point_html(point)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{point.figure_text} {point.unit}, {date_label(point.date)}, {point.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return point.text
        if role == TARGET_ROLE:
            return point_target(point)
        return None

    def _series_data(self, row: int, role: int) -> object:
        one = self.series[row]
        if role == HTML_ROLE:
            documents = len({point.doc_id for point in one.points})
            color = SERIES_COLORS[row % len(SERIES_COLORS)]
            label = (
                f"<span style='color:{color}'>●</span> <b>{html.escape(one.what)}</b>"
                f" — {counted(len(one.points), 'figure')} in {counted(documents, 'document')}"
            )
            wordings = sorted({" ".join(p.unit.lower().split()) for p in one.points} - {one.what})
            if wordings:
                also = html.escape(", ".join(wordings[:6]))
                label += f"<br><span style='color:gray'>also: {also}</span>"
            return label
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{one.what}, {counted(len(one.points), 'figure')}"
        return None


class ConflictsModel(QAbstractTableModel):
    """Conflicts side by side: what they are about, one source, the other."""

    HEADERS = ("Figure", "One source", "Another source")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.conflicts: tuple[Conflict, ...] = ()

    def set_conflicts(self, conflicts: tuple[Conflict, ...]) -> None:
        """Show these conflicts."""
        self.beginResetModel()
        self.conflicts = conflicts
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """One row a conflict."""
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """What, and the two sides."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """The column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """The series and how far apart, or one side with its quote."""
        if not index.isValid():
            return None
        conflict = self.conflicts[index.row()]
        days = f"{conflict.days_apart} day{'s' * (conflict.days_apart != 1)} apart"
        if index.column() == 0:
            if role == HTML_ROLE:
                return (
                    f"<b>{html.escape(conflict.what)}</b><br><span style='color:gray'>{days}</span>"
                )
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{conflict.what}, {days}"
            if role == TARGET_ROLE:
                return point_target(conflict.first)
            return None
        point = conflict.first if index.column() == 1 else conflict.second
        if role == HTML_ROLE:
            return conflict_side_html(point)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{point.figure_text} {point.unit}, {date_label(point.date)}, {point.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Open this passage in the reader"
        if role == TARGET_ROLE:
            return point_target(point)
        return None


def point_target(point: SeriesPoint) -> PassageTarget:
    """A figure's sentence to highlight, the figure to flash."""
    return PassageTarget(point.doc_id, point.start, point.end, point.figure_start, point.figure_end)


def point_html(point: SeriesPoint) -> str:
    """One value of a series with where it comes from."""
    where = ", ".join(part for part in (point.source, date_label(point.date)) if part)
    return (
        f"<b>{html.escape(point.figure_text)}</b> {html.escape(point.unit)} · {html.escape(where)}"
        f"<br><span style='color:gray'>{html.escape(point.title)}</span>"
    )


def conflict_side_html(point: SeriesPoint) -> str:
    """One side of a conflict: value, date, source, quote, title."""
    where = ", ".join(part for part in (point.source, date_label(point.date)) if part)
    return (
        f"<b>{html.escape(point.figure_text)} {html.escape(point.unit)}</b> · {html.escape(where)}"
        f"<br>“{html.escape(point.text)}”"
        f"<br><span style='color:gray'><i>{html.escape(point.title)}</i></span>"
    )

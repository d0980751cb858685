"""The Dossier window: one program through the library, over time.

On top, the program and its first and last mention; then the time line
(mentions per month or year, the figure series as points); then three tabs:
the documents in publication order (undated last, marked), the figure series
point by point, and the conflicts between sources side by side. Activating a
sentence, a figure, a point or a side of a conflict opens that passage in the
reader. The dossier is built off the GUI thread; until it arrives the window
says what it is doing.

Signals:
    passage_requested(object): a PassageTarget to open in the reader.
    export_requested(): File → Export as Markdown in this window.
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from spacereader.core.dates import date_label
from spacereader.core.dossier.model import Dossier, SeriesPoint
from spacereader.core.dossier.timeline import Timeline
from spacereader.core.wording import counted
from spacereader.ui.dossier_chart import TimelineChart
from spacereader.ui.dossier_model import (
    TARGET_ROLE,
    ConflictsModel,
    DocumentsModel,
    PassageTarget,
    SeriesModel,
    point_target,
)
from spacereader.ui.item_delegate import TwoLineDelegate
from spacereader.ui.panel_fit import initial_geometry
from spacereader.ui.rich_delegate import RichTextDelegate

ModelIndex = QModelIndex | QPersistentModelIndex
# Up to this many documents the list opens with every document's sentences shown.
EXPANDED_UP_TO = 40
DEFAULT_SIZE = QSize(980, 760)


class _FittedRichText(RichTextDelegate):
    """Rich text rows as tall as their text wrapped to the column they are in."""

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        """The height of the text at the column's width."""
        view = self.parent()
        if isinstance(view, QTreeView):
            depth = 0
            parent = index.parent()
            while parent.isValid():
                depth += 1
                parent = parent.parent()
            indent = view.indentation() * (depth + int(view.rootIsDecorated()))
            width = view.columnWidth(index.column()) - (indent if index.column() == 0 else 0)
            option = QStyleOptionViewItem(option)
            option.rect = QRect(0, 0, max(120, width - 8), 0)
        return super().sizeHint(option, index)


class _DocumentsDelegate(QStyledItemDelegate):
    """Two lines for a document; wrapped rich text for its sentences and figures."""

    def __init__(self, parent: QTreeView) -> None:
        super().__init__(parent)
        self.documents = TwoLineDelegate(parent)
        self.rows = _FittedRichText(parent)

    def _pick(self, index: ModelIndex) -> QStyledItemDelegate:
        return self.rows if index.parent().isValid() else self.documents

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        """The chosen delegate's size."""
        return self._pick(index).sizeHint(option, index)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        """The chosen delegate's drawing."""
        self._pick(index).paint(painter, option, index)


class _Relayout(QObject):
    """Lays a tree's rows out again when its width changes (wrapped rows change height)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view
        self._timer = QTimer(self, singleShot=True, interval=80)
        self._timer.timeout.connect(view.doItemsLayout)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Wait for the resizing to settle, then lay out."""
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False


def _tree(parent: QWidget, name: str) -> QTreeView:
    tree = QTreeView(parent)
    tree.setAccessibleName(name)
    tree.setHeaderHidden(True)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setWordWrap(True)
    # Row heights are asked for the rows on screen only: thousands of rows open at once.
    tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
    tree.setIndentation(16)
    _Relayout(tree)
    return tree


class DossierWindow(QWidget):
    """A program's dossier in a window of its own; the app fills it."""

    passage_requested = Signal(object)
    export_requested = Signal()

    def __init__(self, query: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("dossier-window")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.query = query
        self.dossier: Dossier | None = None
        self.setWindowTitle(f"Dossier: {query} — SpaceReader")
        self._fit_to_screen(parent)
        self._build_header(query)
        self._build_views()
        self._layout()
        for view in (self.documents, self.series_view, self.conflicts_view):
            enter = QShortcut(QKeySequence(Qt.Key.Key_Return), view)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(lambda view=view: self._activated(view.currentIndex()))
        close = QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self)
        close.activated.connect(self.close)

    def _fit_to_screen(self, parent: QWidget | None) -> None:
        """The default size, or what the screen the app is on has room for."""
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        self.setGeometry(initial_geometry(screen.availableGeometry(), DEFAULT_SIZE))

    def _build_header(self, query: str) -> None:
        self.title = QLabel(query, self)
        self.title.setObjectName("dossier-title")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel("Reading the library…", self)
        self.status.setAccessibleName("Dossier status")
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(200)
        self.progress.setTextVisible(False)
        self.progress.setRange(0, 0)
        self.export_button = QPushButton("Export as Markdown…", self)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_requested)

    def _build_views(self) -> None:
        self.chart = TimelineChart(self)
        self.chart.point_activated.connect(self._point_activated)
        self.chart.period_activated.connect(self._period_activated)
        self.documents_model = DocumentsModel(self)
        self.documents = _tree(self, "Documents naming the program")
        self.documents.setModel(self.documents_model)
        self.documents.setItemDelegate(_DocumentsDelegate(self.documents))
        self.documents.activated.connect(self._activated)
        self.series_model = SeriesModel(self)
        self.series_view = _tree(self, "Figure series")
        self.series_view.setModel(self.series_model)
        self.series_view.setItemDelegate(_FittedRichText(self.series_view))
        self.series_view.activated.connect(self._activated)
        self.conflicts_model = ConflictsModel(self)
        self.conflicts_view = _tree(self, "Conflicting figures")
        self.conflicts_view.setModel(self.conflicts_model)
        self.conflicts_view.setItemDelegate(_FittedRichText(self.conflicts_view))
        self.conflicts_view.setRootIsDecorated(False)
        self.conflicts_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.conflicts_view.setAlternatingRowColors(True)
        header = self.conflicts_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.conflicts_view.setColumnWidth(0, 150)
        self.conflicts_view.setHeaderHidden(False)
        self.conflicts_view.activated.connect(self._activated)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.documents, "Documents")
        self.tabs.addTab(self.series_view, "Figure series")
        self.tabs.addTab(self.conflicts_view, "Conflicts")

    def _layout(self) -> None:
        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.facts)
        top.addLayout(heading, 1)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        state = QHBoxLayout()
        state.addWidget(self.status, 1)
        state.addWidget(self.progress)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.addLayout(top)
        layout.addLayout(state)
        layout.addWidget(splitter, 1)

    # -- states ----------------------------------------------------------------

    def show_progress(self, done: int, total: int) -> None:
        """The library is being read for programs (once, after an import or an update)."""
        self.status.setText(
            f"Reading the library for programs… {done:,} of {counted(total, 'document')}"
        )
        self.status.show()
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        self.progress.show()

    def show_error(self, message: str) -> None:
        """A line about what happened (an unknown program, an export): what was shown stays."""
        self.progress.hide()
        self.status.setText(message)
        self.status.show()

    def showing_dossier(self) -> bool:
        """True once a dossier is on show."""
        return self.dossier is not None

    def show_dossier(self, dossier: Dossier, timeline: Timeline) -> None:
        """Fill the window with a dossier."""
        self.dossier = dossier
        program = dossier.program
        name = program.name + (f" ({program.acronym})" if program.acronym else "")
        self.title.setText(name)
        self.setWindowTitle(f"Dossier: {name} — SpaceReader")
        self.facts.setText(self._facts(dossier))
        self.progress.hide()
        if dossier.pending:
            pending = counted(dossier.pending, "document")
            self.status.setText(
                f"{pending} {'is' if dossier.pending == 1 else 'are'} still to be read."
            )
        else:
            self.status.hide()
        self.export_button.setEnabled(bool(dossier.documents))
        conflicted = {
            (point.doc_id, point.figure_start)
            for conflict in dossier.conflicts
            for point in (conflict.first, conflict.second)
        }
        self.chart.set_data(timeline, dossier.series, conflicted)
        self.documents_model.set_dossier(dossier)
        if len(dossier.documents) <= EXPANDED_UP_TO:
            self.documents.expandToDepth(0)
        self.series_model.set_series(dossier.series)
        if len(dossier.series) == 1:
            self.series_view.expandToDepth(0)
        self.conflicts_model.set_conflicts(dossier.conflicts)
        self.tabs.setTabText(0, f"Documents ({len(dossier.documents):,})")
        self.tabs.setTabText(1, f"Figure series ({len(dossier.series)})")
        self.tabs.setTabText(2, f"Conflicts ({len(dossier.conflicts)})")

    def _facts(self, dossier: Dossier) -> str:
        program = dossier.program
        lines = []
        what = [part for part in (program.category, program.country) if part]
        others = [n for n in program.names() if n not in (program.name, program.acronym)]
        if others:
            what.append("also " + "; ".join(others[:3]))
        if what:
            lines.append(html.escape(" · ".join(what)))
        count = len(dossier.documents)
        if not count:
            lines.append("No document in the library names this program.")
        else:
            seen = f"Named in <b>{count:,}</b> document{'s' * (count != 1)}"
            if dossier.first_seen:
                seen += (
                    f" · first seen <b>{date_label(dossier.first_seen)}</b>"
                    f" · last seen <b>{date_label(dossier.last_seen)}</b>"
                )
            if dossier.undated:
                seen += f" · {dossier.undated} without a date (listed last)"
            lines.append(seen)
        return "<br>".join(lines)

    # -- activation --------------------------------------------------------------

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        target = index.data(TARGET_ROLE)
        if isinstance(target, PassageTarget):
            self.passage_requested.emit(target)

    @Slot(object)
    def _point_activated(self, point: SeriesPoint) -> None:
        self.passage_requested.emit(point_target(point))

    @Slot(int, int)
    def _period_activated(self, start: int, end: int) -> None:
        """Show the first document of a month or year in the list."""
        from spacereader.core.dates import day_number

        if self.dossier is None:
            return
        for row, document in enumerate(self.dossier.documents):
            day = day_number(document.published)
            if day is not None and start <= day < end:
                self.documents_model.list_up_to(row)
                index = self.documents_model.index(row, 0)
                self.tabs.setCurrentWidget(self.documents)
                self.documents.setCurrentIndex(index)
                self.documents.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
                self.documents.expand(index)
                return

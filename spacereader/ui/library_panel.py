"""The Library dock: every document, with its source and date; a click opens one.

Signals:
    document_requested(str): the user chose a document (its id).
    remove_requested(str): the user asked to remove a document.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QMenu, QVBoxLayout, QWidget

from spacereader.core.document import DocumentInfo
from spacereader.core.wording import counted
from spacereader.ui.item_delegate import DETAIL_ROLE, TwoLineDelegate

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def detail_line(info: DocumentInfo) -> str:
    """The grey line under a title: source · date · category."""
    return " · ".join(part for part in (info.source, info.date, info.category) if part)


class LibraryPanel(QWidget):
    """Lists the library; emits document_requested when one is activated."""

    document_requested = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("library-panel")
        self._model = QStandardItemModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._proxy.setFilterRole(DETAIL_ROLE + 1)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter documents")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter documents")
        self.filter_edit.textChanged.connect(self._proxy.setFilterFixedString)
        self.view = QListView(self)
        self.view.setAccessibleName("Documents")
        self.view.setModel(self._proxy)
        # Uniform rows are sized from one row: every row keeps room for a detail
        # line, so that one without it does not make the others clip theirs.
        self.view.setItemDelegate(TwoLineDelegate(self.view, uniform=True))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.view.setAlternatingRowColors(False)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._remove_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)

    def set_documents(self, documents: Sequence[DocumentInfo]) -> None:
        """Show these documents, keeping the current one selected."""
        current = self.current_id()
        self._model.clear()
        for info in documents:
            item = QStandardItem(info.title)
            detail = detail_line(info)
            item.setData(info.id, ID_ROLE)
            item.setData(detail, DETAIL_ROLE)
            item.setData(f"{info.title} {detail}", DETAIL_ROLE + 1)
            item.setToolTip(f"{info.title}\n{detail}\n{counted(info.chars, 'character')}")
            item.setData(f"{info.title}, {detail}", Qt.ItemDataRole.AccessibleTextRole)
            self._model.appendRow(item)
        if current:
            self.select(current)

    def document_ids(self) -> list[str]:
        """Ids in display order (unfiltered)."""
        return [str(self._model.item(row).data(ID_ROLE)) for row in range(self._model.rowCount())]

    def current_id(self) -> str | None:
        """The selected document's id."""
        index = self.view.currentIndex()
        return str(index.data(ID_ROLE)) if index.isValid() else None

    def select(self, doc_id: str) -> None:
        """Mark a document as the one on show, without emitting a request."""
        for row in range(self._proxy.rowCount()):
            index = self._proxy.index(row, 0)
            if index.data(ID_ROLE) == doc_id:
                self.view.setCurrentIndex(index)
                return

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.document_requested.emit(str(index.data(ID_ROLE)))

    @Slot(QPoint)
    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if not index.isValid():
            return
        doc_id = str(index.data(ID_ROLE))
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.document_requested.emit(doc_id))
        menu.addAction("Remove from Library…", lambda: self.remove_requested.emit(doc_id))
        menu.exec(self.view.viewport().mapToGlobal(point))

    @Slot()
    def _remove_current(self) -> None:
        doc_id = self.current_id()
        if doc_id:
            self.remove_requested.emit(doc_id)

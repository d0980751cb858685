"""The Library dock: every document, with its source and date; a click, or moving
to it with the arrow keys, opens one.

Signals:
    document_requested(str): the user chose a document (its id).
    remove_requested(str): the user asked to remove a document.
    date_requested(str): the user asked to set a document's publication date.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QMenu, QVBoxLayout, QWidget

from spacereader.core.dates import date_label
from spacereader.core.document import DocumentInfo
from spacereader.core.wording import counted
from spacereader.ui.item_delegate import BADGE_ROLE, DETAIL_ROLE, TwoLineDelegate

ID_ROLE = Qt.ItemDataRole.UserRole + 1
# Languages by code, as the Library names them in tooltips and for screen readers.
LANGUAGE_NAMES = {"en": "English", "fr": "French"}


def detail_line(info: DocumentInfo) -> str:
    """The grey line under a title: source · date · category."""
    return " · ".join(part for part in (info.source, info.date, info.category) if part)


def language_code(info: DocumentInfo) -> str:
    """The document's language as its badge shows it ("FR" for "fr" or "fr-CA"), or ""."""
    return info.language.split("-")[0].upper()


def language_name(info: DocumentInfo) -> str:
    """The document's language in words ("French"), or "" when it is not known."""
    return LANGUAGE_NAMES.get(language_code(info).lower(), info.language)


def published_line(info: DocumentInfo) -> str:
    """ "Published 9 March 2021 (set by you)", for the tooltip."""
    if not info.published:
        return "Publication date unknown"
    how = " (set by you)" if info.published_by_user else ""
    return f"Published {date_label(info.published)}{how}"


class LibraryPanel(QWidget):
    """Lists the library; emits document_requested when one is chosen.

    `remove_action` (Del in the list) is the panel's; the window puts it in a menu.
    """

    document_requested = Signal(str)
    remove_requested = Signal(str)
    date_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("library-panel")
        self._shown_id: str | None = None  # the document on show, as select() was told
        self._syncing = False
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
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.remove_action = QAction("&Remove from Library…", self)
        self.remove_action.setObjectName("remove-document")
        self.remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        # Del works in the list only: in a text field it deletes a character.
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.setEnabled(False)
        self.remove_action.triggered.connect(self._remove_current)
        self.view.addAction(self.remove_action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)

    def set_documents(self, documents: Sequence[DocumentInfo]) -> None:
        """Show these documents, keeping the current one selected."""
        current = self._shown_id or self.current_id()
        self._model.clear()
        for info in documents:
            item = QStandardItem(info.title)
            detail = detail_line(info)
            language = language_name(info)
            item.setData(info.id, ID_ROLE)
            item.setData(detail, DETAIL_ROLE)
            item.setData(language_code(info), BADGE_ROLE)
            # The filter finds documents by language too ("french").
            item.setData(f"{info.title} {detail} {language}", DETAIL_ROLE + 1)
            facts = counted(info.chars, "character") + (f" · {language}" if language else "")
            item.setToolTip(f"{info.title}\n{detail}\n{published_line(info)}\n{facts}")
            spoken = ", ".join(part for part in (info.title, detail, language) if part)
            item.setData(spoken, Qt.ItemDataRole.AccessibleTextRole)
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
        self._shown_id = doc_id
        for row in range(self._proxy.rowCount()):
            index = self._proxy.index(row, 0)
            if index.data(ID_ROLE) == doc_id:
                self._syncing = True
                try:
                    self.view.setCurrentIndex(index)
                finally:
                    self._syncing = False
                return

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and index.data(ID_ROLE) != self._shown_id:
            self.document_requested.emit(str(index.data(ID_ROLE)))

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.remove_action.setEnabled(current.isValid())
        # The user moved in the list (arrow keys, a click): show what is selected.
        # Not when the app marks the document on show, nor when a filter moves it.
        if not self._syncing and self.view.hasFocus():
            self._activated(current)

    @Slot(QPoint)
    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction("Open", lambda: self._activated(index))
        doc_id = str(index.data(ID_ROLE))
        menu.addAction("Publication Date…", lambda: self.date_requested.emit(doc_id))
        menu.addAction(self.remove_action)
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    @Slot()
    def _remove_current(self) -> None:
        doc_id = self.current_id()
        if doc_id:
            self.remove_requested.emit(doc_id)

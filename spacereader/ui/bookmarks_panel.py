"""The Bookmarks dock: bookmarks grouped by document, a filter, an editor for
the note and tags of the selected one, and a context menu.

Signals:
    bookmark_activated(object): the user chose a bookmark (open it in the reader).
    note_edited(str, str): a bookmark id and its new note (after typing pauses, when
        the note is left, and whenever commit_edits() is called).
    tags_edited(str, object): a bookmark id and its new tags (a tuple of str).
    delete_requested(str): the user deleted a bookmark.
    editing_finished(): Esc in the editor: back to the text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from spacereader.ui.bookmarks_model import BookmarksModel, group_bookmarks
from spacereader.ui.item_delegate import TwoLineDelegate

if TYPE_CHECKING:
    from spacereader.core.bookmarks import Bookmark, BookmarkFilter

NOTE_IDLE_MS = 600


def parse_tags(text: str) -> tuple[str, ...]:
    """ "policy, moon  #ilrs" → ("policy", "moon", "ilrs")."""
    parts = text.replace(",", " ").split()
    return tuple(dict.fromkeys(part.lstrip("#") for part in parts if part.lstrip("#")))


def _panel_action(text: str, name: str, keys: QKeySequence, *widgets: QWidget) -> QAction:
    """An action whose keys work only where the panel's widgets have the focus."""
    action = QAction(text, widgets[0])
    action.setObjectName(name)
    action.setShortcut(keys)
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    for widget in widgets:
        widget.addAction(action)
    return action


class BookmarksPanel(QWidget):
    """Lists bookmarks and edits the selected one's note and tags.

    `delete_action` (Del in the list) is the panel's; the window puts it in a menu.
    """

    bookmark_activated = Signal(object)
    note_edited = Signal(str, str)
    tags_edited = Signal(str, object)
    delete_requested = Signal(str)
    editing_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarks-panel")
        self._bookmarks: list[Bookmark] = []
        self._filter: BookmarkFilter | None = None
        self._titles: Mapping[str, str] = {}
        self._editing: Bookmark | None = None
        self._shown_note = ""
        self._shown_tags = ""
        self.model = BookmarksModel()
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter quotes, notes, #tags")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter bookmarks")
        self.filter_edit.textChanged.connect(self._refill)
        self.sort_box = QComboBox(self)
        self.sort_box.addItems(["By position", "Newest first"])
        self.sort_box.setAccessibleName("Sort bookmarks")
        self.sort_box.currentIndexChanged.connect(self._refill)
        self.tree = QTreeView(self)
        self.tree.setAccessibleName("Bookmarks")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegate(TwoLineDelegate(self.tree, uniform=True))
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.clicked.connect(self._activated)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Bookmark count")
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText("Note — type here; Esc returns to the text")
        self.note_edit.setAccessibleName("Bookmark note")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(96)
        self.note_edit.installEventFilter(self)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_IDLE_MS)
        self._note_timer.timeout.connect(self._commit_note)
        self.note_edit.textChanged.connect(self._note_timer.start)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setPlaceholderText("tags, separated by commas")
        self.tags_edit.setAccessibleName("Bookmark tags")
        self.tags_edit.editingFinished.connect(self._commit_tags)
        self._make_actions()
        self._layout()
        self._set_editor_enabled(False)

    def _make_actions(self) -> None:
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_context_menu)
        self.delete_action = _panel_action(
            "&Delete Bookmark",
            "delete-bookmark",
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.tree,
        )
        self.delete_action.triggered.connect(self._delete_current)
        self.copy_action = _panel_action(
            "&Copy Quote", "copy-quote", QKeySequence(QKeySequence.StandardKey.Copy), self.tree
        )
        self.copy_action.triggered.connect(self._copy_current)
        self.return_action = _panel_action(
            "Return to the Text",
            "return-to-text",
            QKeySequence(Qt.Key.Key_Escape),
            self.note_edit,
            self.tags_edit,
        )
        self.return_action.triggered.connect(self._return_to_text)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.sort_box)
        editor = QFormLayout()
        editor.setContentsMargins(0, 0, 0, 0)
        editor.addRow("Note", self.note_edit)
        editor.addRow("Tags", self.tags_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(editor)

    # -- content ---------------------------------------------------------

    def set_bookmarks(self, bookmarks: Sequence[Bookmark], titles: Mapping[str, str]) -> None:
        """Show these bookmarks (the whole store), keeping the filter and selection."""
        from spacereader.core.bookmarks import BookmarkFilter

        self._bookmarks = list(bookmarks)
        self._filter = BookmarkFilter(self._bookmarks)
        self._titles = titles
        self._refill()

    @Slot()
    def _refill(self) -> None:
        selected = self._editing.id if self._editing else None
        query = self.filter_edit.text()
        chosen = self._filter.matching(query) if self._filter and query.strip() else self._bookmarks
        groups = group_bookmarks(
            chosen, self._titles, newest_first=self.sort_box.currentIndex() == 1
        )
        self.model.set_groups(groups)
        self.tree.expandAll()
        listed = self.model.count()
        total = len(self._bookmarks)
        noun = "bookmark" if total == 1 else "bookmarks"
        shown = f"{listed:,} of {total:,} {noun}" if listed != total else f"{total:,} {noun}"
        self.count_label.setText(shown)
        # A deleted bookmark leaves the editor (what was typed is saved first); one
        # the filter hides stays in it, so that typing its note never closes it.
        if (
            selected
            and not self.select(selected, focus_note=False)
            and not any(bookmark.id == selected for bookmark in self._bookmarks)
        ):
            self._edit_bookmark(None)

    def select(self, bookmark_id: str, focus_note: bool) -> bool:
        """Make a bookmark current; optionally put the caret in its note."""
        index = self.model.find(bookmark_id)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        if focus_note:
            dock = self.parentWidget()
            if dock is not None and not dock.isVisible():
                dock.show()
            dock_raise = getattr(dock, "raise_", None)
            if dock_raise is not None:
                dock_raise()
            self.note_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def current_bookmark(self) -> Bookmark | None:
        """The bookmark being edited."""
        return self._editing

    def commit_edits(self) -> None:
        """Emit the note and tags as typed, if they differ from the bookmark's."""
        self._commit_note()
        self._commit_tags()

    # -- editor ------------------------------------------------------------

    def _set_editor_enabled(self, enabled: bool) -> None:
        self.note_edit.setEnabled(enabled)
        self.tags_edit.setEnabled(enabled)
        self.delete_action.setEnabled(enabled)
        self.copy_action.setEnabled(enabled)

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._edit_bookmark(self.model.bookmark_at(current))

    def _edit_bookmark(self, bookmark: Bookmark | None) -> None:
        """Put a bookmark in the editor (None: empty and disabled), saving the last one first."""
        if bookmark is not None and self._editing is not None and bookmark.id == self._editing.id:
            # The same bookmark, listed again after a change: keep what the user is
            # typing (and the caret); show what the store has in a field not being edited.
            self._editing = bookmark
            if not self._note_typed():
                self._show_note(bookmark.note)
            if not self._tags_typed():
                self._show_tags(bookmark.tags)
            return
        self.commit_edits()
        self._editing = bookmark
        self._set_editor_enabled(bookmark is not None)
        self._show_note(bookmark.note if bookmark else "")
        self._show_tags(bookmark.tags if bookmark else ())

    # What the editor last showed or saved: text that differs was typed and is not saved yet.
    def _show_note(self, note: str) -> None:
        self._shown_note = note
        if self.note_edit.toPlainText() != note:
            self.note_edit.blockSignals(True)
            self.note_edit.setPlainText(note)
            self.note_edit.blockSignals(False)

    def _show_tags(self, tags: Sequence[str]) -> None:
        self._shown_tags = ", ".join(tags)
        self.tags_edit.setText(self._shown_tags)

    def _note_typed(self) -> bool:
        return self.note_edit.toPlainText() != self._shown_note

    def _tags_typed(self) -> bool:
        return self.tags_edit.text() != self._shown_tags

    @Slot()
    def _commit_note(self) -> None:
        self._note_timer.stop()
        bookmark = self._editing
        if bookmark is None or not self._note_typed():
            return
        # Marked saved before emitting: the save lists the bookmark again.
        self._shown_note = self.note_edit.toPlainText()
        if self._shown_note != bookmark.note:
            self.note_edited.emit(bookmark.id, self._shown_note)

    @Slot()
    def _commit_tags(self) -> None:
        bookmark = self._editing
        if bookmark is None or not self._tags_typed():
            return
        self._shown_tags = self.tags_edit.text()
        tags = parse_tags(self._shown_tags)
        if tags != bookmark.tags:
            self.tags_edited.emit(bookmark.id, tags)

    def bookmark_changed(self, bookmark: Bookmark) -> None:
        """The store changed one bookmark: update it without losing the editor's text."""
        self._bookmarks = [bookmark if b.id == bookmark.id else b for b in self._bookmarks]
        from spacereader.core.bookmarks import BookmarkFilter

        self._filter = BookmarkFilter(self._bookmarks)
        if self._editing is not None and self._editing.id == bookmark.id:
            self._editing = bookmark
        self._refill()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Leaving the note saves it."""
        if event.type() == QEvent.Type.FocusOut and watched is self.note_edit:
            self._commit_note()
        return super().eventFilter(watched, event)

    @Slot()
    def _return_to_text(self) -> None:
        """Esc in the note or tags: keep what was typed, return to the text."""
        self.commit_edits()
        self.editing_finished.emit()

    # -- actions -----------------------------------------------------------

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        bookmark = self.model.bookmark_at(index)
        if bookmark is not None:
            self.bookmark_activated.emit(bookmark)

    @Slot()
    def _delete_current(self) -> None:
        bookmark = self.model.bookmark_at(self.tree.currentIndex())
        if bookmark is not None:
            self.delete_requested.emit(bookmark.id)

    @Slot()
    def _copy_current(self) -> None:
        bookmark = self.model.bookmark_at(self.tree.currentIndex())
        if bookmark is not None:
            QApplication.clipboard().setText(bookmark.quote)

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        """The menu for a bookmark's row (None for a document's row), its row made current."""
        bookmark = self.model.bookmark_at(index)
        if bookmark is None:
            return None
        self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction("&Go to Passage", lambda: self.bookmark_activated.emit(bookmark))
        menu.addAction("&Edit Note", lambda: self.select(bookmark.id, focus_note=True))
        menu.addAction(self.copy_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        return menu

    @Slot(QPoint)
    def _show_context_menu(self, point: QPoint) -> None:
        menu = self.context_menu(self.tree.indexAt(point))
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(point))
            menu.deleteLater()

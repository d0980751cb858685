"""The Search dock: a query field, a scope switch, and hits grouped by document.

Signals:
    query_changed(str): the query after the user paused typing (debounced).
    query_submitted(str): Enter in the field.
    scope_changed(bool): True for the whole library, False for this document.
    hit_activated(object): the user chose a hit (a core.search Hit).
    bookmark_activated(object): the user chose a matching bookmark.
    include_bookmarks_changed(bool): the "Bookmarks too" switch.
    bookmark_requested(object): "Bookmark passage" on a hit.
    clear_requested(): Esc in the field: clear the highlights.
    dossier_requested(str): "Open its dossier" after a `program:NAME` search.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from spacereader.core.wording import counted
from spacereader.ui.rich_delegate import HTML_ROLE, RichTextDelegate

if TYPE_CHECKING:
    from spacereader.core.bookmarks import Bookmark
    from spacereader.core.search import Hit, SearchResult

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
BOOKMARK_ROLE = Qt.ItemDataRole.UserRole + 2
DEBOUNCE_MS = 250
HINT = "Words, “phrases”, AND / OR / NOT, prefix*, program:ILRS, note:word"
MARK_STYLE = "background-color:#ffe08a;color:#1a1a1a;font-weight:600"
# A search for one program: its dossier is one click away.
PROGRAM_QUERY = re.compile(r"""^program:(?:"([^"]+)"|(\S+))$""", re.IGNORECASE)
DOSSIER_LINK = "dossier:"


def program_of_query(query: str) -> str:
    """The program a `program:NAME` (or `program:"Long Name"`) query names, else ""."""
    match = PROGRAM_QUERY.match(query.strip())
    return (match.group(1) or match.group(2)) if match else ""


def snippet_html(snippet: str, marks: tuple[tuple[int, int], ...]) -> str:
    """The snippet as HTML with its matched words marked."""
    parts: list[str] = []
    position = 0
    for start, end in sorted(marks):
        if start < position:
            continue
        parts.append(html.escape(snippet[position:start]))
        parts.append(f'<span style="{MARK_STYLE}">{html.escape(snippet[start:end])}</span>')
        position = end
    parts.append(html.escape(snippet[position:]))
    return "".join(parts)


def summary_html(result: SearchResult | None, shown: int, bookmarks: int) -> str:
    """The line above the results: "1,191 hits in 57 documents", or "200 of 1,191 hits
    shown" when the list is capped, and why, when it is short of the truth (cut by
    the time limit, a query that cannot match, an index that cannot answer)."""
    parts = []
    if result is not None:
        documents = len(result.grouped())
        docs = "document" if documents == 1 else "documents"
        hits = "hit" if result.total == 1 else "hits"
        if result.error:
            parts.append(f"Search unavailable: {html.escape(result.error)}.")
        elif result.notice:
            parts.append(html.escape(result.notice))
        elif result.total == 0:
            parts.append("No matches.")
        elif result.partial:
            parts.append(
                f"{shown:,} of at least {result.total:,} {hits} in {documents:,} {docs}"
                " (the search stopped at its time limit)"
            )
        elif shown < result.total:
            parts.append(f"{shown:,} of {result.total:,} {hits} shown, from {documents:,} {docs}")
        else:
            parts.append(f"{result.total:,} {hits} in {documents:,} {docs}")
    if bookmarks or result is None:
        parts.append(f"{bookmarks:,} bookmark{'s' if bookmarks != 1 else ''}")
    text = "; ".join(parts)
    if result is not None and result.suggestion:
        suggestion = html.escape(result.suggestion)
        text += f' Did you mean <a href="{suggestion}">{suggestion}</a>?'
    return text


class SearchField(QLineEdit):
    """The query field; Esc asks to clear the highlights (and the field)."""

    escape_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc clears; everything else types."""
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    """Query in, results out; the app runs the search and calls show_result."""

    query_changed = Signal(str)
    query_submitted = Signal(str)
    scope_changed = Signal(bool)
    hit_activated = Signal(object)
    bookmark_activated = Signal(object)
    include_bookmarks_changed = Signal(bool)
    bookmark_requested = Signal(object)
    clear_requested = Signal()
    dossier_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search-panel")
        self.field = SearchField(self)
        self.field.setPlaceholderText("Search your library — e.g. ILRS")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search query")
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit_query)
        self.field.textEdited.connect(lambda _text: self._debounce.start())
        self.field.returnPressed.connect(self._submit)
        self.field.escape_pressed.connect(self._escape)

        self.this_document = QToolButton(self)
        self.this_document.setText("This document")
        self.whole_library = QToolButton(self)
        self.whole_library.setText("Whole library")
        scope = QButtonGroup(self)
        scope.setExclusive(True)
        for button in (self.this_document, self.whole_library):
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            scope.addButton(button)
        self.whole_library.setChecked(True)
        self.whole_library.toggled.connect(self._scope_toggled)
        self.include_bookmarks = QCheckBox("Bookmarks too", self)
        self.include_bookmarks.setToolTip(
            "Also search your bookmarks' quotes, notes and tags (note:word searches notes only)"
        )
        self.include_bookmarks.toggled.connect(self.include_bookmarks_changed)

        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Search summary")
        self.summary.linkActivated.connect(self._accept_suggestion)
        self.summary.setText(HINT)

        self.model = QStandardItemModel(self)
        self.results = self._build_results_view()

        scope_row = QHBoxLayout()
        scope_row.setContentsMargins(0, 0, 0, 0)
        scope_row.addWidget(self.this_document)
        scope_row.addWidget(self.whole_library)
        scope_row.addStretch(1)
        scope_row.addWidget(self.include_bookmarks)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.field)
        layout.addLayout(scope_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)

    def _build_results_view(self) -> QTreeView:
        results = QTreeView(self)
        results.setAccessibleName("Search results")
        results.setModel(self.model)
        results.setHeaderHidden(True)
        results.setItemDelegate(RichTextDelegate(results))
        results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        results.setWordWrap(True)
        results.setIndentation(12)
        results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        results.activated.connect(self._activated)
        results.clicked.connect(self._activated)
        results.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        results.customContextMenuRequested.connect(self._context_menu)
        return results

    # -- state -----------------------------------------------------------

    @property
    def query(self) -> str:
        """The query as typed."""
        return self.field.text().strip()

    @property
    def library_scope(self) -> bool:
        """True when searching the whole library."""
        return self.whole_library.isChecked()

    def focus_field(self) -> None:
        """Ctrl+F: put the caret in the field, its text selected."""
        dock = self.parentWidget()
        if dock is not None and not dock.isVisible():
            dock.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    # -- results ---------------------------------------------------------

    def show_result(
        self,
        result: SearchResult | None,
        titles: dict[str, str],
        bookmarks: list[Bookmark] | tuple[()] = (),
    ) -> list[Hit]:
        """Show matching bookmarks, then hits grouped by document; returns the hits in order."""
        self.model.clear()
        if bookmarks:
            self.model.appendRow(self._bookmark_group(bookmarks, titles))
        ordered: list[Hit] = []
        for doc_id, hits in result.grouped() if result is not None else []:
            title = titles.get(doc_id) or hits[0].title
            parent = self._group_item(f"{title}  ({len(hits)})")
            parent.setData(
                f"{title}, {counted(len(hits), 'hit')}", Qt.ItemDataRole.AccessibleTextRole
            )
            for hit in sorted(hits, key=lambda h: h.start):
                child = QStandardItem(hit.snippet)
                child.setData(hit, HIT_ROLE)
                child.setData(snippet_html(hit.snippet, hit.snippet_marks), HTML_ROLE)
                child.setToolTip(hit.text[:600])
                parent.appendRow(child)
                ordered.append(hit)
            self.model.appendRow(parent)
        self.results.expandAll()
        self._show_summary(result, len(ordered), len(bookmarks))
        return ordered

    def _group_item(self, text: str) -> QStandardItem:
        item = QStandardItem(text)
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        item.setFont(font)
        return item

    def _bookmark_group(self, bookmarks: list[Bookmark], titles: dict[str, str]) -> QStandardItem:
        group = self._group_item(f"Bookmarks  ({len(bookmarks)})")
        for bookmark in bookmarks:
            title = titles.get(bookmark.doc_id, "Removed document")
            note = f"<br><i>{html.escape(bookmark.note)}</i>" if bookmark.note else ""
            child = QStandardItem(bookmark.quote)
            child.setData(bookmark, BOOKMARK_ROLE)
            child.setData(
                f"“{html.escape(bookmark.quote[:240])}”{note}<br>"
                f"<small>{html.escape(title)}</small>",
                HTML_ROLE,
            )
            group.appendRow(child)
        return group

    def clear_results(self) -> None:
        """An empty query: nothing listed, the syntax hint back."""
        self.model.clear()
        self.summary.setText(HINT)

    def select_hit(self, hit: Hit) -> None:
        """Mark the current hit in the list (F3 moved to it)."""
        for row in range(self.model.rowCount()):
            parent = self.model.item(row)
            for child_row in range(parent.rowCount()):
                child = parent.child(child_row)
                if child.data(HIT_ROLE) is hit:
                    self.results.setCurrentIndex(child.index())
                    self.results.scrollTo(child.index())
                    return

    def _show_summary(self, result: SearchResult | None, shown: int, bookmarks: int) -> None:
        text = summary_html(result, shown, bookmarks)
        program = program_of_query(result.query if result is not None else self.query)
        if program:
            name = html.escape(program)
            text += f' <a href="{DOSSIER_LINK}{name}">Open the {name} dossier</a>'
        self.summary.setText(text)

    # -- slots -----------------------------------------------------------

    @Slot()
    def _emit_query(self) -> None:
        self.query_changed.emit(self.query)

    @Slot()
    def _submit(self) -> None:
        self._debounce.stop()
        self.query_submitted.emit(self.query)

    @Slot()
    def _escape(self) -> None:
        self.clear_requested.emit()

    @Slot(bool)
    def _scope_toggled(self, library: bool) -> None:
        self.scope_changed.emit(library)

    @Slot(str)
    def _accept_suggestion(self, suggestion: str) -> None:
        if suggestion.startswith(DOSSIER_LINK):
            self.dossier_requested.emit(suggestion.removeprefix(DOSSIER_LINK))
            return
        self.field.setText(suggestion)
        self._submit()

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.hit_activated.emit(hit)
        bookmark = index.data(BOOKMARK_ROLE)
        if bookmark is not None:
            self.bookmark_activated.emit(bookmark)

    @Slot(QPoint)
    def _context_menu(self, point: QPoint) -> None:
        hit = self.results.indexAt(point).data(HIT_ROLE)
        if hit is None:
            return
        menu = QMenu(self)
        menu.addAction("Go to passage", lambda: self.hit_activated.emit(hit))
        menu.addAction("Bookmark passage", lambda: self.bookmark_requested.emit(hit))
        menu.exec(self.results.viewport().mapToGlobal(point))

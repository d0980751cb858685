"""The Programs dock: the programs a text names, by category, with mention counts.

Clicking a program jumps to its first mention; clicking it again goes to the
next. With "Whole library" on, each program lists the documents that name it.
Double-clicking a program (or Open Dossier in its context menu) asks for its
dossier: the program through the whole library, over time.

Signals:
    mention_requested(str, int, int): a document id and a mention's span.
    mention_counted(str): where that mention is among the program's ("ILRS: mention 2 of 3").
    library_scope_changed(bool): the "Whole library" switch.
    dossier_requested(str): a program's name, for its dossier.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from spacereader.core.wording import counted

if TYPE_CHECKING:
    from spacereader.core.extraction import Program

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
NAME_ROLE = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class MentionTarget:
    """What a row jumps to: the mentions, per document, in reading order."""

    key: str
    spans: tuple[tuple[str, int, int], ...]
    name: str = ""


def mention_position(name: str, number: int, total: int, wrapped: bool = False) -> str:
    """ "ILRS: mention 2 of 3", saying so when it has started over from the first."""
    line = f"{name}: mention {number} of {total}"
    return f"{line} (back to the first)" if wrapped else line


def program_tooltip(program: Program) -> str:
    """Canonical name, expansion, category, country or agency."""
    lines = [program.name]
    if program.acronym and program.acronym != program.name:
        lines.append(f"Acronym: {program.acronym}")
    others = [alias for alias in program.aliases if alias not in (program.name, program.acronym)]
    if others:
        lines.append("Also: " + "; ".join(others[:4]))
    lines.append(f"Category: {program.category}")
    if program.country:
        lines.append(f"Country or agency: {program.country}")
    return "\n".join(lines)


def display_name(program: Program) -> str:
    """ "ILRS — International Lunar Research Station" or just the name."""
    if program.acronym and program.acronym != program.name:
        return f"{program.name} ({program.acronym})"
    return program.name


class _TreeFilter(QSortFilterProxyModel):
    """Keeps a category when any of its programs matches the typed text."""

    text = ""

    def set_text(self, text: str) -> None:
        """Filter by this text, as typed (not as a pattern)."""
        self.text = text
        self.setFilterFixedString(text)  # refilters; the match itself uses self.text

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # type: ignore[override]
        pattern = self.text.lower()
        if not pattern:
            return True
        index = self.sourceModel().index(row, 0, parent)
        text = str(index.data(FILTER_ROLE) or index.data() or "").lower()
        if pattern in text:
            return True
        model = self.sourceModel()
        return any(self.filterAcceptsRow(child, index) for child in range(model.rowCount(index)))


class ProgramsPanel(QWidget):
    """Shows programs; the app feeds it extraction results."""

    mention_requested = Signal(str, int, int)
    mention_counted = Signal(str)
    library_scope_changed = Signal(bool)
    dossier_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("programs-panel")
        self.model = QStandardItemModel(self)
        self._proxy = _TreeFilter(self)
        self._proxy.setSourceModel(self.model)
        self._proxy.setRecursiveFilteringEnabled(False)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter programs")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter programs")
        self.filter_edit.textChanged.connect(self._filter)
        self.library_switch = QCheckBox("Whole library", self)
        self.library_switch.setToolTip("List every document that names each program")
        self.library_switch.toggled.connect(self.library_scope_changed)
        self.tree = QTreeView(self)
        self.tree.setAccessibleName("Programs")
        self.tree.setModel(self._proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        # Mouse clicks and Enter; not `activated`, which some platforms also send
        # for a single click and which would then skip a mention.
        self.tree.clicked.connect(self._activated)
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.tree)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.setWhatsThis("Go to the program's next mention")  # listed in Keyboard Shortcuts
        enter.activated.connect(lambda: self._activated(self.tree.currentIndex()))
        self.tree.doubleClicked.connect(self._dossier_of)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self._cursor: dict[str, int] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.library_switch)
        layout.addWidget(self.tree, 1)

    @property
    def library_scope(self) -> bool:
        """True when listing the whole library."""
        return self.library_switch.isChecked()

    def show_document(self, doc_id: str, programs: Sequence[Program]) -> None:
        """The programs one document names."""
        self._fill({doc_id: programs}, {}, per_document=False)

    def show_library(
        self, programs_by_doc: Mapping[str, Sequence[Program]], titles: Mapping[str, str]
    ) -> None:
        """Every program in the library, each with the documents that name it."""
        self._fill(programs_by_doc, titles, per_document=True)

    def _fill(
        self,
        programs_by_doc: Mapping[str, Sequence[Program]],
        titles: Mapping[str, str],
        per_document: bool,
    ) -> None:
        self.model.clear()
        self._cursor.clear()
        merged: dict[str, list[tuple[str, Program]]] = defaultdict(list)
        for doc_id, programs in programs_by_doc.items():
            for program in programs:
                merged[program.name].append((doc_id, program))
        by_category: dict[str, list[str]] = defaultdict(list)
        for name, entries in merged.items():
            by_category[entries[0][1].category].append(name)
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        for category in sorted(by_category, key=_category_order):
            names = sorted(by_category[category], key=lambda n: (-_count(merged[n]), n.lower()))
            category_item = QStandardItem(f"{category}  ({len(names)})")
            category_item.setFont(bold)
            category_item.setData(category, FILTER_ROLE)
            category_item.setSelectable(False)
            for name in names:
                category_item.appendRow(self._program_row(merged[name], titles, per_document))
            self.model.appendRow(category_item)
        self.tree.expandToDepth(0)

    def _program_row(
        self,
        entries: list[tuple[str, Program]],
        titles: Mapping[str, str],
        per_document: bool,
    ) -> QStandardItem:
        program = entries[0][1]
        spans = tuple(
            (doc_id, mention.start, mention.end)
            for doc_id, entry in entries
            for mention in entry.mentions
        )
        label = f"{display_name(program)}  ·  {len(spans)}"
        item = QStandardItem(label)
        item.setToolTip(program_tooltip(program))
        item.setData(MentionTarget(program.name, spans, display_name(program)), TARGET_ROLE)
        item.setData(" ".join(program.names()), FILTER_ROLE)
        item.setData(program.name, NAME_ROLE)
        item.setData(
            f"{program.name}, {counted(len(spans), 'mention')}, {program.category}",
            Qt.ItemDataRole.AccessibleTextRole,
        )
        if per_document:
            for doc_id, entry in entries:
                child = QStandardItem(f"{titles.get(doc_id, doc_id)}  ·  {len(entry.mentions)}")
                child.setData(
                    MentionTarget(
                        f"{program.name}@{doc_id}",
                        tuple((doc_id, m.start, m.end) for m in entry.mentions),
                        display_name(program),
                    ),
                    TARGET_ROLE,
                )
                child.setToolTip(program_tooltip(program))
                child.setData(program.name, NAME_ROLE)
                item.appendRow(child)
        return item

    def program_names(self) -> list[str]:
        """Every program row's label, in display order (for tests and exports)."""
        names: list[str] = []
        for row in range(self.model.rowCount()):
            category = self.model.item(row)
            names.extend(category.child(r).text() for r in range(category.rowCount()))
        return names

    @Slot(str)
    def _filter(self, text: str) -> None:
        self._proxy.set_text(text.strip())
        self.tree.expandToDepth(0)

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        target = index.data(TARGET_ROLE)
        if not isinstance(target, MentionTarget) or not target.spans:
            return
        previous = self._cursor.get(target.key, -1)
        position = (previous + 1) % len(target.spans)
        self._cursor[target.key] = position
        doc_id, start, end = target.spans[position]
        self.mention_requested.emit(doc_id, start, end)
        wrapped = previous >= 0 and position == 0
        self.mention_counted.emit(
            mention_position(target.name or target.key, position + 1, len(target.spans), wrapped)
        )

    @Slot(QModelIndex)
    def _dossier_of(self, index: QModelIndex) -> None:
        name = _name_of(index)
        if name:
            self.dossier_requested.emit(name)

    @Slot(QPoint)
    def _context_menu(self, point: QPoint) -> None:
        index = self.tree.indexAt(point)
        name = _name_of(index)
        if not name:
            return
        menu = QMenu(self)
        menu.addAction("Go to Next Mention", lambda: self._activated(index))
        menu.addAction(f"Open Dossier of {name}", lambda: self.dossier_requested.emit(name))
        menu.exec(self.tree.viewport().mapToGlobal(point))


def _name_of(index: QModelIndex) -> str:
    return str(index.data(NAME_ROLE) or "") if index.isValid() else ""


def _count(entries: list[tuple[str, Program]]) -> int:
    return sum(len(program.mentions) for _doc, program in entries)


def _category_order(category: str) -> tuple[int, str]:
    # National non-space programs are kept apart, at the end.
    return (1 if "non-space" in category else 0, category.lower())

"""Help → Keyboard Shortcuts: every key the window answers, read from its actions
and shortcuts themselves, so the list cannot drift from what the keys do.

Menu actions come first, in menu order, named by their menu path
("Edit › Delete Bookmark"); then the keys that belong to one pane only. Keys
that work only where a given widget has the focus (Del in the Bookmarks list,
Esc in the note) say where, by that widget's accessible name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

ANYWHERE = "Anywhere"
PATH_SEPARATOR = " › "


@dataclass(frozen=True)
class ShortcutRow:
    """One line of the list: what, which keys, where they work, and the object behind it."""

    action: str
    keys: str
    where: str
    source: QObject


def _label(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _action_label(action: QAction) -> str:
    """The action's name in the list: a fixed label if it has one, else its text."""
    return str(action.property("shortcut_label") or "") or _label(action.text())


def _keys(sequences: list[QKeySequence]) -> str:
    return ", ".join(
        sequence.toString(QKeySequence.SequenceFormat.NativeText)
        for sequence in sequences
        if not sequence.isEmpty()
    )


def _where(context: Qt.ShortcutContext, widgets: list[QWidget]) -> str:
    if context in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut):
        return ANYWHERE
    names = []
    for widget in widgets:
        name = widget.accessibleName() or widget.objectName()
        if name and isinstance(widget, QAbstractItemView):
            name += " list"
        names.append(name)
    return ", ".join(name for name in names if name) or ANYWHERE


def _menu_actions(menu: QMenu, path: str) -> Iterator[tuple[str, QAction]]:
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from _menu_actions(submenu, path + PATH_SEPARATOR + _label(submenu.title()))
        elif not action.isSeparator():
            yield path + PATH_SEPARATOR + _action_label(action), action


def _action_row(name: str, action: QAction) -> ShortcutRow | None:
    keys = _keys(action.shortcuts())
    if not keys:
        return None
    widgets = [
        widget
        for widget in action.associatedObjects()
        if isinstance(widget, QWidget) and not isinstance(widget, QMenu)
    ]
    return ShortcutRow(name, keys, _where(action.shortcutContext(), widgets), action)


def shortcut_rows(window: QMainWindow) -> list[ShortcutRow]:
    """Every action with keys (menus first, in their order) and every named QShortcut."""
    rows: list[ShortcutRow] = []
    seen: set[int] = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        for name, action in _menu_actions(menu, _label(menu.title())):
            row = _action_row(name, action)
            if row is not None and id(action) not in seen:
                seen.add(id(action))
                rows.append(row)
    others: list[ShortcutRow] = []
    for action in window.findChildren(QAction):
        row = _action_row(_action_label(action), action)
        if row is not None and id(action) not in seen:
            seen.add(id(action))
            others.append(row)
    for shortcut in window.findChildren(QShortcut):
        keys = _keys(shortcut.keys())
        parent = shortcut.parent()
        if keys:
            widgets = [parent] if isinstance(parent, QWidget) else []
            what = shortcut.whatsThis() or "(undescribed)"
            others.append(ShortcutRow(what, keys, _where(shortcut.context(), widgets), shortcut))
    return rows + sorted(others, key=lambda row: (row.where, row.action))


class ShortcutsDialog(QDialog):
    """A table: action, keys, where they work."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setObjectName("shortcuts-dialog")
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Action", "Keys", "Where"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        for number, row in enumerate(rows):
            for column, text in enumerate((row.action, row.keys, row.where)):
                self.table.setItem(number, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 600)

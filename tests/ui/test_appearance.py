"""Zoom, theme, preferences, the shortcuts list, About, and keyboard focus."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp, build
from spacereader.features.appearance import load_preferences
from spacereader.ui.about_dialog import AboutDialog
from spacereader.ui.shortcuts_dialog import ShortcutsDialog, shortcut_rows
from spacereader.ui.theme import ThemeChoice


def body_size(app: SpaceReaderApp) -> float:
    block = app.reader.document().findBlockByNumber(3)
    return block.charFormat().font().pointSizeF()


def test_zoom_keys_change_the_text_size_and_it_is_remembered(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    before = body_size(reader_app)
    QTest.keyClick(reader_app.window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(reader_app.window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    zoomed = body_size(reader_app)
    assert zoomed == pytest.approx(before * 1.2, rel=0.02)
    QTest.keyClick(reader_app.window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert body_size(reader_app) == pytest.approx(before * 1.1, rel=0.02)
    reader_app.window.close()
    again = build()
    qtbot.addWidget(again.window)
    again.window.show()
    qtbot.waitExposed(again.window)
    assert body_size(again) == pytest.approx(before * 1.1, rel=0.02)
    again.window.actions_by_name["zoom-reset"].trigger()
    assert body_size(again) == pytest.approx(before, rel=0.02)
    again.window.close()
    again.library.close()


def test_dark_theme_override_sets_light_text_on_dark(reader_app: SpaceReaderApp) -> None:
    appearance = reader_app.appearance
    appearance._update(replace(appearance.preferences, theme=ThemeChoice.DARK))
    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Base).lightness() < 60
    block = reader_app.reader.document().findBlockByNumber(3)
    assert block.charFormat().foreground().color().lightness() > 180
    appearance._update(replace(appearance.preferences, theme=ThemeChoice.LIGHT))
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() > 200
    assert load_preferences(reader_app.settings).theme is ThemeChoice.LIGHT


def test_custom_highlight_colour_is_used(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    appearance = reader_app.appearance
    appearance._update(replace(appearance.preferences, colors={"figure": "#ffcc00"}))
    qtbot.waitUntil(lambda: bool(reader_app.reader.highlights("figures")), timeout=20000)
    colours = {s.format.background().color().name() for s in reader_app.reader.extraSelections()}
    assert "#ffcc00" in colours


def test_shortcuts_dialog_lists_the_window_actions(reader_app: SpaceReaderApp) -> None:
    rows = {row.action: row.keys for row in shortcut_rows(reader_app.window)}
    assert rows["Edit › Bookmark Passage"] == "Ctrl+D"
    assert rows["Edit › Find Next"] == "F3"
    assert "Ctrl+Q" in rows["File › Quit"]
    assert "Ctrl+=" in rows["View › Zoom In"]
    dialog = ShortcutsDialog(reader_app.window, reader_app.window)
    assert dialog.table.rowCount() == len(shortcut_rows(reader_app.window))
    dialog.close()


def test_about_names_version_folders_and_licences(reader_app: SpaceReaderApp, tmp_path) -> None:
    dialog = AboutDialog(tmp_path / "data", tmp_path / "index", reader_app.window.windowIcon())
    licences = {
        dialog.table.item(row, 0).text(): dialog.table.item(row, 2).text()
        for row in range(dialog.table.rowCount())
    }
    assert licences["platformdirs"] == "MIT"
    assert "LGPL" in licences["PySide6-Essentials"]
    dialog.close()


def test_f6_moves_focus_between_panes(reader_app: SpaceReaderApp) -> None:
    reader_app.reader.setFocus()
    QTest.keyClick(reader_app.window, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is reader_app.search_panel.field
    QTest.keyClick(reader_app.window, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is reader_app.library_panel.view
    QTest.keyClick(reader_app.window, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is reader_app.search_panel.field


def test_panels_and_lists_have_accessible_names(reader_app: SpaceReaderApp) -> None:
    for dock in reader_app.window.docks.values():
        assert dock.accessibleName().endswith("panel")
        assert dock.widget().accessibleName()
    for widget in (
        reader_app.reader,
        reader_app.search_panel.results,
        reader_app.library_panel.view,
        reader_app.programs_panel.tree,
        reader_app.figures_panel.table,
        reader_app.bookmarks_panel.tree,
    ):
        assert widget.accessibleName()

"""Preferences shows the reading face and size in use, and choosing one is one click."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from pytestqt.qtbot import QtBot

from spacereader.ui import typography
from spacereader.ui.preferences import Preferences
from spacereader.ui.preferences_dialog import PreferencesDialog


def test_the_default_face_in_use_is_shown_with_its_size(qtbot: QtBot) -> None:
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    in_use = QFontInfo(typography.body_font()).family()
    assert dialog.font_box.currentFont().family() == in_use
    assert dialog.font_box.isEnabled()
    assert dialog.size_box.text() == "12.5 pt"
    assert dialog.preferences().font_family == ""


def test_choosing_a_face_then_the_default_again(qtbot: QtBot) -> None:
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    in_use = dialog.font_box.currentFont().family()
    other = next(f for f in QFontDatabase.families() if f != in_use and QFontDatabase.isScalable(f))
    dialog.font_box.setCurrentFont(QFont(other))
    assert dialog.preferences().font_family == other
    assert dialog.default_font.isEnabled()
    dialog.default_font.click()
    assert dialog.preferences().font_family == ""
    assert dialog.font_box.currentFont().family() == in_use
    assert not dialog.default_font.isEnabled()


def test_a_chosen_face_is_shown_as_chosen(qtbot: QtBot) -> None:
    family = QFontDatabase.families()[0]
    dialog = PreferencesDialog(Preferences(font_family=family, font_size=14.0))
    qtbot.addWidget(dialog)
    assert dialog.font_box.currentFont().family() == family
    assert dialog.size_box.text() == "14 pt"
    assert dialog.preferences().font_family == family

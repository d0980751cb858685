"""The Dossier window's first size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from pytestqt.qtbot import QtBot

from spacereader.ui.dossier_window import DEFAULT_SIZE, DossierWindow
from spacereader.ui.panel_fit import FRAME_ALLOWANCE


def test_the_dossier_window_fits_a_small_screen(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = QRect(0, 0, 1024, 740)  # 1024×768 less a panel
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: small)
    window = DossierWindow("ILRS")
    qtbot.addWidget(window)
    assert window.width() == DEFAULT_SIZE.width()
    assert window.height() == small.height() - FRAME_ALLOWANCE.height()
    assert small.contains(window.geometry())


def test_the_dossier_window_has_its_default_size_on_a_large_screen(qtbot: QtBot) -> None:
    window = DossierWindow("ILRS")
    qtbot.addWidget(window)
    assert window.size() == DEFAULT_SIZE

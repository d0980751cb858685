"""`make run` stops with the exact apt-get line when Qt's X11 libraries are missing."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parents[1] / "tools" / "check_qt_libs.py"


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_qt_libs", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_missing_libraries_give_the_apt_get_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tool = load_tool()
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(
        tool.ctypes.util, "find_library", lambda name: None if "xcb" in name else f"lib{name}.so"
    )
    assert tool.main() == 1
    message = capsys.readouterr().err
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in message


def test_nothing_missing_passes_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tool = load_tool()
    monkeypatch.setattr(tool.ctypes.util, "find_library", lambda name: f"lib{name}.so")
    assert tool.main() == 0
    assert capsys.readouterr().err == ""

"""Shared fixtures: every per-user folder points into the test's tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spacereader.core import resources

# Widgets run offscreen unless a test starts its own display (the Xvfb tests), on a
# desktop-sized screen (the plugin's own is 800×800): the first window then has its
# default size, and tests that want a small window make one.
SCREEN = Path(__file__).with_name("offscreen_screen.json")
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={SCREEN}")

SEED_NAME = "000_bc23038c13dbbe93.txt"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/ui as a GUI test, so `-m "not gui"` runs headless."""
    for item in items:
        if f"{os.sep}tests{os.sep}ui{os.sep}" in str(item.path):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect data, cache, config and log folders (XDG) into tmp_path."""
    home = tmp_path / "home"
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        folder = home / variable.lower()
        folder.mkdir(parents=True)
        monkeypatch.setenv(variable, str(folder))
    return home


@pytest.fixture
def seed_path() -> Path:
    """The bundled article."""
    return resources.seeds_dir() / SEED_NAME


@pytest.fixture
def seed_text(seed_path: Path) -> str:
    """The bundled article's text, exactly as shipped."""
    return seed_path.read_text(encoding="utf-8")

"""`spacereader install-desktop` / `uninstall-desktop`, run as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from spacereader.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in a subprocess (inherits the isolated XDG folders)."""
    return subprocess.run(
        [sys.executable, "-m", "spacereader", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def data_home(isolated_user_dirs: Path) -> Path:
    return Path(os.environ["XDG_DATA_HOME"])


def test_install_desktop_says_what_it_wrote_where(data_home: Path) -> None:
    result = run("install-desktop")
    assert result.returncode == 0, result.stderr
    entry = data_home / "applications" / "spacereader.desktop"
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / "spacereader.svg"
    assert entry.is_file()
    assert icon.is_file()
    lines = result.stdout.splitlines()
    assert f"Menu entry: {entry}" in lines
    assert f"Icon:       {icon}" in lines
    runs = next(line for line in lines if line.startswith("Runs:"))
    assert runs.endswith(" %F")
    assert f"Exec={runs.removeprefix('Runs:').strip()}" in entry.read_text(encoding="utf-8")


def test_install_then_uninstall_twice(data_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["install-desktop"]) == 0
    assert main(["install-desktop"]) == 0
    entry = data_home / "applications" / "spacereader.desktop"
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / "spacereader.svg"
    capsys.readouterr()

    assert main(["uninstall-desktop"]) == 0
    assert capsys.readouterr().out.splitlines() == [f"Removed {entry}", f"Removed {icon}"]
    assert not entry.exists()
    assert not icon.exists()

    assert main(["uninstall-desktop"]) == 0
    assert capsys.readouterr().out.startswith("Nothing to remove")


def test_a_failure_is_one_line_on_stderr_and_exit_1(data_home: Path) -> None:
    (data_home / "applications").write_text("a file where a folder should be")
    result = run("install-desktop")
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("spacereader: cannot write ")

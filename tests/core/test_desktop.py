"""The menu entry and icon: where they land, what the entry says, and that it is valid."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spacereader import __version__
from spacereader.core import desktop, resources
from spacereader.core.desktop import DesktopError, Launcher

SUPPORTED_TYPES = {
    "text/plain",
    "text/markdown",
    "text/html",
    "application/xhtml+xml",
    "application/pdf",
}
# Characters an Exec argument may hold only inside double quotes.
RESERVED = set("\t\n'\\><~|&;$*?#()`")
STRING_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}


def read_entry(path: Path) -> dict[str, str]:
    """The [Desktop Entry] group's keys and raw values."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def unescape_string(value: str) -> str:
    """Undo the spec's string escapes (\\s \\n \\t \\r \\\\)."""
    return re.sub(r"\\(.)", lambda match: STRING_ESCAPES[match[1]], value)


def split_exec(value: str) -> list[str]:
    """Split an (unescaped) Exec value into arguments, as the spec's launchers do."""
    arguments: list[str] = []
    current: str | None = None
    quoted = False
    index = 0
    while index < len(value):
        char = value[index]
        if quoted and char == "\\":
            current = (current or "") + value[index + 1]
            index += 1
        elif quoted and char == '"':
            quoted = False
        elif quoted:
            assert char not in "`$", f"unescaped {char!r} inside quotes in {value!r}"
            current = (current or "") + char
        elif char == " ":
            if current is not None:
                arguments.append(current)
            current = None
        elif char == '"':
            quoted, current = True, current or ""
        else:
            assert char not in RESERVED, f"unquoted {char!r} in {value!r}"
            current = (current or "") + char
        index += 1
    assert not quoted, f"unterminated quote in {value!r}"
    if current is not None:
        arguments.append(current)
    return [re.sub("%%", "%", argument) for argument in arguments]


def exec_arguments(entry: dict[str, str]) -> list[str]:
    return split_exec(unescape_string(entry["Exec"]))


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("desktop-file-validate")
    assert tool, "desktop-file-validate is missing: apt-get install desktop-file-utils"
    return subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)


@pytest.fixture
def data_home(isolated_user_dirs: Path) -> Path:
    return Path(os.environ["XDG_DATA_HOME"])


def test_install_puts_entry_and_icon_in_the_xdg_data_folders(data_home: Path) -> None:
    installed = desktop.install()
    entry = data_home / "applications" / "spacereader.desktop"
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / "spacereader.svg"
    assert installed.files == desktop.DesktopFiles(entry, icon)
    assert entry.is_file()
    assert icon.read_bytes() == resources.resource_path("icons", "spacereader.svg").read_bytes()
    assert read_entry(entry)["Icon"] == icon.stem


def test_entry_passes_desktop_file_validate(data_home: Path) -> None:
    installed = desktop.install()
    result = validate(installed.files.entry)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""  # not even a hint


def test_exec_runs_the_installed_spacereader_with_the_files(data_home: Path) -> None:
    entry = read_entry(desktop.install().files.entry)
    arguments = exec_arguments(entry)
    assert arguments[-1] == "%F"
    program = Path(arguments[0])
    assert program.is_absolute()
    assert program.is_file()
    assert os.access(program, os.X_OK)
    assert entry["TryExec"] == arguments[0]
    # The command really is SpaceReader's: run it as the launcher would, minus the files.
    result = subprocess.run(
        [*arguments[:-1], "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.strip() == f"SpaceReader {__version__}", result.stderr


def test_entry_offers_spacereader_for_the_types_it_opens(data_home: Path) -> None:
    entry = read_entry(desktop.install().files.entry)
    assert entry["MimeType"].endswith(";")
    assert set(entry["MimeType"].split(";")[:-1]) == SUPPORTED_TYPES
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "false"
    assert "Viewer" in entry["Categories"].split(";")
    assert entry["StartupWMClass"] == "SpaceReader"


def test_install_twice_leaves_the_same_files_and_no_temporaries(data_home: Path) -> None:
    first = desktop.install()
    entry_text = first.files.entry.read_text(encoding="utf-8")
    second = desktop.install()
    assert second.files == first.files
    assert second.files.entry.read_text(encoding="utf-8") == entry_text
    assert sorted(p.name for p in first.files.icon.parent.iterdir()) == ["spacereader.svg"]
    assert not [p for p in first.files.entry.parent.iterdir() if p.name.startswith(".")]


def test_install_refreshes_the_menu_cache_when_the_tool_is_there(data_home: Path) -> None:
    assert shutil.which("update-desktop-database"), "apt-get install desktop-file-utils"
    installed = desktop.install()
    assert "update-desktop-database" in installed.refreshed
    cache = (installed.files.entry.parent / "mimeinfo.cache").read_text(encoding="utf-8")
    assert "application/pdf=spacereader.desktop;" in cache


def test_uninstall_removes_both_and_a_second_time_removes_nothing(data_home: Path) -> None:
    installed = desktop.install()
    result = desktop.uninstall()
    assert set(result.removed) == {installed.files.entry, installed.files.icon}
    assert not installed.files.entry.exists()
    assert not installed.files.icon.exists()
    assert desktop.uninstall().removed == ()


def test_a_write_failure_is_one_clear_error(data_home: Path) -> None:
    (data_home / "applications").write_text("a file where a folder should be")
    with pytest.raises(DesktopError, match=r"^cannot write .*spacereader\.desktop"):
        desktop.install()


def test_install_refuses_on_macos(monkeypatch: pytest.MonkeyPatch, data_home: Path) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    with pytest.raises(DesktopError, match="Linux"):
        desktop.install()
    assert not (data_home / "applications").exists()


def test_a_bundle_points_the_entry_at_itself(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bundle = tmp_path / "SpaceReader" / "SpaceReader"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle))
    assert desktop.find_launcher() == Launcher((str(bundle),))


def test_without_a_script_the_entry_runs_python_dash_m(data_home: Path, tmp_path: Path) -> None:
    entry = read_entry(desktop.install(launcher=desktop.module_launcher()).files.entry)
    arguments = exec_arguments(entry)
    assert arguments[1:] == ["-m", "spacereader", "%F"]
    assert validate(data_home / "applications" / "spacereader.desktop").returncode == 0
    result = subprocess.run(
        [*arguments[:-1], "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,  # launchers start programs in the home folder, not the checkout
    )
    assert result.stdout.strip() == f"SpaceReader {__version__}", result.stderr


def test_a_path_with_spaces_dollars_backslashes_and_percents_is_quoted_validly(
    data_home: Path,
) -> None:
    awkward = "/opt/My Apps/$HOME\\x 100%/bin/python"
    installed = desktop.install(launcher=Launcher((awkward, "-m", "spacereader")))
    assert validate(installed.files.entry).returncode == 0
    entry = read_entry(installed.files.entry)
    assert exec_arguments(entry) == [awkward, "-m", "spacereader", "%F"]
    assert unescape_string(entry["TryExec"]) == awkward


ARGUMENT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(" \t\n\"'\\$`%#;~"),
    max_size=20,
)


@given(st.lists(ARGUMENT, min_size=1, max_size=4))
def test_exec_line_splits_back_into_the_same_arguments(arguments: list[str]) -> None:
    line = desktop.exec_line(Launcher(tuple(arguments)))
    assert "\n" not in line
    assert split_exec(unescape_string(line)) == [*arguments, "%F"]

"""The command line's library commands, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from spacereader import __version__
from spacereader.cli import main


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real entry point in a subprocess (inherits the isolated XDG folders)."""
    return subprocess.run(
        [sys.executable, "-m", "spacereader", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        check=False,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"SpaceReader {__version__}"


def test_list_json_has_the_bundled_article(seed_path: Path) -> None:
    result = run("list", "--json")
    assert result.returncode == 0, result.stderr
    [entry] = json.loads(result.stdout)
    assert {"id", "title", "source", "date", "path", "chars"} <= entry.keys()
    assert entry["title"] == "China Releases Space Plan: ‘Steady As She Goes’"
    assert entry["source"] == "EIRNS"
    assert entry["date"] == "Jan. 28"
    assert Path(entry["path"]) == seed_path
    assert entry["chars"] == len(seed_path.read_text(encoding="utf-8"))


def test_list_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "China Releases Space Plan" in out
    assert "EIRNS · Jan. 28" in out


def test_show_prints_the_text_exactly(seed_text: str, tmp_path: Path) -> None:
    doc_id = json.loads(run("list", "--json").stdout)[0]["id"]
    result = run("show", doc_id, cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == seed_text + "\n"


def test_show_accepts_a_unique_prefix(capsys: pytest.CaptureFixture[str], seed_text: str) -> None:
    main(["list", "--json"])
    doc_id = json.loads(capsys.readouterr().out)[0]["id"]
    assert main(["show", doc_id[:4]]) == 0
    assert capsys.readouterr().out.startswith(seed_text[:40])


def test_show_unknown_id_is_one_line_on_stderr() -> None:
    result = run("show", "nosuchdoc")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "spacereader: no document with id 'nosuchdoc'"


@pytest.mark.parametrize(
    "args",
    [("lst",), ("--bogus",), ("list", "--bogus"), ("show",), ("show", "a", "b")],
)
def test_bad_arguments_get_usage_and_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "usage: spacereader" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_command_line_starts_without_importing_extraction() -> None:
    # The app starts through this command line; extraction's ~70 ms of imports
    # belong to the commands (and app threads) that extract, not to every start.
    script = (
        "import sys\n"
        "from spacereader.cli import main\n"
        "main(['list', '--json'])\n"
        "print('extraction' if 'spacereader.core.extraction' in sys.modules else 'none')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip().splitlines()[-1] == "none"


def test_restore_library_counts_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    from spacereader.core.library import Library

    library = Library()
    backup = library.backup()  # the bundled article alone
    library.close()
    assert main(["restore-library", str(backup)]) == 0
    assert capsys.readouterr().out == f"restored 1 document from {backup}\n"


def test_list_json_gives_each_document_language(tmp_path: Path) -> None:
    french = tmp_path / "station.txt"
    french.write_text(
        "La station lunaire avance\n\nLa Chine et la Russie ont signé un accord pour la"
        " station internationale de recherche lunaire, selon les agences des deux pays.\n",
        encoding="utf-8",
    )
    unknown = tmp_path / "numbers.txt"
    unknown.write_text("Lunar table of figures 12\n\n12 34 56 78 90.\n", encoding="utf-8")
    assert run("import", str(french), str(unknown)).returncode == 0
    entries = json.loads(run("list", "--json").stdout)
    languages = {entry["title"]: entry["language"] for entry in entries}
    assert languages["La station lunaire avance"] == "fr"
    assert languages["China Releases Space Plan: ‘Steady As She Goes’"] == "en"
    assert languages["Lunar table of figures 12"] == ""

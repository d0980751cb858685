"""`spacereader import`: files and folders in, one line per refusal, a summary, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from spacereader.cli import main
from spacereader.core.library import Library
from tests.import_corpus import write_corpus


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in a subprocess (inherits the isolated XDG folders)."""
    return subprocess.run(
        [sys.executable, "-m", "spacereader", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_corpus_from_the_real_command_line(tmp_path: Path) -> None:
    cases = write_corpus(tmp_path / "corpus")
    names = [str(tmp_path / "corpus" / case.name) for case in cases]
    result = run("import", "--json", *names)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    refused = [case for case in cases if case.refusal]
    assert len(lines) == len(refused) + 1
    for case, line in zip(refused, lines, strict=False):
        assert line.startswith(f"spacereader: {case.name}: ")
        assert case.refusal is not None
        assert case.refusal in line
    assert lines[-1].startswith("spacereader: ")
    assert lines[-1].endswith(f"{len(refused)} failed")
    entries = json.loads(result.stdout)
    assert [Path(entry["path"]).name for entry in entries] == [
        case.name for case in cases if not case.refusal
    ]
    for entry in entries:
        assert {"id", "title", "path", "outcome", "stored"} <= entry.keys()
        assert Path(entry["stored"]).is_file()
    assert {entry["outcome"] for entry in entries} == {"added", "unchanged"}


def test_everything_imported_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "folder" / "deeper"
    folder.mkdir(parents=True)
    (folder / "one.txt").write_text("One\n\nThe first text.\n", encoding="utf-8")
    (folder / "two.md").write_text("# Two\n\nThe second text.\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "folder")]) == 0
    out, err = capsys.readouterr()
    assert [line.split()[0] for line in out.splitlines()] == ["added", "added"]
    assert out.splitlines()[1].endswith("  Two")
    assert err == "spacereader: 2 imported, 0 failed\n"
    assert {info.title for info in Library().documents()} >= {"One", "Two"}
    assert main(["import", str(tmp_path / "folder")]) == 0
    assert capsys.readouterr().err == "spacereader: 0 imported, 2 unchanged, 0 failed\n"


def test_a_failure_does_not_stop_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Good\n\nA good text.\n", encoding="utf-8")
    assert main(["import", "--json", str(tmp_path / "nope.txt"), str(good)]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "spacereader: nope.txt: no such file",
        "spacereader: 1 imported, 1 failed",
    ]
    [entry] = json.loads(out)
    assert entry["title"] == "Good"
    assert entry["path"] == str(good)


def test_a_changed_file_is_updated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "crew.txt"
    path.write_text("Crew\n\nFirst version.\n", encoding="utf-8")
    main(["import", "--json", str(path)])
    [first] = json.loads(capsys.readouterr().out)
    path.write_text("Crew\n\nSecond version.\n", encoding="utf-8")
    assert main(["import", "--json", str(path)]) == 0
    out, err = capsys.readouterr()
    [second] = json.loads(out)
    assert (second["id"], second["outcome"]) == (first["id"], "updated")
    assert err.endswith("1 updated, 0 failed\n")


def test_nothing_to_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.png").write_bytes(b"png")
    assert main(["import", str(tmp_path / "images")]) == 1
    assert capsys.readouterr().err == (
        "spacereader: no supported files found (.txt, .md, .html, .pdf)\n"
    )


def test_usage_error_without_paths(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["import"])
    assert exited.value.code == 2
    assert "PATH" in capsys.readouterr().err


def _folder_with_links_out(tmp_path: Path) -> tuple[Path, Path]:
    """A chosen folder with one report and a link to a file outside it."""
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Private notes\n\nNot for the library.\n", encoding="utf-8")
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    (chosen / "report.txt").write_text("Lunar report\n\nThe station grows.\n", encoding="utf-8")
    (chosen / "notes.txt").symlink_to(secret)
    return chosen, secret


def test_a_link_out_of_the_folder_is_said_on_its_own_line(tmp_path: Path) -> None:
    chosen, secret = _folder_with_links_out(tmp_path)
    result = run("import", str(chosen))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"spacereader: {chosen / 'notes.txt'}: skipped, a link that leads out of the folder"
        f" (to {secret.resolve()})",
        "spacereader: 1 imported, 1 skipped, 0 failed",
    ]
    assert "Lunar report" in result.stdout


def test_a_link_out_of_the_folder_is_a_skipped_item_in_json(tmp_path: Path) -> None:
    chosen, secret = _folder_with_links_out(tmp_path)
    result = run("import", "--json", str(chosen))
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert [item["outcome"] for item in items] == ["added", "skipped"]
    assert items[1] == {
        "path": str(chosen / "notes.txt"),
        "outcome": "skipped",
        "reason": f"a link that leads out of the folder (to {secret.resolve()})",
    }


def test_a_folder_of_links_out_only_says_each_and_imports_nothing(tmp_path: Path) -> None:
    chosen, _secret = _folder_with_links_out(tmp_path)
    (chosen / "report.txt").unlink()
    result = run("import", str(chosen))
    assert result.returncode == 1
    [skipped, nothing] = result.stderr.splitlines()
    assert "notes.txt: skipped, a link that leads out of the folder" in skipped
    assert "no supported files found" in nothing

"""The catalogue under stress: concurrent importers, damage, leftovers of a killed import."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spacereader.core import library_recovery
from spacereader.core.backups import STALE_TEMPORARY_SECONDS
from spacereader.core.library import Library

ARTICLE = "Lunar Plans Advance\n\nThe station adds {number} partners in {year}.\n"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in a subprocess (inherits the isolated XDG folders)."""
    return subprocess.run(
        [sys.executable, "-m", "spacereader", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"article-{number:02}.txt"
        path.write_text(ARTICLE.format(number=number, year=2000 + number), encoding="utf-8")
        paths.append(path)
    return paths


def test_two_importers_of_the_same_files_keep_every_copy(tmp_path: Path) -> None:
    files = articles(tmp_path / "in", 12)
    command = [sys.executable, "-m", "spacereader", "import", str(tmp_path / "in")]
    for _ in range(3):  # a race is a matter of chance: several rounds, each from scratch
        processes = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)
        ]
        for process in processes:
            _, errors = process.communicate(timeout=120)
            assert process.returncode == 0, errors
            assert "UNIQUE" not in errors
        library = Library()
        try:
            imported = [info for info in library.documents() if not info.bundled]
            assert len(imported) == len(files)
            for info in imported:
                assert library.load(info.id).text.startswith("Lunar Plans Advance")
            named = {info.path.name for info in imported}
            named |= {library.original_path(info.id).name for info in imported}  # type: ignore[union-attr]
            assert {path.name for path in library.texts.iterdir()} == named
            for info in imported:
                library.remove(info.id)
        finally:
            library.close()


def _library_with_documents(tmp_path: Path) -> tuple[Library, list[str]]:
    library = Library()
    ids = [library.add_file(path).info.id for path in articles(tmp_path / "in", 3)]
    library.set_position(ids[0], 12)
    return library, ids


def test_an_emptied_catalogue_is_rebuilt_and_its_backup_offered(tmp_path: Path) -> None:
    library, ids = _library_with_documents(tmp_path)
    backup = library.backup()
    catalogue = library.root / "library.sqlite3"
    library.close()
    catalogue.write_bytes(b"")
    reopened = Library()
    recovery = reopened.recovery
    assert recovery is not None
    assert recovery.backup == backup
    assert recovery.kept_as.exists()
    assert recovery.rebuilt == 3
    assert {info.id for info in reopened.documents() if not info.bundled} == set(ids)
    assert reopened.load(ids[1]).text.startswith("Lunar Plans Advance")
    assert reopened.position(ids[0]) == 0  # what only the backup knows
    assert reopened.restore_backup(recovery.backup) == 4  # with the bundled article
    assert reopened.position(ids[0]) == 12
    assert reopened.recovery is None
    assert len(reopened.documents()) == 4


def test_a_damaged_header_is_one_line_on_the_command_line(tmp_path: Path) -> None:
    library, ids = _library_with_documents(tmp_path)
    library.backup()
    catalogue = library.root / "library.sqlite3"
    library.close()
    with catalogue.open("r+b") as stream:
        stream.write(b"garbage garbage!")
    result = run("list")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert all(doc_id in result.stdout for doc_id in ids)
    [line] = result.stderr.splitlines()
    assert "the library catalogue was damaged" in line
    assert "restore-library" in line
    restored = run("restore-library")
    assert restored.returncode == 0, restored.stderr
    assert restored.stderr == ""
    assert run("list").stderr == ""


def test_leftovers_of_a_killed_import_are_swept(tmp_path: Path) -> None:
    library, ids = _library_with_documents(tmp_path)
    texts = library.texts
    library.close()
    old = time.time() - STALE_TEMPORARY_SECONDS - 60
    leftovers = [texts / ".import-abc123.tmp", texts / "0123456789ab-0123456789abcdef-1234.txt"]
    young = texts / "ba9876543210-0123456789abcdef-5678.txt"  # an import still running
    for path in [*leftovers, young]:
        path.write_text("partial", encoding="utf-8")
    for path in leftovers:
        os.utime(path, (old, old))
    for backup in Library().backups():  # the sweep runs with the daily backup
        os.utime(backup, (old - 86400, old - 86400))
    reopened = Library()
    assert not any(path.exists() for path in leftovers)
    assert young.exists()
    assert all(reopened.load(doc_id).text for doc_id in ids)


def test_a_read_only_data_folder_is_one_line(tmp_path: Path) -> None:
    run("list")  # the library exists
    data = Path(os.environ["XDG_DATA_HOME"])
    if os.geteuid() != 0:
        for folder in (data, data / "spacereader", data / "spacereader" / "library"):
            folder.chmod(0o555)
        prefix: list[str] = []
    else:  # root writes anywhere: make the folder read-only in a mount namespace of its own
        script = f'mount --bind "{data}" "{data}" && mount -o remount,ro,bind "{data}" && exec "$@"'
        prefix = ["unshare", "--mount", "sh", "-c", script, "sh"]
    commands = [["list"], ["import", str(articles(tmp_path / "in", 1)[0])], ["search", "lunar"]]
    try:
        for command in commands:
            result = subprocess.run(
                [*prefix, sys.executable, "-m", "spacereader", *command],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert result.returncode == 1, (command, result.stderr)
            assert "Traceback" not in result.stderr
            assert "read-only" in result.stderr, result.stderr
            assert len(result.stderr.splitlines()) == 1, result.stderr
    finally:
        for folder in (data, data / "spacereader", data / "spacereader" / "library"):
            folder.chmod(0o755)


@pytest.fixture(autouse=True)
def _no_notice_left() -> None:
    """Each test starts without a pending recovery (the data folder is per test)."""
    assert library_recovery.pending(Path(os.environ["XDG_DATA_HOME"]) / "spacereader") is None

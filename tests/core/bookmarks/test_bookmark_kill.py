"""kill -9 at random moments: no acknowledged bookmark is lost, the store always
opens sound, and a bulk import is all or nothing.

The writer is a separate process (bookmark_kill_worker.py) that prints each
bookmark's id only once `add` has returned; the test kills it with SIGKILL and
checks the file it leaves behind.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import closing
from pathlib import Path

import pytest

import spacereader
from spacereader.core.bookmarks import BookmarkStore

WORKER = Path(__file__).with_name("bookmark_kill_worker.py")
REPO = Path(spacereader.__file__).resolve().parent.parent
WRITE_LOOPS = 25
IMPORT_LOOPS = 12
IMPORT_SIZE = 3000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]


def start(*args: str) -> subprocess.Popen[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=environment,
    )


def kill(process: subprocess.Popen[str]) -> str:
    """SIGKILL the worker; return what it had printed that we had not read yet."""
    process.send_signal(signal.SIGKILL)
    assert process.stdout is not None
    rest = process.stdout.read()
    process.stdout.close()
    process.wait()
    # 0 if it had finished (an import) before the signal came.
    assert process.returncode in (-signal.SIGKILL, 0)
    return rest


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def stored_ids(path: Path) -> set[str]:
    with BookmarkStore(path) as store:
        assert store.recovery is None, store.recovery
        return {mark.id for mark in store.list()}


def stored_count(path: Path) -> int:
    with BookmarkStore(path) as store:
        assert store.recovery is None, store.recovery
        return len(store)


def test_kill_during_writes_loses_no_acknowledged_bookmark(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.sqlite3"
    chance = random.Random()
    acknowledged: set[str] = set()
    for loop in range(WRITE_LOOPS):
        process = start("add", str(path))
        assert process.stdout is not None
        if loop % 5 == 4:
            # Now and then, kill it anywhere: while opening, migrating, backing up.
            time.sleep(chance.uniform(0.0, 0.12))
            output = kill(process)
        else:
            assert process.stdout.readline() == "ready\n"
            time.sleep(chance.uniform(0.0, 0.15))
            output = kill(process)
        assert process.returncode == -signal.SIGKILL  # the writer never stops by itself
        # A last line without its newline was cut mid-print: not acknowledged.
        acknowledged.update(line for line in output.split("\n")[:-1] if line != "ready")
        present = stored_ids(path)
        missing = acknowledged - present
        assert not missing, f"loop {loop}: {len(missing)} acknowledged bookmarks lost"
        # Beyond those, only the change in flight at each kill may have landed.
        assert len(present - acknowledged) <= loop + 1
        assert integrity(path) == "ok"
    assert len(acknowledged) > WRITE_LOOPS  # the kills did land among writes


def import_file(folder: Path, loop: int) -> Path:
    items = [
        {
            "id": uuid.uuid4().hex,
            "doc_id": f"doc{number % 7}",
            "quote": "Lunar Research Station",
            "start": number,
            "end": number + 22,
            "note": f"imported {loop}/{number} — été",
            "tags": ["bulk", f"loop{loop}"],
        }
        for number in range(IMPORT_SIZE)
    ]
    path = folder / f"import-{loop}.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


def timed_import(store_path: Path, data: Path) -> float:
    process = start("import", str(store_path), str(data))
    assert process.stdout is not None
    assert process.stdout.readline() == "begin\n"
    began = time.perf_counter()
    assert process.stdout.readline() == "done\n"
    elapsed = time.perf_counter() - began
    process.stdout.close()
    process.wait()
    return elapsed


def test_kill_during_import_is_all_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.sqlite3"
    duration = timed_import(tmp_path / "calibration.sqlite3", import_file(tmp_path, -1))
    assert stored_count(tmp_path / "calibration.sqlite3") == IMPORT_SIZE
    chance = random.Random()
    interrupted = 0
    for loop in range(IMPORT_LOOPS):
        data = import_file(tmp_path, loop)
        before = stored_count(path)
        process = start("import", str(path), str(data))
        assert process.stdout is not None
        assert process.stdout.readline() == "begin\n"
        time.sleep(chance.uniform(0.0, duration * 1.2))
        finished = "done" in kill(process)
        after = stored_count(path)
        assert after in (before, before + IMPORT_SIZE), f"loop {loop}: {before} → {after}"
        if finished:
            assert after == before + IMPORT_SIZE
        interrupted += after == before
        assert integrity(path) == "ok"
    assert interrupted >= 1  # at least one kill landed inside an import

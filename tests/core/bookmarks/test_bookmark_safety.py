"""Keeping bookmarks safe: backups, damaged files, and schema migrations."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from spacereader.core import paths, sqlite_safety
from spacereader.core.bookmarks import (
    BackupError,
    BookmarkError,
    BookmarkStore,
    StoreVersionError,
    safety,
    schema,
)

TEXT = "The International Lunar Research Station (ILRS) is a joint project. " * 40


def fill(path: Path, count: int = 200) -> BookmarkStore:
    """A store with `count` bookmarks, written in one transaction (fast)."""
    store = BookmarkStore(path)
    items = [
        {
            "id": f"id{number:04}",
            "doc_id": "doc",
            "quote": TEXT[number : number + 40],
            "start": number,
            "end": number + 40,
            "note": f"note {number} " * 4,
            "tags": [f"t{number}"],
        }
        for number in range(count)
    ]
    store.import_json(json.dumps(items))
    return store


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def count_in(path: Path) -> int:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
        return int(db.execute("SELECT COUNT(*) FROM bookmarks").fetchone()[0])


# -- backups -------------------------------------------------------------


def test_backup_is_a_verified_copy_in_the_data_folder() -> None:
    with fill(paths.data_dir() / "bookmarks.sqlite3", 10) as store:
        made = store.backup()
    assert made.parent == paths.data_dir() / "backups"
    assert made.name.startswith("bookmarks-")
    assert integrity(made) == "ok"
    assert count_in(made) == 10
    with closing(sqlite3.connect(f"{made.as_uri()}?mode=ro", uri=True)) as db:
        # Rollback-journal mode: a backup opens read-only with no -wal/-shm beside it.
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert sorted(path.name for path in made.parent.iterdir()) == [made.name]


def test_backups_rotate_keeping_the_newest(tmp_path: Path) -> None:
    with fill(tmp_path / "bookmarks.sqlite3", 3) as store:
        made = [store.backup() for _ in range(safety.BACKUPS_KEPT + 3)]
        assert store.backups() == made[::-1][: safety.BACKUPS_KEPT]
    assert {path.name for path in (tmp_path / "backups").iterdir()} == {
        path.name for path in made[-safety.BACKUPS_KEPT :]
    }


def test_a_backup_is_made_at_open_at_most_once_a_day(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.sqlite3"
    with BookmarkStore(path) as store:
        assert store.backups() == []  # nothing to protect yet
        store.add("doc", TEXT, 0, 10)
    with BookmarkStore(path) as store:
        first = store.backups()
        assert len(first) == 1
    with BookmarkStore(path) as store:
        assert store.backups() == first
    day_ago = time.time() - safety.BACKUP_INTERVAL_SECONDS - 60
    os.utime(first[0], (day_ago, day_ago))
    with BookmarkStore(path) as store:
        assert len(store.backups()) == 2


def test_stale_temporary_backups_are_cleared(tmp_path: Path) -> None:
    with fill(tmp_path / "bookmarks.sqlite3", 2) as store:
        folder = tmp_path / "backups"
        folder.mkdir(exist_ok=True)
        stale = folder / ".bookmarks-x.sqlite3.1.tmp"
        fresh = folder / ".bookmarks-y.sqlite3.2.tmp"
        for leftover in (stale, fresh):
            leftover.write_bytes(b"half a backup")
        hour_ago = time.time() - safety.STALE_TEMPORARY_SECONDS - 60
        os.utime(stale, (hour_ago, hour_ago))
        store.backup()
    assert not stale.exists()
    assert fresh.exists()  # may belong to a backup running in another process


# -- damaged files -------------------------------------------------------


def garbage_everywhere(data: bytes) -> bytes:
    return random.Random(1).randbytes(len(data))


def garbage_after_the_header(data: bytes) -> bytes:
    keep = 2 * 4096
    return data[:keep] + random.Random(2).randbytes(len(data) - keep)


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 3]


def emptied(_data: bytes) -> bytes:
    return b""


@pytest.mark.parametrize(
    "damage", [garbage_everywhere, garbage_after_the_header, truncated, emptied]
)
def test_a_damaged_file_is_kept_aside_and_a_backup_offered(tmp_path: Path, damage) -> None:
    path = tmp_path / "bookmarks.sqlite3"
    with fill(path) as store:
        before = store.list()
        backup = store.backup()
    original = path.read_bytes()
    damaged_bytes = damage(original)
    path.write_bytes(damaged_bytes)

    with BookmarkStore(path) as store:
        report = store.recovery
        assert report is not None
        assert report.backup == backup
        assert report.damaged_path.read_bytes() == damaged_bytes  # kept, byte for byte
        assert report.damaged_path.parent == tmp_path
        assert "damaged" in report.message
        assert backup.name in report.message
        assert store.list() == []  # the store works, empty, until the user decides
        store.add("doc", TEXT, 0, 10, note="made after the damage")
        store.restore_backup(report.backup)
        assert len(store) == len(before) + 1
        assert [mark for mark in store.list() if mark in before] == before
    assert integrity(path) == "ok"
    with BookmarkStore(path) as reopened:
        assert reopened.recovery is None
        assert len(reopened) == len(before) + 1


def test_the_newest_sound_backup_is_offered(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.sqlite3"
    with fill(path, 5) as store:
        older = store.backup()
        newer = store.backup()
    newer.write_bytes(garbage_everywhere(newer.read_bytes()))
    path.write_bytes(b"not a database at all" * 300)
    with BookmarkStore(path) as store:
        assert store.recovery is not None
        assert store.recovery.backup == older


def test_damage_without_any_backup_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.sqlite3"
    path.write_bytes(b"\x00garbage" * 1000)
    with BookmarkStore(path) as store:
        assert store.recovery is not None
        assert store.recovery.backup is None
        assert "no sound backup" in store.recovery.message
        assert store.recovery.damaged_path.exists()


def test_the_damaged_files_wal_goes_with_it(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.sqlite3"
    path.write_bytes(b"garbage" * 1000)
    Path(f"{path}-wal").write_bytes(b"old wal")
    with BookmarkStore(path) as store:
        assert store.recovery is not None
        assert Path(f"{store.recovery.damaged_path}-wal").read_bytes() == b"old wal"


def test_a_locked_file_is_not_taken_for_a_damaged_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bookmarks.sqlite3"
    fill(path, 1).close()
    monkeypatch.setattr(sqlite_safety, "BUSY_TIMEOUT_MS", 100)
    with closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE bookmarks SET note = 'held'")
        with pytest.raises(BookmarkError, match="database is locked"):
            BookmarkStore(path)
        holder.execute("ROLLBACK")
    assert sorted(item.name for item in tmp_path.iterdir() if "damaged" in item.name) == []


def test_restore_refuses_a_file_that_is_not_a_sound_backup(tmp_path: Path) -> None:
    with fill(tmp_path / "bookmarks.sqlite3", 3) as store:
        before = store.list()
        junk = tmp_path / "junk.sqlite3"
        junk.write_bytes(b"junk" * 2000)
        with pytest.raises(BackupError, match="not a sound bookmark backup"):
            store.restore_backup(junk)
        assert store.list() == before


def test_restore_saves_the_current_bookmarks_first(tmp_path: Path) -> None:
    with fill(tmp_path / "bookmarks.sqlite3", 3) as store:
        backup = store.backup()
        edited = store.update(store.list()[0].id, note="edited after the backup")
        store.restore_backup(backup)
        assert store.get(edited.id).note != "edited after the backup"
        safety_copy = store.backups()[0]
        assert safety_copy != backup
    with closing(sqlite3.connect(f"{safety_copy.as_uri()}?mode=ro", uri=True)) as db:
        notes = {row[0] for row in db.execute("SELECT note FROM bookmarks")}
    assert "edited after the backup" in notes


# -- migrations ----------------------------------------------------------


def make_version_1(path: Path, rows: int) -> None:
    """A bookmark file as the first schema wrote it: no full-text table."""
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        for statement in schema.MIGRATIONS[0]:
            db.execute(statement)
        for number in range(rows):
            db.execute(
                f"INSERT INTO bookmarks ({schema.COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    f"id{number}",
                    "doc",
                    f"quote {number} Brèves",
                    "",
                    "",
                    0,
                    len(f"quote {number} Brèves"),
                    f"note {number}",
                    '["old"]',
                    "2023-05-01T10:00:00.000+00:00",
                    "2023-05-01T10:00:00.000+00:00",
                    "anchored",
                ),
            )
        db.execute("PRAGMA user_version = 1")


def test_a_version_1_file_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.sqlite3"
    make_version_1(path, 30)
    with BookmarkStore(path) as store:
        assert len(store) == 30
        assert [mark.id for mark in store.search("note:7")] == ["id7"]
        assert len(store.search("breves")) == 30  # the new search table was filled
        assert store.get("id3").tags == ("old",)
        backups = store.backups()
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert len(backups) == 1
    with closing(sqlite3.connect(f"{backups[0].as_uri()}?mode=ro", uri=True)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        assert db.execute("SELECT COUNT(*) FROM bookmarks").fetchone()[0] == 30


def test_a_new_empty_file_needs_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.sqlite3"
    path.touch()  # version 0: an empty database
    with BookmarkStore(path) as store:
        assert len(store) == 0
        assert store.backups() == []
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION


def test_a_failing_migration_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bookmarks.sqlite3"
    fill(path, 4).close()
    broken = ("CREATE TABLE half_done (x)", "ALTER TABLE nowhere ADD COLUMN y")
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    with pytest.raises(BookmarkError, match="no such table: nowhere"):
        BookmarkStore(path)
    monkeypatch.undo()
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    with BookmarkStore(path) as store:
        assert len(store) == 4
        assert len(store.backups()) == 1  # the backup made before trying


def test_a_file_from_a_newer_version_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.sqlite3"
    fill(path, 2).close()
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    with pytest.raises(StoreVersionError, match="schema version 99, newer"):
        BookmarkStore(path)
    assert path.read_bytes() == before
    assert not any("damaged" in item.name for item in tmp_path.iterdir())


def test_a_version_1_backup_can_be_restored(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    make_version_1(old, 5)
    with BookmarkStore(tmp_path / "bookmarks.sqlite3") as store:
        store.restore_backup(old)
        assert len(store) == 5
        assert [mark.id for mark in store.search("note:4")] == ["id4"]

"""The transaction every store uses: a full disk reports itself, nothing half-written stays."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from spacereader.core import sqlite_safety
from spacereader.core.library import Library


def test_a_full_disk_gives_its_own_reason_and_rolls_back(tmp_path: Path) -> None:
    db = sqlite_safety.connect(tmp_path / "store.sqlite3")
    db.execute("CREATE TABLE rows (value TEXT)")
    db.execute("INSERT INTO rows VALUES ('before')")
    # SQLite's page limit fails a write exactly as a full disk does (SQLITE_FULL).
    db.execute("PRAGMA max_page_count=8")

    def fill() -> None:
        with sqlite_safety.transaction(db):
            for _ in range(100):
                db.execute("INSERT INTO rows VALUES (?)", ("x" * 4000,))

    with pytest.raises(sqlite3.OperationalError, match="full"):
        fill()
    assert not db.in_transaction
    assert db.execute("SELECT value FROM rows").fetchall() == [("before",)]


def test_an_import_on_a_full_disk_is_refused_and_leaves_no_copy(tmp_path: Path) -> None:
    from spacereader.core.importer import import_file

    library = Library()
    before = sorted(library.texts.iterdir())
    pages = int(library._db.execute("PRAGMA page_count").fetchone()[0])
    library._db.execute(f"PRAGMA max_page_count={pages + 1}")

    def fill() -> None:  # the documents table's last free space
        for number in range(10_000):
            library._db.execute(
                "INSERT INTO documents (id, title, source, date, category, format, origin,"
                " stored, chars, content_hash, added, updated) VALUES (?,?,'','','','text',?,"
                " '', 0, ?, '', '')",
                (f"filler{number}", "x" * 400, f"filler:{number}", f"{number}"),
            )

    with pytest.raises(sqlite3.OperationalError, match="full"):
        fill()
    source = tmp_path / "long.txt"
    source.write_text("Lunar station plans.\n\n" + "The station grows. " * 20000, encoding="utf-8")
    item = import_file(library, source)
    assert item.error is not None
    assert "full" in item.error
    assert "rollback" not in item.error
    assert sorted(library.texts.iterdir()) == before

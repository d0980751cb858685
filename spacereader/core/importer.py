"""Importing files and folders into the library, file by file, for the CLI and the GUI.

A folder is walked recursively for the suffixes SpaceReader reads, never
following a symbolic link out of it (a link to /etc/shadow named notes.txt
stays where it is, and the summary says so in a SkippedPath); a file
named explicitly is always tried, so an unsupported one gets its refusal
("notes.docx: .docx files are not supported"). Each file succeeds or fails on
its own: a refusal is one line in its ImportItem and leaves the rest of the
library as it was. The caller sees progress and may cancel, between files or
inside a long one; each file has a time budget (loaders/budget.py).
"""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacereader.core.document import DocumentInfo
from spacereader.core.errors import Error
from spacereader.core.extraction.pipeline import ImportExtraction
from spacereader.core.library import AddOutcome, Library
from spacereader.core.loaders import SUFFIX_FORMATS, budget

_log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, Path], None]
CancelCheck = Callable[[], bool]
# Outcomes that bring a text the extraction store has not seen.
_CHANGED = (AddOutcome.ADDED, AddOutcome.UPDATED)


@dataclass(frozen=True)
class ImportItem:
    """What importing one file gave: a document and its outcome, or an error line."""

    path: Path
    info: DocumentInfo | None
    outcome: AddOutcome | None
    error: str | None

    @property
    def ok(self) -> bool:
        """True when the file is in the library (new, unchanged or updated)."""
        return self.error is None


@dataclass(frozen=True)
class SkippedPath:
    """An entry a folder import left out on purpose, and why."""

    path: Path
    reason: str

    @property
    def message(self) -> str:
        """One line for people: "notes/shadow.txt: skipped, a link …"."""
        return _one_line(f"{self.path}: skipped, {self.reason}")


@dataclass(frozen=True)
class FolderContents:
    """What importing some paths would read, and the links it leaves out."""

    files: tuple[Path, ...]
    skipped: tuple[SkippedPath, ...] = ()


@dataclass(frozen=True)
class ImportSummary:
    """Every file's result, in order, the links left out, and whether the user cancelled
    before the end."""

    items: tuple[ImportItem, ...]
    cancelled: bool = False
    skipped: tuple[SkippedPath, ...] = ()

    def _count(self, outcome: AddOutcome) -> int:
        return sum(1 for item in self.items if item.outcome is outcome)

    @property
    def imported(self) -> int:
        """Files that became new documents."""
        return self._count(AddOutcome.ADDED)

    @property
    def unchanged(self) -> int:
        """Files whose content was in the library already."""
        return self._count(AddOutcome.UNCHANGED)

    @property
    def updated(self) -> int:
        """Files that replaced an earlier version of the same document."""
        return self._count(AddOutcome.UPDATED)

    @property
    def failed(self) -> int:
        """Files refused or not readable."""
        return sum(1 for item in self.items if item.error is not None)

    @property
    def documents(self) -> tuple[DocumentInfo, ...]:
        """The documents the import touched, in order (new, unchanged or updated)."""
        return tuple(item.info for item in self.items if item.info is not None)

    def describe(self) -> str:
        """One line for people: "3 imported, 1 unchanged, 1 skipped, 2 failed"."""
        parts = [f"{self.imported} imported"]
        parts += [
            f"{count} {label}"
            for count, label in (
                (self.unchanged, "unchanged"),
                (self.updated, "updated"),
                (len(self.skipped), "skipped"),
            )
            if count
        ]
        parts.append(f"{self.failed} failed")
        line = ", ".join(parts)
        return line + " (cancelled)" if self.cancelled else line


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files to import: folders walked recursively (supported suffixes only, no hidden
    entries), files and missing paths kept as given so they get their own verdict."""
    return list(find_files(paths).files)


def find_files(paths: Sequence[Path]) -> FolderContents:
    """The files expand_paths gives, and each link in a folder that leads out of it."""
    result: list[Path] = []
    skipped: list[SkippedPath] = []
    seen: set[Path] = set()

    def keep(path: Path) -> None:
        key = path.resolve() if path.exists() else path.absolute()
        if key not in seen:
            seen.add(key)
            result.append(path)

    for path in paths:
        if not path.is_dir():
            keep(path)
            continue
        chosen = path.resolve()
        # Symbolic links to folders are not walked (os.walk's default); one leading
        # out of the chosen folder is said, since the user may have expected its files.
        for folder, subfolders, files in os.walk(path):
            # Sorted, so an import is reproducible; hidden folders (.git, .cache) skipped.
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in subfolders:
                outside = _outside(Path(folder) / name, chosen)
                if outside is not None:
                    skipped.append(outside)
            for name in sorted(files):
                if not name.startswith(".") and Path(name).suffix.lower() in SUFFIX_FORMATS:
                    found = Path(folder) / name
                    outside = _outside(found, chosen)
                    if outside is None:
                        keep(found)
                    else:
                        skipped.append(outside)
    return FolderContents(tuple(result), tuple(skipped))


def _outside(path: Path, folder: Path) -> SkippedPath | None:
    """Why `path` is left out when it is a link leading out of `folder` (to /etc/shadow,
    say); None for anything else."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return SkippedPath(path, "a link that cannot be followed")
    if target.is_relative_to(folder):
        return None
    return SkippedPath(path, f"a link that leads out of the folder (to {target})")


def import_file(
    library: Library,
    path: Path,
    cancelled: CancelCheck | None = None,
    extraction: ImportExtraction | None = None,
) -> ImportItem:
    """Import one file; never raises for a bad file, the error is in the item.

    The file is read within its budget (loaders/budget.py); ReadingCancelledError
    passes through when `cancelled()` says True while it is being read. With
    `extraction`, a text it cannot extract for want of memory is refused.
    """
    check = None if extraction is None else functools.partial(extraction.check, path)
    try:
        with budget.reading(cancelled):
            result = library.add_file(path, check=check)
    except budget.ReadingCancelledError:
        raise
    except Error as error:
        return ImportItem(path, None, None, _one_line(str(error)))
    except OSError as error:  # writing the library copy: a full disk, a read-only folder
        reason = error.strerror or type(error).__name__
        return ImportItem(path, None, None, f"{path.name}: cannot store it ({reason})")
    except sqlite3.Error as error:
        return ImportItem(path, None, None, f"{path.name}: the library catalogue failed ({error})")
    except MemoryError:  # reading the file itself: refused, the library unchanged
        return ImportItem(path, None, None, f"{path.name}: not enough memory to read it")
    except Exception as error:  # a loader bug must not stop a folder import; it is logged
        _log.exception("importing %s failed", path)
        return ImportItem(
            path, None, None, _one_line(f"{path.name}: unexpected error ({type(error).__name__})")
        )
    return ImportItem(path, result.info, result.outcome, None)


def import_paths(
    library: Library,
    paths: Sequence[Path],
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    on_item: Callable[[ImportItem], None] | None = None,
    *,
    extractions: Path | None = None,
) -> ImportSummary:
    """Import files and folders, file by file.

    `progress(done, total, path)` is called before each file with the number of
    files finished, and once more at the end with done == total. `cancelled()`
    is asked before each file; when it says True the import stops there (files
    already imported stay). `on_item` sees each file's result as it comes.
    With `extractions` (an extraction store's file), the programs and figures of
    every new or changed text are stored there before the import returns (after
    the last progress call: extraction of the last files may still be running).
    """
    contents = find_files(paths)
    files, skipped = contents.files, contents.skipped
    extraction = ImportExtraction(extractions, len(files)) if extractions is not None else None
    items: list[ImportItem] = []
    try:
        for done, path in enumerate(files):
            if cancelled is not None and cancelled():
                return ImportSummary(tuple(items), cancelled=True, skipped=skipped)
            if progress is not None:
                progress(done, len(files), path)
            try:
                item = import_file(library, path, cancelled, extraction)
            except budget.ReadingCancelledError:
                return ImportSummary(tuple(items), cancelled=True, skipped=skipped)
            if extraction is not None and item.info is not None and item.outcome in _CHANGED:
                extraction.submit(item.info.content_hash, item.info.path, item.info.format)
            items.append(item)
            if on_item is not None:
                on_item(item)
        if progress is not None and files:
            progress(len(files), len(files), files[-1])
        if extraction is not None and not extraction.finish(cancelled):
            return ImportSummary(tuple(items), cancelled=True, skipped=skipped)
    finally:
        if extraction is not None:
            extraction.abort()
    return ImportSummary(tuple(items), skipped=skipped)


def _one_line(message: str) -> str:
    return " ".join(message.split())

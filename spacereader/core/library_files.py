"""The library folder's files: stored texts and copies of imported files.

Each import writes its files under names of its own (document id, content
hash, and a random token), so two processes importing the same file at once
never write, or remove, each other's copies: a copy is removed only by the
process whose catalogue transaction owns it. Files are written through a
temporary file, synced, then renamed, so a copy is never half-written.

What a killed process leaves behind (a temporary file, a copy its transaction
never committed) is swept once a day, when it is more than an hour old: a
younger one may belong to an import still running.

When the catalogue is lost, the stored texts are enough to rebuild it: each
name starts with its document's id, and the copy of the imported file beside
it gives the format and the metadata.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacereader.core.backups import STALE_TEMPORARY_SECONDS, remove_stale_temporaries
from spacereader.core.document import DocumentFormat, content_hash
from spacereader.core.errors import Error
from spacereader.core.loaders import SUFFIX_FORMATS, LoadedText, load_bytes

_log = logging.getLogger(__name__)

# Characters of the content hash in a stored file's name: a new version gets a new name.
VERSION_CHARS = 16
TEMPORARY_PATTERN = ".import-*.tmp"
# "0123456789ab-0123456789abcdef[-token].txt": a stored text (older names have no token).
_STORED_NAME = re.compile(r"^(?P<id>[0-9a-f]{12})-(?P<digest>[0-9a-f]{16})(?:-[0-9a-f]+)?\.txt$")


def version_stem(doc_id: str, digest: str) -> str:
    """The stem of a new version's files, unique to the writer that makes it."""
    return f"{doc_id}-{digest[:VERSION_CHARS]}-{secrets.token_hex(4)}"


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file, fsync, then rename: never a half-written copy."""
    import tempfile  # only imports need it; keep it off the start-up path

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def sweep(folder: Path, referenced: Iterable[str]) -> int:
    """Remove stale temporaries and files no catalogue row names; return how many."""
    removed = remove_stale_temporaries(folder, TEMPORARY_PATTERN)
    kept = set(referenced)
    now = time.time()
    for path in folder.iterdir():
        if path.name in kept or path.name.startswith(".") or not path.is_file():
            continue
        try:
            if now - path.stat().st_mtime > STALE_TEMPORARY_SECONDS:
                path.unlink()
                removed += 1
                _log.info("removed %s: no document names it", path.name)
        except OSError:
            continue
    return removed


@dataclass(frozen=True)
class StoredCopy:
    """A document found in the library folder: its text, and what its files say."""

    doc_id: str
    stored: str
    original: str
    loaded: LoadedText


def stored_copies(folder: Path) -> Iterator[StoredCopy]:
    """Every document the folder's stored texts hold, newest version of each id first found."""
    found: dict[str, tuple[float, Path]] = {}
    for path in folder.iterdir():
        match = _STORED_NAME.match(path.name)
        if match is None:
            continue
        mtime = path.stat().st_mtime
        if match["id"] not in found or found[match["id"]][0] < mtime:
            found[match["id"]] = (mtime, path)
    for doc_id, (_, path) in sorted(found.items()):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            _log.warning("cannot recover %s: %s", path.name, error)
            continue
        original = next(iter(sorted(folder.glob(f"{path.stem}.source*"))), None)
        yield StoredCopy(
            doc_id, path.name, original.name if original else "", _reread(text, original)
        )


def _reread(text: str, original: Path | None) -> LoadedText:
    """The text with the metadata its original copy gives, when that copy still reads the same."""
    fmt = SUFFIX_FORMATS.get(original.suffix.lower()) if original is not None else None
    if original is None or fmt is None:
        return LoadedText(text=text, format=DocumentFormat.TEXT)
    try:
        loaded = load_bytes(original.read_bytes(), fmt)
    except (Error, OSError):
        return LoadedText(text=text, format=fmt)
    if content_hash(loaded.text) != content_hash(text):
        return LoadedText(text=text, format=fmt)
    return loaded

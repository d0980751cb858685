"""Reading a file into a document's text.

The text a loader returns is the document's text for good: every offset
(search hits, program mentions, bookmarks) indexes into it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from spacereader.core.document import DocumentFormat
from spacereader.core.errors import ImportRefusedError

SUFFIX_FORMATS = {
    ".txt": DocumentFormat.TEXT,
    ".text": DocumentFormat.TEXT,
    ".md": DocumentFormat.MARKDOWN,
    ".markdown": DocumentFormat.MARKDOWN,
}


@dataclass(frozen=True)
class LoadedText:
    """A file's text, normalised, and what the file itself says about it."""

    text: str
    format: DocumentFormat
    title: str = ""
    date: str = ""
    source: str = ""


def normalize_text(text: str) -> str:
    """One form for every document: no BOM, Unix line ends, NFC."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def load_file(path: Path) -> LoadedText:
    """Read a supported file, or refuse it with a one-line reason."""
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ImportRefusedError(f"{path.name}: {path.suffix or 'this file type'} is not supported")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportRefusedError(f"{path.name}: cannot read ({error.strerror})") from error
    try:
        text = normalize_text(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ImportRefusedError(f"{path.name}: not UTF-8 text") from error
    if not text.strip():
        raise ImportRefusedError(f"{path.name}: the file is empty")
    return LoadedText(text=text, format=fmt)

"""Reading a file into a document's text: text, Markdown, HTML and PDF.

The text a loader returns is the document's text for good: every offset
(search hits, program mentions, bookmarks) indexes into it. A file that cannot
become a document raises an ImportRefusedError subclass whose message is one
line naming the file ("notes.docx: .docx files are not supported").
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacereader.core.document import DocumentFormat
from spacereader.core.errors import ImportRefusedError
from spacereader.core.loaders.base import MAX_FILE_BYTES, Link, LoadedText, normalize_text
from spacereader.core.loaders.errors import (
    BinaryFileError,
    DamagedFileError,
    EmptyFileError,
    EncryptedFileError,
    NoTextError,
    TooLargeError,
    UnreadableFileError,
    UnsupportedFormatError,
)

__all__ = [
    "MAX_FILE_BYTES",
    "SUFFIX_FORMATS",
    "BinaryFileError",
    "DamagedFileError",
    "EmptyFileError",
    "EncryptedFileError",
    "Link",
    "LoadedText",
    "NoTextError",
    "SourceFile",
    "TooLargeError",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "load_bytes",
    "load_file",
    "load_source",
    "normalize_text",
    "read_source",
]

SUFFIX_FORMATS = {
    ".txt": DocumentFormat.TEXT,
    ".text": DocumentFormat.TEXT,
    ".md": DocumentFormat.MARKDOWN,
    ".markdown": DocumentFormat.MARKDOWN,
    ".html": DocumentFormat.HTML,
    ".htm": DocumentFormat.HTML,
    ".xhtml": DocumentFormat.HTML,
    ".pdf": DocumentFormat.PDF,
}


@dataclass(frozen=True)
class SourceFile:
    """A file's bytes as read from disk, and the format its name says it has."""

    path: Path
    format: DocumentFormat
    data: bytes = field(repr=False)


def _loader(fmt: DocumentFormat) -> Callable[[bytes], LoadedText]:
    # Imported on use: trafilatura and pypdf cost ~0.5 s to import, and a text import needs neither.
    if fmt is DocumentFormat.MARKDOWN:
        from spacereader.core.loaders.markdown import load_markdown

        return load_markdown
    if fmt is DocumentFormat.HTML:
        from spacereader.core.loaders.html import load_html

        return load_html
    if fmt is DocumentFormat.PDF:
        from spacereader.core.loaders.pdf import load_pdf

        return load_pdf
    from spacereader.core.loaders.text import load_text

    return load_text


def supported_suffixes() -> str:
    """The suffixes SpaceReader imports, for messages: ".txt, .md, …"."""
    return ", ".join(SUFFIX_FORMATS)


def read_source(path: Path) -> SourceFile:
    """Read a supported file's bytes, or refuse it with a one-line reason."""
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    try:
        info = path.stat()
    except FileNotFoundError as error:
        raise UnreadableFileError(f"{path.name}: no such file") from error
    except OSError as error:
        raise UnreadableFileError(f"{path.name}: cannot read ({_why(error)})") from error
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFileError(f"{path.name}: is a folder, not a file")
    if fmt is None:
        kind = f"{path.suffix} files are" if path.suffix else "files without a suffix are"
        raise UnsupportedFormatError(
            f"{path.name}: {kind} not supported (supported: {supported_suffixes()})"
        )
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFileError(f"{path.name}: not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise TooLargeError(
            f"{path.name}: too large ({_megabytes(info.st_size)}; the limit is "
            f"{MAX_FILE_BYTES // 2**20} MB)"
        )
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise UnreadableFileError(f"{path.name}: cannot read ({_why(error)})") from error
    if len(data) > MAX_FILE_BYTES:
        raise TooLargeError(f"{path.name}: too large (the limit is {MAX_FILE_BYTES // 2**20} MB)")
    return SourceFile(path=path, format=fmt, data=data)


def load_bytes(data: bytes, fmt: DocumentFormat) -> LoadedText:
    """A document from a file's bytes; refusals carry the reason alone."""
    return _loader(fmt)(data)


def load_source(source: SourceFile) -> LoadedText:
    """A document from a file read by read_source; refusals name the file."""
    try:
        return load_bytes(source.data, source.format)
    except ImportRefusedError as error:
        raise type(error)(f"{source.path.name}: {error}") from error


def load_file(path: Path) -> LoadedText:
    """Read a supported file, or refuse it with a one-line reason naming it."""
    return load_source(read_source(path))


def _megabytes(size: int) -> str:
    # Rounded down, so a file just over the limit never reads as the limit itself.
    tenths = size * 10 // 2**20
    return f"{tenths // 10}.{tenths % 10} MB"


def _why(error: OSError) -> str:
    return error.strerror or type(error).__name__

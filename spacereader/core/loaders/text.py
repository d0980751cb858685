"""Plain-text files (.txt): decode, normalise, refuse what holds no text."""

from __future__ import annotations

from spacereader.core.document import DocumentFormat
from spacereader.core.loaders.base import LoadedText, normalize_text
from spacereader.core.loaders.encoding import decode_text
from spacereader.core.loaders.errors import EmptyFileError


def decode_document(raw: bytes) -> tuple[str, str]:
    """A text file's normalised text and its encoding; refuses empty or binary files."""
    if not raw:
        raise EmptyFileError("the file is empty")
    decoded = decode_text(raw)
    text = normalize_text(decoded.text)
    if not text:
        raise EmptyFileError("the file is empty")
    if not text.strip():
        raise EmptyFileError("the file holds only white space")
    return text, decoded.encoding


def load_text(raw: bytes) -> LoadedText:
    """A plain-text document; structure detection finds its title and date later."""
    text, encoding = decode_document(raw)
    return LoadedText(text=text, format=DocumentFormat.TEXT, encoding=encoding)

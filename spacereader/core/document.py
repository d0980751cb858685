"""The document value types that the library returns and the widgets display."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from spacereader.core.structure import Structure

ID_LENGTH = 12


class DocumentFormat(str, Enum):
    """The format a document was imported from; it decides how the reader sets it."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    PDF = "pdf"


@dataclass(frozen=True)
class DocumentInfo:
    """A library entry: what the Library dock and `spacereader list` show."""

    id: str
    title: str
    source: str
    date: str
    category: str
    format: DocumentFormat
    path: Path
    chars: int
    content_hash: str
    bundled: bool
    # "en", "fr", … ("" when unknown).
    language: str = ""
    # Publication date in ISO form, possibly partial ("2021-03-09", "2024-08", "2024";
    # "--01-28" without a year), or None (see core/dates.py).
    published: str | None = None
    # True when the user set `published` (a re-import keeps it).
    published_by_user: bool = False


class CatalogueEntry(NamedTuple):
    """A document's catalogue entry without its path: for lists of thousands of documents."""

    id: str
    title: str
    source: str
    date: str
    language: str
    published: str | None
    content_hash: str


@dataclass(frozen=True)
class Document:
    """A document's text and structure. Offsets everywhere index into `text`."""

    info: DocumentInfo
    text: str
    structure: Structure

    @property
    def id(self) -> str:
        """The document's stable id."""
        return self.info.id

    @property
    def title(self) -> str:
        """The title shown in the window and the lists."""
        return self.info.title


def content_hash(text: str) -> str:
    """A hash of a document's text; the index keys documents by it."""
    import hashlib  # not needed on the path to the first paint

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_document_id(text: str) -> str:
    """The id of a document first seen with this text; it stays with later versions."""
    return content_hash(text)[:ID_LENGTH]

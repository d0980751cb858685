"""The document value types that the library returns and the widgets display."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from spacereader.core.structure import Structure, detect_structure

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


class Document:
    """A document's text and structure. Offsets everywhere index into `text`.

    The structure is found on first use unless it is given: a Markdown document
    never needs it (the reader sets its source), and a large text's takes a few
    hundred milliseconds, which the reader spends off the GUI thread (see
    `structure_opening.py`). It is found once, whichever thread asks first.
    """

    __slots__ = ("_lock", "_structure", "info", "text")

    def __init__(self, info: DocumentInfo, text: str, structure: Structure | None = None) -> None:
        self.info = info
        self.text = text
        self._structure = structure
        self._lock = threading.Lock()

    @property
    def structure(self) -> Structure:
        """The text's structure (found now if it was not yet)."""
        if self._structure is None:
            with self._lock:
                if self._structure is None:
                    self._structure = detect_structure(self.text)
        return self._structure

    @property
    def has_structure(self) -> bool:
        """True once the structure is known: asking for it costs nothing."""
        return self._structure is not None

    @property
    def id(self) -> str:
        """The document's stable id."""
        return self.info.id

    @property
    def title(self) -> str:
        """The title shown in the window and the lists."""
        return self.info.title

    def __eq__(self, other: object) -> bool:
        # The structure follows from the text.
        if not isinstance(other, Document):
            return NotImplemented
        return (self.info, self.text) == (other.info, other.text)

    def __hash__(self) -> int:
        return hash((self.info, self.text))

    def __repr__(self) -> str:
        return f"Document(id={self.info.id!r}, length={len(self.text)})"


def content_hash(text: str) -> str:
    """A hash of a document's text; the index keys documents by it."""
    import hashlib  # not needed on the path to the first paint

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_document_id(text: str) -> str:
    """The id of a document first seen with this text; it stays with later versions."""
    return content_hash(text)[:ID_LENGTH]

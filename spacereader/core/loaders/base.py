"""What every loader returns, and the one text form all documents share."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from spacereader.core.document import DocumentFormat

# Far above any article or report (a 10 MB text imports in about a second), low
# enough that a stray disk image is refused before it is read into memory.
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Link:
    """A link kept from the source (HTML): a span of the text and where it points."""

    start: int
    end: int
    href: str


@dataclass(frozen=True)
class LoadedText:
    """A file's text, normalised, and what the file itself says about it.

    `text` is the document's text for good: every offset (search hits, program
    mentions, bookmarks, `links`) indexes into it. `title`, `date` and `source`
    are what the format's own metadata says; empty when it says nothing.
    """

    text: str
    format: DocumentFormat
    title: str = ""
    date: str = ""
    source: str = ""
    encoding: str = ""
    links: tuple[Link, ...] = ()
    # "en", "fr", … when the format says (HTML lang), else "".
    language: str = ""
    # The publication date the file's metadata gives, ISO and possibly partial, else None.
    published: str | None = None


def normalize_text(text: str) -> str:
    """One form for every document: no BOM, Unix line ends, NFC."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)

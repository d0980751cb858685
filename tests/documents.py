"""Documents made in memory for tests that need no library: a text and its format."""

from __future__ import annotations

from pathlib import Path

from spacereader.core.document import Document, DocumentFormat, DocumentInfo, content_hash


def loose_document(
    text: str,
    fmt: DocumentFormat = DocumentFormat.TEXT,
    *,
    doc_id: str = "loose",
    title: str = "Loose",
    language: str = "",
) -> Document:
    """A document of `text` that is in no library (its path does not exist)."""
    info = DocumentInfo(
        id=doc_id,
        title=title,
        source="",
        date="",
        category="",
        format=fmt,
        path=Path("/nonexistent"),
        chars=len(text),
        content_hash=content_hash(text),
        bundled=False,
        language=language,
    )
    return Document(info, text)

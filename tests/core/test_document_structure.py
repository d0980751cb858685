"""A document's structure is found when first asked for, once, whichever thread asks."""

from __future__ import annotations

import threading
import time

import pytest

from spacereader.core import document as document_module
from spacereader.core.document import DocumentFormat
from spacereader.core.library import Library
from spacereader.core.loaders.base import LoadedText
from spacereader.core.shown import document_shown_spans
from spacereader.core.structure import Structure, detect_structure

TEXT = "A report on lunar cooperation\n\nBy Jeff Foust\n\nThe station has 13 partners.\n"


def loaded(text: str, fmt: DocumentFormat = DocumentFormat.TEXT) -> LoadedText:
    return LoadedText(text, fmt)


def test_a_loaded_document_finds_its_structure_when_asked() -> None:
    library = Library()
    try:
        doc_id = library.add(loaded(TEXT), "report.txt").info.id
        document = library.load(doc_id)
    finally:
        library.close()
    assert not document.has_structure
    assert document.structure == detect_structure(TEXT)
    assert document.has_structure


def test_the_structure_is_found_once_for_two_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def slow(text: str) -> Structure:
        calls.append(text)
        time.sleep(0.05)  # long enough for the second thread to ask meanwhile
        return detect_structure(text)

    monkeypatch.setattr(document_module, "detect_structure", slow)
    library = Library()
    try:
        doc_id = library.add(loaded(TEXT), "report.txt").info.id
        document = library.load(doc_id)
    finally:
        library.close()
    found: list[Structure] = []
    threads = [threading.Thread(target=lambda: found.append(document.structure)) for _ in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert found[0] is found[1]


def test_what_markdown_shows_needs_no_structure(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(text: str) -> Structure:
        raise AssertionError("a Markdown document is set from its source")

    library = Library()
    try:
        text = "# Report\n\nThe *station* has 13 partners.\n"
        doc_id = library.add(loaded(text, DocumentFormat.MARKDOWN), "report.md").info.id
        document = library.load(doc_id)
    finally:
        library.close()
    monkeypatch.setattr(document_module, "detect_structure", refused)
    spans = document_shown_spans(document)
    assert "".join(text[start:end] for start, end in spans).startswith("Report")

"""The extraction cache: memory, then the store, else extraction of the text the reader shows."""

from __future__ import annotations

from pathlib import Path

from spacereader.core.document import Document, DocumentFormat
from spacereader.core.extraction import default_gazetteer, extract
from spacereader.core.extraction.cache import ExtractionCache
from spacereader.core.extraction.store import ExtractionStore, row_signature, signature
from tests.documents import loose_document

TEXT = "The International Lunar Research Station (ILRS) gained 19 partners since 2016."
# A web capture: the Artemis program and three figures sit in lines the reader hides.
CAPTURE = (
    "Skip to main content\nRelated: Artemis program\n\n"
    "Lunar station gains partners\n\n"
    "March 14, 2024\n1234 views · 56 likes\n\n"
    f"{TEXT}\n\nBack to top\n"
)


def document(text: str, text_format: DocumentFormat = DocumentFormat.TEXT) -> Document:
    return loose_document(text, text_format, doc_id="doc", title="")


def test_a_text_is_extracted_once_and_stored(tmp_path: Path) -> None:
    loads: list[str] = []
    plain = document(TEXT)

    def load() -> Document:
        loads.append(TEXT)
        return plain

    cache = ExtractionCache(tmp_path / "store.sqlite")
    assert cache.of(plain.info, load) == extract(TEXT)
    assert cache.of(plain.info, load) == extract(TEXT)
    cache.close()
    assert len(loads) == 1
    made_by = row_signature(default_gazetteer(), DocumentFormat.TEXT)
    with ExtractionStore(tmp_path / "store.sqlite") as store:
        assert store.get(plain.info.content_hash, made_by) == extract(TEXT)
    again = ExtractionCache(tmp_path / "store.sqlite")  # a new run reads the store
    assert again.of(plain.info, load) == extract(TEXT)
    again.close()
    assert len(loads) == 1


def test_without_a_usable_store_texts_are_still_extracted(tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    cache = ExtractionCache(blocked / "store.sqlite")
    plain = document(TEXT)
    assert cache.of(plain.info, lambda: plain) == extract(TEXT)
    cache.close()


def test_only_what_the_reader_shows_is_extracted(tmp_path: Path) -> None:
    capture = document(CAPTURE)
    cache = ExtractionCache(tmp_path / "store.sqlite")
    found = cache.of(capture.info, lambda: capture)
    cache.close()
    assert {program.name for program in found.programs} == {"International Lunar Research Station"}
    assert [figure.text for figure in found.figures] == ["19", "since 2016"]
    # Offsets are the document's own.
    assert [CAPTURE[f.start : f.end] for f in found.figures] == ["19", "since 2016"]


def test_a_row_stored_from_the_whole_text_is_not_served(tmp_path: Path) -> None:
    capture = document(CAPTURE)
    whole = extract(CAPTURE)
    assert "1234" in [figure.text for figure in whole.figures]
    with ExtractionStore(tmp_path / "store.sqlite") as store:
        # As an earlier version stored it: the whole text, under the plain signature.
        store.put(capture.info.content_hash, signature(default_gazetteer()), whole)
    cache = ExtractionCache(tmp_path / "store.sqlite")
    found = cache.of(capture.info, lambda: capture)
    cache.close()
    assert "1234" not in [figure.text for figure in found.figures]


def test_the_same_text_as_markdown_is_stored_apart(tmp_path: Path) -> None:
    text = (
        "# Title\n\nThe [station][1] opens.\n\n"
        '[1]: https://example.org "Tiangong space station, 46 modules"\n'
    )
    cache = ExtractionCache(tmp_path / "store.sqlite")
    as_text = cache.of(document(text).info, lambda: document(text))
    markdown = document(text, DocumentFormat.MARKDOWN)
    as_markdown = cache.of(markdown.info, lambda: markdown)
    cache.close()
    # Plain text shows the link's definition; Markdown hides it.
    assert [p.name for p in as_text.programs] == ["Tiangong"]
    assert "46" in [f.text for f in as_text.figures]
    assert as_markdown.programs == ()
    assert as_markdown.figures == ()

"""The extraction cache: memory, then the store, else extraction."""

from __future__ import annotations

from pathlib import Path

from spacereader.core.extraction import default_gazetteer, extract
from spacereader.core.extraction.cache import ExtractionCache
from spacereader.core.extraction.store import ExtractionStore, signature

TEXT = "The International Lunar Research Station (ILRS) gained 19 partners since 2016."


def test_a_text_is_extracted_once_and_stored(tmp_path: Path) -> None:
    reads: list[str] = []

    def text() -> str:
        reads.append(TEXT)
        return TEXT

    cache = ExtractionCache(tmp_path / "store.sqlite")
    assert cache.of("hash-1", text) == extract(TEXT)
    assert cache.of("hash-1", text) == extract(TEXT)
    cache.close()
    assert len(reads) == 1
    with ExtractionStore(tmp_path / "store.sqlite") as store:
        assert store.get("hash-1", signature(default_gazetteer())) == extract(TEXT)
    again = ExtractionCache(tmp_path / "store.sqlite")  # a new run reads the store
    assert again.of("hash-1", text) == extract(TEXT)
    again.close()
    assert len(reads) == 1


def test_without_a_usable_store_texts_are_still_extracted(tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    cache = ExtractionCache(blocked / "store.sqlite")
    assert cache.of("hash-1", lambda: TEXT) == extract(TEXT)
    cache.close()

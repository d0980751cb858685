"""The search tests' library (the seed article plus two small texts) and its index."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacereader.core.document import DocumentFormat
from spacereader.core.library import Library
from spacereader.core.loaders import LoadedText
from spacereader.core.search import SearchIndex, SearchResult

# Texts that let the seed's behaviours be checked from both sides.
EXTRA_TEXTS = {
    # Only the long name: "ILRS" must find it through the seed's definition.
    "test:long-name": "Lunar plans\n\nThe International Lunar Research Station will be built "
    "near the south pole of the Moon.\n",
    # Accents, a one-character number, and a plural.
    "test:french": "Brèves spatiales\n\nLa mission précédente de l’agence a réussi. "
    "Les 5 stations sont prêtes.\n",
}


@dataclass(eq=False)
class SearchSetup:
    """The library, its index, and the ids of its documents."""

    library: Library
    index: SearchIndex
    seed_id: str
    long_name_id: str
    french_id: str
    root: Path

    def search(self, query: str, **kwargs: object) -> SearchResult:
        result = self.index.search(query, **kwargs)  # type: ignore[arg-type]
        assert result.elapsed_ms < self.index.time_limit * 1000 + 200
        return result

    def text(self, doc_id: str) -> str:
        return self.library.load(doc_id).text


def make_setup(root: Path) -> SearchSetup:
    library = Library(root=root / "data")
    ids = {}
    for origin, text in EXTRA_TEXTS.items():
        ids[origin] = library.add(LoadedText(text=text, format=DocumentFormat.TEXT), origin).info.id
    seed_id = next(info.id for info in library.documents() if info.bundled)
    index = SearchIndex(root / "index")
    index.sync(library)
    return SearchSetup(library, index, seed_id, ids["test:long-name"], ids["test:french"], root)

"""Full-text search of the library through a Whoosh index.

The GUI and the command line use only what this package exports::

    index = SearchIndex()                  # paths.cache_dir()/index-v{SCHEMA_VERSION}
    index.sync(library, progress, cancelled)   # writer thread; incremental, repairs itself
    index.search("ILRS", limit=50, doc_id=None)  # any other thread; never raises
    index.match_spans("ILRS", doc_id, text)      # every hit in one document, for highlighting
    index.close()
    answers.answer(query, index, limit=…, bookmarks=store.search)  # passages and bookmarks

sync() takes a Library opened in the calling thread (Library.open_again()).
SearchIndex(procs=2) builds a large library in two spawned processes (safe
next to Qt's threads). A SearchResult's total is exact unless `partial` (the
time limit cut it short); `notice` and `error` say why a query found nothing.

Whoosh stays behind store.py (opening, checking), writing.py (its writer),
segments.py (its postings, read a block at a time) and query.py (parsing);
engine.py runs queries on those blocks, and the rest works on plain values.
"""

from __future__ import annotations

from spacereader.core.search.errors import IndexDamagedError, SearchError
from spacereader.core.search.index import SEARCH_TIME_LIMIT_S, SearchIndex, default_folder
from spacereader.core.search.results import Hit, SearchResult, SyncReport
from spacereader.core.search.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "SEARCH_TIME_LIMIT_S",
    "Hit",
    "IndexDamagedError",
    "SearchError",
    "SearchIndex",
    "SearchResult",
    "SyncReport",
    "default_folder",
]

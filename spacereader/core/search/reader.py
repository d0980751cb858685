"""One thread's open view of the index: a searcher kept open and refreshed after commits.

Opening a searcher costs ~20 ms, so each thread keeps one per build and only
refreshes it when a commit has made it stale. The acronym table and the
vocabulary follow the searcher's generation.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

from whoosh import query as wq
from whoosh.collectors import TimeLimit, WrappingCollector

from spacereader.core.search.acronym_table import AcronymTable
from spacereader.core.search.builder import records_manifest
from spacereader.core.search.errors import IndexDamagedError
from spacereader.core.search.highlight import HighlightSpec, find_marks, make_snippet
from spacereader.core.search.query import CompiledQuery, compile_query
from spacereader.core.search.results import Hit
from spacereader.core.search.schema import KIND_RECORD, QUERY_FIELDS
from spacereader.core.search.store import VOCABULARY, IndexStore, guarded
from spacereader.core.search.vocabulary import Vocabulary

COMPILED_CACHE_SIZE = 256
# Fields with lengths (BM25 needs them): all the fields a query may search.
SCORED_FIELDS = QUERY_FIELDS
OPEN_ATTEMPTS = 3


class BuildReader:
    """A searcher on one build, with that build's acronyms and words."""

    def __init__(self, store: IndexStore, build: Path) -> None:
        self.store = store
        self.build = build
        self.index = _retrying(lambda: store.open(build))
        # A truncated segment is caught here, before Whoosh opens (and leaks) its file.
        store.verify_files(build, self.index)
        self.searcher = _retrying(lambda: guarded(lambda: _opened(self.index)))
        self.generation = -1
        self.acronyms = AcronymTable()
        self._vocabulary: Vocabulary | None = None
        self._vocabulary_stamp: float | None = None
        self._compiled: OrderedDict[str, CompiledQuery] = OrderedDict()
        self._load_tables()

    def close(self) -> None:
        """Let go of the searcher's files."""
        self.searcher.close()

    def refresh_if_stale(self) -> None:
        """Move to the latest commit if there is a newer one.

        A fresh searcher, not Searcher.refresh(): Whoosh's refresh reuses the
        reader of a segment that only gained deletions, with its old deletion
        set, so removed documents would still be found.
        """
        if not self.searcher.up_to_date():
            fresh = _retrying(lambda: guarded(lambda: _opened(self.index)))
            self.searcher.close()
            self.searcher = fresh
            self._load_tables()

    def _load_tables(self) -> None:
        generation = self.searcher.reader().generation()
        if generation == self.generation:
            return
        manifest = self.store.read_manifest(self.build)
        if manifest is None or manifest.generation != generation:
            # Another process committed and has not written its manifest yet.
            manifest = records_manifest(self.searcher)
        self.acronyms = AcronymTable.learn(manifest.acronyms.values())
        self.generation = generation
        self._compiled.clear()

    def vocabulary(self) -> Vocabulary:
        """The build's words, read on first need and again when a commit changed them."""
        try:
            stamp = (self.build / VOCABULARY).stat().st_mtime
        except OSError:
            stamp = None
        if self._vocabulary is None or stamp != self._vocabulary_stamp:
            self._vocabulary = Vocabulary(self.store.read_vocabulary(self.build))
            self._vocabulary_stamp = stamp
        return self._vocabulary

    def compile(self, text: str, deadline: float) -> CompiledQuery:
        """The query compiled against this generation (cached)."""
        compiled = self._compiled.get(text)
        if compiled is not None:
            self._compiled.move_to_end(text)
            return compiled
        compiled = compile_query(
            text,
            self.searcher.reader(),
            self.searcher.schema,
            self.acronyms,
            vocabulary=self.vocabulary,
            deadline=deadline,
        )
        if time.monotonic() < deadline:  # a query cut short by the clock is not kept
            self._compiled[text] = compiled
            if len(self._compiled) > COMPILED_CACHE_SIZE:
                self._compiled.popitem(last=False)
        return compiled

    def search(
        self, compiled: CompiledQuery, limit: int, doc_id: str | None, deadline: float
    ) -> tuple[int, list[Hit], bool]:
        """(total, hits, partial) for a compiled query, stopping at the deadline."""
        if compiled.query is None:
            return 0, [], False
        searcher = self.searcher
        query = compiled.query
        if _has_negation(query):
            # "x OR NOT y" could match document records: keep them out.
            query = wq.AndNot(query, wq.Term("kind", KIND_RECORD))
        if doc_id:
            # A filter query, not a filter set: Whoosh's filter collector would
            # bypass the time limit.
            query = wq.Require(query, wq.Term("doc_id", doc_id))
        collector = searcher.collector(limit=max(1, limit))
        timed = DeadlineCollector(collector, deadline)
        partial = False
        try:
            searcher.search_with_collector(query, timed)
        except TimeLimit:
            partial = True
        results = timed.results()
        if partial:
            total = max(
                results.scored_length(), int(compiled.query.estimate_size(searcher.reader()))
            )
        else:
            total = len(results)
        hits = [
            _hit(fields, float(score), compiled.highlight, deadline)
            for score, fields in (
                (results.score(index), results.fields(index))
                for index in range(results.scored_length())
            )
            if fields.get("kind") != KIND_RECORD
        ]
        return total, hits, partial


class DeadlineCollector(WrappingCollector):  # type: ignore[misc]
    """Stops collecting at a deadline (raises whoosh's TimeLimit).

    Whoosh's TimeLimitCollector starts a timer thread per search (a third of a
    millisecond, a lock wait) or uses SIGALRM (main thread only); reading the
    clock between matches costs nothing and works in any thread.
    """

    CHECK_EVERY = 32

    def __init__(self, child: Any, deadline: float) -> None:
        super().__init__(child)
        self.deadline = deadline

    def collect_matches(self) -> None:
        child = self.child
        countdown = self.CHECK_EVERY
        for sub_docnum in child.matches():
            child.collect(sub_docnum)
            countdown -= 1
            if not countdown:
                countdown = self.CHECK_EVERY
                if time.monotonic() > self.deadline:
                    raise TimeLimit


def _hit(fields: dict[str, Any], score: float, spec: HighlightSpec, deadline: float) -> Hit:
    text = str(fields.get("text", ""))
    start = int(fields.get("start", 0))
    # Past the deadline, hits are still returned, unmarked.
    marks = find_marks(text, spec) if time.monotonic() < deadline else []
    snippet, snippet_marks = make_snippet(text, marks)
    return Hit(
        doc_id=str(fields.get("doc_id", "")),
        title=str(fields.get("title_text", "")),
        start=start,
        end=int(fields.get("end", start + len(text))),
        text=text,
        snippet=snippet,
        snippet_marks=snippet_marks,
        matches=tuple((start + s, start + e) for s, e in marks),
        score=score,
    )


def _opened(index: Any) -> Any:
    """A searcher with every segment's files already open.

    Whoosh opens a segment's column files (stored fields, field lengths) on first
    use. A commit can delete a merged segment's files at any moment; once open,
    they stay readable for this searcher.
    """
    searcher = index.searcher()
    try:
        for reader, _offset in searcher.reader().leaf_readers():
            if reader.doc_count_all():
                reader.stored_fields(0)
                for field in SCORED_FIELDS:
                    reader.doc_field_length(0, field)
    except BaseException:
        searcher.close()
        raise
    return searcher


def _has_negation(node: Any) -> bool:
    if isinstance(node, (wq.Not, wq.AndNot)):
        return True
    return any(_has_negation(child) for child in node.children())


def _retrying(action: Any) -> Any:
    """Run an open/refresh, retrying when a concurrent commit removed a file under it."""
    for attempt in range(OPEN_ATTEMPTS):
        try:
            return action()
        except (OSError, IndexDamagedError):
            if attempt == OPEN_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")

"""One thread's open view of the index: a searcher kept open and refreshed after commits.

Opening a searcher costs ~20 ms, so each thread keeps one per build and only
refreshes it when a commit has made it stale. The acronym table, the
vocabulary, the frequent terms, the scoring figures and the caches of
compiled queries and of results all belong to the searcher's generation.
"""

from __future__ import annotations

import dataclasses
import heapq
import logging
import time
from collections import OrderedDict
from operator import itemgetter
from pathlib import Path
from typing import Any

from whoosh import query as wq

from spacereader.core.language import detect_language
from spacereader.core.search.acronym_table import AcronymTable
from spacereader.core.search.analysis import ENGLISH, FRENCH, LANGUAGES
from spacereader.core.search.builder import records_manifest
from spacereader.core.search.engine import Run
from spacereader.core.search.errors import IndexDamagedError
from spacereader.core.search.grams import FrequentTerms
from spacereader.core.search.highlight import HighlightSpec, find_marks, make_snippet
from spacereader.core.search.programs import french_names
from spacereader.core.search.query import CompiledQuery, compile_query
from spacereader.core.search.results import Hit, SearchResult
from spacereader.core.search.schema import DEFAULT_FIELD, GRAM_FIELD, KIND_RECORD, QUERY_FIELDS
from spacereader.core.search.segments import Segment, Statistics
from spacereader.core.search.store import VOCABULARY, IndexStore, guarded
from spacereader.core.search.vocabulary import Vocabulary

COMPILED_CACHE_SIZE = 256
RESULT_CACHE_SIZE = 64
# Fields with lengths (BM25 needs them): all the fields a query may search.
SCORED_FIELDS = (*QUERY_FIELDS, GRAM_FIELD)
OPEN_ATTEMPTS = 3
_log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Found:
    """What a query found: the shown hits, the exact count, and whether time ran out."""

    total: int
    hits: list[Hit]
    partial: bool


class BuildReader:
    """A searcher on one build, with that build's acronyms, words and frequent terms."""

    def __init__(self, store: IndexStore, build: Path) -> None:
        self.store = store
        self.build = build
        self.index = _retrying(lambda: store.open(build))
        # A damaged segment is caught here, before Whoosh opens (and leaks) its file.
        store.verify_files(build, self.index)
        self.frequent: FrequentTerms = store.read_frequent(build)
        self.searcher = _retrying(lambda: guarded(lambda: _opened(self.index)))
        self.generation = -1
        self.languages: tuple[str, ...] = (ENGLISH,)
        self.acronyms: dict[str, AcronymTable] = {}
        self.statistics = Statistics(self.searcher)
        self.segments: list[Segment] = []
        self._vocabulary: Vocabulary | None = None
        self._vocabulary_stamp: float | None = None
        self._compiled: OrderedDict[str, CompiledQuery] = OrderedDict()
        self._results: OrderedDict[tuple[str, int, str | None], SearchResult] = OrderedDict()
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
        french = self.searcher.doc_frequency("lang", FRENCH) > 0
        self.languages = (ENGLISH, FRENCH) if french else (ENGLISH,)
        known = french_names()
        self.acronyms = {
            language: AcronymTable.learn(manifest.acronyms.values(), language, known)
            for language in self.languages
        }
        self.statistics = Statistics(self.searcher)
        self.segments = [
            Segment(reader, offset) for reader, offset in self.searcher.reader().leaf_readers()
        ]
        self.generation = generation
        self.forget()

    def forget(self) -> None:
        """Drop the cached compiled queries and results."""
        self._compiled.clear()
        self._results.clear()

    def language_of(self, doc_id: str, text: str) -> str:
        """How a document's text was analysed, when its stored language is unknown
        (the index made the same guess)."""
        language = detect_language(text)
        return language if language in LANGUAGES else ENGLISH

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
            languages=self.languages,
        )
        if time.monotonic() < deadline:  # a query cut short by the clock is not kept
            _remember(self._compiled, text, compiled, COMPILED_CACHE_SIZE)
        return compiled

    # -- results -------------------------------------------------------------

    def cached(self, text: str, limit: int, doc_id: str | None) -> SearchResult | None:
        """The answer this generation already gave to the same question, if any."""
        key = (text, limit, doc_id)
        result = self._results.get(key)
        if result is not None:
            self._results.move_to_end(key)
        return result

    def remember(self, text: str, limit: int, doc_id: str | None, result: SearchResult) -> None:
        """Keep a complete answer for the next time it is asked."""
        if not result.partial and result.error is None:
            _remember(self._results, (text, limit, doc_id), result, RESULT_CACHE_SIZE)

    def search(
        self, compiled: CompiledQuery, limit: int, doc_id: str | None, deadline: float
    ) -> Found:
        """The best `limit` hits, the exact total and whether the deadline cut it short."""
        if compiled.query is None:
            return Found(0, [], False)
        limit = max(1, limit)
        total = 0
        partial = False
        best: list[tuple[float, int, Segment, int]] = []
        for segment in self.segments:
            run = Run(self.statistics, segment, self.frequent, deadline)
            within = _document_passages(run, doc_id) if doc_id else None
            if within is not None and not within:
                continue
            scores = run.evaluate(compiled.query, within)
            total += len(scores)
            for docnum, score in heapq.nlargest(limit, scores.items(), key=itemgetter(1)):
                best.append((score, -(segment.offset + docnum), segment, docnum))
            partial = partial or run.partial
            if partial:
                break
        best = heapq.nlargest(limit, best, key=itemgetter(0, 1))
        hits: list[Hit] = []
        checked = _content_only(compiled.query)
        for score, _, segment, docnum in best:
            fields = segment.reader.stored_fields(docnum)
            if fields.get("kind") == KIND_RECORD:
                total -= 1
                continue
            hit = _hit(fields, score, compiled.highlight, deadline)
            if checked and not hit.matches and time.monotonic() < deadline:
                # The index says it matches but its text shows no such word: not a hit.
                _log.warning("a hit without its words in %s was left out", hit.doc_id)
                total -= 1
                continue
            hits.append(hit)
        return Found(max(total, len(hits)), hits, partial)


def _document_passages(run: Run, doc_id: str) -> list[int]:
    """The docnums of one document's passages (and record) in a run's segment."""
    return sorted(run.term("doc_id", doc_id, None, scored=False)[0])


def _content_only(node: Any) -> bool:
    """Whether every word of a query searches the text itself (so each hit must show one)."""
    if isinstance(node, (wq.Not, wq.AndNot, wq.Every)):
        return False
    if isinstance(node, (wq.Term, wq.Phrase)):
        return bool(node.fieldname == DEFAULT_FIELD)
    children = list(node.children())
    return bool(children) and all(_content_only(child) for child in children)


def _remember(cache: OrderedDict[Any, Any], key: Any, value: Any, size: int) -> None:
    cache[key] = value
    cache.move_to_end(key)
    if len(cache) > size:
        cache.popitem(last=False)


def _hit(fields: dict[str, Any], score: float, spec: HighlightSpec, deadline: float) -> Hit:
    text = str(fields.get("text", ""))
    start = int(fields.get("start", 0))
    language = str(fields.get("lang", "") or "")
    # Past the deadline, hits are still returned, unmarked.
    marks = find_marks(text, spec, language=language) if time.monotonic() < deadline else []
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

"""Writing the index: passages of changed documents in, removed documents out.

Only the thread that holds SearchIndex's write lock calls these. Each library
document is keyed by its content hash and language, so a sync touches only the documents
that were added, changed or removed since the last commit. A full build runs
in chunks (chunks.py), in parallel processes when asked to.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacereader.core.document import DocumentInfo
from spacereader.core.errors import Error
from spacereader.core.search.chunks import BuildCancelledError, ChunkResult, index_chunks
from spacereader.core.search.grams import FrequentTerms, learn, sample_indexes
from spacereader.core.search.prepare import (
    PreparedDocument,
    passage_terms,
    prepare_document,
    read_document,
    version_of,
)
from spacereader.core.search.results import SyncReport
from spacereader.core.search.schema import KIND_RECORD
from spacereader.core.search.store import IndexStore, Manifest
from spacereader.core.search.vocabulary import Vocabulary
from spacereader.core.search.writing import open_writer

Progress = Callable[[int, int], None]
# How long a sync waits for another process's writer before answering "busy".
WRITER_WAIT_S = 2.0
# Memory for Whoosh's in-memory postings pool, per building process.
WRITER_MEMORY_MB = 128
# The same for an incremental sync, which runs in the caller's process: Whoosh
# sorts a full pool in one call holding the GIL, so a small pool keeps a GUI
# responsive.
SYNC_MEMORY_MB = 16
_log = logging.getLogger(__name__)


@dataclass
class BuildState:
    """The writer's view of one build: what its last commit holds.

    The vocabulary is read only when a document is written: a sync that finds
    nothing to do (every `spacereader search`) never pays for it.
    """

    build: Path
    manifest: Manifest
    store: IndexStore
    frequent: FrequentTerms
    _vocabulary: Vocabulary | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        """The build's words, read on first use."""
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(self.store.read_vocabulary(self.build))
        return self._vocabulary


def load_state(store: IndexStore, build: Path, index: Any, manifest: Manifest | None) -> BuildState:
    """The build's state, from its manifest or, if that is stale, from the index's records."""
    if manifest is None or manifest.generation != index.latest_generation():
        with index.searcher() as searcher:
            manifest = records_manifest(searcher)
    return BuildState(build, manifest, store, store.read_frequent(build))


def records_manifest(searcher: Any) -> Manifest:
    """Rebuild a manifest from the document records a searcher sees."""
    manifest = Manifest(generation=searcher.reader().generation())
    for fields in searcher.documents(kind=KIND_RECORD):
        doc_id = str(fields["doc_id"])
        manifest.docs[doc_id] = str(fields["doc_hash"])
        pairs = [(str(a), str(e)) for a, e in fields.get("acronyms") or ()]
        if pairs:
            manifest.acronyms[doc_id] = pairs
    return manifest


def _prepare(info: DocumentInfo, frequent: FrequentTerms) -> PreparedDocument | None:
    try:
        return prepare_document(read_document(info), frequent)
    except Error as error:  # a missing text: skip it, the next sync tries again
        _log.warning("not indexed: %s", error)
        return None


def _record(state: BuildState, prepared: PreparedDocument, words: set[str]) -> None:
    state.manifest.docs[prepared.info.id] = version_of(prepared.info)
    if prepared.acronyms:
        state.manifest.acronyms[prepared.info.id] = list(prepared.acronyms)
    else:
        state.manifest.acronyms.pop(prepared.info.id, None)
    state.vocabulary.add_document(words)


def _save(store: IndexStore, state: BuildState, index: Any) -> None:
    state.manifest.generation = index.latest_generation()
    store.write_manifest(state.build, state.manifest)
    store.write_vocabulary(state.build, dict(state.vocabulary.counts))


def _cancel(writer: Any) -> None:
    """Drop a writer's uncommitted work; it may already be finished or broken."""
    try:
        writer.cancel()
    except Exception:
        _log.debug("cancelling the index writer failed", exc_info=True)


def sync_documents(
    store: IndexStore,
    state: BuildState,
    index: Any,
    documents: list[DocumentInfo],
    *,
    progress: Progress,
    cancelled: Callable[[], bool],
) -> SyncReport:
    """Index added and changed documents, drop removed ones, in one commit.

    Raises store.LockLost when another process holds the writer lock.
    """
    infos = {info.id: info for info in documents}
    indexed = state.manifest.docs
    removed = [doc_id for doc_id in indexed if doc_id not in infos]
    added = [info for info in documents if info.id not in indexed]
    updated = [
        info for info in documents if info.id in indexed and indexed[info.id] != version_of(info)
    ]
    if not (removed or added or updated):
        return SyncReport(0, 0, 0, rebuilt=False)
    writer = open_writer(index, timeout=WRITER_WAIT_S, limitmb=SYNC_MEMORY_MB)
    counts = {"added": 0, "updated": 0}
    was_cancelled = False
    try:
        for doc_id in removed + [info.id for info in updated]:
            writer.delete_by_term("doc_id", doc_id)
            state.manifest.docs.pop(doc_id, None)
            state.manifest.acronyms.pop(doc_id, None)
        todo = added + updated
        progress(0, len(todo))
        for count, info in enumerate(todo, start=1):
            if cancelled():
                was_cancelled = True
                break
            prepared = _prepare(info, state.frequent)
            if prepared is not None:
                _record(state, prepared, prepared.write(writer))
                counts["added" if info in added else "updated"] += 1
            progress(count, len(todo))
        writer.commit()
    except BaseException:
        _cancel(writer)
        raise
    _save(store, state, index)
    return SyncReport(
        counts["added"], counts["updated"], len(removed), rebuilt=False, cancelled=was_cancelled
    )


def build_from_scratch(
    store: IndexStore,
    documents: list[DocumentInfo],
    procs: int,
    *,
    progress: Progress,
    cancelled: Callable[[], bool],
) -> BuildState | None:
    """Index every document into a new build and make it current; None if cancelled."""
    build = store.new_build_folder()
    try:
        index = store.create(build)
        try:
            frequent = learn_frequent(documents)
            store.write_frequent(build, frequent)
            results = index_chunks(
                build,
                documents,
                frequent,
                procs,
                memory_mb=WRITER_MEMORY_MB,
                progress=progress,
                cancelled=cancelled,
            )
            segments = [result.segment for result in results if result.segment is not None]
            writer = open_writer(index)
            try:
                # The chunks wrote finished segments: the commit only lists them.
                writer.commit(mergetype=lambda _writer, existing: [*existing, *segments])
            except BaseException:
                _cancel(writer)
                raise
            state = BuildState(build, Manifest(generation=0), store, frequent, Vocabulary())
            _merge_results(state, results)
            _save(store, state, index)
        finally:
            index.close()
        state.build = store.publish(build)
    except BuildCancelledError:
        shutil.rmtree(build, ignore_errors=True)
        return None
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    return state


def learn_frequent(documents: list[DocumentInfo]) -> FrequentTerms:
    """The frequent terms of a sample of the documents (see grams.py)."""
    sample: list[list[str]] = []
    for number in sample_indexes(len(documents)):
        try:
            sample.extend(passage_terms(read_document(documents[number])))
        except Error:
            continue
    return learn(sample, len(documents))


def _merge_results(state: BuildState, results: list[ChunkResult]) -> None:
    for result in results:
        state.manifest.docs.update(result.docs)
        state.manifest.acronyms.update(result.acronyms)
        state.vocabulary.add_counts(result.words)

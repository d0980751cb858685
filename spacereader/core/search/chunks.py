"""A full build in chunks: each chunk writes one finished Whoosh segment.

Large builds run in separate processes (spawned, so a GUI's threads are
never forked), one chunk each, each doing the whole job for its documents: read,
prepare, analyse and write. That is the same division of labour as Whoosh's own
multiprocessing writer with multisegment=True, without funnelling every
document through the parent. The parent then commits one table of contents
listing the chunks' segments.

Chunk writers never cancel or finish their Whoosh writer: that would delete
the temporary folder the other chunks share. The build folder is thrown away
as a whole if anything goes wrong.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue as queue_module
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacereader.core.document import DocumentInfo
from spacereader.core.errors import Error
from spacereader.core.search.acronym_table import Pair
from spacereader.core.search.errors import SearchError
from spacereader.core.search.grams import FrequentTerms
from spacereader.core.search.prepare import prepare_document, read_document, version_of
from spacereader.core.search.store import IndexStore
from spacereader.core.search.writing import chunk_writer

REPORT_EVERY = 25
# A build of more documents than this runs in worker processes even with procs=1:
# Whoosh sorts its postings in long calls that hold the GIL, which would stall a
# GUI's event loop for longer than 100 ms.
IN_PROCESS_LIMIT = 200
POLL_S = 0.2
_log = logging.getLogger(__name__)


class BuildCancelledError(Exception):
    """The caller asked the build to stop."""


@dataclass
class ChunkResult:
    """One chunk's segment and what it indexed."""

    segment: Any = None
    docs: dict[str, str] = field(default_factory=dict)
    acronyms: dict[str, list[Pair]] = field(default_factory=dict)
    words: Counter[str] = field(default_factory=Counter)


def index_chunk(
    build: Path,
    documents: list[DocumentInfo],
    frequent: FrequentTerms,
    *,
    memory_mb: int,
    report: Callable[[int], None],
    cancelled: Callable[[], bool],
) -> ChunkResult:
    """Write one segment holding these documents (not yet listed in the index)."""
    index = IndexStore(build.parent).open(build)
    writer = chunk_writer(index, limitmb=memory_mb)
    result = ChunkResult()
    try:
        _write_chunk(writer, documents, frequent, result, report=report, cancelled=cancelled)
    except BaseException:
        _abandon(writer)
        raise
    segment = writer._finalize_segment()
    result.segment = segment if result.docs else None
    return result


def _write_chunk(
    writer: Any,
    documents: list[DocumentInfo],
    frequent: FrequentTerms,
    result: ChunkResult,
    *,
    report: Callable[[int], None],
    cancelled: Callable[[], bool],
) -> None:
    pending = 0
    for info in documents:
        if cancelled():
            raise BuildCancelledError
        try:
            prepared = prepare_document(read_document(info), frequent)
        except Error as error:  # a missing text: skip it, the next sync tries again
            _log.warning("not indexed: %s", error)
            prepared = None
        if prepared is not None:
            result.words.update(prepared.write(writer))
            result.docs[info.id] = version_of(info)
            if prepared.acronyms:
                result.acronyms[info.id] = list(prepared.acronyms)
        pending += 1
        if pending == REPORT_EVERY:
            report(pending)
            pending = 0
    if pending:
        report(pending)


def _abandon(writer: Any) -> None:
    """Close a chunk writer's files without finishing it (its folder is thrown away)."""
    try:
        writer._close_segment()
    except Exception:
        _log.debug("closing an abandoned chunk writer failed", exc_info=True)


def index_chunks(
    build: Path,
    documents: list[DocumentInfo],
    frequent: FrequentTerms,
    procs: int,
    *,
    memory_mb: int,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> list[ChunkResult]:
    """Index the documents in `procs` chunks; raises BuildCancelledError if asked to stop."""
    total = len(documents)
    progress(0, total)
    done = 0

    def report(count: int) -> None:
        nonlocal done
        done += count
        progress(done, total)

    procs = max(1, min(procs, total // REPORT_EVERY or 1))
    if procs == 1 and total < IN_PROCESS_LIMIT:
        return [
            index_chunk(
                build, documents, frequent, memory_mb=memory_mb, report=report, cancelled=cancelled
            )
        ]
    return _in_processes(
        build, documents, frequent, procs, memory_mb=memory_mb, report=report, cancelled=cancelled
    )


def _in_processes(
    build: Path,
    documents: list[DocumentInfo],
    frequent: FrequentTerms,
    procs: int,
    *,
    memory_mb: int,
    report: Callable[[int], None],
    cancelled: Callable[[], bool],
) -> list[ChunkResult]:
    context = multiprocessing.get_context("spawn")
    messages: Any = context.Queue()
    workers = [
        context.Process(
            target=_chunk_process,
            args=(str(build), documents[number::procs], frequent, memory_mb, messages, number),
            daemon=True,
        )
        for number in range(procs)
    ]
    results: dict[int, ChunkResult] = {}
    try:
        for worker in workers:
            worker.start()
        while len(results) < procs:
            if cancelled():
                raise BuildCancelledError
            try:
                kind, number, payload = messages.get(timeout=POLL_S)
            except queue_module.Empty:
                if any(w.exitcode not in (None, 0) for w in workers):
                    raise SearchError("an indexing process stopped unexpectedly") from None
                continue
            if kind == "progress":
                report(payload)
            elif kind == "result":
                results[number] = payload
            else:
                raise SearchError(f"indexing failed: {payload}")
        for worker in workers:
            worker.join()
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            if worker.pid is not None:
                worker.join()
        messages.close()
        messages.join_thread()
    return [results[number] for number in range(procs)]


def _chunk_process(  # noqa: PLR0917 -- a process target takes positional arguments
    build: str,
    documents: list[DocumentInfo],
    frequent: FrequentTerms,
    memory_mb: int,
    messages: Any,
    number: int,
) -> None:
    """A worker process's main: index one chunk, send progress and the result."""
    try:
        result = index_chunk(
            Path(build),
            documents,
            frequent,
            memory_mb=memory_mb,
            report=lambda count: messages.put(("progress", number, count)),
            cancelled=lambda: False,
        )
        messages.put(("result", number, result))
    except Exception as error:
        messages.put(("error", number, f"{type(error).__name__}: {error}"))

"""Extracting texts while they are imported, into the extraction store.

An import mostly waits on the disk (every document is synced before the next);
extraction is pure computation. For a large import a spawned process (never
forked: a GUI's threads must not be copied) extracts each text while the
importer goes on with the next file, so extraction runs on another core in the
time the import spends anyway. A small import extracts in the caller's process,
where starting a process would cost more than the work.

Extraction is an extra: a text it fails on, or a worker that dies, is logged
and the import goes on; the document is extracted when it is first opened.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacereader.core.extraction import extract
from spacereader.core.extraction.gazetteer import default_gazetteer
from spacereader.core.extraction.model import Extraction
from spacereader.core.extraction.store import ExtractionStore, signature

# From this many files on, a worker process extracts; below, the caller does.
PROCESS_FROM = 64
# Rows written in one commit by the worker.
BATCH = 64
# Texts waiting for the worker, at most.
QUEUE_SIZE = 256
POLL_S = 0.1
_log = logging.getLogger(__name__)


class ImportExtraction:
    """Takes each imported text and sees that its extraction ends up in the store."""

    def __init__(self, store: Path, files: int, *, process_from: int = PROCESS_FROM) -> None:
        self.store = store
        self._in_process = files < process_from
        self._pending: list[tuple[str, str]] = []
        self._worker: Any = None
        self._inbox: Any = None
        self._failed = False

    def submit(self, content_hash: str, text: str) -> None:
        """Extract a text that came in (now or in the worker) and keep the result."""
        if self._failed:
            return
        try:
            self._submit(content_hash, text)
        except Exception:  # no process, no pipe: the import goes on without extraction
            _log.exception("extraction on import stopped")
            self._failed = True
            self.abort()

    def _submit(self, content_hash: str, text: str) -> None:
        if self._in_process:
            self._pending.append((content_hash, text))
            return
        if self._worker is None:
            context = multiprocessing.get_context("spawn")
            inbox = context.Queue(maxsize=QUEUE_SIZE)
            worker = context.Process(
                target=_worker_main, args=(str(self.store), inbox), daemon=True
            )
            worker.start()
            self._worker, self._inbox = worker, inbox
        self._put((content_hash, text))

    def _put(self, item: tuple[str, str] | None) -> None:
        # A full inbox holds the import back to the worker's pace (and its memory to
        # QUEUE_SIZE texts); a worker that died must not hold it for ever.
        while True:
            try:
                self._inbox.put(item, timeout=POLL_S)
                return
            except queue.Full:
                if not self._worker.is_alive():
                    raise ExtractionWorkerError(self._worker.exitcode) from None

    def finish(self, cancelled: Callable[[], bool] | None = None) -> bool:
        """Wait until every text submitted is in the store; False if cancelled first."""
        try:
            return self._finish(cancelled)
        except Exception:  # the store cannot be opened or written: extraction is an extra
            _log.exception("extraction on import failed")
            self.abort()
            return True

    def _finish(self, cancelled: Callable[[], bool] | None) -> bool:
        if self._pending:
            pending, self._pending = self._pending, []
            _extract_into(self.store, pending)
        if self._worker is None:
            return True
        self._put(None)
        while self._worker.is_alive():
            if cancelled is not None and cancelled():
                self.abort()
                return False
            self._worker.join(POLL_S)
        if self._worker.exitcode != 0:
            _log.warning("the extraction process stopped (exit %s)", self._worker.exitcode)
        self._close()
        return True

    def abort(self) -> None:
        """Stop at once; what the store has kept so far stays (it commits whole batches)."""
        self._pending = []
        if self._worker is not None:
            self._worker.terminate()
            self._worker.join()
            self._close()

    def _close(self) -> None:
        # Texts still queued for a worker that is gone are dropped, not flushed.
        self._inbox.cancel_join_thread()
        self._inbox.close()
        self._worker = self._inbox = None


class ExtractionWorkerError(Exception):
    """The extraction process stopped before it was done."""

    def __init__(self, exitcode: int | None) -> None:
        super().__init__(f"the extraction process stopped (exit {exitcode})")


def _extract_into(store_file: Path, texts: list[tuple[str, str]]) -> None:
    with ExtractionStore(store_file) as store:
        store.put_many(_extracted(texts))


def _extracted(texts: list[tuple[str, str]]) -> list[tuple[str, str, Extraction]]:
    """Rows for the store: (content hash, signature, extraction) of each text."""
    gazetteer = default_gazetteer()
    made_by = signature(gazetteer)
    rows = []
    for content_hash, text in texts:
        try:
            rows.append((content_hash, made_by, extract(text, gazetteer)))
        except Exception:  # one text's failure must not cost the others theirs
            _log.exception("extracting a text of %d characters failed", len(text))
    return rows


def _worker_main(store_file: str, inbox: Any) -> None:
    """The worker process: extract what arrives until None, committing in batches."""
    texts: list[tuple[str, str]] = []
    with ExtractionStore(Path(store_file)) as store:
        while True:
            item = inbox.get()
            if item is not None:
                texts.append(item)
            if item is None or len(texts) >= BATCH:
                store.put_many(_extracted(texts))
                texts = []
            if item is None:
                return

"""Extracting texts while they are imported, into the extraction store.

An import mostly waits on the disk (every document is synced before the next);
extraction is pure computation. For a large import a spawned process (never
forked: a GUI's threads must not be copied) extracts each text while the
importer goes on with the next file, so extraction runs on another core in the
time the import spends anyway. A small import extracts in the caller's process,
where starting a process would cost more than the work.

The worker is told (content hash, stored text file, format) over a one-way
pipe and reads the text itself: messages are small, so the pipe's own buffer bounds how
far the worker may fall behind (a full pipe holds the import to its pace), a
worker that dies makes the next send fail at once, and a parent that dies
closes the pipe, which ends the worker.

Only the text the reader shows is extracted, as when a document is opened
(`extract_shown`), and stored under the same key.

Extraction is an extra: a text it fails on, a worker that cannot start or dies,
or a store that cannot be written is logged and the import goes on; such a
document is extracted when it is first opened.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacereader.core.document import DocumentFormat
from spacereader.core.extraction.cache import extract_shown
from spacereader.core.extraction.gazetteer import default_gazetteer
from spacereader.core.extraction.model import Extraction
from spacereader.core.extraction.store import ExtractionStore, row_signature

# From this many files on, a worker process extracts; below, the caller does.
PROCESS_FROM = 64
# Rows written in one commit by the worker.
BATCH = 64
POLL_S = 0.1
WORKER_NICENESS = 10
_log = logging.getLogger(__name__)

CancelCheck = Callable[[], bool]
# What the worker is told of a text: its content hash, the file holding it, its format.
_Item = tuple[str, str, str]


class ImportExtraction:
    """Takes each imported text and sees that its extraction ends up in the store."""

    def __init__(self, store: Path, files: int, *, process_from: int = PROCESS_FROM) -> None:
        self.store = store
        self._in_process = files < process_from
        self._pending: list[_Item] = []
        self._worker: Any = None
        self._outbox: Any = None
        self._failed = False

    def submit(self, content_hash: str, text_file: Path, document_format: DocumentFormat) -> None:
        """Extract the text in `text_file` (now or in the worker) and keep the result."""
        if self._failed:
            return
        item = (content_hash, str(text_file), document_format.value)
        if self._in_process:
            self._pending.append(item)
            return
        try:
            if self._worker is None:
                self._start()
            self._outbox.send(item)
        except (OSError, ValueError) as error:  # no process, or it died: go on without
            _log.warning("extraction on import stopped: %s", error)
            self._failed = True
            self.abort()

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        reader, writer = context.Pipe(duplex=False)
        worker = context.Process(target=_worker_main, args=(str(self.store), reader), daemon=True)
        try:
            worker.start()
        except BaseException:
            writer.close()
            raise
        finally:
            reader.close()  # the worker has its own copy; ours would keep a dead pipe open
        self._worker, self._outbox = worker, writer

    def finish(self, cancelled: CancelCheck | None = None) -> bool:
        """Wait until every text submitted is in the store; False if cancelled first."""
        try:
            return self._finish(cancelled or _never)
        except Exception:  # the store cannot be opened or written: extraction is an extra
            _log.exception("extraction on import failed")
            self.abort()
            return True

    def _finish(self, cancelled: CancelCheck) -> bool:
        pending, self._pending = self._pending, []
        if pending:
            with ExtractionStore(self.store) as store:
                for item in pending:
                    if cancelled():
                        return False
                    store.put_many(_extracted([item]))
        if self._worker is None:
            return True
        self._outbox.close()  # the worker reads what is left, then the end of the pipe
        while self._worker.is_alive():
            if cancelled():
                self.abort()
                return False
            self._worker.join(POLL_S)
        if self._worker.exitcode != 0:
            _log.warning("the extraction process stopped (exit %s)", self._worker.exitcode)
        self._worker = self._outbox = None
        return True

    def abort(self) -> None:
        """Stop at once; what the store has kept so far stays (it commits whole batches)."""
        self._pending = []
        if self._outbox is not None:
            self._outbox.close()
        if self._worker is not None:
            self._worker.terminate()
            self._worker.join()
        self._worker = self._outbox = None


def _never() -> bool:
    return False


def _extracted(items: list[_Item]) -> list[tuple[str, str, Extraction]]:
    """Rows for the store: (content hash, signature, extraction) of each text."""
    gazetteer = default_gazetteer()
    rows = []
    for content_hash, text_file, format_value in items:
        try:
            # Read as Library.load reads it, so offsets fit the text the reader shows.
            text = Path(text_file).read_text(encoding="utf-8")
            document_format = DocumentFormat(format_value)
            made_by = row_signature(gazetteer, document_format)
            rows.append((content_hash, made_by, extract_shown(text, document_format, gazetteer)))
        except Exception:  # one text's failure must not cost the others theirs
            _log.exception("extracting %s failed", text_file)
    return rows


def _worker_main(store_file: str, inbox: Any) -> None:
    """The worker process: extract what arrives until the pipe ends, committing in batches."""
    if hasattr(os, "nice"):
        # Work for spare time: the import (and a GUI's thread) go first when cores are few.
        os.nice(WORKER_NICENESS)
    items: list[_Item] = []
    with ExtractionStore(Path(store_file)) as store:
        while True:
            try:
                items.append(inbox.recv())
            except EOFError:  # the import is done (or its process has gone)
                store.put_many(_extracted(items))
                return
            if len(items) >= BATCH:
                store.put_many(_extracted(items))
                items = []

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

Running out of memory is the exception. A text the importing process extracts
itself (every text of a small import, and texts of EARLY_FROM_CHARS or more in
any import: the only ones that could need much memory) is extracted before the
library takes it, and a MemoryError refuses the file, library unchanged: a
document whose extraction could not finish would fail again each time it is
opened.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacereader.core.document import DocumentFormat
from spacereader.core.document import content_hash as hash_of
from spacereader.core.errors import ImportRefusedError
from spacereader.core.extraction.cache import extract_shown
from spacereader.core.extraction.gazetteer import default_gazetteer
from spacereader.core.extraction.model import Extraction
from spacereader.core.extraction.store import ExtractionStore, row_signature
from spacereader.core.loaders import LoadedText

# From this many files on, a worker process extracts; below, the caller does.
PROCESS_FROM = 64
# From this many characters on (a 1 MB text), a text is extracted before it is stored.
EARLY_FROM_CHARS = 1_000_000
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
        # Extractions made before the library took their texts, by content hash.
        self._ready: dict[str, tuple[str, Extraction]] = {}
        self._pending: list[tuple[str, str, Extraction]] = []
        self._worker: Any = None
        self._outbox: Any = None
        self._failed = False

    def check(self, path: Path, loaded: LoadedText) -> None:
        """Extract a text before the library takes it, if this process extracts it.

        Raises ImportRefusedError when memory runs out: the file is refused.
        """
        if not (self._in_process or len(loaded.text) >= EARLY_FROM_CHARS):
            return
        try:
            gazetteer = default_gazetteer()
            extraction = extract_shown(loaded.text, loaded.format, gazetteer)
        except MemoryError:
            raise ImportRefusedError(
                f"{path.name}: not enough memory to read its programs and figures"
            ) from None
        except Exception:  # any other failure: extraction is an extra (see the module)
            _log.exception("extracting %s failed", path)
            return
        made_by = row_signature(gazetteer, loaded.format)
        self._ready[hash_of(loaded.text)] = (made_by, extraction)

    def submit(self, content_hash: str, text_file: Path, document_format: DocumentFormat) -> None:
        """Extract the text in `text_file` (now or in the worker) and keep the result."""
        ready = self._ready.pop(content_hash, None)
        if ready is not None:
            self._pending.append((content_hash, *ready))
            return
        if self._failed:
            return
        item = (content_hash, str(text_file), document_format.value)
        if self._in_process:  # not checked first: the caller did not ask
            self._pending.extend(_extracted([item]))
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
        self._ready = {}  # texts the library had already: nothing new to keep
        if pending:
            with ExtractionStore(self.store) as store:
                for key, made_by, found in pending:
                    if cancelled():
                        return False
                    store.put(key, made_by, found)
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
        self._ready = {}
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

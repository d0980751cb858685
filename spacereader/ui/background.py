"""Running long work off the GUI thread, one task at a time, in order.

A BackgroundRunner owns a QThread. Tasks are plain callables taking a Progress
(to report and to check for cancellation); results come back through queued
signals. A task submitted under a `key` supersedes earlier ones with the same
key: those not yet started are skipped, and their results are never delivered,
so a stale search never reaches the screen.

Signals (of BackgroundRunner):
    finished(int, object): a task's id and its result.
    failed(int, str): a task's id and a one-line reason.
    progress(int, int, int): a task's id, units done, units in all.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from spacereader.core.errors import Error

log = logging.getLogger("spacereader.background")


@dataclass
class Progress:
    """Handed to a task: report progress, ask whether to stop."""

    task_id: int
    _emit: Callable[[int, int, int], None]
    _cancel: threading.Event = field(default_factory=threading.Event)

    def __call__(self, done: int, total: int) -> None:
        """Report `done` of `total` units."""
        self._emit(self.task_id, done, total)

    def cancelled(self) -> bool:
        """True once the task should stop."""
        return self._cancel.is_set()


Task = Callable[[Progress], Any]


class _Worker(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str)
    progress = Signal(int, int, int)

    def __init__(self, runner: BackgroundRunner) -> None:
        super().__init__()
        self._runner = runner

    @Slot(int, object)
    def run(self, task_id: int, task: Task) -> None:
        if not self._runner.is_current(task_id):
            return
        progress = self._runner.progress_for(task_id, self.progress.emit)
        try:
            result = task(progress)
        except Error as error:
            if self._runner.is_current(task_id):
                self.failed.emit(task_id, str(error))
            return
        except Exception as error:  # a bug: log it whole, show one line
            log.exception("background task %s failed", task_id)
            self.failed.emit(task_id, f"{type(error).__name__}: {error}")
            return
        finally:
            current = self._runner.is_current(task_id)
            self._runner.forget(task_id)
        if current:
            self.finished.emit(task_id, result)


class BackgroundRunner(QObject):
    """One worker thread with a queue of tasks; see the module docstring."""

    finished = Signal(int, object)
    failed = Signal(int, str)
    progress = Signal(int, int, int)
    _submit = Signal(int, object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._next_id = 0
        self._latest_by_key: dict[str, int] = {}
        self._key_of: dict[int, str] = {}
        self._cancels: dict[int, threading.Event] = {}
        self._stopped = False
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._worker = _Worker(self)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        # Through slots of this (GUI-thread) object, which drop everything after stop().
        self._worker.finished.connect(self._deliver_finished)
        self._worker.failed.connect(self._deliver_failed)
        self._worker.progress.connect(self._deliver_progress)

    def submit(self, task: Task, key: str | None = None) -> int:
        """Queue a task; with a key, it supersedes the key's earlier tasks.

        After stop() nothing runs any more: the task is dropped and -1 returned.
        """
        if self._stopped:
            return -1
        with self._lock:
            self._next_id += 1
            task_id = self._next_id
            self._cancels[task_id] = threading.Event()
            if key is not None:
                previous = self._latest_by_key.get(key)
                if previous is not None and previous in self._cancels:
                    self._cancels[previous].set()
                self._latest_by_key[key] = task_id
                self._key_of[task_id] = key
        if not self._thread.isRunning():
            # Started on first use: building the window starts no thread.
            self._thread.start()
        self._submit.emit(task_id, task)
        return task_id

    def cancel(self, task_id: int) -> None:
        """Ask a task to stop; its result, if any, is not delivered."""
        with self._lock:
            event = self._cancels.get(task_id)
            if event is not None:
                event.set()

    def is_current(self, task_id: int) -> bool:
        """False for a task that was cancelled or superseded."""
        with self._lock:
            event = self._cancels.get(task_id)
            if event is not None and event.is_set():
                return False
            key = self._key_of.get(task_id)
            return key is None or self._latest_by_key.get(key) == task_id

    def progress_for(self, task_id: int, emit: Callable[[int, int, int], None]) -> Progress:
        """The Progress handed to a task."""
        with self._lock:
            event = self._cancels.setdefault(task_id, threading.Event())
        return Progress(task_id, emit, event)

    def forget(self, task_id: int) -> None:
        """Drop a finished task's bookkeeping."""
        with self._lock:
            self._cancels.pop(task_id, None)

    def stop(self, timeout_ms: int = 10000) -> None:
        """Cancel everything and wait for the thread to finish its current task."""
        self._stopped = True
        with self._lock:
            for event in self._cancels.values():
                event.set()
        self._thread.quit()
        if not self._thread.wait(timeout_ms):
            log.warning("%s did not stop within %d ms", self._thread.objectName(), timeout_ms)

    @Slot(int, object)
    def _deliver_finished(self, task_id: int, result: object) -> None:
        if not self._stopped:
            self.finished.emit(task_id, result)

    @Slot(int, str)
    def _deliver_failed(self, task_id: int, message: str) -> None:
        if not self._stopped:
            self.failed.emit(task_id, message)

    @Slot(int, int, int)
    def _deliver_progress(self, task_id: int, done: int, total: int) -> None:
        if not self._stopped:
            self.progress.emit(task_id, done, total)

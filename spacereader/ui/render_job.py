"""Setting a document into the reader's QTextDocument a slice at a time.

A renderer's steps each write one block and give the document offset reached
(or WAITING while the rest of a large text is parsed off the GUI thread). The
first slice fills a detached document, enough for the first screen; later
slices append to the shown document, each inside one edit block so that Qt lays
out the new text once per slice, not once per paragraph.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator, Iterator
from typing import TypeVar

from PySide6.QtGui import QTextCursor, QTextDocument

# A step's answer while the rest of a large text is still parsed off the GUI thread.
WAITING = -1
Result = TypeVar("Result")

# The first slice: a few dozen screens, set before the document is shown.
FIRST_SLICE_CHARS = 60_000
# Later slices stay well under the 100 ms a user notices, layout included.
SLICE_SECONDS = 0.012
SLICE_CHARS = 40_000
# While a jump waits for its text, slices are longer: the user is waiting for it.
HURRIED_SLICE_SECONDS = 0.035
HURRIED_SLICE_CHARS = 120_000


class RenderJob:
    """One document being set: how far it has got, and the steps still to run."""

    def __init__(self, target: QTextDocument, steps: Iterator[int]) -> None:
        self.target = target
        self._steps = steps
        self.reached = 0  # document offset up to which text is set
        self.done = False
        self.waiting = False  # the last slice stopped for a parse still running

    def advance(self, seconds: float, chars: int) -> None:
        """Run steps until `seconds` have passed or `chars` more of the text are set."""
        if self.done:
            return
        deadline = time.perf_counter() + seconds
        start = self.reached
        self.waiting = False
        cursor = QTextCursor(self.target)
        cursor.beginEditBlock()
        try:
            for reached in self._steps:
                if reached == WAITING:
                    self.waiting = True
                    return
                self.reached = max(self.reached, reached)
                if self.reached - start >= chars or time.perf_counter() >= deadline:
                    return
            self.done = True
        finally:
            cursor.endEditBlock()

    def first_slice(self) -> None:
        """The opening of the document, before it is shown."""
        self.advance(seconds=1.0, chars=FIRST_SLICE_CHARS)

    def slice(self, hurried: bool) -> None:
        """One later slice; `hurried` while the view waits to jump further down."""
        if hurried:
            self.advance(HURRIED_SLICE_SECONDS, HURRIED_SLICE_CHARS)
        else:
            self.advance(SLICE_SECONDS, SLICE_CHARS)


def off_thread(work: Callable[[], Result], name: str) -> Generator[int, None, Result]:
    """Steps that run `work` on a worker thread: WAITING until it is done, then its
    result (`result = yield from off_thread(...)`); its exception is raised here.

    `work` must touch pure Python objects only. It starts at the first step, so a
    renderer yields WAITING once before, to have the first screen painted first:
    a Python thread slows every Qt call the GUI thread makes while it runs (each
    waits for the GIL).
    """
    outcome: list[Result] = []
    failure: list[BaseException] = []
    done = threading.Event()

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as error:  # handed to the GUI thread, raised there
            failure.append(error)
        finally:
            done.set()

    threading.Thread(target=run, name=name, daemon=True).start()
    while not done.is_set():
        yield WAITING
    if failure or not outcome:
        raise failure[0] if failure else RuntimeError(f"{name} stopped")
    return outcome[0]

"""What reading one file may cost: a time limit, a limit on what it inflates to, and Cancel.

A small file can hide a lot of work: a 221 KB PDF whose 1,000 pages share one
compressed stream of 64 MB makes every page parse 64 MB again (hours). So a
loader that works in steps (a PDF, page by page) asks `check()` between
steps: past the file's time it is refused, and when the user pressed Cancel
the import stops inside the file, not after it. The importer sets the budget
for each file with `reading(cancelled)`; without one (a test, a script)
there is no limit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from spacereader.core.errors import Error, ImportRefusedError
from spacereader.core.wording import counted

# A long report reads in seconds; a file still being read after this is refused.
SECONDS_PER_FILE = 180
# What a PDF's drawing instructions may inflate to, in all: the larger of this
# and INFLATION_PER_BYTE times the file's size. Text pages hold a few kilobytes each.
MIN_INFLATED_BYTES = 32 * 2**20
INFLATION_PER_BYTE = 20


class TooSlowError(ImportRefusedError):
    """Reading the file took longer than SECONDS_PER_FILE."""


class ReadingCancelledError(Error):
    """The user cancelled the import while a file was being read."""


@dataclass
class Budget:
    """One file's allowance: a deadline and the user's Cancel."""

    deadline: float
    cancelled: Callable[[], bool]

    def check(self) -> None:
        """Raise if the user cancelled or the file's time is up."""
        if self.cancelled():
            raise ReadingCancelledError("cancelled")
        if time.monotonic() > self.deadline:
            raise TooSlowError(
                f"took longer than {_duration(SECONDS_PER_FILE)} to read (the limit)"
            )


_current: ContextVar[Budget | None] = ContextVar("reading_budget", default=None)


@contextmanager
def reading(cancelled: Callable[[], bool] | None = None) -> Iterator[Budget]:
    """Give the file read inside the block its budget (per thread)."""
    budget = Budget(time.monotonic() + SECONDS_PER_FILE, cancelled or (lambda: False))
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)


def check() -> None:
    """Raise if the file being read is out of time or cancelled; a no-op without a budget."""
    budget = _current.get()
    if budget is not None:
        budget.check()


def _duration(seconds: int) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return counted(seconds // 60, "minute")
    return counted(seconds, "second")


def inflation_limit(file_bytes: int) -> int:
    """How many bytes a file of this size may inflate to."""
    return max(MIN_INFLATED_BYTES, INFLATION_PER_BYTE * file_bytes)

"""Output piped into a reader that has gone (`spacereader list | head`) ends quietly."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run_into_a_closed_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point, its stdout a pipe whose reading end is already closed."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        return subprocess.run(
            [sys.executable, "-m", "spacereader", *args],
            stdout=writing,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(writing)


@pytest.mark.parametrize(
    "args", [("list",), ("list", "--json"), ("search", "China"), ("search", "China", "--json")]
)
def test_a_closed_pipe_is_no_error_message(args: tuple[str, ...]) -> None:
    result = run_into_a_closed_pipe(*args)
    assert result.stderr == ""
    assert result.returncode == 1

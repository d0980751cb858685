"""Printing for the command line: JSON for scripts, aligned text for people."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(value: Any) -> None:
    """One JSON document on stdout, Unicode kept as is."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_json_line(value: Any) -> None:
    """One JSON object on its own line, flushed so a reader sees it at once."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def warn(message: str) -> None:
    """A one-line message on stderr."""
    print(f"spacereader: {message}", file=sys.stderr)

"""Printing for the command line: JSON for scripts, aligned text for people.

Everything a command prints goes through `HumanStream`, installed over stdout
and stderr for the command's run. A document's title, a snippet or a file name
comes from files the user did not write, and a terminal obeys the control
characters in them: an OSC 52 sequence writes the clipboard, others move the
cursor, retitle the window or hide text. So every control character is shown
escaped ("\\u001b"), except line ends (CR LF too), tabs, a carriage return that starts a
write (a progress bar redrawing its line) and the two rendition codes the
commands use themselves (bold, plain). The escape is valid inside JSON, so
JSON output stays faithful. A file name that is not valid UTF-8 (Python keeps
its bytes as lone surrogates, which no terminal encoding can write) is shown
the same way ("\\udcff" for the byte 0xFF).
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

# C0 controls but tab, line feed and a carriage return ending a line (CSV); DEL
# and the C1 controls (U+0080–U+009F, which some terminals obey as CSI, OSC…);
# the bidirectional overrides that make a line read otherwise than it is; lone
# surrogates, which cannot be encoded.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]|\r(?!\n)"
)
# Bold on, bold off, plain: all the styling the commands write themselves.
_OWN_STYLES = re.compile(r"\x1b\[(?:0|1|22)?m")


def escape_controls(text: str, *, keep_styles: bool = False) -> str:
    """`text` with control characters (and lone surrogates) shown as \\uXXXX."""
    if keep_styles and "\x1b" in text:
        pieces = []
        position = 0
        for style in _OWN_STYLES.finditer(text):
            pieces += [escape_controls(text[position : style.start()]), style.group()]
            position = style.end()
        pieces.append(escape_controls(text[position:]))
        return "".join(pieces)
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


class HumanStream(io.TextIOBase):
    """A text stream that writes to another with control characters escaped."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self.target = target

    def write(self, text: str) -> int:
        lead = "\r" if text.startswith("\r") else ""
        self.target.write(lead + escape_controls(text[len(lead) :], keep_styles=True))
        return len(text)

    def flush(self) -> None:
        self.target.flush()

    def isatty(self) -> bool:
        return self.target.isatty()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.target, "encoding", "utf-8"))


@contextmanager
def escaped_output() -> Iterator[None]:
    """Escape control characters in everything printed inside the block."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = HumanStream(stdout), HumanStream(stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def raw_stdout() -> TextIO:
    """The real stdout, for a document's exact text sent to a pipe or a file."""
    stream = sys.stdout
    return stream.target if isinstance(stream, HumanStream) else stream


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

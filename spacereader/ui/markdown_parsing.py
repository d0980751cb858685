"""A Markdown text's blocks for the reader, the first screen first.

Parsing a 10 MB Markdown file takes over a second, too long to keep the window
waiting. A large text is parsed twice: its opening at once (the first screen
needs no more), and the whole of it on a worker thread. The blocks of the
opening but its last (which may go on past the cut) are given first; those of
the whole text follow from where they stopped, cut at that offset, so no
character is shown twice or left out. Only link reference definitions further
down change what an earlier block shows, and they are handed to the opening.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator

from spacereader.core.loaders.markdown_blocks import (
    MarkdownBlock,
    link_references,
    markdown_blocks,
)
from spacereader.core.shown import markdown_layout

log = logging.getLogger("spacereader.markdown")

# A text up to this size is parsed at once (a few tens of milliseconds).
LARGE_TEXT = 150_000
# How much of a large text is parsed for the first screen.
OPENING = 40_000
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Link reference definitions ("[ISRO]: https://…"), which may sit at the very end.
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*$", re.MULTILINE)


class _WholeParse:
    """The whole text parsed on a worker thread (pure Python objects only)."""

    def __init__(self, text: str) -> None:
        self.blocks: list[MarkdownBlock] | None = None
        self._done = threading.Event()
        thread = threading.Thread(
            target=self._run, args=(text,), name="spacereader-markdown", daemon=True
        )
        thread.start()

    def _run(self, text: str) -> None:
        try:
            # The parse extraction, search marks and bookmarks share (shown.markdown_layout).
            self.blocks = list(markdown_layout(text))
        except Exception:  # a parser bug must not leave the rest of the text unshown
            log.exception("cannot parse a Markdown text; the rest is shown as plain text")
            self.blocks = plain_blocks(text)
        self._done.set()

    def done(self) -> bool:
        """True once the blocks are there."""
        return self._done.is_set()


def plain_blocks(text: str, start: int = 0) -> list[MarkdownBlock]:
    """Paragraphs between blank lines, shown as they are: the fallback for a failed parse."""
    blocks = []
    for match in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text[start:]):
        low, high = start + match.start(), start + match.end()
        blocks.append(MarkdownBlock("paragraph", 0, low, high, ((low, high),)))
    return blocks


def opening_cut(text: str, size: int = OPENING) -> int:
    """Where the opening ends: the first blank line after `size` characters, else the
    first line break; 0 if there is neither before four times `size` (the whole
    text is then waited for: a parse of the opening would take as long)."""
    reach = 4 * size
    found = _BLANK_LINE.search(text, size, reach)
    if found is not None:
        return found.start()
    return max(text.find("\n", size, reach), 0)


def definitions_after(text: str, start: int) -> list[str]:
    """The link reference definitions on the lines that begin from `start` on.

    Only lines holding "]:" are tried: the pattern alone, anchored at every line
    start, took 80 ms over a 10 MB text.
    """
    found = []
    position = text.find("]:", start)
    while position >= 0:
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        if line_start >= start and (match := _DEFINITION.match(text, line_start)):
            found.append(match.group())
        if line_end < 0:
            break
        position = text.find("]:", line_end)
    return found


def blocks_in_order(text: str) -> Iterator[MarkdownBlock | None]:
    """The blocks to show, in text order; None while the rest is still being parsed."""
    if len(text) <= LARGE_TEXT:
        yield from markdown_layout(text)
        return
    cut = opening_cut(text, OPENING)
    # Definitions from further down resolve the opening's reference links.
    opening = []
    if cut:
        definitions = "\n\n".join(definitions_after(text, cut))
        opening = markdown_blocks(text[:cut], link_references(definitions))
    # The last block of the opening may go on past the cut: the whole parse sets it.
    reached = 0
    for block in opening[:-1]:
        yield block
        reached = block.end
    # Started once the opening is on screen: a Python thread slows every Qt call
    # the GUI thread makes while it runs (each waits for the GIL).
    yield None
    whole = _WholeParse(text)
    while not whole.done():
        yield None
    for block in whole.blocks or ():
        if block.end <= reached:
            continue
        if block.start >= reached:
            yield block
        elif (rest := clipped(block, reached)).visible:
            yield rest


def clipped(block: MarkdownBlock, start: int) -> MarkdownBlock:
    """The part of a block from `start` on (its marker, before `start`, goes)."""
    visible = tuple((max(low, start), high) for low, high in block.visible if high > start)
    return MarkdownBlock(
        block.kind,
        block.level,
        start,
        block.end,
        visible,
        block.inline,
        "",
        tuple(b for b in block.hard_breaks if b >= start),
    )

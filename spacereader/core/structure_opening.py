"""The structure of a large text's opening, as far as the whole text's agrees with it.

Finding the structure of a 10 MB text takes a few hundred milliseconds; the
reader's first screen needs the header and the first paragraphs only. Detection
reads a text run by run of non-blank lines, and a run's kind depends on the
runs before it and the one after; only two looks at the very end (a closing
credit line, an author tag such as "[mgf]") change the last paragraphs. So the
structure of an opening cut at a blank line is the whole text's up to the
opening's last paragraph, once the header has ended before it: the title, the
labels, the byline and the dateline are all read by then.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacereader.core.structure import BLANK_LINE, Block, BlockKind, Structure, detect_structure

__all__ = ["LARGE_TEXT", "OPENING", "Opening", "opening_structure"]

# A text up to this size has its structure found at once (a few milliseconds).
LARGE_TEXT = 150_000
# The opening is cut at the first blank line after this many characters, if
# there is one before four times as many (else the whole structure is waited for).
OPENING = 40_000


@dataclass(frozen=True)
class Opening:
    """The structure of a text's opening: its header fields (title, category,
    section, source, date) are the whole text's, and so are its blocks before
    `reached`; the whole text's blocks from `reached` on are still to be found."""

    structure: Structure
    reached: int

    @property
    def blocks(self) -> tuple[Block, ...]:
        """The blocks the whole text's structure has too, in text order."""
        return tuple(block for block in self.structure.blocks if block.start < self.reached)


def opening_structure(text: str, size: int = OPENING) -> Opening | None:
    """The opening's structure, or None when the opening tells too little (no blank
    line near `size`, or the header goes on up to its last paragraph)."""
    cut = _opening_end(text, size)
    if cut is None:
        return None
    structure = detect_structure(text[:cut])
    # The opening's last paragraph may be the whole text's last but one, or a
    # signature in the opening alone: it is left to the whole text's structure.
    paragraphs = [block.start for block in structure.blocks if block.kind is BlockKind.PARAGRAPH]
    if len(paragraphs) < 2:
        return None
    return Opening(structure, paragraphs[-1])


def _opening_end(text: str, size: int) -> int | None:
    """Where the opening ends: the first blank line after `size` characters."""
    found = BLANK_LINE.search(text, size, size * 4)
    # Cut at the search's end, the pattern's end-of-text test may pass where the
    # text goes on: the blank line is checked in the whole text.
    if found is None or BLANK_LINE.match(text, found.start()) is None:
        return None
    return found.start()

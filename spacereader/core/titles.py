"""A short title for a text that has no title line: its opening sentence.

A wire story often starts straight with its dateline and lead ("MOSCOW, March 9,
2021 — Russia and China signed …"). Its title is the lead's first sentence, the
dateline left out, cut at a word boundary with an ellipsis when it is long, so
that a list of documents stays readable.
"""

from __future__ import annotations

import re

from spacereader.core.structure import Structure
from spacereader.core.structure_lines import dateline_end

__all__ = ["MAX_OPENING_TITLE_CHARS", "title_from_opening"]

MAX_OPENING_TITLE_CHARS = 90
ELLIPSIS = "…"
# A sentence ends at ".", "!" or "?" (and a closing quote) before a capital letter.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-ZÀ-ÖØ-Þ])")
# Words whose full stop does not end a sentence: "U.S.", "Mr.", "Jan.".
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sen|Rep|Gov|Prof|No|Inc|Corp|Ltd|vs|etc"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|M|Mme))$"
)
_WHITESPACE = re.compile(r"\s+")
_TRAILING = " ,;:—–-"


def title_from_opening(text: str, structure: Structure) -> str:
    """The first sentence of the first paragraph, at most MAX_OPENING_TITLE_CHARS, or ""."""
    first = next(iter(structure.paragraphs), None)
    if first is None:
        return ""
    # Enough of the paragraph for a sentence: a long paragraph is never read whole.
    opening = text[first.start : min(first.end, first.start + 4 * MAX_OPENING_TITLE_CHARS)]
    opening = _WHITESPACE.sub(" ", opening).strip()
    opening = opening[dateline_end(opening) :].strip() or opening
    return _shorten(_first_sentence(opening))


def _first_sentence(text: str) -> str:
    for end in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text, 0, end.start()):
            return text[: end.start() + 1].strip()
    return text


def _shorten(sentence: str) -> str:
    if len(sentence) <= MAX_OPENING_TITLE_CHARS:
        return sentence.rstrip(".").strip() if not sentence.endswith("..") else sentence
    cut = sentence[: MAX_OPENING_TITLE_CHARS - len(ELLIPSIS) + 1]
    space = cut.rfind(" ")
    if space > MAX_OPENING_TITLE_CHARS // 2:
        cut = cut[:space]
    else:
        cut = cut[: MAX_OPENING_TITLE_CHARS - len(ELLIPSIS)]
    return cut.rstrip(_TRAILING) + ELLIPSIS

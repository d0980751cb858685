"""The passage a selection means: whole words, without the spaces around it.

A selection made with the mouse often stops inside a word ("…and the ag"). A
bookmark of it would quote a fragment, and a second try would make a second,
slightly different bookmark of the same passage. Snapping both to whole words
gives the quote the user meant, and the same span each time.
"""

from __future__ import annotations

import unicodedata


def _in_word(character: str) -> bool:
    # Letters, digits, and combining marks (a decomposed "é" is "e" + U+0301).
    return character.isalnum() or unicodedata.category(character).startswith("M")


def _splits_word(text: str, position: int) -> bool:
    """Whether `position` falls between two characters of one word."""
    return 0 < position < len(text) and _in_word(text[position - 1]) and _in_word(text[position])


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] widened to whole words and stripped of surrounding spaces.

    A span of spaces alone, or an empty one, is returned as it was.
    """
    start, end = max(0, start), min(len(text), end)
    trimmed_start, trimmed_end = start, end
    while trimmed_start < trimmed_end and text[trimmed_start].isspace():
        trimmed_start += 1
    while trimmed_end > trimmed_start and text[trimmed_end - 1].isspace():
        trimmed_end -= 1
    if trimmed_start == trimmed_end:
        return start, end
    while _splits_word(text, trimmed_start):
        trimmed_start -= 1
    while _splits_word(text, trimmed_end):
        trimmed_end += 1
    return trimmed_start, trimmed_end

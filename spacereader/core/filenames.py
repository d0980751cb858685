"""File names to suggest in a save dialog, made from a document's title.

A title is not a file name: "China Releases Space Plan: ‘Steady As She Goes’"
holds a colon, which Windows and macOS's Finder refuse, and cutting it at a
fixed length leaves half a word. The name below keeps whole words, drops the
characters some system refuses, and stays short enough for every file system.
"""

from __future__ import annotations

import re
import unicodedata

# Refused by Windows (and "/" everywhere; ":" shows as "/" in the macOS Finder).
_FORBIDDEN = re.compile(r'[<>"/\\|?*\x00-\x1f\x7f]')
_COLON = re.compile(r"\s*:\s*")
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{n}" for n in range(1, 10)}
    | {f"LPT{n}" for n in range(1, 10)}
)
_TRAILING = " .-–—,;"
MAX_STEM = 60


def file_stem(title: str, limit: int = MAX_STEM, fallback: str = "document") -> str:
    """A file name without extension: the title's first whole words, safe on every system."""
    text = unicodedata.normalize("NFC", title)
    text = _COLON.sub(" - ", text)
    text = _FORBIDDEN.sub(" ", text)
    text = " ".join(text.split()).strip(_TRAILING)
    if len(text) > limit:
        cut = text[: limit + 1]
        # A space at the limit or before it ends a whole word; one word alone is cut.
        text = cut[: cut.rfind(" ")] if " " in cut else text[:limit]
        text = text.strip(_TRAILING)
    if not text:
        text = fallback
    if text.split(".")[0].upper() in _RESERVED:
        text += "_"
    return text


def suggested_file_name(title: str, extension: str, label: str = "") -> str:
    """ "‹title› - ‹label›.‹extension›", e.g. "China Releases Space Plan - briefing.md"."""
    stem = file_stem(title)
    if label:
        stem = f"{stem} - {label}"
    return f"{stem}.{extension.lstrip('.')}"

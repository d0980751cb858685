"""Counts in words: "1 document", "2 documents", "1,200 documents", never "1 documents"."""

from __future__ import annotations


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """The number (with thousands separators) and the noun agreeing with it."""
    noun = singular if number == 1 else (plural or f"{singular}s")
    return f"{number:,} {noun}"

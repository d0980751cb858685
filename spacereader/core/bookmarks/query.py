"""Turning a filter box's words into a safe SQLite FTS5 query.

Every word must match (AND), as a prefix, in the quote, the note or the tags.
`note:word`, `quote:word` and `tag:word` restrict a word to one field. Words
are always quoted, so FTS5 operators a user types (AND, NEAR, *, ") are plain
text and a query can never be a syntax error.
"""

from __future__ import annotations

FIELDS = {"note": "note", "quote": "quote", "tag": "tags", "tags": "tags"}


def fts_query(words: str) -> str | None:
    """The MATCH expression for `words`, or None when nothing searchable is left."""
    terms: list[str] = []
    for word in words.split():
        field, colon, rest = word.partition(":")
        column = FIELDS.get(field.lower()) if colon else None
        if column is None:
            column, rest = None, word
        # Punctuation alone tokenizes to nothing; an empty phrase would match nothing.
        if not any(character.isalnum() for character in rest):
            continue
        phrase = '"' + rest.replace('"', '""') + '"*'
        terms.append(f"{column} : {phrase}" if column else phrase)
    return " AND ".join(terms) if terms else None

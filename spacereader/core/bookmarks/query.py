"""Turning a filter box's words into a safe SQLite FTS5 query.

Every word must match (AND), as a prefix, in the quote, the note or the tags.
`note:word`, `quote:word` and `tag:word` restrict a word to one field, and
`#word` is `tag:word`, as the Bookmarks list shows tags. Words
are always quoted, so FTS5 operators a user types (AND, NEAR, *, ") are plain
text and a query can never be a syntax error.
"""

from __future__ import annotations

FIELDS = {"note": "note", "quote": "quote", "tag": "tags", "tags": "tags"}


def field_and_word(word: str) -> tuple[str | None, str]:
    """The column a word is restricted to (None: any) and the word to look for.

    "#moon" and "tag:moon" give ("tags", "moon"); "note:ilrs" gives ("note", "ilrs");
    a plain word, or an unknown prefix ("http://x"), stays whole with no column.
    """
    if word.startswith("#") and word.lstrip("#"):
        return "tags", word.lstrip("#")
    field, colon, rest = word.partition(":")
    column = FIELDS.get(field.lower()) if colon else None
    return (column, rest) if column is not None else (None, word)


def fts_query(words: str) -> str | None:
    """The MATCH expression for `words`, or None when nothing searchable is left."""
    terms: list[str] = []
    for word in words.split():
        column, rest = field_and_word(word)
        # Punctuation alone tokenizes to nothing; an empty phrase would match nothing.
        if not any(character.isalnum() for character in rest):
            continue
        phrase = '"' + rest.replace('"', '""') + '"*'
        terms.append(f"{column} : {phrase}" if column else phrase)
    return " AND ".join(terms) if terms else None

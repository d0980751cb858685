"""The index's fields, and the version that names its folder.

Every Whoosh document is a passage (a paragraph, heading or the title of a
library document), or one record per library document (kind "doc") that
carries its content hash and the acronyms it defines, so the index itself can
tell which version of each document it holds.

Bump SCHEMA_VERSION whenever the fields or the analysis change: the index then
lives in a new folder and is rebuilt from the library.
"""

from __future__ import annotations

from typing import Any

from whoosh import fields

from spacereader.core.search.analysis import SpaceAnalyzer
from spacereader.core.search.positions import FirstPosition

SCHEMA_VERSION = 3

# The field a bare word searches.
DEFAULT_FIELD = "content"
# Fields a query may name ("title:china", "program:ILRS").
QUERY_FIELDS = ("content", "title", "program")
# Pairs of adjacent frequent terms of `content` (see grams.py): never named in a query.
GRAM_FIELD = "grams"

KIND_TITLE = "title"
KIND_HEADING = "heading"
KIND_PARAGRAPH = "paragraph"
KIND_RECORD = "doc"


def _text_field() -> Any:
    field = fields.TEXT(analyzer=SpaceAnalyzer(), phrase=True, multitoken_query="phrase")
    field.format = FirstPosition()
    return field


def build_schema() -> Any:
    """The Whoosh schema of every passage and document record."""
    return fields.Schema(
        doc_id=fields.ID(stored=True),
        # Document records only.
        doc_hash=fields.STORED(),
        kind=fields.ID(stored=True),
        # How the passage's text was analysed: "fr", or nothing for English.
        lang=fields.ID(stored=True),
        # The passage's words: the field a bare query word searches.
        content=_text_field(),
        grams=_text_field(),
        # The document's title, on its title passage (else its first), for "title:" queries.
        title=_text_field(),
        # Every name (canonical, aliases, acronym) of each program the passage mentions.
        program=_text_field(),
        title_text=fields.STORED(),
        text=fields.STORED(),
        start=fields.STORED(),
        end=fields.STORED(),
        # Document records only: [[acronym, expansion], ...] the document defines.
        acronyms=fields.STORED(),
    )

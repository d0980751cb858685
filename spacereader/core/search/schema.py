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

SCHEMA_VERSION = 2

# The field a bare word searches.
DEFAULT_FIELD = "content"
# Fields a query may name ("title:china", "program:ILRS"). Bookmarks will add
# "note" here and to the schema (and bump SCHEMA_VERSION).
QUERY_FIELDS = ("content", "title", "program")

KIND_TITLE = "title"
KIND_HEADING = "heading"
KIND_PARAGRAPH = "paragraph"
KIND_RECORD = "doc"


def build_schema() -> Any:
    """The Whoosh schema of every passage and document record."""
    analyzer = SpaceAnalyzer()
    return fields.Schema(
        doc_id=fields.ID(stored=True),
        doc_hash=fields.STORED(),
        kind=fields.ID(stored=True),
        # The passage's words: the field a bare query word searches.
        content=fields.TEXT(analyzer=analyzer, phrase=True, multitoken_query="phrase"),
        # The document's title, on its title passage (else its first), for "title:" queries.
        title=fields.TEXT(analyzer=analyzer, phrase=True, multitoken_query="phrase"),
        # Every name (canonical, aliases, acronym) of each program the passage mentions.
        program=fields.TEXT(analyzer=analyzer, phrase=True, multitoken_query="phrase"),
        title_text=fields.STORED(),
        text=fields.STORED(),
        start=fields.STORED(),
        end=fields.STORED(),
        # Document records only: [[acronym, expansion], ...] the document defines.
        acronyms=fields.STORED(),
    )

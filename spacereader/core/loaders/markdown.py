"""Markdown files (.md): the source is the document's text; blocks say how to show it.

A front matter block (YAML or TOML metadata on top) gives the title and the
publication date; without one, the title is the first heading.
"""

from __future__ import annotations

import re

from spacereader.core.dates import parse_date
from spacereader.core.document import DocumentFormat
from spacereader.core.loaders.base import LoadedText
from spacereader.core.loaders.front_matter import DATE_KEYS, read_front_matter
from spacereader.core.loaders.markdown_blocks import (
    InlineSpan,
    MarkdownBlock,
    markdown_blocks,
    markdown_parser,
)
from spacereader.core.loaders.text import decode_document

__all__ = ["InlineSpan", "MarkdownBlock", "load_markdown", "markdown_blocks", "markdown_title"]

# The title is the first heading near the top; a heading deep in a long file is a section.
TITLE_WINDOW = 16_384
_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_SETEXT = re.compile(r"^ {0,3}(?P<title>\S[^\n]*)\n {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)


def markdown_title(text: str) -> str:
    """The text of the first heading, without its markup ("# **A** b" gives "A b").

    A front matter block is not a heading, even where its closing "---" would
    make its last line one.
    """
    body = read_front_matter(text).end
    window = text[body : body + TITLE_WINDOW]
    matches = [m for m in (_ATX.search(window), _SETEXT.search(window)) if m]
    if not matches:
        return ""
    first = min(matches, key=lambda match: match.start())
    tokens = markdown_parser().parseInline(first.group("title").strip())
    parts = []
    for token in tokens[0].children or [] if tokens else []:
        if token.type in {"text", "text_special", "code_inline"}:
            parts.append(token.content)
        elif token.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
    return " ".join("".join(parts).split())


def load_markdown(raw: bytes) -> LoadedText:
    """A Markdown document: its source as text; title and date from its front matter,
    else its first heading as title (and the date is left to the text's header)."""
    text, encoding = decode_document(raw)
    front = read_front_matter(text)
    written = front.get(*DATE_KEYS)
    return LoadedText(
        text=text,
        format=DocumentFormat.MARKDOWN,
        title=front.get("title") or markdown_title(text),
        date=written,
        encoding=encoding,
        published=parse_date(written) if written else None,
    )

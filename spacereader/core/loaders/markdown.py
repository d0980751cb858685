"""Markdown files (.md): the source is the document's text; blocks say how to show it."""

from __future__ import annotations

import re

from spacereader.core.document import DocumentFormat
from spacereader.core.loaders.base import LoadedText
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
    """The text of the first heading, without its markup ("# **A** b" gives "A b")."""
    window = text[:TITLE_WINDOW]
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
    """A Markdown document: its source as text, its first heading as title."""
    text, encoding = decode_document(raw)
    return LoadedText(
        text=text, format=DocumentFormat.MARKDOWN, title=markdown_title(text), encoding=encoding
    )

"""Markdown shown formatted, while every offset still refers to the document's text.

A Markdown document's text is its source: search hits, bookmarks and program
mentions index into the source. The reader shows it formatted: "## Budget"
as a heading "Budget", "**key**" as a bold "key". `markdown_blocks` says how,
without rewriting anything: each block lists the ranges of the source that
are visible (markup such as "## ", "**" or "> " falls between them) and the
inline styles as spans of the source. Slicing the text by `visible` gives what
a reader sees; an offset inside a visible range is where it sits on screen.

markdown-it-py parses (CommonMark). Its tokens give each block's lines but not
inline positions, so the inline pass walks the block's raw content with a
cursor, finding each token's source in order. Raw HTML is never rendered: an
HTML block is shown as code, inline tags are hidden.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

BlockKind = Literal["heading", "paragraph", "list_item", "quote", "code", "rule"]
InlineStyle = Literal["em", "strong", "code", "link"]
Range = tuple[int, int]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINK_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class InlineSpan:
    """A styled run of a block, as offsets in the document's text (end exclusive).

    It covers visible characters only: for "**key**" the span is "key".
    `href` is set for links, and only for http(s) and mailto targets.
    """

    start: int
    end: int
    style: InlineStyle
    href: str | None = None


@dataclass(frozen=True)
class MarkdownBlock:
    """One block of a Markdown document, in document offsets.

    `start`/`end` cover the block's source lines. `visible` lists, in order, the
    ranges of the text a reader sees; joined, they are the block's displayed text.
    A "\\n" inside a paragraph's visible text is a soft line break (show it as a
    space) unless its offset is in `hard_breaks`. `level` is the heading level
    (1–6), the list depth or the quote depth; `marker` is the bullet ("•") or
    number ("3.") of a list item's first block, else "".
    """

    kind: BlockKind
    level: int
    start: int
    end: int
    visible: tuple[Range, ...]
    inline: tuple[InlineSpan, ...] = ()
    marker: str = ""
    hard_breaks: tuple[int, ...] = ()

    def display_text(self, text: str) -> str:
        """What the reader shows for this block: the visible slices, joined."""
        return "".join(text[start:end] for start, end in self.visible)


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # text_join would merge escapes ("\\*") into plain text and lose where they were.
    return MarkdownIt("commonmark").disable("text_join")


class _Lines:
    """Where each source line starts and ends (markdown-it splits on \\r\\n, \\r, \\n)."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        self.ends: list[int] = []
        for match in _LINE_BREAK.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))
        self.text = text

    def line(self, number: int) -> tuple[int, int]:
        number = min(number, len(self.starts) - 1)
        return self.starts[number], self.ends[number]


class _ContentMap:
    """Maps offsets in a token's content (markers stripped) back to the source."""

    def __init__(self, content: str, lines: _Lines, first_line: int) -> None:
        # (content start, content end, document offset of content start, newline offset)
        self.rows: list[tuple[int, int, int, int]] = []
        position = 0
        for number, piece in enumerate(content.split("\n")):
            line_start, line_end = lines.line(first_line + number)
            source = lines.text[line_start:line_end]
            found = source.find(piece) if piece else len(source) - len(source.lstrip())
            if found < 0:
                found = max(0, len(source) - len(piece))
            doc_start = min(line_start + found, line_end)
            self.rows.append((position, position + len(piece), doc_start, line_end))
            position += len(piece) + 1
        self.content_ends = [row[1] for row in self.rows]

    def ranges(self, start: int, end: int) -> list[Range]:
        """Document ranges for content[start:end], split at line ends.

        Only the lines it touches are looked at: a paragraph of 50,000 lines (a
        Markdown table, which CommonMark reads as one paragraph) asks for
        thousands of ranges, and walking every line each time was quadratic.
        """
        result: list[Range] = []
        for index in range(bisect_left(self.content_ends, start), len(self.rows)):
            c_start, c_end, doc_start, newline = self.rows[index]
            if c_start >= end:
                break
            low, high = max(start, c_start), min(end, c_end)
            if low < high:
                line_room = newline - doc_start
                result.append(
                    (
                        doc_start + min(low - c_start, line_room),
                        doc_start + min(high - c_start, line_room),
                    )
                )
            if start <= c_end < end:  # the content's "\n" after this line
                result.append((newline, newline + 1))
        return [(a, b) for a, b in result if a < b]


@dataclass
class _Open:
    style: InlineStyle
    href: str | None
    # How many visible ranges there were when it opened: its span runs from the
    # next one to the last one before it closes. Nothing is updated per range,
    # so deep nesting costs no more than flat text.
    opened_at: int = 0


class _InlineWalk:
    """Visible ranges and styles of one inline token, in content offsets."""

    def __init__(self, content: str) -> None:
        self.content = content
        self.cursor = 0
        self.visible: list[Range] = []
        self.spans: list[tuple[int, int, InlineStyle, str | None]] = []
        self.hard_breaks: list[int] = []
        self.open: list[_Open] = []

    def show(self, start: int, end: int) -> None:
        if start >= end:
            return
        self.visible.append((start, end))

    def skip_to(self, needle: str) -> int:
        """Move past the next `needle`; return where it starts (-1 if absent)."""
        found = self.content.find(needle, self.cursor)
        if found >= 0:
            self.cursor = found + len(needle)
        return found

    def close(self) -> None:
        if self.open:
            element = self.open.pop()
            if len(self.visible) > element.opened_at:
                first, last = self.visible[element.opened_at][0], self.visible[-1][1]
                self.spans.append((first, last, element.style, element.href))

    def walk(self, children: list[Token]) -> None:
        for token in children:
            kind = token.type
            if kind == "text" and token.content:
                found = self.skip_to(token.content)
                if found >= 0:
                    self.show(found, self.cursor)
            elif kind == "text_special":
                found = self.skip_to(token.markup)
                if found >= 0:
                    hidden = 1 if token.info == "escape" else 0
                    self.show(found + hidden, self.cursor)
            elif kind in {"softbreak", "hardbreak"}:
                found = self.skip_to("\n")
                if found >= 0:
                    self.show(found, found + 1)
                    if kind == "hardbreak":
                        self.hard_breaks.append(found)
            elif kind == "code_inline":
                self.code(token.markup)
            elif kind in {"em_open", "strong_open"}:
                self.skip_to(token.markup)
                style: InlineStyle = "em" if kind == "em_open" else "strong"
                self.open.append(_Open(style, None, len(self.visible)))
            elif kind in {"em_close", "strong_close"}:
                self.skip_to(token.markup)
                self.close()
            elif kind == "link_open":
                self.skip_to("<" if token.markup == "autolink" else "[")
                href = str(token.attrs.get("href", ""))
                link = href if href.startswith(_LINK_SCHEMES) else None
                self.open.append(_Open("link", link, len(self.visible)))
            elif kind == "link_close":
                if token.markup == "autolink":
                    self.skip_to(">")
                else:
                    self.skip_to("]")
                    self.skip_link_tail()
                self.close()
            elif kind == "image":
                self.image()
            elif kind == "html_inline":
                self.skip_to(token.content)

    def code(self, fence: str) -> None:
        opening = self.skip_to(fence)
        if opening < 0:
            return
        closing = re.compile(rf"(?<!`){re.escape(fence)}(?!`)").search(self.content, self.cursor)
        if closing is None:
            return
        start, end = self.cursor, closing.start()
        inner = self.content[start:end]
        # CommonMark strips one space from each side when both are there.
        if len(inner) > 2 and inner[0] in " \n" and inner[-1] in " \n" and inner.strip():
            start, end = start + 1, end - 1
        self.show(start, end)
        self.spans.append((start, end, "code", None))
        self.cursor = closing.end()

    def image(self) -> None:
        opening = self.skip_to("![")
        if opening < 0:
            return
        depth, index = 1, self.cursor
        while index < len(self.content) and depth:
            char = self.content[index]
            depth += {"[": 1, "]": -1}.get(char, 0)
            index += 1 if char != "\\" else 2
        close = min(index, len(self.content)) - 1
        self.show(self.cursor, close)  # the alt text; images themselves are never loaded
        self.cursor = close + 1
        self.skip_link_tail()

    def skip_link_tail(self) -> None:
        """Skip "(url "title")" or "[ref]" after a link's text."""
        content, index = self.content, self.cursor
        if index < len(content) and content[index] == "[":
            end = content.find("]", index)
            self.cursor = end + 1 if end >= 0 else self.cursor
            return
        if index >= len(content) or content[index] != "(":
            return
        depth, quote = 0, ""
        while index < len(content):
            char = content[index]
            if char == "\\":
                index += 2
                continue
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'":
                quote = char
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    self.cursor = index + 1
                    return
            index += 1


def markdown_blocks(text: str, references: Mapping[str, Any] | None = None) -> list[MarkdownBlock]:
    """The blocks a reader shows for a Markdown text, in order, in document offsets.

    `references` are link reference definitions from elsewhere (see
    `link_references`), for a text that is the opening of a longer one.
    """
    lines = _Lines(text)
    blocks, body = _front_matter_blocks(text)
    # The front matter's lines are parsed as blank lines (not as a rule and a heading);
    # line numbers, and so every offset, stay those of the text.
    source = re.sub(r"[^\n]+", "", text[:body]) + text[body:] if body else text
    env: dict[str, Any] = {"references": dict(references)} if references else {}
    tokens = markdown_parser().parse(source, env)
    containers: list[list[str]] = []  # ["quote"] or ["item", pending marker]
    lists: list[str] = []  # "•" for bullet lists, "" for ordered ones
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "blockquote_open":
            containers.append(["quote"])
        elif kind in {"bullet_list_open", "ordered_list_open"}:
            lists.append("•" if kind == "bullet_list_open" else "")
        elif kind == "list_item_open":
            containers.append(
                ["item", lists[-1] if lists and lists[-1] else token.info + token.markup]
            )
        elif kind in {"blockquote_close", "list_item_close"}:
            if containers:
                containers.pop()
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            if lists:
                lists.pop()
        elif token.map is not None and kind in {"heading_open", "paragraph_open"}:
            inline = tokens[index + 1] if index + 1 < len(tokens) else None
            if inline is not None and inline.type == "inline":
                blocks.append(_inline_block(token, inline, lines, containers))
                index += 1
        elif token.map is not None and kind in {"fence", "code_block", "html_block"}:
            blocks.append(_code_block(token, lines, containers))
        elif token.map is not None and kind == "hr":
            start, end = _extent(lines, token.map)
            blocks.append(MarkdownBlock("rule", 0, start, end, ()))
        index += 1
    return blocks


def _front_matter_blocks(text: str) -> tuple[list[MarkdownBlock], int]:
    """A front matter block shown as metadata: its title as a heading, the other fields
    as a quiet block of code; and where the body starts (0 without front matter)."""
    from spacereader.core.loaders.front_matter import read_front_matter

    front = read_front_matter(text)
    if not front.end:
        return [], 0
    blocks: list[MarkdownBlock] = []
    title = front.fields.get("title")
    if title is not None:
        start, end = title.start, title.end
        if end - start >= 2 and text[start] in "\"'" and text[end - 1] == text[start]:
            start, end = start + 1, end - 1
        blocks.append(MarkdownBlock("heading", 1, start, end, ((start, end),)))
    others = [
        (start, end)
        for start, end in front.lines(text)
        if text[start:end].strip() and (title is None or not start <= title.start < end)
    ]
    if others:
        visible: list[Range] = []
        for number, (start, end) in enumerate(others):
            visible.append((start, end))
            if number < len(others) - 1:
                visible.append((end, end + 1))  # the line's own line break
        blocks.append(MarkdownBlock("code", 0, others[0][0], others[-1][1], tuple(visible)))
    return blocks, front.end


def link_references(text: str) -> dict[str, Any]:
    """The link reference definitions of a text ("[ISRO]: https://…"), as the parser keeps them."""
    env: dict[str, Any] = {}
    markdown_parser().parse(text, env)
    return dict(env.get("references", {}))


def _extent(lines: _Lines, line_map: list[int]) -> Range:
    first, last = line_map[0], max(line_map[0], line_map[1] - 1)
    return lines.line(first)[0], lines.line(last)[1]


def _take_marker(containers: list[list[str]]) -> str:
    for container in reversed(containers):
        if container[0] == "item":
            marker = container[1]
            container[1] = ""
            return marker
    return ""


def _inline_block(
    opening: Token, inline: Token, lines: _Lines, containers: list[list[str]]
) -> MarkdownBlock:
    assert opening.map is not None
    start, end = _extent(lines, opening.map)
    mapping = _ContentMap(inline.content, lines, opening.map[0])
    walk = _InlineWalk(inline.content)
    walk.walk(inline.children or [])
    visible = [piece for low, high in walk.visible for piece in mapping.ranges(low, high)]
    spans = []
    for low, high, style, href in sorted(walk.spans):
        pieces = mapping.ranges(low, high)
        if pieces:
            spans.append(InlineSpan(pieces[0][0], pieces[-1][1], style, href))
    breaks = tuple(b for c in walk.hard_breaks for b, _ in mapping.ranges(c, c + 1))
    marker = _take_marker(containers)
    innermost = containers[-1][0] if containers else ""
    if opening.type == "heading_open":
        kind: BlockKind = "heading"
        level = int(opening.tag[1:]) if opening.tag[1:].isdigit() else 1
    elif innermost == "item":
        kind, level = "list_item", sum(1 for c in containers if c[0] == "item")
    elif innermost == "quote":
        kind, level = "quote", sum(1 for c in containers if c[0] == "quote")
    else:
        kind, level = "paragraph", 0
    return MarkdownBlock(kind, level, start, end, tuple(visible), tuple(spans), marker, breaks)


def _code_block(token: Token, lines: _Lines, containers: list[list[str]]) -> MarkdownBlock:
    assert token.map is not None
    start, end = _extent(lines, token.map)
    content = token.content.removesuffix("\n")
    first = token.map[0] + (1 if token.type == "fence" else 0)
    visible = _ContentMap(content, lines, first).ranges(0, len(content)) if content else []
    return MarkdownBlock("code", 0, start, end, tuple(visible), marker=_take_marker(containers))

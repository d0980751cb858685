"""Structure of a plain-text article capture: title, header, page furniture, paragraphs.

Detection never rewrites the text. It returns spans (start/end offsets in code
points) of the original text, which every later feature uses as coordinates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from spacereader.core.structure_lines import (
    AGENCY,
    CREDITS,
    DATE,
    DATELINE_SOURCE,
    MAX_BYLINE_CHARS,
    MAX_NAV_CHARS,
    METADATA,
    date_in_line,
    dateline_end,
    is_kicker,
    is_label,
    is_label_or_nav,
    is_nav_line,
)

__all__ = ["Block", "BlockKind", "Structure", "detect_structure", "is_nav_line"]

MAX_TITLE_CHARS = 200
# Lines of a block whose median length passes this are paragraphs of their own
# (unwrapped text); shorter lines are a hard-wrapped paragraph.
UNWRAPPED_LINE_CHARS = 120
DATELINE_WINDOW = 80
# A date that starts inside the dateline window is read whole, even if it runs past
# the window's end ("…on March 11, 2024" cut at the window would read "March 1").
LONGEST_DATE_CHARS = 24
# A byline block under the title: a few short lines, one of them a date.
MAX_BYLINE_LINES = 4
MIN_TITLE_WORDS = 4


class BlockKind(str, Enum):
    """What a block of the text is, as the reader lays it out."""

    SECTION = "section"
    CATEGORY = "category"
    NAV = "nav"
    TITLE = "title"
    METADATA = "metadata"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    SIGNATURE = "signature"


@dataclass(frozen=True)
class Block:
    """One block of the text: its kind and its span in the original text."""

    kind: BlockKind
    start: int
    end: int

    def text(self, source: str) -> str:
        """The block's text, sliced from the original."""
        return source[self.start : self.end]


@dataclass(frozen=True)
class Structure:
    """The detected structure of a document's text."""

    blocks: tuple[Block, ...]
    title: str
    category: str
    section: str
    source: str
    date: str

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        """The body text: the blocks a reader reads, searches and bookmarks."""
        return tuple(b for b in self.blocks if b.kind is BlockKind.PARAGRAPH)

    def blocks_of(self, kind: BlockKind) -> tuple[Block, ...]:
        """Every block of one kind, in text order."""
        return tuple(b for b in self.blocks if b.kind is kind)


# An author tag closing the text: "[mgf]", possibly after "(". Only the tail of the
# last paragraph is searched, and the spaces before it are walked in Python: a
# regex with "\s*\(?\s*" in front took cubic time on a long run of spaces.
_SIGNATURE = re.compile(r"\[[A-Za-z]{2,5}\]\s*$")
SIGNATURE_WINDOW = 64
_WHITESPACE = re.compile(r"\s+")


class _Line(NamedTuple):
    start: int
    end: int


# A newline followed by a line of white space only: where raw blocks part. The
# literal "\n" in front lets the regex engine skip to candidates at C speed.
BLANK_LINE = re.compile(r"\n[^\S\n]*(?=\n|\Z)")


_NON_SPACE = re.compile(r"\S")


class _RawBlock:
    """A run of non-blank lines, text[start:end] (untrimmed).

    Its lines are worked out only when asked for: the body of a long text needs
    little more than where each run starts and ends, and per-line work in Python
    is what made a 10 MB hard-wrapped text take most of a second.
    """

    __slots__ = ("_lines", "_text", "end", "start")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text = text
        self.start = start
        self.end = end
        self._lines: list[_Line] | None = None

    @property
    def lines(self) -> list[_Line]:
        """Every line, trimmed."""
        if self._lines is None:
            self._lines = _block_lines(self._text, self.start, self.end)
        return self._lines

    def iter_lines(self) -> Iterator[_Line]:
        """The lines one at a time, for a test that usually stops at the first."""
        if self._lines is not None:
            yield from self._lines
            return
        text, position = self._text, self.start
        while position < self.end:
            newline = text.find("\n", position, self.end)
            stop = self.end if newline < 0 else newline
            content = text[position:stop]
            stripped = content.strip()
            if stripped:
                lead = len(content) - len(content.lstrip())
                yield _Line(position + lead, position + lead + len(stripped))
            position = stop + 1

    def paragraph_spans(self) -> list[tuple[int, int]]:
        """Each long line alone, or the (hard-wrapped) block whole; trimmed spans."""
        chunk = self._text[self.start : self.end]
        if "\n" in chunk.strip():
            lengths = sorted(filter(None, map(len, map(str.strip, chunk.split("\n")))))
            if lengths[len(lengths) // 2] > UNWRAPPED_LINE_CHARS:
                return [(line.start, line.end) for line in self.lines]
        lead = len(chunk) - len(chunk.lstrip())
        return [(self.start + lead, self.start + len(chunk.rstrip()))]


def _raw_blocks(text: str) -> list[_RawBlock]:
    """Runs of consecutive non-blank lines.

    Found with one regex over the whole text, not line by line in Python.
    """
    blocks: list[_RawBlock] = []
    position = 0
    for blank in BLANK_LINE.finditer(text):
        if blank.start() > position and _NON_SPACE.search(text, position, blank.start()):
            blocks.append(_RawBlock(text, position, blank.start()))
        position = blank.end()
    if position < len(text) and _NON_SPACE.search(text, position):
        blocks.append(_RawBlock(text, position, len(text)))
    return blocks


def _block_lines(text: str, start: int, end: int) -> list[_Line]:
    """The non-blank lines of text[start:end], trimmed."""
    chunk = text[start:end]
    if "\n" not in chunk:
        stripped = chunk.strip()
        if not stripped:
            return []
        lead = len(chunk) - len(chunk.lstrip())
        return [_Line(start + lead, start + lead + len(stripped))]
    lines = []
    for content in chunk.split("\n"):
        stripped = content.strip()
        if stripped:
            lead = len(content) - len(content.lstrip())
            lines.append(_Line(start + lead, start + lead + len(stripped)))
        start += len(content) + 1
    return lines


def _collapse(value: str) -> str:
    return _WHITESPACE.sub(" ", value).strip()


def _is_title_like(text: str, lines: list[_Line]) -> bool:
    """A headline: one line, a few words, not ending like a sentence does."""
    if len(lines) != 1:
        return False
    line = text[lines[0].start : lines[0].end]
    return (
        len(line) <= MAX_TITLE_CHARS
        and len(line.split()) >= MIN_TITLE_WORDS
        and not line.rstrip().endswith(".")
        and not is_label_or_nav(line)
        and not date_in_line(line)
    )


@dataclass
class _Header:
    title: str = ""
    category: str = ""
    section: str = ""
    source: str = ""
    date: str = ""
    byline: str = ""


def detect_structure(text: str) -> Structure:
    """Find the title, header labels, furniture and paragraphs of a text capture."""
    header = _Header()
    blocks: list[Block] = []
    labels: list[Block] = []
    seen_body = False

    raws = _raw_blocks(text)
    for position, raw in enumerate(raws):
        if all(_is_nav(text, line) for line in raw.iter_lines()):
            blocks.extend(Block(BlockKind.NAV, x.start, x.end) for x in raw.lines)
            continue
        if not seen_body:
            lines = raw.lines
            if not header.title:
                following = raws[position + 1].lines if position + 1 < len(raws) else []
                if _read_header(
                    text, lines, following=following, header=header, blocks=blocks, labels=labels
                ):
                    continue
            if _read_metadata(text, lines, header, blocks):
                continue
            first = lines[0]
            if len(lines) == 1 and is_label(text[first.start : first.end]):
                # A breadcrumb repeated under the title ("ESA / Applications / …").
                blocks.append(Block(BlockKind.NAV, first.start, first.end))
                continue
        for start, end in raw.paragraph_spans():
            blocks.append(Block(BlockKind.PARAGRAPH, start, end))
            seen_body = True

    # Labels above the title: the last is the category, the one before the section.
    if labels:
        *sections, category = labels
        header.category = _collapse(category.text(text))
        blocks.extend(Block(BlockKind.SECTION, s.start, s.end) for s in sections)
        blocks.append(category)
        if sections:
            header.section = _collapse(sections[-1].text(text))

    blocks = _split_signature(text, _mark_credits(text, blocks))
    _read_dateline(text, blocks, header)
    header.source = header.source or header.byline
    blocks.sort(key=lambda b: b.start)
    return Structure(
        blocks=tuple(blocks),
        title=header.title,
        category=header.category,
        section=header.section,
        source=header.source,
        date=header.date,
    )


def _is_nav(text: str, line: _Line) -> bool:
    return line.end - line.start <= MAX_NAV_CHARS and is_nav_line(text[line.start : line.end])


def _read_header(
    text: str,
    raw: list[_Line],
    *,
    following: list[_Line],
    header: _Header,
    blocks: list[Block],
    labels: list[Block],
) -> bool:
    """Take a block above the title: labels, site furniture, a kicker or the title itself."""
    first = raw[0]
    first_text = text[first.start : first.end]
    single = len(raw) == 1
    if single and is_label(first_text):
        labels.append(Block(BlockKind.CATEGORY, first.start, first.end))
        return True
    if all(is_label(text[x.start : x.end]) or _is_nav(text, x) for x in raw):
        for line in raw:
            if _is_nav(text, line):
                blocks.append(Block(BlockKind.NAV, line.start, line.end))
            else:
                labels.append(Block(BlockKind.CATEGORY, line.start, line.end))
        return True
    if any(_is_nav(text, x) for x in raw) and all(x.end - x.start <= MAX_NAV_CHARS for x in raw):
        # Site furniture above the title: "Skip to main content" and a tagline.
        blocks.extend(Block(BlockKind.NAV, x.start, x.end) for x in raw)
        return True
    if single and is_kicker(first_text) and _is_title_like(text, following):
        labels.append(Block(BlockKind.CATEGORY, first.start, first.end))
        return True
    if (
        single
        and len(first_text) <= MAX_TITLE_CHARS
        and not date_in_line(first_text)
        # A story without a headline opens with its dated dateline: that line is body.
        and not dateline_end(first_text)
    ):
        blocks.append(Block(BlockKind.TITLE, first.start, first.end))
        header.title = _collapse(first_text)
        return True
    return False


def _read_metadata(text: str, lines: list[_Line], header: _Header, blocks: list[Block]) -> bool:
    """Take "By …", "Date: …" lines above the body, or a byline block of a few short
    lines with a date ("Jeff Foust / March 3, 2023"); False when the block is neither."""
    contents = [text[line.start : line.end] for line in lines]
    if len(contents) <= MAX_BYLINE_LINES and all(len(c) <= MAX_NAV_CHARS for c in contents):
        matches = [METADATA.match(content) for content in contents]
    else:
        matches = [None]
    if all(matches):
        for line, match in zip(lines, matches, strict=True):
            assert match is not None
            _apply_metadata(header, match.group("key").lower(), match.group("value"))
            blocks.append(Block(BlockKind.METADATA, line.start, line.end))
        return True
    if len(contents) > MAX_BYLINE_LINES or any(len(c) > MAX_BYLINE_CHARS for c in contents):
        return False
    dates = [date_in_line(content) for content in contents]
    if not any(dates):
        return False
    for line, match, date in zip(lines, matches, dates, strict=True):
        if date:
            header.date = header.date or date
        elif match and match.group("key").lower() not in {"date", "published", "updated"}:
            _apply_metadata(header, match.group("key").lower(), match.group("value"))
        blocks.append(Block(BlockKind.METADATA, line.start, line.end))
    return True


def _apply_metadata(header: _Header, key: str, value: str) -> None:
    value = _collapse(value)
    if key in {"date", "published", "updated"}:
        header.date = header.date or value
    elif key in {"by", "author"}:
        header.byline = header.byline or value
    else:
        header.source = header.source or value


def _mark_credits(text: str, blocks: list[Block]) -> list[Block]:
    """Turn the credit line closing a wire story ("Reporting by …") into a signature."""
    paragraphs = [i for i, b in enumerate(blocks) if b.kind is BlockKind.PARAGRAPH]
    if len(paragraphs) < 2:
        return blocks
    last = blocks[paragraphs[-1]]
    if last.end - last.start > MAX_TITLE_CHARS or not CREDITS.match(last.text(text)):
        return blocks
    result = list(blocks)
    result[paragraphs[-1]] = Block(BlockKind.SIGNATURE, last.start, last.end)
    return result


def _split_signature(text: str, blocks: list[Block]) -> list[Block]:
    """Move a trailing author tag such as "[mgf]" out of the last paragraph."""
    paragraphs = [i for i, b in enumerate(blocks) if b.kind is BlockKind.PARAGRAPH]
    if not paragraphs:
        return blocks
    index = paragraphs[-1]
    last = blocks[index]
    match = _SIGNATURE.search(text, max(last.start, last.end - SIGNATURE_WINDOW), last.end)
    if match is None:
        return blocks
    tag_start = _skip_spaces_back(text, match.start(), last.start)
    if tag_start > last.start and text[tag_start - 1] == "(":
        tag_start -= 1
    else:
        tag_start = match.start()
    body_end = _skip_spaces_back(text, tag_start, last.start)
    if body_end == last.start:
        return blocks
    result = list(blocks)
    result[index] = Block(BlockKind.PARAGRAPH, last.start, body_end)
    result.insert(index + 1, Block(BlockKind.SIGNATURE, tag_start, last.end))
    return result


def _skip_spaces_back(text: str, position: int, floor: int) -> int:
    """The start of the run of white space ending at `position` (not before `floor`)."""
    while position > floor and text[position - 1].isspace():
        position -= 1
    return position


def _read_dateline(text: str, blocks: list[Block], header: _Header) -> None:
    """Take source and date from a wire-style dateline opening the first paragraph."""
    first = next((b for b in blocks if b.kind is BlockKind.PARAGRAPH), None)
    if first is None:
        return
    opening = text[first.start : min(first.end, first.start + DATELINE_WINDOW)]
    dateline = DATELINE_SOURCE.match(opening)
    if dateline and not header.source:
        agency = dateline.group("agency") or next(iter(AGENCY.findall(dateline.group("rest"))), "")
        header.source = agency or dateline.group("source").strip(" ,")
    if not header.date:
        reach = min(first.end, first.start + DATELINE_WINDOW + LONGEST_DATE_CHARS)
        date = DATE.search(text[first.start : reach])
        if date and date.start() < DATELINE_WINDOW:
            header.date = date.group()

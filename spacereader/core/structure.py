"""Structure of a plain-text article capture: title, header, page furniture, paragraphs.

Detection never rewrites the text. It returns spans (start/end offsets in code
points) of the original text, which every later feature uses as coordinates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

MAX_TITLE_CHARS = 200
MAX_LABEL_CHARS = 48
MAX_NAV_CHARS = 100
# Lines of a block whose median length passes this are paragraphs of their own
# (unwrapped text); shorter lines are a hard-wrapped paragraph.
UNWRAPPED_LINE_CHARS = 120
DATELINE_WINDOW = 80


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


_NAV_START = re.compile(
    r"""^(?:back\ to|go\ back|retour|printable\ version|version\ imprimable|print(?:\ this)?
        (?:\ page|\ article|\ version)?$|share(?:\ this)?\b|e-?mail\ this|skip\ to|home$|menu$
        |subscribe\b|sign\ (?:in|up)\b|log\ ?in\b|accept\ (?:all\ )?cookies
        |this\ site\ uses\ cookies|we\ use\ cookies|related\ (?:articles|stories|links)
        |read\ more$|top\ of\ page|back\ to\ top
        |next\ article|previous\ article|follow\ us|tweet$|imprimer|partager|haut\ de\ page)""",
    re.IGNORECASE | re.VERBOSE,
)
# "Space / Espace", "News / Brèves": short bilingual or path-like labels.
_LABEL = re.compile(r"^[^\W\d][\w'’&.\- ]{0,30}(?:\s+[/|>»]\s+[^\W\d][\w'’&.\- ]{0,30})+$")
_METADATA = re.compile(
    r"^(?P<key>by|source|date|published|updated|author|from)\s*[:\-]?\s+(?P<value>.+)$",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2})\b"
)
# "EIRNS—", "WASHINGTON (Reuters) —", "PARIS, Jan. 28 (AFP) -": a wire dateline.
_DATELINE_SOURCE = re.compile(
    r"^(?P<source>[A-Z][A-Z&.]+(?:[ ,]+[A-Z][A-Z&.]+)*(?:\s*\((?P<agency>[^)]{2,30})\))?)"
    r"(?P<rest>[^—–]{0,40}?)\s*(?:—|–|--)\s*"
)
_SIGNATURE = re.compile(r"\s*\(?\s*\[[A-Za-z]{2,5}\]\s*$")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Line:
    start: int
    end: int


def _lines(text: str) -> list[_Line | None]:
    """Non-blank lines trimmed of surrounding whitespace; None marks a blank line."""
    lines: list[_Line | None] = []
    for match in re.finditer(r"[^\n]*(?:\n|$)", text):
        start, end = match.span()
        if start == end:
            continue
        content = text[start:end]
        stripped_left = len(content) - len(content.lstrip())
        stripped_right = len(content) - len(content.rstrip())
        if stripped_left == len(content):
            lines.append(None)
        else:
            lines.append(_Line(start + stripped_left, end - stripped_right))
    return lines


def _raw_blocks(text: str) -> list[list[_Line]]:
    """Runs of consecutive non-blank lines."""
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    for line in _lines(text):
        if line is None:
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _collapse(value: str) -> str:
    return _WHITESPACE.sub(" ", value).strip()


def is_nav_line(line: str) -> bool:
    """True for page furniture of a web capture: "Back to …", "Printable version / …"."""
    return len(line) <= MAX_NAV_CHARS and bool(_NAV_START.match(line.strip()))


def _is_label(line: str) -> bool:
    return len(line) <= MAX_LABEL_CHARS and bool(_LABEL.match(line.strip()))


def _is_label_or_nav(line: str) -> bool:
    return _is_label(line) or is_nav_line(line)


def _paragraph_lines(lines: list[_Line]) -> list[list[_Line]]:
    """Split a block into paragraphs: each long line alone, or the wrapped block whole."""
    if len(lines) < 2:
        return [lines]
    lengths = sorted(line.end - line.start for line in lines)
    if lengths[len(lengths) // 2] > UNWRAPPED_LINE_CHARS:
        return [[line] for line in lines]
    return [lines]


@dataclass
class _Header:
    title: str = ""
    category: str = ""
    section: str = ""
    source: str = ""
    date: str = ""


def detect_structure(text: str) -> Structure:
    """Find the title, header labels, furniture and paragraphs of a text capture."""
    header = _Header()
    blocks: list[Block] = []
    labels: list[Block] = []
    seen_body = False

    for raw in _raw_blocks(text):
        first = raw[0]
        first_text = text[first.start : first.end]
        single = len(raw) == 1
        if single and is_nav_line(first_text):
            blocks.append(Block(BlockKind.NAV, first.start, first.end))
            continue
        if not header.title and not seen_body:
            if single and _is_label(first_text):
                labels.append(Block(BlockKind.CATEGORY, first.start, first.end))
                continue
            if all(
                _is_label(text[x.start : x.end]) or is_nav_line(text[x.start : x.end]) for x in raw
            ):
                for line in raw:
                    kind = BlockKind.NAV if is_nav_line(text[line.start : line.end]) else None
                    if kind is None:
                        labels.append(Block(BlockKind.CATEGORY, line.start, line.end))
                    else:
                        blocks.append(Block(kind, line.start, line.end))
                continue
            if single and len(first_text) <= MAX_TITLE_CHARS:
                blocks.append(Block(BlockKind.TITLE, first.start, first.end))
                header.title = _collapse(first_text)
                continue
        if not seen_body and _read_metadata(text, raw, header, blocks):
            continue
        for paragraph in _paragraph_lines(raw):
            blocks.append(Block(BlockKind.PARAGRAPH, paragraph[0].start, paragraph[-1].end))
            seen_body = True

    # Labels above the title: the last is the category, the one before the section.
    if labels:
        *sections, category = labels
        header.category = _collapse(category.text(text))
        blocks.extend(Block(BlockKind.SECTION, s.start, s.end) for s in sections)
        blocks.append(category)
        if sections:
            header.section = _collapse(sections[-1].text(text))

    blocks = _split_signature(text, blocks)
    _read_dateline(text, blocks, header)
    blocks.sort(key=lambda b: b.start)
    return Structure(
        blocks=tuple(blocks),
        title=header.title,
        category=header.category,
        section=header.section,
        source=header.source,
        date=header.date,
    )


def _read_metadata(text: str, lines: list[_Line], header: _Header, blocks: list[Block]) -> bool:
    """Take "By …", "Date: …" lines above the body; False when the block is not all such."""
    matches = [_METADATA.match(text[line.start : line.end]) for line in lines]
    if not all(m and m.end() - m.start() <= MAX_NAV_CHARS for m in matches):
        return False
    for line, match in zip(lines, matches, strict=True):
        assert match is not None
        _apply_metadata(header, match.group("key").lower(), match.group("value"))
        blocks.append(Block(BlockKind.METADATA, line.start, line.end))
    return True


def _apply_metadata(header: _Header, key: str, value: str) -> None:
    value = _collapse(value)
    if key in {"date", "published", "updated"}:
        header.date = header.date or value
    else:
        header.source = header.source or value


def _split_signature(text: str, blocks: list[Block]) -> list[Block]:
    """Move a trailing author tag such as "[mgf]" out of the last paragraph."""
    paragraphs = [i for i, b in enumerate(blocks) if b.kind is BlockKind.PARAGRAPH]
    if not paragraphs:
        return blocks
    index = paragraphs[-1]
    last = blocks[index]
    match = _SIGNATURE.search(text, last.start, last.end)
    if match is None or match.start() == last.start:
        return blocks
    tag_start = match.start() + (len(match.group()) - len(match.group().lstrip()))
    result = list(blocks)
    result[index] = Block(BlockKind.PARAGRAPH, last.start, match.start())
    result.insert(index + 1, Block(BlockKind.SIGNATURE, tag_start, last.end))
    return result


def _read_dateline(text: str, blocks: list[Block], header: _Header) -> None:
    """Take source and date from a wire-style dateline opening the first paragraph."""
    first = next((b for b in blocks if b.kind is BlockKind.PARAGRAPH), None)
    if first is None:
        return
    opening = text[first.start : min(first.end, first.start + DATELINE_WINDOW)]
    dateline = _DATELINE_SOURCE.match(opening)
    if dateline and not header.source:
        header.source = dateline.group("agency") or dateline.group("source").strip(" ,")
    if not header.date:
        date = _DATE.search(opening)
        if date:
            header.date = date.group()

"""Front matter: the metadata block opening a Markdown file (Jekyll, Hugo, Pandoc…).

    ---
    title: "The ILRS at five"
    date: 2021-06-16
    ---

YAML between "---" lines (closed by "---" or "..."), or TOML between "+++"
lines. Only top-level scalar fields are read (title, date…): the full YAML
language is not needed for that, and a block that is not metadata (a thematic
break followed by prose) yields no fields. Values keep their place in the text,
so the reader can show them where they stand.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

# A front matter longer than this is no metadata block.
MAX_FRONT_MATTER_CHARS = 16_384
_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
_YAML_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*$")
_TOML_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*=[ \t]*(?P<value>.*?)[ \t]*$")
# Keys a publication date goes by, most telling first.
DATE_KEYS = ("date", "published", "pubdate", "publishdate", "published_at", "datepublished")
_BLOCK_SCALAR = re.compile(r"^[>|][+-]?\d?$")


@dataclass(frozen=True)
class FieldValue:
    """A field's value and its span in the text (the span of the value as written)."""

    value: str
    start: int
    end: int


@dataclass(frozen=True)
class FrontMatter:
    """The block's extent (`end` is where the body starts; 0 without a block) and fields."""

    start: int = 0
    end: int = 0
    fields: dict[str, FieldValue] = field(default_factory=dict)

    def get(self, *keys: str) -> str:
        """The first of these keys' values that is set, else ""."""
        for key in keys:
            found = self.fields.get(key)
            if found is not None and found.value:
                return found.value
        return ""

    def lines(self, text: str) -> list[tuple[int, int]]:
        """The spans of the block's inner lines (between its fences)."""
        spans = []
        position = text.index("\n", self.start) + 1 if self.end else 0
        while self.end and position < self.end:
            line_end = text.find("\n", position, self.end)
            line_end = self.end if line_end < 0 else line_end
            spans.append((position, line_end))
            position = line_end + 1
        return spans[:-1]  # the last is the closing fence


def read_front_matter(text: str) -> FrontMatter:
    """The front matter opening `text`, or an empty FrontMatter."""
    first_line = text[: text.find("\n") if "\n" in text else len(text)].rstrip()
    closers = _FENCES.get(first_line)
    if closers is None:
        return FrontMatter()
    fields: dict[str, FieldValue] = {}
    pattern = _YAML_FIELD if first_line == "---" else _TOML_FIELD
    position = len(first_line) + 1
    limit = min(len(text), MAX_FRONT_MATTER_CHARS)
    pending: tuple[str, int] | None = None  # a block scalar's key and where it starts
    while position < limit:
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        line = text[position:line_end]
        if line.rstrip() in closers:
            if pending is not None:
                _close_block(text, fields, pending, position - 1)
            end = min(line_end + 1, len(text))
            return FrontMatter(0, end, fields) if fields else FrontMatter()
        if pending is not None and (not line.strip() or line[:1] in " \t"):
            position = line_end + 1
            continue  # a block scalar's line
        if pending is not None:
            _close_block(text, fields, pending, position - 1)
            pending = None
        match = pattern.match(line)
        if match is not None:
            raw = match.group("value") or ""
            key = match.group("key").lower()
            if first_line == "---" and _BLOCK_SCALAR.match(raw):
                pending = (key, line_end + 1)
            elif raw:
                value_start = position + match.start("value")
                value = _scalar(raw)
                if value is not None:
                    fields.setdefault(key, FieldValue(value, value_start, value_start + len(raw)))
        elif line.strip() and line[:1] not in " \t-#":
            return FrontMatter()  # prose after a thematic break, not metadata
        position = line_end + 1
    return FrontMatter()  # never closed


def _close_block(
    text: str, fields: dict[str, FieldValue], pending: tuple[str, int], end: int
) -> None:
    key, start = pending
    body = text[start:end] if end > start else ""
    value = " ".join(body.split())
    if value:
        fields.setdefault(key, FieldValue(value, start, max(start, end)))


def _scalar(raw: str) -> str | None:
    """A scalar value as YAML or TOML reads it; None for lists, maps and the like."""
    if raw[0] == '"':
        closing = _closing_quote(raw)
        try:
            value = json.loads(raw[: closing + 1]) if closing > 0 else raw.strip('"')
        except ValueError:
            value = raw.strip('"')
        return " ".join(str(value).split())
    if raw[0] == "'":
        closing = raw.find("'", 1)
        while closing > 0 and raw[closing + 1 : closing + 2] == "'":
            closing = raw.find("'", closing + 2)
        inner = raw[1:closing] if closing > 0 else raw[1:]
        return " ".join(inner.replace("''", "'").split())
    if raw[0] in "[{&*!|>":
        return None
    return " ".join(re.sub(r"\s+#.*$", "", raw).split())


def _closing_quote(raw: str) -> int:
    index = 1
    while index < len(raw):
        if raw[index] == "\\":
            index += 2
            continue
        if raw[index] == '"':
            return index
        index += 1
    return -1

"""Pages nested deeper than the HTML tools can follow, flattened so that no word is lost.

libxml2 parses HTML to a depth of 2,048 elements at most, even with its
"huge" option; there it stops reading, and the rest of the page (every word
below, and everything after) is gone without a word. trafilatura walks the
tree recursively, and parts of it parse pieces again at libxml2's default
limit of 256. So a page nested deeper than the reader needs is written out
again first, in one linear pass: tags past `depth` levels of nesting are
left out, and their text stays where it was.

The pass reads the page with the standard library's tokenizer, which has no
depth limit, and writes only what it understood: well-formed tags, each
element it keeps closed explicitly (so the parser's nesting is the one the
pass counted), and escaped text (so no text can open a tag it did not count).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["flatten_nesting"]

# Elements that never hold others, so they never add a level.
_VOID = frozenset(
    "area base basefont bgsound br col command embed frame hr image img input isindex"
    " keygen link meta param source track wbr".split()
)
# Their content is not markup: left out, a script's code would show as text.
_RAW_TEXT = frozenset({"script", "style"})
# Left out inside a word, they must not split it: "<b>W</b>ord" stays "Word".
_PHRASING = frozenset(
    "a abbr acronym b bdi bdo big blink cite code data del dfn em font i ins kbd label"
    " mark nobr q rp rt ruby s samp small span strike strong sub sup time tt u var".split()
)
# A start tag closes an open element of these names on top (HTML's implied end tags).
_CLOSES = {
    "p": {"p"},
    "li": {"li"},
    "a": {"a"},
    "option": {"option"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "tr": {"tr", "td", "th"},
}
_NAME = re.compile(r"[a-z][a-z0-9-]*\Z")
_ATTRIBUTE = re.compile(r"[a-z_:][-a-z0-9_:.]*\Z")


def flatten_nesting(
    page: str, depth: int, *, kept_names: frozenset[str] = frozenset(), kept_depth: int = 0
) -> str:
    """The page written again with no element nested deeper than `depth` levels.

    Elements named in `kept_names` (paragraphs, say) are kept down to
    `kept_depth` levels instead. A tag left out leaves a space in its place,
    so that words on either side stay apart, or nothing for an inline one.
    Comments, declarations and processing instructions are left out too:
    they show no text.
    """
    writer = _Flattener(depth, kept_names, max(depth, kept_depth))
    writer.feed(page)
    writer.close()
    writer.close_all()
    return "".join(writer.output)


@dataclass
class _Open:
    tag: str
    kept: bool


class _Flattener(HTMLParser):
    """Reads tokens and writes them back, leaving out tags nested too deep."""

    def __init__(self, depth: int, kept_names: frozenset[str], kept_depth: int) -> None:
        super().__init__(convert_charrefs=True)
        self.output: list[str] = []
        self._depth = depth
        self._kept_names = kept_names
        self._kept_depth = kept_depth
        # Every element open in the page, written or not, and where each name is in it.
        self._open: list[_Open] = []
        self._where: dict[str, list[int]] = {}
        self._written = 0  # how many of the open elements were written

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not _NAME.match(tag):
            self._leave_out(tag)
            return
        if tag in _VOID:
            self.output.append(_start_tag(tag, attrs))
            return
        closes = _CLOSES.get(tag)
        while closes and self._open and self._open[-1].tag in closes:
            self._pop()
        keep = tag in _RAW_TEXT or self._written < (
            self._kept_depth if tag in self._kept_names else self._depth
        )
        self._open.append(_Open(tag, keep))
        self._where.setdefault(tag, []).append(len(self._open) - 1)
        if keep:
            self._written += 1
            self.output.append(_start_tag(tag, attrs))
        else:
            self._leave_out(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # libxml2 reads "<div/>" as an empty div: so does the count.
        if not _NAME.match(tag) or tag in _VOID:
            self.handle_starttag(tag, attrs)
        elif self._written < self._depth:
            self.output.append(f"{_start_tag(tag, attrs)}</{tag}>")
        else:
            self._leave_out(tag)

    def handle_endtag(self, tag: str) -> None:
        places = self._where.get(tag)
        if not places:  # never opened, or void: nothing to close
            self._leave_out(tag)
            return
        target = places[-1]
        while len(self._open) > target:
            self._pop()

    def handle_data(self, data: str) -> None:
        self.output.append(html.escape(data, quote=False))

    def close_all(self) -> None:
        """Close what the page left open, innermost first."""
        while self._open:
            self._pop()

    def _pop(self) -> None:
        element = self._open.pop()
        self._where[element.tag].pop()
        if element.kept:
            self._written -= 1
            self.output.append(f"</{element.tag}>")
        else:
            self._leave_out(element.tag)

    def _leave_out(self, tag: str) -> None:
        if tag not in _PHRASING:
            self.output.append(" ")


def _start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    parts = [tag]
    for name, value in attrs:
        if _ATTRIBUTE.match(name):
            parts.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
    return f"<{' '.join(parts)}>"

"""Web pages (.html, .htm): the article's main text, title and date, nothing else.

trafilatura finds the main text and drops page furniture (navigation, cookie
banners, scripts, styles, iframes, footers, comments). Given a string it never
fetches anything, and it never runs a script or reads a file a page names:
images are left out, and links are kept only as data (http, https, mailto) for
the reader to open in the system browser when clicked.

The document's text is built here from trafilatura's element tree, one
paragraph per block, separated by blank lines, so structure detection and the
reader see the same paragraphs the page had.
"""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from spacereader.core.dates import parse_date
from spacereader.core.document import DocumentFormat
from spacereader.core.loaders.base import Link, LoadedText
from spacereader.core.loaders.encoding import decode_text
from spacereader.core.loaders.errors import (
    BinaryFileError,
    DamagedFileError,
    EmptyFileError,
    NoTextError,
)

if TYPE_CHECKING:
    from lxml.etree import _Element

LINK_SCHEMES = ("http://", "https://", "mailto:")
# Where a page may declare its encoding: the WHATWG prescan looks at the first 1024 bytes.
_PRESCAN_BYTES = 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Labels that browsers read as another encoding (WHATWG Encoding Standard).
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
                    "ascii": "cp1252", "utf-16": "utf-8", "utf-16le": "utf-8",
                    "utf-16be": "utf-8"}  # fmt: skip
_SPACES = re.compile(r"\s+")
# A page nested deeper than this has its wrappers below it unwrapped (see _parse);
# paragraphs, items and cells (_KEPT_DEEP) stay apart down to KEPT_DEPTH, under the
# 256 levels at which parts of trafilatura parse again.
MAX_DEPTH = 120
KEPT_DEPTH = 200
# html, head and body, which libxml2 adds where a page leaves them out.
_IMPLIED_LEVELS = 2
_KEPT_DEEP = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "br", "td", "th", "tr"})
# Control characters, raw or as references, which lxml refuses in a tree: one
# "&#27;" used to make the whole page "no readable text".
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_REFERENCE = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,6})|0*([0-9]{1,7}));?")
# The page's own heading may follow a kicker and a section label: then it is its title.
_TITLE_WITHIN = 3
# trafilatura's block elements; everything else is inline.
_BLOCKS = frozenset({"head", "p", "quote", "list", "item", "table", "row", "code", "div"})


def decode_html(raw: bytes) -> str:
    """A page's text: the BOM, then the encoding the page declares, then detection."""
    if raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(raw).text
    declared = _META_CHARSET.search(raw[:_PRESCAN_BYTES])
    if declared:
        label = declared.group(1).decode("ascii").lower()
        label = _CHARSET_ALIASES.get(label, label)
        try:
            return raw.decode(codecs.lookup(label).name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    return decode_text(raw).text


class _TextBuilder:
    """Paragraphs from trafilatura's tree, with the links inside them.

    White space is collapsed as it comes in (never afterwards), so the offsets
    recorded for links stay right.
    """

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.links: list[Link] = []
        self._parts: list[str] = []
        self._part_chars = 0  # characters in the current paragraph so far
        self._length = 0  # characters of the finished paragraphs, with their separators
        self._pending: list[tuple[int, int, str]] = []  # links of the current paragraph
        self._serial = 0  # counts paragraphs ended, so a link split across two is dropped

    def add_text(self, value: str | None) -> None:
        if not value:
            return
        value = unicodedata.normalize("NFC", _SPACES.sub(" ", value.replace("\ufeff", "")))
        if not self._parts or self._parts[-1].endswith((" ", "\n")):
            value = value.lstrip(" ")
        if value:
            self._parts.append(value)
            self._part_chars += len(value)

    def add_break(self) -> None:
        if self._parts and self._parts[-1].endswith(" "):
            self._parts[-1] = self._parts[-1][:-1]
            self._part_chars -= 1
        if self._parts:
            self._parts.append("\n")
            self._part_chars += 1

    def end_paragraph(self, prefix: str = "") -> None:
        body = "".join(self._parts).rstrip()
        if body:
            start = self._length + (2 if self.paragraphs else 0) + len(prefix)
            for pending_low, pending_high, href in self._pending:
                low, high = min(pending_low, len(body)), min(pending_high, len(body))
                while low < high and body[low].isspace():
                    low += 1
                while high > low and body[high - 1].isspace():
                    high -= 1
                if low < high:
                    self.links.append(Link(start + low, start + high, href))
            self.paragraphs.append(prefix + body)
            self._length = start + len(body)
        self._parts, self._pending, self._part_chars = [], [], 0
        self._serial += 1

    def inline(self, element: _Element) -> None:
        """Text of an inline element and its children; <ref> becomes a link."""
        start, serial = self._part_chars, self._serial
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "lb":
            self.add_break()
        elif tag != "graphic":
            self.add_text(element.text)
            for child in element:
                self.inline(child)
        target = str(element.get("target", "") or "")
        if tag == "ref" and target.startswith(LINK_SCHEMES) and serial == self._serial:
            self._pending.append((start, self._part_chars, target))
        self.add_text(element.tail)

    def block(self, element: _Element, prefix: str = "") -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "list":
            for item in element:
                self.block(item, "• ")
                self.add_text(item.tail)
                self.end_paragraph()
            return
        if tag == "table":
            for row in element:
                cells = ["".join(cell.itertext()).strip() for cell in row]
                self.add_text(" | ".join(cell for cell in cells if cell))
                self.end_paragraph()
            return
        self.add_text(element.text)
        for child in element:
            if isinstance(child.tag, str) and child.tag in _BLOCKS:
                # A block holding blocks: a quote of paragraphs, an item with a sub-list.
                self.end_paragraph(prefix)
                prefix = ""
                self.block(child)
                self.add_text(child.tail)
            else:
                self.inline(child)
        self.end_paragraph(prefix)


def load_html(raw: bytes) -> LoadedText:
    """A web page's main text, title, date and site, or a one-line refusal."""
    if not raw.strip():
        raise EmptyFileError("the file is empty")
    try:
        page = decode_html(raw)
    except BinaryFileError as error:
        raise BinaryFileError(f"not a web page: {error}") from error
    extracted = _extract(page)
    body = getattr(extracted, "body", None)
    if body is not None and _flattened(body):
        # Below 250 characters trafilatura falls back to a flat copy of the page, one
        # line per element, inline ones included; its own parse of a short page is better.
        again = _extract(page, min_size=1)
        if getattr(again, "body", None) is not None and len(again.body):
            extracted, body = again, again.body
    if extracted is None or body is None:
        raise NoTextError("no readable text found in this page")
    builder = _TextBuilder()
    title = _SPACES.sub(" ", str(getattr(extracted, "title", "") or "")).strip()
    for element in body:
        builder.block(element)
        builder.add_text(element.tail)
        builder.end_paragraph()
    if not builder.paragraphs:
        raise NoTextError("no readable text found in this page")
    shift = 0
    opening = {paragraph.casefold() for paragraph in builder.paragraphs[:_TITLE_WITHIN]}
    if title and title.casefold() not in opening:
        # The page's title is outside its main text: put it on top, where a reader expects it.
        builder.paragraphs.insert(0, title)
        shift = len(title) + 2
    # Paragraphs are NFC already; normalising the joined text again could move the links.
    text = "\n\n".join(builder.paragraphs)
    links = tuple(Link(link.start + shift, link.end + shift, link.href) for link in builder.links)
    # htmldate (through trafilatura) reads article:published_time, <time>, JSON-LD…
    date = str(getattr(extracted, "date", "") or "")
    return LoadedText(
        text=text,
        format=DocumentFormat.HTML,
        title=title,
        date=date,
        published=parse_date(date) if date else None,
        source=_site(extracted),
        links=tuple(link for link in links if link.end <= len(text)),
    )


def _extract(page: str, min_size: int | None = None) -> Any:
    """trafilatura's extraction of a page: given a parsed tree, it fetches nothing."""
    import trafilatura
    from trafilatura import main_extractor
    from trafilatura.settings import use_config

    # trafilatura drops a paragraph that repeats the one before it: a refrain, a
    # repeated warning. What the author wrote twice stays twice.
    setattr(main_extractor, "MIN_DUPLICATE_LENGTH", sys.maxsize)  # noqa: B010 -- not exported
    config = use_config()
    if min_size is not None:
        config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(min_size))
    try:
        return trafilatura.bare_extraction(
            _parse(page),
            with_metadata=True,
            include_comments=False,
            include_links=True,
            include_images=False,
            include_tables=True,
            config=config,
        )
    except DamagedFileError:
        raise
    except Exception as error:  # lxml and trafilatura raise many kinds on broken input
        raise DamagedFileError(f"cannot read this page ({type(error).__name__})") from error


def _parse(page: str) -> Any:
    """The page as an lxml tree, with every word in it and no hopelessly deep nesting.

    libxml2 stops at 256 levels unless told otherwise (2,048 with its "huge"
    option, a limit nothing lifts), silently dropping the rest of the page;
    trafilatura walks the tree recursively. So a page nested deeper than
    MAX_DEPTH is written again flattened (see html_nesting), in linear time,
    and parsed again: paragraphs, items and cells stay apart down to
    KEPT_DEPTH, other wrappers are unwrapped below MAX_DEPTH.
    """
    cleaned = _CONTROL_REFERENCE.sub(_keep_if_shown, _RAW_CONTROL.sub("", page))
    tree, too_deep = _parse_tree(cleaned)
    deep = _too_deep(tree)
    if too_deep or deep:
        from spacereader.core.loaders.html_nesting import flatten_nesting

        flat = flatten_nesting(
            cleaned, MAX_DEPTH - _IMPLIED_LEVELS, kept_names=_KEPT_DEEP, kept_depth=KEPT_DEPTH
        )
        tree, too_deep = _parse_tree(flat)
        if too_deep:  # the flattened page is closed explicitly: libxml2 cannot get there
            raise DamagedFileError("this page is nested too deeply to read")
        # What the flattening may have left (where libxml2 nests otherwise) is unwrapped.
        deep = _too_deep(tree)
    for element in reversed(deep):  # innermost first: each drop_tag keeps text and children
        element.drop_tag()
    return tree


def _too_deep(tree: Any) -> list[Any]:
    """The elements nested deeper than their limit, outermost first."""
    deep = []
    depths = {tree: 0}
    for element in tree.iterdescendants():
        depth = depths[element.getparent()] + 1
        depths[element] = depth
        if depth > (KEPT_DEPTH if element.tag in _KEPT_DEEP else MAX_DEPTH):
            deep.append(element)
    return deep


def _parse_tree(page: str) -> tuple[Any, bool]:
    """The page parsed by libxml2, and whether it stopped at its depth limit."""
    import lxml.html

    parser = lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    tree = lxml.html.document_fromstring(page.encode("utf-8"), parser=parser)
    too_deep = any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log)
    return tree, too_deep


def _keep_if_shown(match: re.Match[str]) -> str:
    """A character reference to a control character (&#27;) shows nothing: it goes."""
    number = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return "" if (number < 32 and number not in (9, 10, 13)) or number == 127 else match.group()


def _flattened(body: _Element) -> bool:
    return (
        len(body) == 1 and body[0].tag == "p" and not len(body[0]) and "\n" in (body[0].text or "")
    )


def _site(extracted: object) -> str:
    site = str(getattr(extracted, "sitename", "") or "").strip()
    if site:
        return site
    url = str(getattr(extracted, "url", "") or "")
    if not url.startswith(("http://", "https://")):
        return ""
    return urlsplit(url).hostname or ""

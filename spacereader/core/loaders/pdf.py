"""PDF files: the text layer, page by page, with paragraphs as blank-line blocks.

pypdf reads the text layer. A PDF holds lines, not paragraphs, so a blank line
is put where a paragraph plainly ends: a larger vertical gap than the page's
usual line spacing, an indented first line, a jump back up the page (a new
column), or a short line ending a sentence. Structure detection then finds the
paragraphs as in any text capture. Page numbers alone on the first or last
line of a page are dropped.

Refusals: no "%PDF" header (a fake), no end-of-file marker (truncated), a
password or an encryption pypdf cannot open, a damaged file, and pages with no
text at all ("no text layer — scanned image?"), and pages that inflate far
beyond the file's size or take too long to read (loaders/budget.py).
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from statistics import median
from typing import Any

from spacereader.core.document import DocumentFormat
from spacereader.core.loaders import budget
from spacereader.core.loaders.base import LoadedText, normalize_text
from spacereader.core.loaders.errors import (
    DamagedFileError,
    EmptyFileError,
    EncryptedFileError,
    NoTextError,
    TooLargeError,
)

# The header may follow some junk, but within the first kilobyte (PDF 1.7, annex H).
HEADER_WINDOW = 1024
# Where the last "%%EOF" must be; a few kilobytes of trailing junk are tolerated.
EOF_WINDOW = 4096
# A line this much farther below the previous one than the usual spacing starts a paragraph.
PARAGRAPH_GAP = 1.4
# A line shorter than this share of the page's long lines, ending a sentence, ends a paragraph.
SHORT_LINE = 0.75
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of)\s*\d{1,4})?$", re.IGNORECASE
)
_JUNK_TITLE = re.compile(
    r"^(?:untitled|microsoft\s+word\b|document\d*$)|\.(?:docx?|pdf|indd)$", re.I
)


@dataclass
class _Line:
    text: str
    x: float | None = None
    y: float | None = None
    size: float = 0.0


def load_pdf(raw: bytes) -> LoadedText:
    """A PDF's text layer as a document, or a one-line refusal."""
    if not raw:
        raise EmptyFileError("the file is empty")
    if b"%PDF-" not in raw[:HEADER_WINDOW]:
        raise DamagedFileError("not a PDF file (it has no PDF header)")
    if b"%%EOF" not in raw[-EOF_WINDOW:]:
        raise DamagedFileError("truncated PDF (its end is missing)")
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    problems = _Problems()
    logging.getLogger("pypdf").addHandler(problems)
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError as error:
                raise EncryptedFileError(
                    "encrypted PDF with an unsupported kind of encryption"
                ) from error
            if not opened:
                raise EncryptedFileError("encrypted PDF — it needs a password")
        pages = []
        inflated, limit = 0, budget.inflation_limit(len(raw))
        for page in reader.pages:
            budget.check()  # between pages: the file's time, and the user's Cancel
            inflated += _content_bytes(page)
            if inflated > limit:
                raise TooLargeError(
                    f"its pages inflate to more than {limit // 2**20} MB of drawing"
                    " instructions (a compression bomb?)"
                )
            pages.append(_page_text(page))
    except (EncryptedFileError, TooLargeError, budget.TooSlowError, budget.ReadingCancelledError):
        raise
    except Exception as error:  # pypdf raises many kinds (and KeyError…) on a broken file
        raise DamagedFileError(f"damaged PDF ({_reason(error)})") from error
    finally:
        logging.getLogger("pypdf").removeHandler(problems)
    text = normalize_text("\n\n".join(page for page in pages if page))
    if not text.strip():
        if problems.first:
            # pypdf read past broken objects: the text is missing, not absent by design.
            raise DamagedFileError(f"damaged PDF ({problems.first})")
        raise NoTextError("no text layer — scanned image?")
    date = _metadata_date(reader)
    return LoadedText(
        text=text,
        format=DocumentFormat.PDF,
        title=_metadata_title(reader),
        date=date,
        published=date or None,
    )


class _Problems(logging.Handler):
    """The first warning pypdf logs while reading: why a damaged file has no text."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.first = ""

    def emit(self, record: logging.LogRecord) -> None:
        # The handler sits on a shared logger: keep only this thread's warnings.
        if record.thread == self.thread and not self.first:
            self.first = _reason(Exception(record.getMessage()))


def _reason(error: Exception) -> str:
    message = " ".join(str(error).split())
    return message[:120] if message else type(error).__name__


def _metadata_title(reader: Any) -> str:
    try:
        title = " ".join(str(reader.metadata.title or "").split()) if reader.metadata else ""
    except Exception:  # metadata of a damaged file is optional, never a reason to refuse
        return ""
    return "" if _JUNK_TITLE.search(title) else title


def _metadata_date(reader: Any) -> str:
    try:
        created = reader.metadata.creation_date if reader.metadata else None
    except Exception:
        return ""
    return created.date().isoformat() if isinstance(created, datetime) else ""


def _content_bytes(page: Any) -> int:
    """The size of a page's drawing instructions once inflated (pypdf keeps it decoded)."""
    contents = page.get_contents()
    return len(contents.get_data()) if contents is not None else 0


def _page_text(page: Any) -> str:
    """One page's lines, with blank lines where paragraphs end."""
    lines: list[_Line] = [_Line("")]

    def visit(text: str, cm: Any, tm: Any, _font: Any, size: Any) -> None:
        # Text space to user space: the text matrix, then the graphics matrix. The
        # position is where the chunk starts, so it belongs to its first line only.
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        scale = abs(tm[3] * cm[3]) or 1.0
        for number, piece in enumerate(text.split("\n")):
            if number:
                lines.append(_Line(""))
            line = lines[-1]
            if number == 0 and piece.strip() and line.y is None:
                line.x, line.y = float(x), float(y)
                line.size = float(size or 0) * scale
            line.text += piece

    page.extract_text(visitor_text=visit)
    kept = [_Line(line.text.rstrip(), line.x, line.y, line.size) for line in lines]
    while kept and not kept[-1].text.strip():
        kept.pop()
    while kept and not kept[0].text.strip():
        kept.pop(0)
    for edge in (0, -1):
        if kept and _PAGE_NUMBER.match(kept[edge].text.strip()):
            kept.pop(edge)
    return _join_lines(kept)


def _join_lines(lines: list[_Line]) -> str:
    placed = [line for line in lines if line.y is not None]
    gaps = [
        previous.y - line.y
        for previous, line in itertools.pairwise(placed)
        if previous.y is not None and line.y is not None and previous.y > line.y
    ]
    spacing = median(gaps) if gaps else 0.0
    starts = [round(line.x) for line in placed if line.x is not None]
    margin = min(starts, key=lambda x: (-starts.count(x), x)) if starts else None
    lengths = sorted(len(line.text.strip()) for line in lines if line.text.strip())
    long_line = lengths[int(len(lengths) * 0.9)] if lengths else 0
    parts: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if not line.text.strip():
            previous = None  # a blank line pypdf kept is a paragraph break already
            if parts:
                parts.append("\n")
            continue
        if previous is not None:
            ends = _ends_paragraph(previous, line, spacing, margin, long_line)
            parts.append("\n\n" if ends else "\n")
        elif parts and not parts[-1].endswith("\n\n"):
            parts.append("\n")
        parts.append(line.text.strip())
        previous = line
    return re.sub(r"\n{3,}", "\n\n", "".join(parts))


def _ends_paragraph(
    previous: _Line, line: _Line, spacing: float, margin: int | None, long_line: int
) -> bool:
    if previous.y is not None and line.y is not None and spacing > 0:
        gap = previous.y - line.y
        if gap > spacing * PARAGRAPH_GAP or gap < -spacing:
            return True
    if margin is not None and line.x is not None and previous.x is not None:
        em = line.size or 10.0
        indented = em * 0.8 < line.x - margin < em * 8
        if indented and abs(previous.x - margin) < em * 0.5:
            return True
    text = previous.text.strip()
    return len(text) < SHORT_LINE * long_line and bool(_SENTENCE_END.search(text))

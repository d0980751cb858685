"""A PDF that would take hours is refused in moments; Cancel works inside a long file."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from spacereader.core import importer
from spacereader.core.importer import import_paths
from spacereader.core.library import Library
from spacereader.core.loaders import budget
from tests.import_corpus import PDF_PARAGRAPHS, make_pdf, text_page


def pdf_bomb(pages: int = 1000, inflated: int = 64 * 2**20) -> bytes:
    """A ~221 KB PDF whose pages all draw one stream that inflates to 64 MB (hours to read)."""
    line = b"BT /F1 12 Tf 72 700 Td (Lunar station) Tj ET\n"
    content = zlib.compress(line + b" " * (inflated - 2 * len(line)) + line, 9)
    kids = b" ".join(b"%d 0 R" % (5 + number) for number in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        b" /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    objects += [page] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_a_pdf_bomb_is_refused_at_once(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf_bomb())
    assert len(bomb.read_bytes()) < 250_000
    # A separate process with a deadline: before the budget, this took hours.
    result = subprocess.run(
        [sys.executable, "-m", "spacereader", "import", str(bomb)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith("spacereader: bomb.pdf: its pages inflate to more than 32 MB")


def many_pages(tmp_path: Path, count: int = 20) -> Path:
    path = tmp_path / "report.pdf"
    pages = [text_page(PDF_PARAGRAPHS, page_number=number) for number in range(1, count + 1)]
    path.write_bytes(make_pdf(pages, title="Report"))
    return path


def test_a_file_past_its_time_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "SECONDS_PER_FILE", 0)
    library = Library()
    summary = import_paths(library, [many_pages(tmp_path)])
    [item] = summary.items
    assert item.error == "report.pdf: took longer than 0 seconds to read (the limit)"
    assert [info for info in library.documents() if not info.bundled] == []


def test_cancel_stops_inside_a_long_file(tmp_path: Path) -> None:
    library = Library()
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3  # before the file, then between its first pages

    summary = import_paths(library, [many_pages(tmp_path)], cancelled=cancelled)
    assert summary.cancelled
    assert summary.items == ()
    assert len(asked) == 4  # it stopped on the first check inside the file, not after it
    assert [info for info in library.documents() if not info.bundled] == []
    assert importer.import_file(library, many_pages(tmp_path)).ok  # no budget left set

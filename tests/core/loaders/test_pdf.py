"""PDFs: the text layer with paragraphs; clear refusals for everything else."""

from __future__ import annotations

import pytest

from spacereader.core.document import DocumentFormat
from spacereader.core.loaders.errors import (
    DamagedFileError,
    EmptyFileError,
    EncryptedFileError,
    NoTextError,
)
from spacereader.core.loaders.pdf import load_pdf
from spacereader.core.structure import detect_structure
from tests.import_corpus import (
    IMAGE_PAGE,
    PDF_PARAGRAPHS,
    PDF_TEXT,
    encrypted_pdf,
    make_pdf,
    text_page,
    text_pdf,
)


def test_text_layer_with_paragraphs_and_title() -> None:
    loaded = load_pdf(text_pdf())
    assert loaded.format is DocumentFormat.PDF
    assert loaded.text == PDF_TEXT
    assert loaded.title == "Argonaut approval"
    structure = detect_structure(loaded.text)
    assert structure.title == "ESA Approves the Argonaut Lunar Lander"
    assert len(structure.paragraphs) == 2


def test_pages_are_joined_and_page_numbers_dropped() -> None:
    pages = [
        text_page(PDF_PARAGRAPHS, page_number=1),
        text_page((("A second page with its own paragraph.",),), page_number=2),
    ]
    text = load_pdf(make_pdf(pages)).text
    assert text == PDF_TEXT + "\n\nA second page with its own paragraph."


def test_an_indented_first_line_starts_a_paragraph() -> None:
    # No extra space between paragraphs, only an indent: common in reports and books.
    content = (
        b"BT /F1 11 Tf 14 TL 72 720 Td (The first paragraph runs over two lines of) Tj T*"
        b" (text that fills the measure of the page.) Tj ET"
        b" BT /F1 11 Tf 14 TL 90 692 Td (An indented line opens the second paragraph) Tj T*"
        b" ET BT /F1 11 Tf 14 TL 72 678 Td (which continues here at the margin.) Tj ET"
    )
    text = load_pdf(make_pdf([content])).text
    assert text.split("\n\n") == [
        "The first paragraph runs over two lines of\ntext that fills the measure of the page.",
        "An indented line opens the second paragraph\nwhich continues here at the margin.",
    ]


def test_a_pdf_with_only_an_owner_password_opens() -> None:
    # Permission-only encryption: every viewer opens it without asking.
    for algorithm in ("RC4-128", "AES-128", "AES-256"):
        assert load_pdf(encrypted_pdf("", algorithm)).text == PDF_TEXT


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_a_pdf_that_needs_a_password_is_refused(algorithm: str) -> None:
    with pytest.raises(EncryptedFileError, match="encrypted PDF — it needs a password"):
        load_pdf(encrypted_pdf("secret", algorithm))


def test_a_scanned_pdf_is_refused() -> None:
    with pytest.raises(NoTextError, match=r"^no text layer — scanned image\?$"):
        load_pdf(make_pdf([IMAGE_PAGE], with_image=True))


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_a_truncated_pdf_is_refused(keep: float) -> None:
    data = text_pdf()
    with pytest.raises(DamagedFileError, match="truncated PDF"):
        load_pdf(data[: int(len(data) * keep)])


def test_a_fake_pdf_is_refused() -> None:
    with pytest.raises(DamagedFileError, match="not a PDF file"):
        load_pdf(b"Just some text, saved with a .pdf name.\n%%EOF\n")


def test_a_corrupt_pdf_is_refused_in_one_line() -> None:
    data = bytearray(text_pdf())
    start = data.index(b"1 0 obj")
    data[start : start + 400] = b"\x00garbage" * 50
    with pytest.raises(DamagedFileError) as refused:
        load_pdf(bytes(data))
    assert str(refused.value).startswith("damaged PDF (")
    assert "\n" not in str(refused.value)


def test_an_empty_pdf_is_refused() -> None:
    with pytest.raises(EmptyFileError):
        load_pdf(b"")

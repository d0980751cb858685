"""The import corpus: every kind of file a user may bring, built in a test's folder.

Each case is a file (or a missing path) and what importing it must give: the
document's exact text, or a refusal containing a given phrase. PDFs are written
here by a tiny PDF writer, so the corpus needs no binary fixtures.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

# A French/English capture as Windows-1252 saves it: accents, curly quotes, dashes, euro.
WESTERN_TEXT = (
    "News / Brèves\n\n"
    "ESA’s “Argonaut” lander wins approval\n\n"
    "PARIS — L’Agence spatiale européenne a approuvé l’atterrisseur lunaire Argonaut, "
    "un programme de 900 millions d’euros. The agency’s director said it was “a big step” "
    "for Europe’s autonomy – and a first for the Moon… Coût : 900 M€.\n"
)
# Latin-1 has no curly quotes and no euro sign.
LATIN1_TEXT = (
    "Raumfahrt / Espace\n\n"
    "Die Bundesregierung beschließt die Raumfahrtstrategie\n\n"
    "Größere Förderung für die Trägerraketen, sagte die Ministerin. "
    "Le CNES salue une décision « très attendue » à Paris.\n"
)
UTF8_TEXT = (
    "Roscosmos and CNSA sign ILRS memorandum\n\n"
    "MOSCOW — Роскосмос and the CNSA signed a memorandum on the International Lunar "
    "Research Station (ILRS); 中国国家航天局 said the first phase ends in 2030. 🚀\n"
)

MARKDOWN_TEXT = """# The **Artemis** Accords

*Signed* by 40 nations, the [Accords](https://www.nasa.gov/artemis-accords) set out
principles for the exploration of the Moon.

## Principles

- Peaceful purposes
- Transparency and `interoperability`

> Space is for everyone.
"""

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>ESA approves Argonaut lunar lander | Space Bulletin</title>
<meta property="og:site_name" content="Space Bulletin">
<meta property="article:published_time" content="2023-03-14T10:00:00Z">
<link rel="stylesheet" href="https://cdn.example.com/site.css">
<style>.banner { color: red } p { font-family: serif }</style>
<script>document.write("<p>SCRIPT-WRITTEN TEXT</p>"); fetch("https://tracker.example.com/t");</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/launch">Launch NAVLINK</a></li></ul></nav>
<div id="cookie-banner" class="cookie-consent">We use cookies COOKIETEXT to improve your
experience. <button>Accept all cookies</button></div>
<article>
<h1>ESA approves Argonaut lunar lander</h1>
<p>PARIS — The European Space Agency approved on Tuesday the
<a href="https://www.esa.int/argonaut">Argonaut</a> lunar lander, a programme worth
<b>€900 million</b> over ten years.
<p>The lander will carry up to 1.5 tonnes of cargo to the lunar surface.
<img src="https://tracker.example.com/pixel.gif" alt="">
<img src="file:///etc/passwd" alt="local">
<a href="file:///etc/hostname">a local file</a> is named here but never read.
<p>Member states committed the funding at the ministerial council, officials said,
adding that the <i>first mission could fly in 2031
<iframe src="https://www.youtube.com/embed/IFRAMEVIDEO"></iframe>
</article>
<footer><p>© 2023 Space Bulletin FOOTERTEXT. All rights reserved.</p></footer>
<script src="https://evil.example.com/x.js"></script>
</body></html>
"""
HTML_MAIN_SENTENCES = (
    "ESA approves Argonaut lunar lander",
    "PARIS — The European Space Agency approved on Tuesday the Argonaut lunar lander, "
    "a programme worth €900 million over ten years.",
    "The lander will carry up to 1.5 tonnes of cargo to the lunar surface.",
    "Member states committed the funding at the ministerial council",
)
HTML_FURNITURE = (
    "SCRIPT-WRITTEN",
    "tracker",
    "COOKIETEXT",
    "NAVLINK",
    "FOOTERTEXT",
    "IFRAMEVIDEO",
    "font-family",
    "/etc/passwd",
)

PDF_PARAGRAPHS = (
    ("ESA Approves the Argonaut Lunar Lander",),
    (
        "The European Space Agency approved on Tuesday the Argonaut",
        "lunar lander, a programme worth 900 million euros over ten",
        "years. Brèves “quoted”.",
    ),
    (
        "The lander will carry up to 1.5 tonnes of cargo to the lunar",
        "surface, the agency said in a statement.",
    ),
)
PDF_TEXT = "\n\n".join("\n".join(lines) for lines in PDF_PARAGRAPHS)


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_page(paragraphs: tuple[tuple[str, ...], ...], page_number: int | None = None) -> bytes:
    """A content stream: each line 14 pt below the last, an empty line between paragraphs."""
    ops = [b"BT /F1 11 Tf 14 TL 72 720 Td"]
    for lines in paragraphs:
        ops.extend(_pdf_string(line) + b" Tj T*" for line in lines)
        ops.append(b"T*")
    ops.append(b"ET")
    if page_number is not None:
        ops.append(b"BT /F1 9 Tf 300 40 Td " + _pdf_string(str(page_number)) + b" Tj ET")
    return b"\n".join(ops)


IMAGE_PAGE = b"q 200 0 0 200 72 500 cm /Im1 Do Q"


def make_pdf(pages: list[bytes], title: str = "", with_image: bool = False) -> bytes:
    """A small valid PDF with Helvetica text pages (and a 1×1 grey image if asked)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    image = 0
    if with_image:
        image = add(
            b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray"
            b" /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
        )
    pages_id = len(objects) + 2 * len(pages) + 1
    resources = b"<< /Font << /F1 %d 0 R >>" % font
    if image:
        resources += b" /XObject << /Im1 %d 0 R >>" % image
    resources += b" >>"
    kids = []
    for content in pages:
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources %s"
                b" /Contents %d 0 R >>" % (pages_id, resources, stream)
            )
        )
    kid_refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kid_refs, len(kids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info = add(b"<< /Title " + _pdf_string(title) + b" >>") if title else 0
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    trailer += b" /Info %d 0 R >>" % info if info else b" >>"
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def text_pdf() -> bytes:
    """The corpus's PDF: one page of three paragraphs and a page number."""
    return make_pdf([text_page(PDF_PARAGRAPHS, page_number=1)], title="Argonaut approval")


def encrypted_pdf(user_password: str, algorithm: str = "AES-256") -> bytes:
    """The text PDF, encrypted by pypdf."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class Case:
    """A corpus file and its expected result: exact text, or a refusal phrase.

    With neither, the file imports and its own tests check the text.
    """

    name: str
    data: bytes | None  # None: the path does not exist
    text: str | None = None
    refusal: str | None = None


def corpus_cases() -> list[Case]:
    """Every case of the corpus, in a stable order."""
    return [
        Case("utf8.txt", UTF8_TEXT.encode("utf-8"), text=UTF8_TEXT),
        Case("utf8-bom.txt", b"\xef\xbb\xbf" + UTF8_TEXT.encode("utf-8"), text=UTF8_TEXT),
        Case("utf16-le.txt", b"\xff\xfe" + UTF8_TEXT.encode("utf-16-le"), text=UTF8_TEXT),
        Case("utf16-be.txt", b"\xfe\xff" + UTF8_TEXT.encode("utf-16-be"), text=UTF8_TEXT),
        Case("windows-1252.txt", WESTERN_TEXT.encode("cp1252"), text=WESTERN_TEXT),
        Case(
            "windows-1252-crlf.txt",
            WESTERN_TEXT.replace("\n", "\r\n").encode("cp1252"),
            text=WESTERN_TEXT,
        ),
        Case("latin-1.txt", LATIN1_TEXT.encode("latin-1"), text=LATIN1_TEXT),
        Case("accords.md", MARKDOWN_TEXT.encode("utf-8"), text=MARKDOWN_TEXT),
        Case("argonaut.html", HTML_PAGE.encode("utf-8")),  # its text: see the HTML tests
        Case("argonaut.pdf", text_pdf(), text=PDF_TEXT),
        Case("scan.pdf", make_pdf([IMAGE_PAGE], with_image=True), refusal="no text layer"),
        Case("secret.pdf", encrypted_pdf("secret"), refusal="encrypted PDF"),
        Case("cut.pdf", text_pdf()[: len(text_pdf()) // 2], refusal="truncated PDF"),
        Case("fake.pdf", b"This is a plain text file named .pdf\n", refusal="not a PDF"),
        Case("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, refusal="binary"),
        Case("noise.txt", bytes(range(1, 256)) * 8, refusal="binary"),
        Case("nul.txt", b"\0" * 4096, refusal="NUL"),
        Case("empty.txt", b"", refusal="empty"),
        Case("blank.txt", b" \n\t\r\n  \n", refusal="only white space"),
        Case("report.docx", b"PK\x03\x04 a zip archive", refusal="not supported"),
        Case("missing.txt", None, refusal="no such file"),
    ]


def write_corpus(folder: Path) -> list[Case]:
    """Write every case's file into `folder`; return the cases."""
    folder.mkdir(parents=True, exist_ok=True)
    cases = corpus_cases()
    for case in cases:
        if case.data is not None:
            (folder / case.name).write_bytes(case.data)
    return cases

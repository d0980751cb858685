"""Publication dates: every kind of dated document gets the right `published`."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from spacereader.core.library import Library, LibraryError
from spacereader.core.loaders import load_file
from spacereader.core.loaders.pdf import load_pdf
from tests.import_corpus import text_pdf

DATA = Path(__file__).parents[1] / "data" / "extraction"
BODY = (
    "The International Lunar Research Station brought partners together this week,"
    " and officials said that the cooperation would continue to grow in the years"
    " ahead, with new members joining the project. "
) * 3


@pytest.fixture
def library() -> Library:
    return Library()


def imported(library: Library, folder: Path, name: str, content: str | bytes) -> str | None:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return library.add_file(path).info.published


def page(head: str, body: str = f"<p>{BODY}</p>") -> str:
    return (
        f"<html><head><title>Lunar station news</title>{head}</head><body><article>"
        f"<h1>Lunar station news today</h1>{body}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("name", "content", "published"),
    [
        ("moscow.txt", f"Station talks\n\nMOSCOW, March 9, 2021 — {BODY}", "2021-03-09"),
        ("eirns.txt", f"Station talks\n\nEIRNS — August 2, 2024 — {BODY}", "2024-08-02"),
        ("nasa.txt", (DATA / "nasa_budget_brief.txt").read_text(encoding="utf-8"), "2024-03-11"),
        (
            "byline.txt",
            f"Station talks go on\n\nBy Jane Doe\nDate: 3 March 2023\n\n{BODY}",
            "2023-03-03",
        ),
        ("month.txt", f"Station talks go on\n\nPublished: August 2024\n\n{BODY}", "2024-08"),
        ("paris.txt", f"Station\n\nPARIS, 9 mars 2021 (AFP) — {BODY}", "2021-03-09"),
        (
            "fevrier.txt",
            f"La station lunaire\n\nPublié le 1er février 2022\n\n{BODY}",
            "2022-02-01",
        ),
        # Without a year: partial, never guessed.
        ("yearless.txt", f"Station talks\n\nEIRNS — Jan. 28 — {BODY}", "--01-28"),
        ("undated.txt", f"Station talks go on\n\n{BODY}", None),
        (
            "front.md",
            f"---\ntitle: The ILRS at five\ndate: 2021-06-16\n---\n\n{BODY}",
            "2021-06-16",
        ),
        (
            "quoted.md",
            "---\ntitle: 'It''s the ILRS'\npublished: \"June 16, 2021\"\ntags: [ilrs]\n"
            f"---\n{BODY}",
            "2021-06-16",
        ),
        (
            "hugo.md",
            f'+++\ntitle = "Station"\ndate = 2020-01-05T10:00:00Z\n+++\n{BODY}',
            "2020-01-05",
        ),
        (
            "meta.html",
            page('<meta property="article:published_time" content="2022-05-14T08:00:00Z">'),
            "2022-05-14",
        ),
        (
            "modified.html",
            page(
                '<meta property="article:modified_time" content="2023-01-02T08:00:00Z">'
                '<meta property="article:published_time" content="2022-05-14T08:00:00Z">'
            ),
            "2022-05-14",
        ),
        (
            "time.html",
            page("", f'<time datetime="2021-11-02">2 Nov 2021</time><p>{BODY}</p>'),
            "2021-11-02",
        ),
        (
            "jsonld.html",
            page(
                '<script type="application/ld+json">{"@context": "https://schema.org",'
                ' "@type": "NewsArticle", "datePublished": "2020-02-03T10:00:00+01:00"}</script>'
            ),
            "2020-02-03",
        ),
    ],
)
def test_published_of_each_kind(
    library: Library, tmp_path: Path, name: str, content: str, published: str | None
) -> None:
    assert imported(library, tmp_path, name, content) == published


def pdf_with_date(created: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.add_metadata({"/CreationDate": created})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_takes_its_metadata_date(library: Library, tmp_path: Path) -> None:
    assert imported(library, tmp_path, "lander.pdf", pdf_with_date("D:20220304120000Z")) == (
        "2022-03-04"
    )
    assert load_pdf(text_pdf()).published is None


def test_a_dated_header_beats_a_pdf_creation_date(library: Library, tmp_path: Path) -> None:
    from tests.import_corpus import make_pdf, text_page

    lines = (("Lunar station talks",), ("MOSCOW, March 9, 2021 — The partners met again.",))
    pdf = make_pdf([text_page(lines)])
    path = tmp_path / "talks.pdf"
    path.write_bytes(pdf)
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/CreationDate": "D:20230101000000Z"})
    with path.open("wb") as stream:
        writer.write(stream)
    assert library.add_file(path).info.published == "2021-03-09"


def test_front_matter_gives_the_title_not_its_last_line(tmp_path: Path) -> None:
    path = tmp_path / "front.md"
    path.write_text("---\ntitle: The ILRS at five\ndate: 2021-06-16\n---\n\nBody text.\n")
    assert load_file(path).title == "The ILRS at five"
    path.write_text("---\nauthor: Jane\ndate: 2021-06-16\n---\n\n# A heading\n\nBody.\n")
    assert load_file(path).title == "A heading"
    path.write_text("---\ndate: 2021-06-16\n---\n\nNo heading at all in this one.\n")
    assert load_file(path).title != "date: 2021-06-16"


def test_a_date_the_user_set_outlives_a_reimport(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "talks.txt"
    path.write_text(f"Station talks\n\nMOSCOW, March 9, 2021 — {BODY}")
    info = library.add_file(path).info
    assert not info.published_by_user
    changed = library.set_published(info.id, "2021-03-10")
    assert (changed.published, changed.published_by_user) == ("2021-03-10", True)
    path.write_text(f"Station talks\n\nMOSCOW, March 9, 2021 — {BODY} More.")
    again = library.add_file(path).info
    assert again.id == info.id
    assert (again.published, again.published_by_user) == ("2021-03-10", True)
    back = library.set_published(info.id, None)
    assert (back.published, back.published_by_user) == ("2021-03-09", False)


@pytest.mark.parametrize("wrong", ["2021-02-30", "March 9", "yesterday", "--13-01", ""])
def test_a_wrong_date_is_refused_and_nothing_changes(
    library: Library, tmp_path: Path, wrong: str
) -> None:
    path = tmp_path / "talks.txt"
    path.write_text(f"Station talks\n\nMOSCOW, March 9, 2021 — {BODY}")
    info = library.add_file(path).info
    with pytest.raises(LibraryError, match="not a date"):
        library.set_published(info.id, wrong)
    assert library.info(info.id).published == "2021-03-09"


def test_documents_catalogued_before_dates_get_theirs(library: Library, tmp_path: Path) -> None:
    paths = {
        "moscow.txt": f"Station talks\n\nMOSCOW, March 9, 2021 — {BODY}",
        "front.md": f"---\ntitle: Five\ndate: 2021-06-16\n---\n\n{BODY}",
        "meta.html": page('<meta property="article:published_time" content="2022-05-14">'),
        "undated.txt": f"Station talks go on\n\n{BODY}",
    }
    ids = {}
    for name, content in paths.items():
        (tmp_path / name).write_text(content)
        ids[name] = library.add_file(tmp_path / name).info.id
    # As an older SpaceReader left them: never looked for.
    with sqlite3.connect(library.root / "library.sqlite3") as db:
        db.execute("UPDATE documents SET published = NULL")
    library.close()
    reopened = Library()
    assert all(info.published is None for info in reopened.documents())
    assert reopened.fill_missing_published() == len(paths) + 1  # and the bundled article
    assert reopened.fill_missing_published() == 0  # once only
    found = {name: reopened.info(doc_id).published for name, doc_id in ids.items()}
    assert found == {
        "moscow.txt": "2021-03-09",
        "front.md": "2021-06-16",
        "meta.html": "2022-05-14",
        "undated.txt": None,
    }

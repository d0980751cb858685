"""The library's side of importing: copies, versions, removal with Undo, positions, recent."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from spacereader.core import library_files, library_store
from spacereader.core.errors import DocumentNotFoundError
from spacereader.core.library import AddOutcome, Library, LibraryError
from tests.import_corpus import HTML_PAGE, WESTERN_TEXT, text_pdf

ARTICLE = "Artemis II Crew Named\n\nNASA named the four astronauts of Artemis II.\n"


@pytest.fixture
def library() -> Library:
    return Library()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_import_keeps_a_copy_of_the_original(library: Library, tmp_path: Path) -> None:
    source = write(tmp_path / "brèves.txt", WESTERN_TEXT, "cp1252")
    result = library.add_file(source)
    source.unlink()  # the original goes away; the document stays readable
    document = library.load(result.info.id)
    assert document.text == WESTERN_TEXT
    original = library.original_path(result.info.id)
    assert original is not None
    assert original.parent == library.texts
    assert original.read_bytes() == WESTERN_TEXT.encode("cp1252")
    assert original.suffix == ".txt"


def test_the_same_content_twice_is_one_document(library: Library, tmp_path: Path) -> None:
    first = library.add_file(write(tmp_path / "a.txt", ARTICLE))
    again = library.add_file(write(tmp_path / "copy-of-a.txt", ARTICLE))
    assert first.outcome is AddOutcome.ADDED
    assert again.outcome is AddOutcome.UNCHANGED
    assert again.info.id == first.info.id
    assert len(library) == 2  # with the bundled article


def test_a_changed_file_updates_its_document_in_place(library: Library, tmp_path: Path) -> None:
    path = write(tmp_path / "crew.txt", ARTICLE)
    first = library.add_file(path)
    old_files = set(library.texts.iterdir())
    write(path, ARTICLE + "\nThe flight is planned for 2025.\n")
    second = library.add_file(path)
    assert second.outcome is AddOutcome.UPDATED
    assert second.info.id == first.info.id
    assert library.load(first.info.id).text.endswith("planned for 2025.\n")
    assert len(library) == 2
    # The previous version's files are gone; only the new text and copy remain.
    assert not old_files & set(library.texts.iterdir())
    assert len(list(library.texts.iterdir())) == 2


def test_a_failed_write_leaves_the_library_as_it_was(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "crew.txt", ARTICLE)
    before = library.documents()
    calls = []

    def fail_on_second(target: Path, data: bytes) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_write(target, data)

    real_write = library_files.write_atomically
    monkeypatch.setattr("spacereader.core.library.write_atomically", fail_on_second)
    with pytest.raises(OSError, match="No space left"):
        library.add_file(path)
    assert library.documents() == before
    assert list(library.texts.iterdir()) == []


def test_metadata_from_the_format_wins(library: Library, tmp_path: Path) -> None:
    html = library.add_file(write(tmp_path / "page.html", HTML_PAGE))
    assert html.info.title == "ESA approves Argonaut lunar lander"
    assert html.info.date == "2023-03-14"
    assert html.info.source == "Space Bulletin"
    [link] = library.links(html.info.id)
    assert library.load(html.info.id).text[link.start : link.end] == "Argonaut"
    pdf_path = tmp_path / "argonaut.pdf"
    pdf_path.write_bytes(text_pdf())
    pdf = library.add_file(pdf_path)
    assert pdf.info.title == "Argonaut approval"
    assert library.original_path(pdf.info.id).read_bytes() == text_pdf()  # type: ignore[union-attr]


def test_remove_and_undo(library: Library, tmp_path: Path) -> None:
    doc_id = library.add_file(write(tmp_path / "page.html", HTML_PAGE)).info.id
    library.set_position(doc_id, 120)
    library.touch(doc_id)
    text = library.load(doc_id).text
    files = sorted(path.name for path in library.texts.iterdir())

    removed = library.remove(doc_id)
    assert doc_id not in library
    assert list(library.texts.iterdir()) == []
    assert all(info.id != doc_id for info in library.recent())
    with pytest.raises(DocumentNotFoundError):
        library.info(doc_id)

    info = library.restore(removed)
    assert info == removed.info
    assert library.load(doc_id).text == text
    assert sorted(path.name for path in library.texts.iterdir()) == files
    assert library.position(doc_id) == 120
    assert library.recent()[0].id == doc_id
    assert len(library.links(doc_id)) == 1


def test_undo_refuses_when_the_document_came_back(library: Library, tmp_path: Path) -> None:
    path = write(tmp_path / "crew.txt", ARTICLE)
    removed = library.remove(library.add_file(path).info.id)
    library.add_file(path)
    with pytest.raises(LibraryError, match="in the library again"):
        library.restore(removed)


def test_a_removed_bundled_article_stays_removed(library: Library) -> None:
    [seed] = library.documents()
    removed = library.remove(seed.id)
    assert seed.path.exists()  # shipped files are never deleted
    assert seed.id not in Library()
    library.restore(removed)
    assert seed.id in Library()


def test_reading_positions(library: Library, tmp_path: Path) -> None:
    doc_id = library.add_file(write(tmp_path / "crew.txt", ARTICLE)).info.id
    assert library.position(doc_id) == 0
    library.set_position(doc_id, 30)
    assert library.position(doc_id) == 30
    library.set_position(doc_id[:6], 10**9)  # a prefix works; the offset stays in the text
    assert library.position(doc_id) == len(ARTICLE)
    library.set_position(doc_id, -5)
    assert library.position(doc_id) == 0
    assert Library().position(doc_id) == 0  # stored, not cached
    with pytest.raises(DocumentNotFoundError):
        library.set_position("nope", 1)


def test_recent_documents_newest_first(library: Library, tmp_path: Path) -> None:
    assert library.recent() == []
    [seed] = library.documents()
    doc_id = library.add_file(write(tmp_path / "crew.txt", ARTICLE)).info.id
    library.touch(seed.id)
    library.touch(doc_id)
    assert [info.id for info in library.recent()] == [doc_id, seed.id]
    library.touch(seed.id)
    assert [info.id for info in library.recent()] == [seed.id, doc_id]
    assert [info.id for info in library.recent(limit=1)] == [seed.id]
    library.set_position(doc_id, 5)  # a position alone does not make it recent again
    assert library.recent()[0].id == seed.id


def test_an_old_catalogue_is_upgraded_in_place(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "library").mkdir(parents=True)
    (root / "library" / "abc.txt").write_text(ARTICLE, encoding="utf-8")
    db = sqlite3.connect(root / "library.sqlite3")
    db.executescript(library_store._MIGRATIONS[0][1][0] + ";")
    db.execute(
        "INSERT INTO documents VALUES ('abc', 'Crew', '', '', '', 'text', '/x/crew.txt',"
        " 'abc.txt', ?, 'hash', 'then', 'then')",
        (len(ARTICLE),),
    )
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()
    library = Library(root)
    assert library.load("abc").text == ARTICLE
    assert library.original_path("abc") is None
    info = library.info("abc")
    assert (info.language, info.published) == ("", None)
    library.set_position("abc", 4)
    assert library.position("abc") == 4
    version = sqlite3.connect(root / "library.sqlite3").execute("PRAGMA user_version")
    assert version.fetchone()[0] == library_store.SCHEMA_VERSION


def test_a_newer_catalogue_is_refused_untouched(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    db = sqlite3.connect(root / "library.sqlite3")
    db.execute("PRAGMA user_version=99")
    db.close()
    with pytest.raises(LibraryError, match="newer SpaceReader"):
        Library(root)
    db = sqlite3.connect(root / "library.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 99
    assert db.execute("SELECT name FROM sqlite_master").fetchall() == []

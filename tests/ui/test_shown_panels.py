"""What the reader hides is never listed, marked or bookmarked.

The reader and the core's shown spans are one definition (the reader sets
exactly those spans); the Programs and Figures panels list only what lies in
them; Ctrl+D never bookmarks hidden text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp
from spacereader.core.document import Document, DocumentFormat, DocumentInfo, content_hash
from spacereader.core.shown import Span, document_shown_spans
from spacereader.core.structure import detect_structure
from spacereader.ui.article_renderer import ArticleRenderer
from spacereader.ui.markdown_renderer import MarkdownRenderer
from spacereader.ui.textmap import TextMap
from tests.core.test_shown import markdown_documents, web_captures
from tests.ui.conftest import import_and_wait

WAIT_MS = 20000
CAPTURES = Path(__file__).parents[1] / "core" / "captures"
ARTICLE_FIGURES = {"13", "more than 40", "two", "by 2035"}
TITLE_ONLY = "Skip to main content\nHome\n\nLaunch schedule for the spring\n\nBack to top\n"
NOTHING_SHOWN = "Home\nMenu\n\nMarch 14, 2024\n1234 views\n\nSubscribe to the newsletter\n"


def document(text: str, text_format: DocumentFormat) -> Document:
    info = DocumentInfo(
        "doc", "", "", "", "", text_format, Path("doc"), len(text), content_hash(text), False
    )
    return Document(info, text, detect_structure(text))


def rendered_spans(text_map: TextMap) -> tuple[Span, ...]:
    merged: list[Span] = []
    for segment in text_map.segments:
        if segment.doc_end <= segment.doc_start:
            continue
        if merged and segment.doc_start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], segment.doc_end))
        else:
            merged.append((segment.doc_start, segment.doc_end))
    return tuple(merged)


def render(shown: Document) -> TextMap:
    renderer = MarkdownRenderer if shown.info.format is DocumentFormat.MARKDOWN else ArticleRenderer
    return renderer(QFont(), QPalette()).render(shown, QTextDocument())


@settings(max_examples=60, deadline=None)
@given(web_captures())
def test_the_reader_sets_exactly_the_shown_spans_of_a_capture(
    qapp: QApplication, text: str
) -> None:
    capture = document(text, DocumentFormat.TEXT)
    assert rendered_spans(render(capture)) == document_shown_spans(capture)


@settings(max_examples=40, deadline=None)
@given(markdown_documents())
def test_the_reader_sets_exactly_the_shown_spans_of_markdown(qapp: QApplication, text: str) -> None:
    notes = document(text, DocumentFormat.MARKDOWN)
    assert rendered_spans(render(notes)) == document_shown_spans(notes)


@pytest.mark.parametrize(
    "name", ["afp.txt", "esa.txt", "reuters.txt", "spacenews.txt", "web_capture.txt"]
)
def test_the_reader_sets_exactly_the_shown_spans_of_each_capture(
    qapp: QApplication, name: str
) -> None:
    capture = document((CAPTURES / name).read_text(encoding="utf-8"), DocumentFormat.TEXT)
    assert rendered_spans(render(capture)) == document_shown_spans(capture)


def open_imported(qtbot: QtBot, app: SpaceReaderApp, path: Path) -> Document:
    """Import a file through the app, open it, and wait for its programs and figures."""
    qtbot.waitUntil(lambda: app.annotations.current is not None, timeout=WAIT_MS)
    import_and_wait(qtbot, app, path)
    [info] = [info for info in app.library.documents() if not info.bundled]
    assert app.open_document(info.id)
    qtbot.waitUntil(lambda: app.annotations.current is not None, timeout=WAIT_MS)
    shown = app.reader.current_document
    assert shown is not None
    assert shown.id == info.id
    return shown


def inside(spans: tuple[Span, ...], start: int, end: int) -> bool:
    return any(low <= start and end <= high for low, high in spans)


@pytest.mark.parametrize("name", ["web_capture.txt", "web_page.html"])
def test_the_panels_list_only_what_a_web_capture_shows(
    qtbot: QtBot, reader_app: SpaceReaderApp, name: str
) -> None:
    shown = open_imported(qtbot, reader_app, CAPTURES / name)
    assert {row[0] for row in reader_app.figures_panel.rows()} == ARTICLE_FIGURES
    [program] = reader_app.programs_panel.program_names()
    assert program.startswith("International Lunar Research Station (ILRS)")
    spans = rendered_spans(reader_app.reader.text_map)
    assert spans == document_shown_spans(shown)
    for layer in ("programs", "figures"):
        marks = reader_app.reader.highlights(layer)
        assert marks
        assert all(inside(spans, start, end) for start, end in marks), layer
    shown_text = reader_app.reader.toPlainText()
    for hidden in ("1234 views", "Tiangong", "Artemis", "Share this article"):
        assert hidden not in shown_text


def ctrl_d(app: SpaceReaderApp) -> None:
    app.reader.setTextCursor(app.reader.textCursor())  # no selection
    app.window.setFocus()
    QTest.keyClick(app.window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_d_at_the_top_of_a_web_capture_bookmarks_its_first_paragraph(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    shown = open_imported(qtbot, reader_app, CAPTURES / "web_capture.txt")
    qtbot.waitUntil(lambda: reader_app.bookmarks.store is not None, timeout=WAIT_MS)
    ctrl_d(reader_app)
    [bookmark] = reader_app.bookmarks.bookmarks.values()
    assert bookmark.quote.startswith("BEIJING — China and Russia invited")
    assert inside(document_shown_spans(shown), bookmark.start, bookmark.end)


def test_ctrl_d_on_a_page_with_a_title_alone_bookmarks_the_title(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path
) -> None:
    path = tmp_path / "schedule.txt"
    path.write_text(TITLE_ONLY, encoding="utf-8")
    open_imported(qtbot, reader_app, path)
    qtbot.waitUntil(lambda: reader_app.bookmarks.store is not None, timeout=WAIT_MS)
    ctrl_d(reader_app)
    [bookmark] = reader_app.bookmarks.bookmarks.values()
    assert bookmark.quote == "Launch schedule for the spring"


def test_ctrl_d_where_nothing_is_shown_makes_no_bookmark(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path
) -> None:
    path = tmp_path / "furniture.txt"
    path.write_text(NOTHING_SHOWN, encoding="utf-8")
    open_imported(qtbot, reader_app, path)
    assert "no text to show" in reader_app.reader.toPlainText()
    qtbot.waitUntil(lambda: reader_app.bookmarks.store is not None, timeout=WAIT_MS)
    ctrl_d(reader_app)
    assert reader_app.bookmarks.bookmarks == {}
    assert "Nothing to bookmark here" in reader_app.window.statusBar().currentMessage()

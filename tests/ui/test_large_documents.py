"""Large documents in the reader: the first screen at once, the rest a slice at a
time, jumps into text not yet set, and highlights that never make Qt lay out
the whole document."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from spacereader.core.document import Document, DocumentFormat
from spacereader.ui.reader import ReaderView
from spacereader.ui.view_geometry import first_position_from, last_position_to
from tests.documents import loose_document

WAIT_MS = 60_000
SENTENCE = (
    "The International Lunar Research Station is planned with {n} partner agencies, "
    "and its first module would launch after a review of the cooperation framework. "
)


def make_document(text: str, fmt: DocumentFormat = DocumentFormat.TEXT) -> Document:
    return loose_document(text, fmt, doc_id="large", title="Large")


def paragraphs(count: int) -> list[str]:
    return [(f"Paragraph {n}. " + SENTENCE.format(n=n) * 3).strip() for n in range(count)]


@pytest.fixture
def reader(qtbot: QtBot) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_opening_shows_at_once_and_the_rest_follows(qtbot: QtBot, reader: ReaderView) -> None:
    parts = paragraphs(3000)  # about 1.5 MB
    document = make_document("A long report on lunar cooperation\n\n" + "\n\n".join(parts))
    reader.show_document(document)
    shown = reader.toPlainText()
    assert reader.rendering
    assert parts[0] in shown
    assert len(shown) < len(document.text) // 10
    qtbot.waitUntil(lambda: not reader.rendering, timeout=WAIT_MS)
    shown = reader.toPlainText()
    assert shown.index(parts[1500]) < shown.index(parts[-1])
    last = document.text.index(parts[-1])
    cursor = reader.cursor_for(last, last + len(parts[-1]))
    assert cursor.selectedText() == parts[-1]


def test_a_jump_into_text_not_yet_set_lands_when_it_is(qtbot: QtBot, reader: ReaderView) -> None:
    parts = paragraphs(3000)
    document = make_document("A long report on lunar cooperation\n\n" + "\n\n".join(parts))
    reader.show_document(document)
    target = document.text.index(parts[2900])
    reader.scroll_to_offset(target, margin=False)
    # Saved as the reading position even before the view gets there.
    assert reader.top_offset() == target
    qtbot.waitUntil(lambda: not reader.rendering, timeout=WAIT_MS)
    assert abs(reader.top_offset() - target) < 200
    assert reader.bottom_offset() > target


def test_a_newer_document_replaces_one_still_being_set(qtbot: QtBot, reader: ReaderView) -> None:
    old = make_document("Old report\n\n" + "\n\n".join(paragraphs(3000)))
    reader.show_document(old)
    assert reader.rendering
    new = make_document("Short note on the Artemis Accords\n\nFifty nations have signed.")
    reader.show_document(new)
    assert not reader.rendering
    qtbot.wait(100)
    assert "Paragraph" not in reader.toPlainText()
    assert "Fifty nations have signed." in reader.toPlainText()


def test_the_view_bottom_is_found_while_qt_still_lays_out(reader: ReaderView) -> None:
    document = make_document("A long report\n\n" + "\n\n".join(paragraphs(3000)))
    reader.show_document(document)
    # Qt lays the rest out later; the bottom of the view is still on the first screen.
    assert 0 < reader.bottom_offset() < 20_000
    assert reader.top_offset() == 0


def test_top_and_bottom_of_a_view_between_two_paragraphs(reader: ReaderView) -> None:
    parts = paragraphs(40)
    reader.show_document(make_document("Title line here\n\n" + "\n\n".join(parts)))
    document = reader.document()
    layout = document.documentLayout()
    block = document.findBlockByNumber(5)
    rect = layout.blockBoundingRect(block)
    below = layout.blockBoundingRect(block.next())
    gap = (rect.bottom() + below.top()) / 2
    assert rect.bottom() < gap < below.top()
    assert first_position_from(document, gap) == block.next().position()
    assert last_position_to(document, gap) == block.position() + block.length() - 1


def test_a_highlight_across_paragraphs_is_drawn_paragraph_by_paragraph(
    reader: ReaderView,
) -> None:
    parts = paragraphs(10)
    document = make_document("Title line here\n\n" + "\n\n".join(parts))
    reader.show_document(document)
    start = document.text.index(parts[2]) + 10
    end = document.text.index(parts[4]) + 10
    reader.set_highlights("bookmarks", [(start, end)])
    selections = reader.extraSelections()
    assert len(selections) == 3
    for selection in selections:
        cursor: QTextCursor = selection.cursor
        first = reader.document().findBlock(cursor.selectionStart())
        assert first.contains(cursor.selectionEnd())
    pieces = "".join(selection.cursor.selectedText() for selection in selections)
    assert pieces == document.text[start:end].replace("\n\n", "")


MARKDOWN_SECTION = """## Section {n}

The *Lunar Gateway* and the **ILRS** are compared in [the report][ref] of {n}.

- first point about the station {n}
- second point, which goes on
  over a second line

```
code line {n}

still code after a blank line
```

"""


def test_a_large_markdown_document_is_set_whole_and_once(qtbot: QtBot, reader: ReaderView) -> None:
    from spacereader.core.loaders.markdown_blocks import markdown_blocks

    text = "# Annual report\n\n" + "".join(MARKDOWN_SECTION.format(n=n) for n in range(1500))
    text += "\n[ref]: https://www.example.org/report\n"
    document = make_document(text, DocumentFormat.MARKDOWN)
    reader.show_document(document)
    assert reader.rendering
    assert "Annual report" in reader.toPlainText()
    qtbot.waitUntil(lambda: not reader.rendering, timeout=WAIT_MS)
    expected = [
        text[start:end].replace("\n", " ")
        for block in markdown_blocks(text)
        for start, end in block.visible
    ]
    segments = reader.text_map.segments
    shown = [text[s.doc_start : s.doc_end].replace("\n", " ") for s in segments]
    assert "".join(shown) == "".join(expected)
    # The reference link near the top resolves against its definition at the very end.
    anchors = [
        fragment.charFormat().anchorHref()
        for fragment in _fragments(reader.document().findBlockByNumber(2))
        if fragment.charFormat().isAnchor()
    ]
    assert anchors == ["https://www.example.org/report"]


def _fragments(block):  # type: ignore[no-untyped-def]
    iterator = block.begin()
    while not iterator.atEnd():
        yield iterator.fragment()
        iterator += 1


def test_a_new_measure_sets_a_large_document_anew_in_slices(
    qtbot: QtBot, reader: ReaderView
) -> None:
    parts = paragraphs(1500)
    document = make_document("A long report on lunar cooperation\n\n" + "\n\n".join(parts))
    reader.show_document(document)
    qtbot.waitUntil(lambda: not reader.rendering, timeout=WAIT_MS)
    target = document.text.index(parts[700])
    reader.scroll_to_offset(target, margin=False)
    wide = reader.lineWrapColumnOrWidth()
    reader.resize(420, 700)
    # Qt is not asked to lay 750,000 characters out again at once: the text is set anew.
    qtbot.waitUntil(lambda: reader.rendering, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not reader.rendering, timeout=WAIT_MS)
    assert reader.lineWrapColumnOrWidth() < wide
    assert abs(reader.top_offset() - target) < 200


def test_a_wider_window_than_the_measure_lays_nothing_out_again(
    qtbot: QtBot, reader: ReaderView
) -> None:
    reader.show_document(make_document("Title line here\n\n" + "\n\n".join(paragraphs(40))))
    reader.resize(1400, 700)
    last = reader.document().lastBlock()
    qtbot.waitUntil(lambda: last.layout().lineCount() > 0)
    page = reader.lineWrapColumnOrWidth()
    reader.resize(1200, 700)
    # A relayout would clear the layout of every block below the view at once.
    assert last.layout().lineCount() > 0
    assert reader.lineWrapColumnOrWidth() == page
    margins = reader.viewportMargins()
    assert abs(margins.left() - margins.right()) <= 1
    assert margins.left() > 100


def test_a_view_moved_by_code_is_not_pulled_back_to_an_earlier_jump(
    qtbot: QtBot, reader: ReaderView
) -> None:
    parts = paragraphs(400)
    document = make_document("A report\n\n" + "\n\n".join(parts))
    reader.show_document(document)
    reader.scroll_to_offset(document.text.index(parts[300]), margin=False)
    cursor = reader.cursor_for(document.text.index(parts[20]), document.text.index(parts[20]) + 5)
    reader.setTextCursor(cursor)  # shows the caret: the view moves up there
    reader.ensureCursorVisible()
    reader.resize(reader.width() - 80, reader.height())  # the range changes
    qtbot.wait(300)
    assert reader.top_offset() < document.text.index(parts[100])

"""A large text opens without its structure being found on the GUI thread: the first
screen is set from the opening's structure, the rest once a worker has found the
whole text's, and every offset maps as a whole render would map it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from spacereader.core import document as document_module
from spacereader.core import library as library_module
from spacereader.core import structure_opening
from spacereader.core.document import Document, DocumentFormat
from spacereader.core.library import Library
from spacereader.core.loaders.base import LoadedText
from spacereader.core.structure import detect_structure
from spacereader.ui.article_renderer import ArticleRenderer
from spacereader.ui.reader import ReaderView
from tests.documents import loose_document

WAIT_MS = 60_000
PARAGRAPH = (
    "Paragraph {n}. The International Lunar Research Station is planned with {n} partner "
    "agencies, and its first module would launch after a review of the cooperation framework."
)


def report(paragraphs: int) -> str:
    lines = ["Space / Espace", "", "A long report on lunar cooperation", "", "By Jeff Foust", ""]
    for number in range(paragraphs):
        lines += [PARAGRAPH.format(n=number), ""]
        if number % 50 == 25:
            lines += ["Back to top", ""]  # furniture, hidden, all through the text
    lines += ["Reporting by Joey Roulette; Editing by Sandra Maler", ""]
    return "\n".join(lines)


@pytest.fixture
def reader(qtbot: QtBot) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def structure_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, int]]:
    """Each structure detection: (on the GUI thread, length of the text)."""
    calls: list[tuple[bool, int]] = []

    def recording(real: Callable[[str], Any]) -> Callable[[str], Any]:
        def detect(text: str) -> Any:
            calls.append((threading.current_thread() is threading.main_thread(), len(text)))
            return real(text)

        return detect

    for module in (document_module, library_module, structure_opening):
        monkeypatch.setattr(module, "detect_structure", recording(detect_structure), raising=False)
    return calls


def test_a_large_text_is_set_before_its_structure_is_found(
    qtbot: QtBot, reader: ReaderView, structure_calls: list[tuple[bool, int]]
) -> None:
    text = report(2000)
    library = Library()
    try:
        doc_id = library.add(LoadedText(text, DocumentFormat.TEXT), "report.txt").info.id
        structure_calls.clear()  # importing finds it (off the GUI thread, in the app)
        document = library.load(doc_id)
    finally:
        library.close()
    reader.show_document(document)
    shown = reader.toPlainText()
    assert "A long report on lunar cooperation" in shown
    assert PARAGRAPH.format(n=3) in shown
    assert "JEFF FOUST" in shown.upper()
    assert not any(on_gui and length == len(text) for on_gui, length in structure_calls)
    qtbot.waitUntil(lambda: not reader.rendering, timeout=WAIT_MS)
    assert (False, len(text)) in structure_calls
    assert not any(on_gui and length == len(text) for on_gui, length in structure_calls)

    # The same view and the same offsets as the whole text set at once.
    whole = Document(document.info, text, detect_structure(text))
    target = QTextDocument()
    expected = ArticleRenderer(reader.font(), reader.palette()).render(whole, target)
    assert reader.toPlainText() == target.toPlainText()
    assert reader.text_map.segments == expected.segments
    assert "Back to top" not in reader.toPlainText()
    assert PARAGRAPH.format(n=1999) in reader.toPlainText()


def test_a_large_text_without_a_usable_opening_waits_for_its_structure(
    qtbot: QtBot, reader: ReaderView, structure_calls: list[tuple[bool, int]]
) -> None:
    # One long paragraph: no blank line anywhere near the opening's size.
    text = "A title line of a few words\n\n" + " ".join(["lunar station review"] * 20_000)
    document = loose_document(text, doc_id="large", title="Large")
    reader.show_document(document)
    assert reader.rendering
    qtbot.waitUntil(lambda: not reader.rendering, timeout=WAIT_MS)
    assert not any(on_gui for on_gui, _length in structure_calls)
    assert reader.toPlainText().startswith("A title line of a few words")
    assert reader.toPlainText().rstrip().endswith("lunar station review")

"""French typography in the reading view: no line starts with « : ; ! ? % » or the last
digits of "1 000", and none ends with « , whatever the width; offsets stay exact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QApplication

from spacereader.core.document import Document, DocumentFormat
from spacereader.ui import typography
from spacereader.ui.article_renderer import ArticleRenderer
from spacereader.ui.markdown_renderer import MarkdownRenderer
from tests.documents import loose_document

PARAGRAPH = (
    "Le Conseil a publié le livre blanc intitulé « Le programme spatial de la Chine : "
    "perspectives 2021 ». Quelle est la part de l'exploration ? Elle atteint 12,5 % ; "
    "près de 1 000 professionnels et 22 500 candidats : un record ! Les ministres ont dit "
    "« oui » au budget de 16,9 milliards d'euros, soit 17 % de plus qu'en 2019 : "
    "« C'est un niveau d'engagement inédit », a déclaré le directeur général. "
    + " ".join(f"« Point {n} » : {n} 000 euros, {n},5 % ; {n} 500 km ?" for n in range(11, 41))
)
TEXT = f"La Chine publie son livre blanc\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
# What must never open a line, and what must never close one.
NEVER_FIRST = (":", ";", "!", "?", "%", "»", "000", "500")
NEVER_LAST = ("«",)


def _document(text: str, kind: DocumentFormat) -> Document:
    return loose_document(text, kind, doc_id="fr", title="La Chine", language="fr")


def _lines(target: QTextDocument) -> list[str]:
    """Every laid-out line of the document's text, as shown."""
    target.size()  # lays the document out
    lines: list[str] = []
    block = target.begin()
    while block.isValid():
        layout = block.layout()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            lines.append(block.text()[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return lines


@pytest.mark.parametrize("kind", [DocumentFormat.TEXT, DocumentFormat.MARKDOWN])
def test_no_line_breaks_where_french_binds_the_words(
    qapp: QApplication, kind: DocumentFormat
) -> None:
    palette = qapp.palette()
    font = QFont(typography.body_font())
    renderer = (ArticleRenderer if kind is DocumentFormat.TEXT else MarkdownRenderer)(font, palette)
    document = _document(TEXT, kind)
    for width in range(200, 520, 3):
        target = QTextDocument()
        renderer.render(document, target)
        target.setTextWidth(width)
        lines = _lines(target)
        assert len(lines) > 10
        for line in lines:
            stripped = line.strip(" \u00a0\u202f")
            assert not stripped.startswith(NEVER_FIRST), (width, line)
            assert not stripped.endswith(NEVER_LAST), (width, line)


def test_the_shown_text_keeps_every_offset() -> None:
    shown = typography.keep_spaces_together(PARAGRAPH)
    assert len(shown) == len(PARAGRAPH)
    assert shown.replace("\u00a0", " ").replace("\u202f", " ") == PARAGRAPH
    assert "«\u00a0Le" in shown
    assert "2021\u00a0»" in shown
    assert "12,5\u00a0%\u00a0;" not in shown  # the space before ";" is a narrow one
    assert "12,5\u00a0%\u202f;" in shown
    assert "1\u00a0000" in shown


def test_english_text_is_left_as_it_is() -> None:
    text = "The agency said: 46 agreements, in 2016, and 12% more (about 1,000 people)."
    assert typography.keep_spaces_together(text) == text


def test_a_number_and_its_unit_stay_together() -> None:
    text = "Une orbite à 400 km d'altitude, 13,5 tonnes et 10 € ; 5 kmh non, 3 m."
    shown = typography.keep_spaces_together(text)
    assert "400\u00a0km" in shown
    assert "13,5\u00a0tonnes" in shown
    assert "10\u00a0€" in shown
    assert "3\u00a0m." in shown
    assert "5 kmh" in shown  # not a unit


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from([*"ab1 \n«»:;?!%,.é0kmt€", "tonnes", "abcdefgh"]), max_size=150
    ).map("".join),
    stretch=st.integers(min_value=1, max_value=40),
    data=st.data(),
)
def test_a_long_text_bound_a_stretch_at_a_time_reads_as_bound_whole(
    text: str, stretch: int, data: st.DataObject
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typography, "SPACES_STRETCH", stretch)
        bound = typography.SpacesKeptTogether(text)
        whole = typography.keep_spaces_together(text)
        for _ in range(5):
            start = data.draw(st.integers(0, len(text)))
            end = data.draw(st.integers(start, len(text)))
            assert bound.slice(start, end) == whole[start:end]
        assert bound.slice(0, len(text)) == whole


@pytest.mark.parametrize("stretch", range(1, 30))
def test_a_unit_is_bound_to_its_number_whatever_the_stretch(stretch: int) -> None:
    text = "Orbite à 400 km d'altitude, 13,5 tonnes, 12 mm et 3 kW ; voilà."
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typography, "SPACES_STRETCH", stretch)
        bound = typography.SpacesKeptTogether(text)
        assert bound.slice(0, len(text)) == typography.keep_spaces_together(text)

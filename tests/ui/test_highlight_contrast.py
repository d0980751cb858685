"""Text on a highlight reads at 4.5:1 or better, whatever colour the user chose."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QColorDialog, QStyleFactory
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp
from spacereader.ui.highlight_formats import LAYER_KINDS, highlight_format
from spacereader.ui.preferences_dialog import ColorButton
from spacereader.ui.theme import ThemeChoice, dark_palette
from spacereader.ui.typography import contrast_ratio, highlight_color


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    assert style is not None
    return style.standardPalette()


def over(color: QColor, base: QColor) -> QColor:
    """A translucent colour as it shows over the page."""
    alpha = color.alphaF()
    pairs = zip(color.getRgb()[:3], base.getRgb()[:3], strict=True)
    mixed = [a * alpha + b * (1 - alpha) for a, b in pairs]
    return QColor(*(round(channel) for channel in mixed))


def shown_contrast(kind: str, palette: QPalette, custom: dict[str, QColor]) -> float:
    """The contrast of the text on a highlight as the reader paints it."""
    char_format = highlight_format(kind, palette, custom)
    background = over(char_format.background().color(), palette.color(QPalette.ColorRole.Base))
    text = (
        char_format.foreground().color()
        if char_format.hasProperty(char_format.Property.ForegroundBrush)
        else palette.color(QPalette.ColorRole.Text)
    )
    return contrast_ratio(text, background)


@pytest.mark.usefixtures("qapp")
@given(
    st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)),
    st.booleans(),
    st.sampled_from(sorted(set(LAYER_KINDS.values()) - {"flash"})),
)
def test_any_custom_colour_keeps_the_text_readable(
    rgb: tuple[int, int, int], dark: bool, kind: str
) -> None:
    palette = dark_palette() if dark else light_palette()
    assert shown_contrast(kind, palette, {kind: QColor(*rgb)}) >= 4.5


@pytest.mark.usefixtures("qapp")
def test_yellow_in_the_dark_theme_and_every_built_in_tint_read_well() -> None:
    assert shown_contrast("search", dark_palette(), {"search": QColor("#ffff00")}) >= 4.5
    for palette in (dark_palette(), light_palette()):
        for kind in set(LAYER_KINDS.values()):
            assert shown_contrast(kind, palette, {}) >= 4.5, kind


def test_the_reader_sets_dark_text_on_a_light_custom_colour_in_the_dark_theme(
    reader_app: SpaceReaderApp,
) -> None:
    appearance = reader_app.appearance
    appearance._update(
        replace(appearance.preferences, theme=ThemeChoice.DARK, colors={"search": "#ffff00"})
    )
    document = reader_app.reader.current_document
    assert document is not None
    start = document.text.index("ILRS")
    reader_app.reader.set_highlights("search", [(start, start + 4)])
    [selection] = reader_app.reader.extraSelections()
    text = selection.format.foreground().color()
    assert contrast_ratio(text, QColor("#ffff00")) >= 4.5
    legend = reader_app.annotations.legend.text()
    assert "color:#" in legend


def test_the_colour_picker_starts_at_the_colour_in_use(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []

    def pick(initial: QColor, *_args: object) -> QColor:
        offered.append(initial.name())
        return QColor("#ffff00")

    monkeypatch.setattr(QColorDialog, "getColor", pick)
    button = ColorButton("search", "Search hits", "")
    qtbot.addWidget(button)
    button.click()
    assert offered == [highlight_color("search", QApplication.palette()).name()]
    assert button.color == "#ffff00"
    button.click()
    assert offered[-1] == "#ffff00"

"""Fonts and colours of the reading view, shared by the renderer and the panels."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette

SERIF_FAMILIES = [
    "Charter",
    "Source Serif 4",
    "Source Serif Pro",
    "Noto Serif",
    "Georgia",
    "DejaVu Serif",
    "serif",
]
BODY_POINT_SIZE = 12.5
# Characters per line the reading column aims at (a comfortable 65–75).
MEASURE_CHARACTERS = 70
MEASURE_SAMPLE = "the quick brown fox jumps over the lazy dog while space agencies plan "


def body_font(point_size: float = BODY_POINT_SIZE) -> QFont:
    """The serif face the article is set in."""
    font = QFont()
    font.setFamilies(SERIF_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(point_size)
    return font


def title_font(body: QFont) -> QFont:
    """The article's heading: the body face, larger and bold."""
    font = QFont(body)
    font.setPointSizeF(body.pointSizeF() * 1.85)
    font.setWeight(QFont.Weight.Bold)
    return font


def header_font(body: QFont) -> QFont:
    """Category and byline: small, letter-spaced capitals in the UI's sans face."""
    font = QFont()
    font.setPointSizeF(body.pointSizeF() * 0.78)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
    return font


def subdued_color(palette: QPalette) -> QColor:
    """A grey that stays readable (≥4.5:1) on the palette's base colour."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)

    def mix(a: int, b: int) -> int:
        return round(a * 0.62 + b * 0.38)

    return QColor(
        mix(text.red(), base.red()), mix(text.green(), base.green()), mix(text.blue(), base.blue())
    )

"""Fonts and colours of the reading view, shared by the renderer and the panels, and the
spaces French typography keeps from breaking."""

from __future__ import annotations

import re
from bisect import bisect_right

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


def is_dark(palette: QPalette) -> bool:
    """True when the palette sets light text on a dark base."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


# Highlight tints per theme: (light, dark). Text keeps the palette's colour,
# and every tint keeps body text above WCAG AA (4.5:1) against it.
HIGHLIGHT_TINTS = {
    "program": ("#d6e6ff", "#203f6e"),
    "figure": ("#d3f0dc", "#1f4d31"),
    "search": ("#ffe08a", "#6b5200"),
    "current": ("#ffb347", "#8a4b00"),
    "bookmark": ("#f1e4ff", "#3d2a57"),
}


def highlight_color(kind: str, palette: QPalette) -> QColor:
    """The background tint of one kind of highlight, for this palette."""
    light, dark = HIGHLIGHT_TINTS[kind]
    return QColor(dark if is_dark(palette) else light)


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio between two colours."""

    def luminance(color: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(color.redF())
            + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF())
        )

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# French sets a space before ; ! ? (a narrow one), before : % » and after «, and between
# groups of digits ("1 000"); a line must never break there. A text typed with plain
# spaces is shown with no-break spaces instead: one character for one, so every offset
# into the document's text stays as it is.
_NARROW_BEFORE = re.compile(r" (?=[;!?](?!\w))")
_WIDE_BEFORE = re.compile(r" (?=[:%»](?!\w))")
_AFTER_GUILLEMET = re.compile(r"(?<=«) ")
_GROUPED_NUMBER = re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?!\d)")
# A number and its unit ("400 km", "13,5 tonnes", "10 €") stay on one line.
_BEFORE_UNIT = re.compile(
    r"(?<=\d) (?=(?:km|m|cm|mm|kg|g|t|tonnes?|km/h|m/s|kW|MW|GW|°C|K|€|\$|£|¥)(?![\w/]))"
)
NO_BREAK_SPACE = "\u00a0"
NARROW_NO_BREAK_SPACE = "\u202f"


def keep_spaces_together(text: str) -> str:
    """The text with the spaces French typography binds made no-break, same length."""
    if " " not in text:
        return text
    text = _NARROW_BEFORE.sub(NARROW_NO_BREAK_SPACE, text)
    text = _WIDE_BEFORE.sub(NO_BREAK_SPACE, text)
    if "«" in text:
        text = _AFTER_GUILLEMET.sub(NO_BREAK_SPACE, text)
    text = _BEFORE_UNIT.sub(NO_BREAK_SPACE, text)
    return _GROUPED_NUMBER.sub(_bind_digit_groups, text)


def _bind_digit_groups(number: re.Match[str]) -> str:
    return number.group().replace(" ", NO_BREAK_SPACE)


# Where a text can be cut and each part bound on its own, with the same result:
# after a line break, or inside a word after its seventh letter (no pattern above
# matches there or looks across it: the longest unit, "tonnes", has six).
_NEUTRAL_CUT = re.compile(r"(?<=\n)|(?<=[^\W\d_]{7})(?=[^\W\d_])")
SPACES_STRETCH = 1 << 16


class SpacesKeptTogether:
    """`keep_spaces_together` of a long text, worked out a stretch at a time as far
    as it is asked for: a whole 10 MB text takes a third of a second."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] = []
        self._stretches: list[str] = []
        self._done = 0

    def __len__(self) -> int:
        return len(self._text)

    def slice(self, start: int, end: int) -> str:
        """The bound text[start:end]."""
        while self._done < min(end, len(self._text)):
            self._bind_next()
        first = bisect_right(self._starts, start) - 1
        pieces = []
        for index in range(max(first, 0), len(self._starts)):
            stretch_start = self._starts[index]
            if stretch_start >= end:
                break
            low = max(start - stretch_start, 0)
            pieces.append(self._stretches[index][low : end - stretch_start])
        return "".join(pieces)

    def _bind_next(self) -> None:
        cut = _NEUTRAL_CUT.search(self._text, self._done + SPACES_STRETCH)
        stop = cut.start() if cut is not None else len(self._text)
        self._starts.append(self._done)
        self._stretches.append(keep_spaces_together(self._text[self._done : stop]))
        self._done = stop


# WCAG AA for body text: highlighted text never falls below it, whatever the tint.
MIN_CONTRAST = 4.5
_DARK_TEXT = QColor("#000000")
_LIGHT_TEXT = QColor("#ffffff")


def over(color: QColor, base: QColor) -> QColor:
    """A translucent colour as it shows over an opaque base."""
    alpha = color.alphaF()
    return QColor(
        round(color.red() * alpha + base.red() * (1 - alpha)),
        round(color.green() * alpha + base.green() * (1 - alpha)),
        round(color.blue() * alpha + base.blue() * (1 - alpha)),
    )


def readable_on(background: QColor, preferred: QColor) -> QColor:
    """`preferred` if it reads at 4.5:1 on the background, else black or white.

    One of black and white always reaches 4.58:1 or more on any opaque colour.
    """
    if contrast_ratio(preferred, background) >= MIN_CONTRAST:
        return preferred
    dark, light = contrast_ratio(_DARK_TEXT, background), contrast_ratio(_LIGHT_TEXT, background)
    return _DARK_TEXT if dark >= light else _LIGHT_TEXT

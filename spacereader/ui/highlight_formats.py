"""Character formats for the reader's highlight layers, by kind and theme.

Colour is never the only cue: programs are underlined, figures carry a dotted
underline, so the two stay apart for readers who do not see the tints. Text on
any highlight reads at 4.5:1 or better, whatever tint the user chose.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence

from PySide6.QtGui import QColor, QPalette, QTextCharFormat

from spacereader.ui.typography import highlight_color, over, readable_on

# The reader's highlight layers and the kind of highlight each shows.
LAYER_KINDS = {
    "bookmarks": "bookmark",
    "programs": "program",
    "figures": "figure",
    "search": "search",
    "current": "current",
    "flash": "flash",
}
FLASH_COLOR = QColor(255, 196, 0, 150)


def highlight_text_color(background: QColor, palette: QPalette) -> QColor:
    """The text colour on a highlight: the palette's, or black or white where that
    would read below 4.5:1 (a light custom tint in the dark theme)."""
    shown = over(background, palette.color(QPalette.ColorRole.Base))
    return readable_on(shown, palette.color(QPalette.ColorRole.Text))


def highlight_format(
    kind: str, palette: QPalette, custom: Mapping[str, QColor] | None = None
) -> QTextCharFormat:
    """The format of one highlight kind: program, figure, search, current, bookmark, flash.

    `custom` holds the user's own tints (Preferences), which win over the theme's.
    """
    if kind == "flash":
        color = FLASH_COLOR
    else:
        color = (custom or {}).get(kind) or highlight_color(kind, palette)
    char_format = QTextCharFormat()
    char_format.setBackground(color)
    char_format.setForeground(highlight_text_color(color, palette))
    if kind == "program":
        char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    elif kind == "figure":
        char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    elif kind == "current":
        char_format.setFontWeight(600)
    return char_format


Span = tuple[int, int]


class SpanLayer:
    """One layer's spans, sorted, with what it takes to find those near the view."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _end in self.spans]
        self.longest = max((end - start for start, end in self.spans), default=0)

    def __bool__(self) -> bool:
        return bool(self.spans)

    def within(self, window_start: int, window_end: int) -> list[Span]:
        """The spans that reach into [window_start, window_end)."""
        first = bisect_left(self.starts, window_start - self.longest)
        last = bisect_left(self.starts, window_end)
        return [span for span in self.spans[first:last] if span[1] > window_start]

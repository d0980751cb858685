"""Character formats for the reader's highlight layers, by kind and theme.

Colour is never the only cue: programs are underlined, figures carry a dotted
underline, so the two stay apart for readers who do not see the tints.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QColor, QPalette, QTextCharFormat

from spacereader.ui.typography import highlight_color

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


def highlight_format(
    kind: str, palette: QPalette, custom: Mapping[str, QColor] | None = None
) -> QTextCharFormat:
    """The format of one highlight kind: program, figure, search, current, bookmark, flash.

    `custom` holds the user's own tints (Preferences), which win over the theme's.
    """
    char_format = QTextCharFormat()
    if kind == "flash":
        char_format.setBackground(FLASH_COLOR)
        return char_format
    color = (custom or {}).get(kind) or highlight_color(kind, palette)
    char_format.setBackground(color)
    if kind == "program":
        char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    elif kind == "figure":
        char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    elif kind == "current":
        char_format.setFontWeight(600)
    return char_format

"""The user's preferences as a value: reading font and size, zoom, theme, colours."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacereader.ui.theme import ThemeChoice
from spacereader.ui.typography import BODY_POINT_SIZE

COLOR_KINDS = (
    ("program", "Programs"),
    ("figure", "Figures"),
    ("search", "Search hits"),
    ("bookmark", "Bookmarks"),
)
THEME_LABELS = (
    (ThemeChoice.SYSTEM, "Follow the system"),
    (ThemeChoice.LIGHT, "Light"),
    (ThemeChoice.DARK, "Dark"),
)


@dataclass(frozen=True)
class Preferences:
    """What the user chose; empty values mean the built-in default."""

    font_family: str = ""
    font_size: float = BODY_POINT_SIZE
    zoom_percent: int = 100
    theme: ThemeChoice = ThemeChoice.SYSTEM
    colors: dict[str, str] = field(default_factory=dict)

"""Set the app up for the README screenshots: a few documents, a search, a bookmark.

Run by tools/screenshot.py inside the app (`app` is the SpaceReaderApp); the
theme comes from the SPACEREADER_DEMO_THEME variable (light or dark).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QTimer

from spacereader.ui.theme import ThemeChoice

DOCUMENTS = Path(__file__).resolve().parents[1] / "tests" / "data" / "extraction"
app = globals()["app"]

theme = ThemeChoice(os.environ.get("SPACEREADER_DEMO_THEME", "light"))
app.appearance._update(replace(app.appearance.preferences, theme=theme))
app.importer.import_paths(
    [
        DOCUMENTS / "nasa_budget_brief.txt",
        DOCUMENTS / "isro_feature.md",
        DOCUMENTS / "breve_livre_blanc.txt",
    ],
    open_first=False,
)


def search() -> None:
    seed = next(info.id for info in app.library.documents() if info.bundled)
    app.open_document(seed)
    app.search_panel.field.setText("ILRS")
    app.search_panel.query_submitted.emit("ILRS")


def bookmark() -> None:
    # The search may have jumped to another document's hit: back to the article.
    seed = next(info.id for info in app.library.documents() if info.bundled)
    app.open_document(seed)
    document = app.reader.current_document
    start = document.text.index("46 space cooperation agreements")
    end = document.text.index("international organizations") + len("international organizations")
    app.bookmarks.bookmark_span(document.id, start, end)
    app.bookmarks_panel.note_edit.setPlainText("Count of partners since the 2016 white paper")
    app.window.docks["bookmarks"].raise_()
    app.reader.setFocus()


QTimer.singleShot(1500, search)
QTimer.singleShot(3000, bookmark)

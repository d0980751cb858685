"""What a feature may ask of the app: the window, the reader, opening a document."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QSettings

from spacereader.core.library import Library
from spacereader.ui.main_window import MainWindow
from spacereader.ui.reader import ReaderView


class Shell(Protocol):
    """The app as the features see it."""

    library: Library
    window: MainWindow
    reader: ReaderView
    settings: QSettings

    def open_document(self, doc_id: str) -> bool:
        """Show a document in the reader; False (with a status message) if it cannot."""
        ...

    def titles(self) -> dict[str, str]:
        """Every document's title, by id."""
        ...

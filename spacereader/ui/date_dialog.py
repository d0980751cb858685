"""The Publication Date dialog: set or correct the date a document was published.

What is typed is read as the command line reads it ("2021-03-09", "March 2024",
"9 mars 2021") and shown back in words as it is typed, so a misreading is seen
before it is saved. A date without a year is refused: it would not sort.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spacereader.core.dates import date_label, parse_date
from spacereader.core.document import DocumentInfo

PLACEHOLDER = "2021-03-09, March 2024, 2024, 9 mars 2021…"


@dataclass(frozen=True)
class DateChoice:
    """What the user chose: a date (ISO, possibly partial), or None for the document's own."""

    published: str | None


class PublicationDateDialog(QDialog):
    """Asks for a document's publication date; `choice` holds the answer after exec()."""

    def __init__(self, info: DocumentInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publication-date-dialog")
        self.setWindowTitle("Publication Date")
        self.choice: DateChoice | None = None
        self._parsed: str | None = None
        how = "set by you" if info.published_by_user else "read from the document"
        current = date_label(info.published) if info.published else "no date found"
        intro = QLabel(f"<b>{_escape(info.title)}</b><br>Now: {current}, {how}.", self)
        intro.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(PLACEHOLDER)
        self.field.setAccessibleName("Publication date")
        if info.published and not info.published.startswith("--"):
            self.field.setText(info.published)
        self.reading = QLabel(self)
        self.reading.setAccessibleName("How the date is read")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.set_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.set_button.setText("Set Date")
        self.auto_button = QPushButton("Use the Document's Date", self)
        self.auto_button.setToolTip("Forget the date set here and use the one the document gives")
        self.auto_button.setEnabled(info.published_by_user)
        self.buttons.addButton(self.auto_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self._set)
        self.buttons.rejected.connect(self.reject)
        self.auto_button.clicked.connect(self._auto)
        self.field.textChanged.connect(self._read)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.field)
        layout.addWidget(self.reading)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._read(self.field.text())

    @Slot(str)
    def _read(self, text: str) -> None:
        parsed = parse_date(text) if text.strip() else None
        if parsed is not None and parsed.startswith("--"):
            self._parsed = None
            self.reading.setText("A year is needed.")
        elif parsed is None:
            self._parsed = None
            self.reading.setText("Not a date yet." if text.strip() else "Type a date.")
        else:
            self._parsed = parsed
            self.reading.setText(f"Read as: {date_label(parsed)}")
        self.set_button.setEnabled(self._parsed is not None)

    @Slot()
    def _set(self) -> None:
        if self._parsed is not None:
            self.choice = DateChoice(self._parsed)
            self.accept()

    @Slot()
    def _auto(self) -> None:
        self.choice = DateChoice(None)
        self.accept()


def _escape(text: str) -> str:
    import html

    return html.escape(text)

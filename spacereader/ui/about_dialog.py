"""About SpaceReader: version, where data and the index live, and the licences
of the libraries it is built on (read from their installed metadata)."""

from __future__ import annotations

import html
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from spacereader import __version__

DEPENDENCIES = (
    "PySide6-Essentials",
    "shiboken6",
    "whoosh-reloaded",
    "platformdirs",
    "charset-normalizer",
    "trafilatura",
    "pypdf",
    "markdown-it-py",
    "rapidfuzz",
)


def licence_of(distribution: str) -> tuple[str, str]:
    """(version, licence) of an installed distribution, or ("", "not installed")."""
    try:
        meta = metadata.metadata(distribution).json
    except metadata.PackageNotFoundError:
        return "", "not installed"
    version = str(meta.get("version", ""))
    licence = str(meta.get("license_expression", ""))
    if not licence:
        short = str(meta.get("license", "")).strip()
        licence = short if short and len(short) < 60 and "\n" not in short else ""
    if not licence:
        classifiers = [str(c) for c in meta.get("classifier", [])]
        licence = next(
            (c.split("::")[-1].strip() for c in classifiers if c.startswith("License ::")), ""
        )
    return version, licence or "see the package"


class AboutDialog(QDialog):
    """The About box."""

    def __init__(
        self, data_dir: Path, index_dir: Path, icon: QIcon, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("About SpaceReader")
        self.setObjectName("about-dialog")
        logo = QLabel(self)
        logo.setPixmap(icon.pixmap(64, 64))
        heading = QLabel(
            f"<h2>SpaceReader {html.escape(__version__)}</h2>"
            "<p>A reader for space-policy documents: the programs they name, "
            "the figures they give.</p>"
            f"<p><b>Library and bookmarks:</b> {html.escape(str(data_dir))}<br>"
            f"<b>Search index:</b> {html.escape(str(index_dir))}</p>",
            self,
        )
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading.setWordWrap(True)
        self.table = QTableWidget(len(DEPENDENCIES), 3, self)
        self.table.setAccessibleName("Libraries and their licences")
        self.table.setHorizontalHeaderLabels(["Library", "Version", "Licence"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, name in enumerate(DEPENDENCIES):
            version, licence = licence_of(name)
            for column, value in enumerate((name, version, licence)):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(logo)
        layout.addWidget(heading)
        layout.addWidget(QLabel("Built with:", self))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 520)

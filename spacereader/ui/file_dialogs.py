"""Save and open dialogs for exports and imports that start where the user last
chose a file, this session or an earlier one, and offer a sensible file name.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "files/last_folder"


def start_folder(settings: QSettings) -> Path:
    """The folder last chosen in one of these dialogs, else the user's documents
    folder, else the home folder (as the platform names them)."""
    saved = str(settings.value(LAST_FOLDER_KEY, "") or "")
    if saved and Path(saved).is_dir():
        return Path(saved)
    for location in (
        QStandardPaths.StandardLocation.DocumentsLocation,
        QStandardPaths.StandardLocation.HomeLocation,
    ):
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.cwd()


def _remember(settings: QSettings, path: str) -> None:
    if path:
        settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))


def save_file_path(
    parent: QWidget, settings: QSettings, caption: str, file_name: str, filters: str
) -> tuple[str, str]:
    """Ask where to save, starting in the last folder with `file_name`: (path, filter)."""
    path, chosen = QFileDialog.getSaveFileName(
        parent, caption, str(start_folder(settings) / file_name), filters
    )
    _remember(settings, path)
    return path, chosen


def open_file_path(parent: QWidget, settings: QSettings, caption: str, filters: str) -> str:
    """Ask for a file to read, starting in the last folder; "" when cancelled."""
    path, _chosen = QFileDialog.getOpenFileName(
        parent, caption, str(start_folder(settings)), filters
    )
    _remember(settings, path)
    return path

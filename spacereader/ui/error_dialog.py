"""The last line of defence: an uncaught exception is logged and shown, never silent."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger("spacereader.ui")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def install_excepthook(parent: Callable[[], QWidget | None], log_file: Path) -> ExceptHook:
    """Log uncaught exceptions and show them in a dialog; returns the previous hook."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        log.error("Uncaught exception:\n%s", details)
        box = QMessageBox(parent())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("SpaceReader — unexpected error")
        box.setText(f"Something went wrong: {error}")
        box.setInformativeText(f"Your documents and bookmarks are safe. Details are in {log_file}.")
        box.setDetailedText(details)
        box.open()

    sys.excepthook = hook
    return previous

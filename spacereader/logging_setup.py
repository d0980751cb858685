"""Logging to a rotating file in the log folder, so no error goes unrecorded."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from spacereader.core import paths

LOG_FILE_NAME = "spacereader.log"
MAX_BYTES = 1_000_000
BACKUPS = 3


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the package's log records to the rotating log file; return its path."""
    log_file = paths.log_dir() / LOG_FILE_NAME
    logger = logging.getLogger("spacereader")
    if not any(isinstance(h, RotatingFileHandler) for h in logger.handlers):
        handler = RotatingFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)
    return log_file

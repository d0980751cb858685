"""The Qt binding must not leak or drop references on the calls the reader makes by the
thousand (PySide6 6.12.0 dropped one reference to None per void call: fatal on Python 3.11)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat

CALLS = 20_000


def test_void_calls_keep_none_alive() -> None:
    block_format = QTextBlockFormat()
    char_format = QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        block_format.setBottomMargin(3.0)
        char_format.setFontItalic(True)
    after = sys.getrefcount(None)
    # Python 3.12+ makes None immortal; on 3.11 a broken binding loses 2 × CALLS here.
    assert abs(after - before) < 100

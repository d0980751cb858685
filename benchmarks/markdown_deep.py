"""Markdown with deeply nested emphasis: parse and reader layout time against size.

Prints seconds for inputs of 60 KB and 600 KB ("*a **b " … "** a*"). Both
should grow about linearly with the size.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    """Print the figures."""
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QApplication

    from spacereader.core.document import Document, DocumentFormat, DocumentInfo
    from spacereader.core.loaders.markdown_blocks import markdown_blocks
    from spacereader.core.structure import detect_structure
    from spacereader.ui.markdown_renderer import MarkdownRenderer

    application = QApplication([])
    for repeats in (5_000, 50_000):
        text = "*a **b " * repeats + "c" + "** a*" * repeats
        started = time.perf_counter()
        markdown_blocks(text)
        parsed = time.perf_counter() - started
        info = DocumentInfo(
            "x", "x", "", "", "", DocumentFormat.MARKDOWN, None, len(text), "", False
        )  # type: ignore[arg-type]
        document = Document(info, text, detect_structure(text))
        target = QTextDocument()
        started = time.perf_counter()
        MarkdownRenderer(application.font(), application.palette()).render(document, target)
        rendered = time.perf_counter() - started
        print(f"{len(text) / 1000:6.0f} KB  parse {parsed:6.2f} s  render {rendered:6.2f} s")


if __name__ == "__main__":
    main()

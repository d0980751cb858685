"""Markdown with deeply nested emphasis: parse and reader layout time against size.

Prints seconds for inputs of 60 KB and 600 KB ("*a **b " … "** a*"), each one
paragraph, and the longest slice the reader spends setting it (what the window
waits for at most). Both times should grow about linearly with the size.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    """Print the figures."""
    from pathlib import Path

    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QApplication

    from spacereader.core.document import Document, DocumentFormat, DocumentInfo
    from spacereader.core.shown import markdown_layout
    from spacereader.ui.markdown_renderer import MarkdownRenderer
    from spacereader.ui.render_job import RenderJob

    application = QApplication([])
    for repeats in (5_000, 50_000):
        text = "*a **b " * repeats + "c" + "** a*" * repeats
        started = time.perf_counter()
        markdown_layout(text)  # kept: the reader's parse below finds it
        parsed = time.perf_counter() - started
        info = DocumentInfo(
            id="deep",
            title="Deep",
            source="",
            date="",
            category="",
            format=DocumentFormat.MARKDOWN,
            path=Path("deep.md"),
            chars=len(text),
            content_hash="",
            bundled=False,
        )
        renderer = MarkdownRenderer(application.font(), application.palette())
        started = time.perf_counter()
        target = QTextDocument()
        _text_map, steps = renderer.render_steps(Document(info, text), target)
        job = RenderJob(target, steps)
        longest = 0.0
        while not job.done:
            began = time.perf_counter()
            job.slice(hurried=False)
            longest = max(longest, time.perf_counter() - began)
        rendered = time.perf_counter() - started
        print(
            f"{len(text) / 1000:6.0f} KB  parse {parsed:6.2f} s  set {rendered:6.2f} s"
            f"  longest slice {longest * 1000:4.0f} ms"
        )


if __name__ == "__main__":
    main()

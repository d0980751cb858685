"""Imported formats in the reader: Markdown set formatted with exact offsets; HTML
that loads nothing from the network or the disk; links opened only when clicked."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp
from tests.ui.conftest import import_and_wait

MARKDOWN = """# Chandrayaan-3 Lands

*Bengaluru, 23 August 2023* — The **Indian Space Research Organisation (ISRO)** landed.

## Payloads

- The *Vikram* lander
- The *Pragyan* rover, which drove about 100 metres

See [ISRO](https://www.isro.gov.in) for more.
"""

HTML = """<!doctype html><html><head><title>ESA signs Artemis deal</title>
<script>fetch('http://tracker.invalid/x')</script></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<div class="cookie-banner">We use cookies. Accept all cookies</div>
<article><h1>ESA signs Artemis deal</h1>
<p>The European Space Agency signed an agreement with NASA on the
<a href="https://www.esa.int/gateway">Lunar Gateway</a>, providing
the ESPRIT module and the I-Hab habitat for the station in lunar orbit.</p>
<img src="http://images.invalid/gateway.jpg"><img src="file:///etc/hostname">
<iframe src="http://ads.invalid/"></iframe>
<p>Three European astronauts will fly to the Moon under the deal, ESA said in Paris.</p>
</article><footer>Copyright ESA</footer></body></html>
"""


def test_markdown_is_set_formatted_and_offsets_stay_exact(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path
) -> None:
    path = tmp_path / "chandrayaan.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    import_and_wait(qtbot, reader_app, path)
    reader = reader_app.reader
    shown = reader.toPlainText()
    assert "# " not in shown
    assert "**" not in shown
    assert "*Vikram*" not in shown
    assert shown.splitlines()[0] == "Chandrayaan-3 Lands"
    heading = reader.document().findBlockByNumber(0).begin().fragment().charFormat()
    assert heading.font().bold()
    cursor = reader.textCursor()
    start = shown.index("Vikram")
    cursor.setPosition(start)
    cursor.setPosition(start + len("Vikram"), cursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    span = reader.selected_span()
    assert span is not None
    document = reader.current_document
    assert document is not None
    assert document.text[span[0] : span[1]] == "Vikram"
    assert document.text[span[0] - 1] == "*"  # the source keeps its markup


def test_html_view_loads_nothing_and_reads_no_local_file(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    connections: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        connections.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    requested: list[str] = []
    original = type(reader_app.reader).loadResource

    def spy(self, kind, url):
        requested.append(url.toString() if isinstance(url, QUrl) else str(url))
        return original(self, kind, url)

    monkeypatch.setattr(type(reader_app.reader), "loadResource", spy)
    path = tmp_path / "esa.html"
    path.write_text(HTML, encoding="utf-8")
    import_and_wait(qtbot, reader_app, path)
    shown = reader_app.reader.toPlainText()
    assert "Lunar Gateway" in shown
    assert "cookies" not in shown
    assert "Copyright ESA" not in shown
    assert "fetch(" not in shown
    assert connections == []
    assert requested == []
    assert (
        reader_app.reader.loadResource(
            QTextDocument.ResourceType.ImageResource.value, QUrl("file:///etc/hostname")
        )
        is None
    )


def test_only_web_links_open_and_only_when_clicked(
    reader_app: SpaceReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "spacereader.app.QDesktopServices.openUrl", lambda url: opened.append(url.toString())
    )
    reader_app.open_link(QUrl("https://www.esa.int/"))
    reader_app.open_link(QUrl("file:///etc/passwd"))
    assert opened == ["https://www.esa.int/"]
    assert "Not opened" in reader_app.window.statusBar().currentMessage()


def test_html_links_are_kept_and_clickable(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path
) -> None:
    path = tmp_path / "esa.html"
    path.write_text(HTML, encoding="utf-8")
    import_and_wait(qtbot, reader_app, path)
    document = reader_app.reader.document()
    anchors = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().isAnchor():
                anchors.append((fragment.text(), fragment.charFormat().anchorHref()))
            iterator += 1
        block = block.next()
    assert ("Lunar Gateway", "https://www.esa.int/gateway") in anchors

"""The app as it starts: the document first, the features after the first paint."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from spacereader.app import build


def test_the_features_are_wired_after_the_first_paint(qtbot: QtBot) -> None:
    app = build(defer_features=True)
    qtbot.addWidget(app.window)
    try:
        # The document is on show before any feature exists.
        assert not app.features_ready
        assert app.reader.current_document is not None
        assert app.programs_panel.tree.model().rowCount() == 0
        app.window.show()
        qtbot.waitUntil(lambda: app.features_ready, timeout=10000)
        # The document already on show gets its programs once extraction is wired.
        qtbot.waitUntil(lambda: app.programs_panel.tree.model().rowCount() > 0, timeout=20000)
    finally:
        app.window.close()
        app.library.close()


def test_files_given_before_the_features_are_imported_once_they_are(
    qtbot: QtBot, tmp_path: Path
) -> None:
    brief = tmp_path / "brief.txt"
    brief.write_text("A brief\n\nThe ILRS now has 13 member states.\n", encoding="utf-8")
    app = build([brief], defer_features=True)
    qtbot.addWidget(app.window)
    try:
        assert app.reader.current_document is not None
        app.window.show()
        qtbot.waitUntil(
            lambda: (
                app.reader.current_document is not None
                and app.reader.current_document.title == "A brief"
            ),
            timeout=20000,
        )
    finally:
        app.window.close()
        app.library.close()

"""A damaged library catalogue at start: the app opens, rebuilt, and offers the backup."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from spacereader.app import build
from spacereader.core.library import Library
from spacereader.features.catalogue_recovery import offer_catalogue_backup

ARTICLE = "Lunar Plans Advance\n\nThe station adds partners in {year}.\n"


def damaged_library(tmp_path: Path) -> tuple[list[str], Path]:
    library = Library()
    ids = []
    for year in (2024, 2025):
        path = tmp_path / f"plan-{year}.txt"
        path.write_text(ARTICLE.format(year=year), encoding="utf-8")
        ids.append(library.add_file(path).info.id)
    library.set_position(ids[0], 9)
    backup = library.backup()
    catalogue = library.root / "library.sqlite3"
    library.close()
    with catalogue.open("r+b") as stream:
        stream.write(b"not a database!!")
    return ids, backup


def test_the_app_opens_on_a_damaged_catalogue_and_restores_its_backup(
    qtbot: QtBot, tmp_path: Path
) -> None:
    ids, backup = damaged_library(tmp_path)
    app = build()  # used to die with "file is not a database"
    qtbot.addWidget(app.window)
    app.window.show()
    try:
        listed = [info.id for info in app.library.documents()]
        assert set(ids) <= set(listed)
        changes = []
        box = offer_catalogue_backup(app.window, app.library, lambda: changes.append(1))
        assert box is not None
        assert box.isVisible()
        assert "damaged" in box.text()
        assert backup.name in box.informativeText()
        [restore] = [button for button in box.buttons() if button.text() == "Restore Backup"]
        restore.click()
        qtbot.waitUntil(lambda: bool(changes))
        assert app.library.position(ids[0]) == 9
        assert app.library.recovery is None
        assert offer_catalogue_backup(app.window, app.library, lambda: None) is None
    finally:
        app.window.close()
        app.library.close()


def test_keeping_the_recovered_library_answers_the_question(qtbot: QtBot, tmp_path: Path) -> None:
    damaged_library(tmp_path)
    library = Library()
    try:
        box = offer_catalogue_backup(None, library, lambda: None)
        assert box is not None
        qtbot.addWidget(box)
        [keep] = [b for b in box.buttons() if b.text() == "Keep Recovered Library"]
        keep.click()
        qtbot.waitUntil(lambda: library.recovery is None)
    finally:
        library.close()

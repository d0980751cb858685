"""Bringing documents in and out through the app: import, refusals, recent, remove, undo."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from spacereader.app import SpaceReaderApp
from spacereader.core.extraction.pipeline import PROCESS_FROM
from tests.ui.conftest import import_and_wait

WAIT_MS = 20000
ARTICLE = """Artemis II Crew Named

NASA — April 3, 2023

NASA named the four astronauts who will fly around the Moon on Artemis II, the first crewed
flight of the Orion spacecraft and the Space Launch System (SLS).

The mission will last about ten days.
"""


def import_artemis(qtbot: QtBot, app: SpaceReaderApp, folder: Path) -> tuple[Path, str]:
    """Import the Artemis brief; its path and the id of the document it became."""
    path = folder / "artemis.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    import_and_wait(qtbot, app, path)
    document = app.reader.current_document
    assert document is not None
    return path, document.id


def remove_confirmed(
    app: SpaceReaderApp, doc_id: str, monkeypatch: pytest.MonkeyPatch, bookmarks_too: bool = False
) -> None:
    """Remove a document as if the user confirmed the dialog."""
    monkeypatch.setattr(app.importer, "confirm_removal", lambda title: (True, bookmarks_too))
    app.importer.remove(doc_id)


def test_imported_text_opens_and_is_listed(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    show_status = reader_app.window.show_status
    monkeypatch.setattr(
        reader_app.window,
        "show_status",
        lambda message, timeout_ms=6000: (messages.append(message), show_status(message))[1],
    )
    path = tmp_path / "artemis.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    import_and_wait(qtbot, reader_app, path)
    assert reader_app.window.windowTitle() == "Artemis II Crew Named — SpaceReader"
    assert len(reader_app.library_panel.document_ids()) == 2
    assert "1 imported, 0 failed." in messages


def test_a_refused_file_is_one_line_and_harms_nothing(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        reader_app.importer,
        "_report_failures",
        lambda failures, summary: shown.extend(failures),
    )
    bad = tmp_path / "notes.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    import_and_wait(qtbot, reader_app, bad)
    assert len(shown) == 1
    assert "not supported" in shown[0]
    assert "\n" not in shown[0]
    assert len(reader_app.library) == 1
    assert reader_app.window.windowTitle().startswith("China Releases Space Plan")


def test_remove_with_confirmation_and_undo(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _path, doc_id = import_artemis(qtbot, reader_app, tmp_path)
    remove_confirmed(reader_app, doc_id, monkeypatch)
    assert doc_id not in reader_app.library
    assert doc_id not in reader_app.library_panel.document_ids()
    assert reader_app.window.windowTitle().startswith("China Releases Space Plan")
    reader_app.undo_stack.undo()
    assert doc_id in reader_app.library
    assert doc_id in reader_app.library_panel.document_ids()


def test_cancelled_confirmation_keeps_the_document(
    reader_app: SpaceReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id = reader_app.reader.current_document.id  # type: ignore[union-attr]
    monkeypatch.setattr(reader_app.importer, "confirm_removal", lambda title: (False, False))
    reader_app.importer.remove(doc_id)
    assert doc_id in reader_app.library


def test_open_recent_lists_what_was_read(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path
) -> None:
    path = tmp_path / "artemis.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    import_and_wait(qtbot, reader_app, path)
    qtbot.wait(100)  # the visit is recorded just after the document shows
    reader_app.importer.recent_menu.aboutToShow.emit()
    labels = [a.text() for a in reader_app.importer.recent_menu.actions()]
    assert labels[0].endswith("Artemis II Crew Named")


def test_reading_position_is_restored(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path
) -> None:
    long_text = "Long Report\n\n" + "\n\n".join(
        f"Paragraph {n} about the lunar station and its partners." * 4 for n in range(200)
    )
    path = tmp_path / "long.txt"
    path.write_text(long_text, encoding="utf-8")
    import_and_wait(qtbot, reader_app, path)
    reader = reader_app.reader
    doc_id = reader.current_document.id  # type: ignore[union-attr]
    reader.scroll_to_offset(long_text.index("Paragraph 120"), margin=False)
    offset = reader.top_offset()
    reader_app.save_state()
    seed = next(i for i in reader_app.library_panel.document_ids() if i != doc_id)
    reader_app.open_document(seed)
    reader_app.open_document(doc_id)
    assert abs(reader.top_offset() - offset) < 400


def test_cancel_keeps_and_lists_what_came_in(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path
) -> None:
    folder = tmp_path / "briefs"
    folder.mkdir()
    for number in range(40):
        (folder / f"brief-{number:02d}.txt").write_text(
            f"Brief {number}\n\nThe lunar station had {number} partners.\n", encoding="utf-8"
        )
    importer = reader_app.importer
    importer.runner.progress.connect(lambda _id, done, _total: done >= 2 and importer.cancel())
    with qtbot.waitSignal(importer.runner.finished, timeout=20000):
        importer.import_paths([folder])
    in_library = len(reader_app.library)
    assert 1 < in_library < 41
    assert len(reader_app.library_panel.document_ids()) == in_library
    assert "(cancelled)" in reader_app.window.statusBar().currentMessage()


def test_undo_of_a_removal_that_cannot_be_undone_says_so(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, doc_id = import_artemis(qtbot, reader_app, tmp_path)
    remove_confirmed(reader_app, doc_id, monkeypatch)
    import_and_wait(qtbot, reader_app, path)  # the same file comes back
    reader_app.undo_stack.undo()
    assert "Cannot undo" in reader_app.window.statusBar().currentMessage()
    assert len(reader_app.library) == 2
    assert not reader_app.undo_stack.canRedo()


def test_removing_the_last_document_leaves_an_empty_reader(
    reader_app: SpaceReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id = reader_app.reader.current_document.id  # type: ignore[union-attr]
    remove_confirmed(reader_app, doc_id, monkeypatch)
    assert len(reader_app.library) == 0
    assert reader_app.reader.current_document is None
    assert reader_app.window.windowTitle() == "SpaceReader"
    assert "library is empty" in reader_app.reader.toPlainText()
    reader_app.bookmarks.bookmark_passage()  # nothing to bookmark: no error, no bookmark
    assert reader_app.bookmarks.bookmarks == {}
    reader_app.undo_stack.undo()
    assert doc_id in reader_app.library


def test_closing_the_window_stops_a_large_import_at_once(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path
) -> None:
    folder = tmp_path / "briefs"
    folder.mkdir()
    count = PROCESS_FROM * 8
    for number in range(count):
        (folder / f"brief-{number:03d}.txt").write_text(
            f"Brief {number}\n\nThe lunar station had {number} partners.\n" * 200,
            encoding="utf-8",
        )
    importer = reader_app.importer
    started: list[int] = []
    importer.runner.progress.connect(lambda _id, done, _total: started.append(done))
    importer.import_paths([folder])
    qtbot.waitUntil(lambda: bool(started) and started[-1] >= PROCESS_FROM + 2, timeout=20000)
    closing = time.monotonic()
    reader_app.window.close()
    assert time.monotonic() - closing < 5
    assert not importer.runner._thread.isRunning()
    assert len(reader_app.library) < count + 1  # it stopped before the end


def test_a_link_out_of_the_folder_is_said_in_the_summary(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    listed: list[str] = []
    show_status = reader_app.window.show_status
    monkeypatch.setattr(
        reader_app.window,
        "show_status",
        lambda message, timeout_ms=6000: (messages.append(message), show_status(message))[1],
    )
    monkeypatch.setattr(
        reader_app.importer, "_report_failures", lambda lines, summary: listed.extend(lines)
    )
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Private notes\n\nNot for the library.\n", encoding="utf-8")
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    (chosen / "artemis.txt").write_text(ARTICLE, encoding="utf-8")
    (chosen / "notes.txt").symlink_to(secret)
    import_and_wait(qtbot, reader_app, chosen)
    assert "1 imported, 1 skipped, 0 failed." in messages
    assert listed == [
        f"{chosen / 'notes.txt'}: skipped, a link that leads out of the folder"
        f" (to {secret.resolve()})"
    ]

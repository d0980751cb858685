"""The Programs and Figures docks and the inline highlights, on the bundled article."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

import spacereader.core.extraction
import spacereader.core.extraction.pipeline  # binds the real extract before a test patches it
from spacereader.app import SpaceReaderApp
from spacereader.core.extraction import Extraction
from spacereader.ui.programs_panel import TARGET_ROLE, MentionTarget
from spacereader.ui.typography import HIGHLIGHT_TINTS, contrast_ratio
from tests.ui.conftest import import_and_wait

WAIT_MS = 20000


def wait_extracted(qtbot: QtBot, app: SpaceReaderApp) -> None:
    qtbot.waitUntil(lambda: app.annotations.current is not None, timeout=WAIT_MS)


def program_index(app: SpaceReaderApp, label_start: str):
    tree = app.programs_panel.tree
    model = tree.model()
    for row in range(model.rowCount()):
        category = model.index(row, 0)
        for child_row in range(model.rowCount(category)):
            child = model.index(child_row, 0, category)
            if str(child.data()).startswith(label_start):
                return child
    raise AssertionError(f"no program row starting {label_start!r}")


def test_programs_are_grouped_by_category_with_counts(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_extracted(qtbot, reader_app)
    names = reader_app.programs_panel.program_names()
    assert any(name.startswith("International Lunar Research Station (ILRS)") for name in names)
    ilrs = program_index(reader_app, "International Lunar Research Station")
    assert str(ilrs.data()).endswith("·  3")
    tooltip = str(ilrs.data(3))  # ToolTipRole
    assert "Category:" in tooltip


def test_clicking_a_program_steps_through_its_mentions(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_extracted(qtbot, reader_app)
    ilrs = program_index(reader_app, "International Lunar Research Station")
    target = ilrs.data(TARGET_ROLE)
    assert isinstance(target, MentionTarget)
    text = reader_app.reader.current_document.text  # type: ignore[union-attr]
    seen = []
    for _ in range(len(target.spans)):
        reader_app.programs_panel.tree.clicked.emit(ilrs)
        [(start, end)] = reader_app.reader.highlights("flash")
        seen.append(text[start:end])
    assert seen == ["International Lunar Research Station", "ILRS", "ILRS"]


def test_filter_narrows_the_programs(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    wait_extracted(qtbot, reader_app)
    panel = reader_app.programs_panel
    panel.filter_edit.setText("speed rail")  # typed text, spaces and all, not a pattern
    model = panel.tree.model()
    visible = [
        str(model.index(r, 0, model.index(c, 0)).data())
        for c in range(model.rowCount())
        for r in range(model.rowCount(model.index(c, 0)))
    ]
    assert visible
    assert all("speed rail" in label.lower() for label in visible)


def test_figures_table_lists_counts_with_what_they_count(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_extracted(qtbot, reader_app)
    rows = reader_app.figures_panel.rows()
    by_figure = {row[0]: row for row in rows}
    assert by_figure["46"][1].startswith("space cooperation agreements")
    assert by_figure["46"][2] == "count"
    assert by_figure["almost 1,000"][3] == "almost"
    assert "Tianwen-1" not in by_figure


def test_clicking_a_figure_jumps_to_it(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    wait_extracted(qtbot, reader_app)
    table = reader_app.figures_panel.table
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "19")
    table.clicked.emit(model.index(row, 1))
    [(start, end)] = reader_app.reader.highlights("flash")
    assert reader_app.reader.current_document.text[start:end] == "19"  # type: ignore[union-attr]


def test_inline_highlights_and_their_toggles(qtbot: QtBot, reader_app: SpaceReaderApp) -> None:
    wait_extracted(qtbot, reader_app)
    reader = reader_app.reader
    assert reader.highlights("programs")
    assert reader.highlights("figures")
    reader_app.annotations.show_programs.setChecked(False)
    assert reader.highlights("programs") == []
    assert reader.highlights("figures")
    reader_app.annotations.show_figures.setChecked(False)
    assert reader.highlights("figures") == []
    reader_app.annotations.show_programs.setChecked(True)
    assert reader.highlights("programs")
    assert reader_app.settings.value("highlight/figures", type=bool) is False


def test_highlight_tints_meet_wcag_contrast_in_both_themes() -> None:
    light_text, dark_text = QColor("#000000"), QColor("#e6e6e9")
    for kind, (light, dark) in HIGHLIGHT_TINTS.items():
        assert contrast_ratio(QColor(light), light_text) >= 4.5, kind
        assert contrast_ratio(QColor(dark), dark_text) >= 4.5, kind


def test_whole_library_lists_documents_per_program(
    qtbot: QtBot, reader_app: SpaceReaderApp
) -> None:
    wait_extracted(qtbot, reader_app)
    panel = reader_app.programs_panel
    panel.library_switch.setChecked(True)
    qtbot.waitUntil(
        lambda: (
            program_index(reader_app, "International Lunar")
            .model()
            .rowCount(program_index(reader_app, "International Lunar"))
            == 1
        ),
        timeout=WAIT_MS,
    )
    ilrs = program_index(reader_app, "International Lunar")
    document_row = ilrs.model().index(0, 0, ilrs)
    assert str(document_row.data()).startswith("China Releases Space Plan")


def extracted_from_now_on(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the app extracts itself from now on, rather than reading them stored."""
    extracted: list[str] = []
    real_extract = spacereader.core.extraction.extract

    def counting_extract(document_text: str, *args: object) -> Extraction:
        extracted.append(document_text)
        return real_extract(document_text)

    monkeypatch.setattr(spacereader.core.extraction, "extract", counting_extract)
    return extracted


def test_an_imported_document_opens_on_its_stored_extraction(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait_extracted(qtbot, reader_app)
    brief = tmp_path / "brief.txt"
    text = "Gateway brief\n\nThe Lunar Gateway Logistics Program (LGLP) ships 12 modules by 2031.\n"
    brief.write_text(text, encoding="utf-8")
    expected = [figure.text for figure in spacereader.core.extraction.extract(text).figures]
    assert len(expected) == 2
    extracted = extracted_from_now_on(monkeypatch)
    # The import extracts the text into the store; opening it must not extract again.
    import_and_wait(qtbot, reader_app, brief)
    qtbot.waitUntil(
        lambda: any(
            name.startswith("Lunar Gateway Logistics Program")
            for name in reader_app.programs_panel.program_names()
        ),
        timeout=WAIT_MS,
    )
    assert [row[0] for row in reader_app.figures_panel.rows()] == expected
    assert extracted == []


def test_a_large_import_extracts_in_a_worker_process_for_the_whole_library_view(
    qtbot: QtBot, reader_app: SpaceReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait_extracted(qtbot, reader_app)
    folder = tmp_path / "briefs"
    folder.mkdir()
    count = spacereader.core.extraction.pipeline.PROCESS_FROM + 6
    for number in range(count):
        (folder / f"brief-{number:03}.txt").write_text(
            f"Brief {number}\n\nThe Orbital Relay Program adds {number + 3} satellites.\n",
            encoding="utf-8",
        )
    extracted = extracted_from_now_on(monkeypatch)
    import_and_wait(qtbot, reader_app, folder)
    reader_app.programs_panel.library_switch.setChecked(True)

    def every_brief_listed() -> bool:
        relay = program_index(reader_app, "Orbital Relay Program")
        return relay.model().rowCount(relay) == count

    qtbot.waitUntil(every_brief_listed, timeout=WAIT_MS)
    # Every brief came from the store the worker process filled, none extracted here.
    assert not any(text.startswith("Brief") for text in extracted)

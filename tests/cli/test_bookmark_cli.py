"""`spacereader bookmarks …` on the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from spacereader.cli import main
from spacereader.core import paths
from spacereader.core.bookmarks import BookmarkStore
from spacereader.core.library import Library


@pytest.fixture
def seed_id() -> str:
    library = Library()
    try:
        return library.documents()[0].id
    finally:
        library.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def add(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, "bookmarks", "add", *argv)
    assert (code, err) == (0, "")
    return out.strip()


def test_add_then_list(capsys: pytest.CaptureFixture[str], seed_id: str, seed_text: str) -> None:
    start = seed_text.index("ILRS")
    mark_id = add(capsys, seed_id[:6], str(start), str(start + 4), "--note", "la station ✓")
    assert len(mark_id) == 32
    code, out, err = run(capsys, "bookmarks", "list")
    assert (code, err) == (0, "")
    assert out.startswith(mark_id[:8])
    assert "China Releases Space Plan" in out
    assert "“ILRS”" in out
    assert "la station ✓" in out


def test_list_json_gives_the_export_objects(
    capsys: pytest.CaptureFixture[str], seed_id: str, seed_text: str
) -> None:
    add(capsys, seed_id, "0", "5", "--tag", "moon", "--tag", "été")
    code, out, _ = run(capsys, "bookmarks", "list", "--json")
    [item] = json.loads(out)
    assert code == 0
    assert item["doc_id"] == seed_id
    assert item["quote"] == seed_text[:5]
    assert item["tags"] == ["moon", "été"]
    assert item["title"].startswith("China Releases Space Plan")
    assert set(item) >= {"id", "prefix", "suffix", "start", "end", "created", "status"}


def test_list_can_be_limited_to_one_document(
    capsys: pytest.CaptureFixture[str], seed_id: str
) -> None:
    add(capsys, seed_id, "0", "5")
    assert json.loads(run(capsys, "bookmarks", "list", "--json", "--doc", "other")[1]) == []
    assert len(json.loads(run(capsys, "bookmarks", "list", "--json", "--doc", seed_id)[1])) == 1


def test_search_finds_notes(capsys: pytest.CaptureFixture[str], seed_id: str) -> None:
    wanted = add(capsys, seed_id, "0", "5", "--note", "lunar base")
    add(capsys, seed_id, "10", "20", "--note", "other")
    code, out, _ = run(capsys, "bookmarks", "search", "note:lun", "--json")
    assert code == 0
    assert [item["id"] for item in json.loads(out)] == [wanted]


def test_add_refuses_a_bad_range(capsys: pytest.CaptureFixture[str], seed_id: str) -> None:
    code, out, err = run(capsys, "bookmarks", "add", seed_id, "10", "999999")
    assert (code, out) == (1, "")
    assert err.startswith("spacereader: passage 10–999999 is not a non-empty range")
    assert err.count("\n") == 1


def test_add_to_an_unknown_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "bookmarks", "add", "nosuchdoc", "0", "1")
    assert code == 1
    assert err == "spacereader: no document with id 'nosuchdoc'\n"


@pytest.mark.parametrize("fmt", ["json", "md", "csv"])
def test_export_to_stdout_and_to_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_id: str, fmt: str
) -> None:
    add(capsys, seed_id, "0", "5", "--note", "première note")
    code, printed, _ = run(capsys, "bookmarks", "export", "--format", fmt)
    assert code == 0
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"bookmarks.{fmt}"
    code, out, _ = run(capsys, "bookmarks", "export", "--format", fmt, "-o", str(target))
    assert code == 0
    assert out == f"exported 1 bookmark to {target}\n"
    written = target.read_bytes().decode("utf-8")
    assert written == printed
    assert "première note" in written
    if fmt == "md":
        assert "## China Releases Space Plan" in written
    if fmt == "csv":
        assert next(csv.DictReader(io.StringIO(written)))["note"] == "première note"
    assert [item.name for item in folder.iterdir()] == [target.name]  # no temporary left


def test_export_defaults_to_json(capsys: pytest.CaptureFixture[str], seed_id: str) -> None:
    add(capsys, seed_id, "0", "5")
    assert len(json.loads(run(capsys, "bookmarks", "export")[1])) == 1


def test_export_then_import_elsewhere(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    seed_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add(capsys, seed_id, "0", "5", "--note", "ναι ✓", "--tag", "日本")
    target = tmp_path / "out.json"
    run(capsys, "bookmarks", "export", "-o", str(target))
    before = run(capsys, "bookmarks", "list", "--json")[1]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))
    code, out, err = run(capsys, "bookmarks", "import", str(target))
    assert (code, err) == (0, "")
    assert out == f"imported 1 bookmark from {target}\n"
    assert run(capsys, "bookmarks", "list", "--json")[1] == before
    assert run(capsys, "bookmarks", "import", str(target))[1] == (
        f"imported 0 bookmarks from {target}\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b'[{"id": "x", "doc_id": "d", "quote": "ab", "start": -1}]', "start must be"),
        (b"\xff\xfe\x00garbage", "not UTF-8 text"),
    ],
)
def test_a_bad_import_file_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    seed_id: str,
    content: bytes,
    message: str,
) -> None:
    add(capsys, seed_id, "0", "5")
    before = run(capsys, "bookmarks", "list", "--json")[1]
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, out, err = run(capsys, "bookmarks", "import", str(bad))
    assert (code, out) == (1, "")
    assert err.startswith(f"spacereader: {bad}: ")
    assert message in err
    assert err.count("\n") == 1
    assert run(capsys, "bookmarks", "list", "--json")[1] == before


def test_importing_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "bookmarks", "import", str(tmp_path / "none.json"))
    assert code == 1
    assert err == f"spacereader: cannot read {tmp_path / 'none.json'}: No such file or directory\n"


def test_an_action_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["bookmarks"])
    assert exit_info.value.code == 2
    assert "ACTION" in capsys.readouterr().err


def test_a_damaged_store_is_reported_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    (paths.data_dir() / "bookmarks.sqlite3").write_bytes(b"garbage" * 500)
    code, out, err = run(capsys, "bookmarks", "list")
    assert (code, out) == (0, "")
    assert err.startswith("spacereader: the bookmark file was damaged")
    assert "no sound backup was found" in err
    with BookmarkStore() as store:
        assert store.recovery is None
        assert len(store) == 0


def test_a_hand_made_file_without_ids_is_placed_by_its_quotes(
    capsys: pytest.CaptureFixture[str], seed_id: str, seed_text: str, tmp_path: Path
) -> None:
    quote = "International Lunar Research Station"
    wrong = seed_text.index(quote) + 7
    rows = [
        {"doc_id": seed_id, "quote": quote, "note": "no offsets", "tags": ["ilrs"]},
        {"doc_id": seed_id, "quote": quote, "start": wrong, "end": wrong + 3, "note": "wrong"},
        {"doc_id": seed_id, "quote": "words that are in no document", "note": "kept"},
    ]
    path = tmp_path / "converted.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    code, out, err = run(capsys, "bookmarks", "import", str(path))
    assert (code, err) == (0, "")
    assert out.startswith("imported 3 bookmarks")
    with BookmarkStore() as store:
        marks = {mark.note: mark for mark in store.list()}
    for note in ("no offsets", "wrong"):
        mark = marks[note]
        assert seed_text[mark.start : mark.end] == quote
        assert mark.status.value == "anchored"
        assert mark.prefix == seed_text[max(0, mark.start - 32) : mark.start]
        assert mark.created
        assert mark.updated == mark.created
    assert marks["no offsets"].tags == ("ilrs",)
    assert marks["kept"].status.value == "orphaned"
    assert len({mark.id for mark in marks.values()}) == 3
    # The same file again adds nothing: the ids made for it are the same ones.
    code, out, _err = run(capsys, "bookmarks", "import", str(path))
    assert (code, out.split()[:2]) == (0, ["imported", "0"])


def test_add_refuses_text_the_reader_hides(
    capsys: pytest.CaptureFixture[str], seed_id: str, seed_text: str
) -> None:
    start = seed_text.index("Back to previous selection")
    end = start + len("Back to previous selection")
    code, out, err = run(capsys, "bookmarks", "add", seed_id, str(start), str(end))
    assert (code, out) == (1, "")
    assert err.startswith(f"spacereader: passage {start}–{end} is hidden in the reader")
    assert err.count("\n") == 1
    code, out, _ = run(capsys, "bookmarks", "list", "--json")
    assert json.loads(out) == []


def test_add_moves_the_ends_into_shown_text(
    capsys: pytest.CaptureFixture[str], seed_id: str, seed_text: str
) -> None:
    hidden = seed_text.index("Back to previous selection")
    shown = seed_text.index("EIRNS—On")
    add(capsys, seed_id, str(hidden), str(shown + len("EIRNS—On")))
    _, out, _ = run(capsys, "bookmarks", "list", "--json")
    [mark] = json.loads(out)
    assert mark["quote"].endswith("EIRNS—On")
    assert "Back to previous selection" not in mark["quote"]

"""Importing files and folders: per-file results, a summary, progress and cancellation."""

from __future__ import annotations

from pathlib import Path

import pytest

from spacereader.core import importer
from spacereader.core.importer import expand_paths, import_paths
from spacereader.core.library import AddOutcome, Library
from tests.import_corpus import corpus_cases, write_corpus


@pytest.fixture
def library() -> Library:
    return Library()


def test_the_whole_corpus_imports_file_by_file(library: Library, tmp_path: Path) -> None:
    cases = write_corpus(tmp_path / "corpus")
    paths = [tmp_path / "corpus" / case.name for case in cases]
    summary = import_paths(library, paths)
    assert [item.path for item in summary.items] == paths
    for case, item in zip(cases, summary.items, strict=True):
        if case.refusal:
            assert item.info is None
            assert item.error is not None
            assert case.refusal in item.error
            assert item.error.startswith(case.name)
            assert "\n" not in item.error
        else:
            assert item.error is None, item.error
            assert item.info is not None
            if case.text is not None:
                assert library.load(item.info.id).text == case.text
    # Texts with the same content (UTF-8, BOM, UTF-16…) are one document.
    readable = [case for case in cases if not case.refusal]
    distinct = {item.info.id for item in summary.items if item.info is not None}
    assert summary.imported == len(distinct)
    assert summary.unchanged == len(readable) - len(distinct)
    assert summary.failed == len(cases) - len(readable)
    assert len(library) == 1 + len(distinct)


def test_a_folder_is_walked_recursively(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    for number in range(40):
        sub = folder / f"year-{number % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"report-{number}.txt").write_text(
            f"Report {number}\n\nThe budget for mission {number} is {number * 7} million.\n",
            encoding="utf-8",
        )
    (folder / "notes.docx").write_bytes(b"PK")  # skipped in a folder: not ours
    (folder / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD.txt").write_text("ref", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    summary = import_paths(library, [folder])
    assert (summary.imported, summary.unchanged, summary.updated, summary.failed) == (40, 0, 0, 1)
    assert summary.describe() == "40 imported, 1 failed"
    assert len(library) == 41
    again = import_paths(library, [folder])
    assert again.describe() == "0 imported, 40 unchanged, 1 failed"


def test_large_files_import_whole(library: Library, tmp_path: Path) -> None:
    paragraph = "The lunar gateway needs cargo flights, crew rotations and power. " * 20
    lines = tmp_path / "ten-megabytes.txt"
    lines.write_text("Large Report\n\n" + (paragraph + "\n\n") * 7800, encoding="utf-8")
    single = tmp_path / "one-line.txt"
    single.write_text(paragraph * 3900, encoding="utf-8")
    summary = import_paths(library, [lines, single])
    assert summary.describe() == "2 imported, 0 failed"
    for item, path in zip(summary.items, (lines, single), strict=True):
        assert item.info is not None
        assert library.load(item.info.id).text == path.read_text(encoding="utf-8")
    assert lines.stat().st_size > 10_000_000
    assert single.stat().st_size > 5_000_000


def test_expand_paths(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text("# z", encoding="utf-8")
    (tmp_path / "b" / "a.PDF").write_bytes(b"%PDF")
    (tmp_path / "b" / "c.png").write_bytes(b"png")
    explicit = tmp_path / "book.epub"
    missing = tmp_path / "gone.txt"
    paths = expand_paths([tmp_path / "b", explicit, missing, tmp_path / "b" / "z.md"])
    assert paths == [tmp_path / "b" / "a.PDF", tmp_path / "b" / "z.md", explicit, missing]


def test_progress_and_summary(library: Library, tmp_path: Path) -> None:
    paths = []
    for number in range(3):
        paths.append(tmp_path / f"{number}.txt")
        paths[-1].write_text(f"Title {number}\n\nBody {number}.\n", encoding="utf-8")
    seen: list[tuple[int, int, Path]] = []
    summary = import_paths(library, paths, progress=lambda *call: seen.append(call))
    assert seen == [(0, 3, paths[0]), (1, 3, paths[1]), (2, 3, paths[2]), (3, 3, paths[2])]
    assert [info.title for info in summary.documents] == ["Title 0", "Title 1", "Title 2"]
    assert not summary.cancelled


def test_cancel_stops_between_files_and_keeps_what_came_in(
    library: Library, tmp_path: Path
) -> None:
    paths = []
    for number in range(5):
        paths.append(tmp_path / f"{number}.txt")
        paths[-1].write_text(f"Title {number}\n\nBody {number}.\n", encoding="utf-8")
    done: list[Path] = []
    summary = import_paths(
        library,
        paths,
        cancelled=lambda: len(done) >= 2,
        on_item=lambda item: done.append(item.path),
    )
    assert summary.cancelled
    assert len(summary.items) == 2
    assert summary.describe() == "2 imported, 0 failed (cancelled)"
    assert len(library) == 3


def test_an_unexpected_loader_error_is_one_line_and_the_rest_goes_on(
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Good\n\nA good text.\n", encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text("# Bad\n", encoding="utf-8")
    real_add_file = Library.add_file

    def add_file(self: Library, path: Path, check: object = None) -> object:
        if path.suffix == ".md":
            raise RuntimeError("a bug\nover two lines")
        return real_add_file(self, path)

    monkeypatch.setattr(Library, "add_file", add_file)
    summary = import_paths(library, [bad, good])
    assert summary.items[0].error == "bad.md: unexpected error (RuntimeError)"
    assert summary.items[1].outcome is AddOutcome.ADDED
    assert "importing" in caplog.text  # the traceback goes to the log, not the user


def test_a_full_disk_is_a_per_file_error(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("A\n\nText.\n", encoding="utf-8")

    def no_space(target: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("spacereader.core.library.write_atomically", no_space)
    [item] = import_paths(library, [path]).items
    assert item.error == "a.txt: cannot store it (No space left on device)"
    assert len(library) == 1


def test_corpus_cases_cover_every_refusal_kind() -> None:
    # The corpus must keep exercising each refusal the issue lists.
    phrases = {case.refusal for case in corpus_cases() if case.refusal}
    assert {
        "no text layer",
        "encrypted PDF",
        "truncated PDF",
        "not a PDF",
        "binary",
        "NUL",
        "empty",
        "only white space",
        "not supported",
        "no such file",
    } <= phrases
    assert importer.ImportSummary(()).describe() == "0 imported, 0 failed"


def test_a_folder_import_never_follows_a_link_out_of_the_folder(
    library: Library, tmp_path: Path
) -> None:
    secret = tmp_path / "outside" / "shadow.txt"
    secret.parent.mkdir()
    secret.write_text("root:$6$secret:19000:0:99999:7:::\n", encoding="utf-8")
    chosen = tmp_path / "chosen"
    (chosen / "notes").mkdir(parents=True)
    (chosen / "report.txt").write_text("Lunar report\n\nThe station grows.\n", encoding="utf-8")
    (chosen / "shadow.txt").symlink_to(secret)
    (chosen / "linked-folder").symlink_to(secret.parent, target_is_directory=True)
    (chosen / "notes" / "same-report.txt").symlink_to(chosen / "report.txt")
    summary = import_paths(library, [chosen])
    assert [item.path.name for item in summary.items] == ["report.txt"]  # the link: same file
    assert all("secret" not in library.load(info.id).text for info in library.documents())
    # Each link leading out is said, the one that stays inside is not.
    assert [(skipped.path.name, skipped.reason) for skipped in summary.skipped] == [
        ("linked-folder", f"a link that leads out of the folder (to {secret.parent.resolve()})"),
        ("shadow.txt", f"a link that leads out of the folder (to {secret.resolve()})"),
    ]
    assert summary.describe() == "1 imported, 2 skipped, 0 failed"
    assert summary.skipped[1].message == (
        f"{chosen / 'shadow.txt'}: skipped, a link that leads out of the folder"
        f" (to {secret.resolve()})"
    )
    # A link named on its own is the user's choice, and is read.
    named = import_paths(library, [chosen / "shadow.txt"])
    assert (named.imported, named.skipped) == (1, ())

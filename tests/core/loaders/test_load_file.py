"""Every file of the import corpus gives its exact text or a clear one-line refusal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spacereader.core import loaders
from spacereader.core.document import DocumentFormat
from spacereader.core.errors import ImportRefusedError
from spacereader.core.loaders import load_file, read_source
from tests.import_corpus import Case, corpus_cases, write_corpus

CASES = corpus_cases()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    write_corpus(folder)
    return folder


@pytest.mark.parametrize("case", [c for c in CASES if c.text is not None], ids=lambda c: c.name)
def test_each_readable_file_gives_its_exact_text(case: Case, corpus: Path) -> None:
    loaded = load_file(corpus / case.name)
    assert loaded.text == case.text


@pytest.mark.parametrize("case", [c for c in CASES if c.refusal], ids=lambda c: c.name)
def test_each_bad_file_is_refused_in_one_line_naming_it(case: Case, corpus: Path) -> None:
    with pytest.raises(ImportRefusedError) as refused:
        load_file(corpus / case.name)
    message = str(refused.value)
    assert case.refusal is not None
    assert case.refusal in message
    assert message.startswith(f"{case.name}: ")
    assert "\n" not in message
    assert len(message) < 200


def test_formats_follow_the_suffix(corpus: Path) -> None:
    assert load_file(corpus / "utf8.txt").format is DocumentFormat.TEXT
    assert load_file(corpus / "accords.md").format is DocumentFormat.MARKDOWN
    assert load_file(corpus / "argonaut.html").format is DocumentFormat.HTML
    assert load_file(corpus / "argonaut.pdf").format is DocumentFormat.PDF


def test_cp1252_is_not_read_as_a_central_european_code_page(corpus: Path) -> None:
    loaded = load_file(corpus / "windows-1252.txt")
    assert "Brèves" in loaded.text
    assert "Brčves" not in loaded.text
    assert "“Argonaut”" in loaded.text
    assert loaded.encoding == "cp1252"


def test_a_folder_named_like_a_text_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").mkdir()
    with pytest.raises(loaders.UnreadableFileError, match=r"^notes\.txt: is a folder"):
        load_file(tmp_path / "notes.txt")


def test_a_pipe_is_never_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(loaders.UnreadableFileError, match="not a regular file"):
        load_file(fifo)


def test_an_unreadable_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The suite runs as root, for whom chmod 000 changes nothing: make the read fail
    # exactly as the kernel would for another user.
    path = tmp_path / "private.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(loaders.UnreadableFileError) as refused:
        load_file(path)
    assert str(refused.value) == "private.txt: cannot read (Permission denied)"


def test_a_huge_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loaders, "MAX_FILE_BYTES", 1024)
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(loaders.TooLargeError, match=r"^huge\.txt: too large"):
        read_source(path)


def test_unsupported_suffix_lists_what_is_supported(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    path.write_bytes(b"PK")
    with pytest.raises(loaders.UnsupportedFormatError) as refused:
        load_file(path)
    assert str(refused.value).startswith("book.epub: .epub files are not supported")
    assert ".pdf" in str(refused.value)


def test_a_file_just_over_the_limit_says_by_how_much(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with path.open("wb") as stream:  # sparse: no 200 MB written
        stream.truncate(loaders.MAX_FILE_BYTES + 400 * 1024)
    with pytest.raises(loaders.TooLargeError) as refused:
        read_source(path)
    assert str(refused.value) == "dump.txt: too large (200.3 MB; the limit is 200 MB)"

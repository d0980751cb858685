"""Titles, snippets and file names reach the terminal with their control characters escaped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from spacereader.cli.output import escape_controls

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
BODY = (
    "The International Lunar Research Station will host 46 cooperation agreements. "
    "Partners met in Wuhan to review the station's plan.\n"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in a subprocess (inherits the isolated XDG folders)."""
    return subprocess.run(
        [sys.executable, "-m", "spacereader", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _hostile_file(folder: Path) -> Path:
    path = folder / "hostile.txt"
    path.write_text(f"Lunar station news {OSC52}and more\n\n{BODY * 4}", encoding="utf-8")
    return path


def test_list_import_and_search_never_print_a_raw_escape(tmp_path: Path) -> None:
    path = _hostile_file(tmp_path)
    outputs = [run("import", str(path)), run("list"), run("search", "lunar")]
    for result in outputs:
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout + result.stderr
        assert "\x07" not in result.stdout + result.stderr
    assert "\\u001b]52;c;cm0gLXJmIH4=\\u0007" in outputs[1].stdout


def test_json_output_stays_faithful(tmp_path: Path) -> None:
    run("import", str(_hostile_file(tmp_path)))
    result = run("list", "--json")
    titles = [entry["title"] for entry in json.loads(result.stdout)]
    assert any(OSC52 in title for title in titles)


def test_a_file_name_that_is_not_utf8_is_one_clear_line(tmp_path: Path) -> None:
    name = tmp_path / "caf\udce9.txt"
    name.write_text(BODY, encoding="utf-8")
    result = run("import", "--json", str(name))
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    [entry] = json.loads(result.stdout)
    assert entry["path"] == str(name)
    refused = tmp_path / "caf\udce9.docx"
    refused.write_bytes(b"PK")
    result = run("import", str(refused))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "spacereader: caf\\udce9.docx: .docx files are not supported"
        " (supported: .txt, .text, .md, .markdown, .html, .htm, .xhtml, .pdf)"
    )


@given(st.text())
def test_escaped_text_holds_no_control_character(text: str) -> None:
    escaped = escape_controls(text).replace("\r\n", "\n")
    controls = [ch for ch in escaped if ord(ch) < 32 and ch not in "\t\n"]
    controls += [ch for ch in escaped if 0x7F <= ord(ch) <= 0x9F or 0xD800 <= ord(ch) <= 0xDFFF]
    assert not controls
    assert json.loads(json.dumps(escaped)) == escaped


def test_escapes_decode_back_inside_json() -> None:
    original = "a\x9b31mb\x7f\u202ec"
    encoded = escape_controls(json.dumps(original, ensure_ascii=False))
    assert json.loads(encoded) == original

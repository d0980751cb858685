"""`spacereader search` and `spacereader reindex`."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spacereader.cli import main
from spacereader.cli.search_commands import ProgressBar
from spacereader.core.library import Library
from spacereader.core.search import SearchIndex
from spacereader.core.search.store import IndexStore

HIT_FIELDS = {"doc_id", "title", "start", "end", "text", "snippet", "score"}
RESULT_FIELDS = {
    "query",
    "elapsed_ms",
    "total",
    "partial",
    "suggestion",
    "notice",
    "error",
    "hits",
    "bookmarks",
}
LOCK_HOLDER = """
import sys, time
from spacereader.core.search.store import IndexStore
from pathlib import Path
store = IndexStore(Path(sys.argv[1]))
writer = store.open(store.current_build()).writer()
print("locked", flush=True)
time.sleep(120)
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def seed_text() -> tuple[str, str]:
    library = Library()
    try:
        info = next(info for info in library.documents() if info.bundled)
        return info.id, library.load(info.id).text
    finally:
        library.close()


def test_json_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "ILRS", "--json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert set(result) == RESULT_FIELDS
    assert result["query"] == "ILRS"
    assert result["total"] == len(result["hits"]) == 2
    assert result["suggestion"] is None
    assert (result["partial"], result["notice"], result["error"]) == (False, None, None)
    assert result["bookmarks"] == []
    assert result["elapsed_ms"] > 0
    doc_id, text = seed_text()
    for hit in result["hits"]:
        assert set(hit) == HIT_FIELDS
        assert hit["doc_id"] == doc_id
        assert hit["text"] == text[hit["start"] : hit["end"]]
        assert "**ILRS**" in hit["snippet"]
    assert "**International Lunar Research Station**" in result["hits"][0]["snippet"]


def test_suggestion_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    result = json.loads(run(capsys, "search", "Marz", "--json")[1])
    assert result["suggestion"] == "Mars"
    assert "**Mars**" in result["hits"][0]["snippet"]


def test_stdin_answers_each_line_in_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = ["ILRS", "Marz", "", "((((", "cooperate", "*"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(queries) + "\n"))
    code, out, _ = run(capsys, "search", "--stdin", "--json")
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [result["query"] for result in results] == queries
    assert all(set(result) == RESULT_FIELDS for result in results)
    assert [result["total"] for result in results] == [2, 1, 0, 0, 1, 0]


def test_stdin_answers_before_the_input_ends(tmp_path: Path) -> None:
    """One JSON line per query, flushed at once: a script can talk to it line by line."""
    process = subprocess.Popen(
        [sys.executable, "-m", "spacereader", "search", "--stdin", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert process.stdin is not None
    assert process.stdout is not None
    try:
        for query, total in (("ILRS", 2), ("corridor", 1)):
            process.stdin.write(query + "\n")
            process.stdin.flush()
            result = json.loads(process.stdout.readline())
            assert (result["query"], result["total"]) == (query, total)
    finally:
        process.stdin.close()
        process.wait(timeout=30)
        process.stdout.close()
    assert process.returncode == 0


def test_readable_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "International", "Lunar", "Research", "Station")
    assert code == 0
    assert "China Releases Space Plan" in out
    assert "«International Lunar Research Station»" in out
    assert "«ILRS»" in out
    assert "\033[" not in out  # no ANSI styling when stdout is not a terminal


def test_readable_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "search", "Marz")[1]
    assert "Did you mean: Mars?" in out


def test_limit_and_doc(capsys: pytest.CaptureFixture[str]) -> None:
    doc_id, _ = seed_text()
    result = json.loads(run(capsys, "search", "space", "--json", "--limit", "1")[1])
    assert len(result["hits"]) == 1
    assert result["total"] > 1
    scoped = json.loads(run(capsys, "search", "space", "--json", "--doc", doc_id[:6])[1])
    assert {hit["doc_id"] for hit in scoped["hits"]} == {doc_id}


def test_unknown_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "space", "--doc", "zzzzzz")
    assert code == 1
    assert out == ""
    assert err.startswith("spacereader: ")


@pytest.mark.parametrize(
    "argv", [["search"], ["search", "x", "--stdin"], ["search", "x", "--limit", "0"]]
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


def test_reindex_is_quiet_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "search", "space")
    store = IndexStore(SearchIndex().folder)
    before = store.current_build()
    code, out, err = run(capsys, "reindex")
    assert (code, out, err) == (0, "", "")
    assert store.current_build() != before
    assert json.loads(run(capsys, "search", "ILRS", "--json")[1])["total"] == 2


def test_progress_bar() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, "indexing")
    bar(0, 4)
    bar(4, 4)
    bar.finish()
    lines = stream.getvalue()
    assert "indexing 4/4 [" in lines
    assert lines.endswith("]\n")


def test_search_while_another_process_writes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The app holds the writer: the command answers from the committed index, quietly."""
    monkeypatch.setattr("spacereader.core.search.builder.WRITER_WAIT_S", 0.2)
    run(capsys, "search", "space")
    new = tmp_path / "gateway.txt"
    new.write_text("Gateway\n\nThe gateway orbits the Moon.\n", encoding="utf-8")
    library = Library()
    library.add_file(new)
    library.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(SearchIndex().folder)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        code, out, err = run(capsys, "search", "ILRS", "--json")
        assert (code, err) == (0, "")
        assert json.loads(out)["total"] == 2
        assert json.loads(run(capsys, "search", "gateway", "--json")[1])["total"] == 0
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    # Once the writer is gone, the next command indexes the new document.
    assert json.loads(run(capsys, "search", "gateway", "--json")[1])["total"] == 2  # title, text


def test_a_capped_list_says_how_many_it_shows(capsys: pytest.CaptureFixture[str]) -> None:
    total = json.loads(run(capsys, "search", "space", "--json")[1])["total"]
    assert total > 2
    out = run(capsys, "search", "space", "--limit", "2")[1]
    assert out.startswith(f"2 of {total:,} passages for 'space'")
    out = run(capsys, "search", "space", "--limit", "500")[1]
    assert out.startswith(f"{total:,} passages for 'space'")


def test_note_queries_search_the_bookmarks(capsys: pytest.CaptureFixture[str]) -> None:
    """`note:word` finds the bookmark, as the Search dock does."""
    doc_id, text = seed_text()
    start = text.index("International Lunar Research Station")
    end = start + len("International Lunar Research Station")
    added = run(capsys, "bookmarks", "add", doc_id, str(start), str(end), "--note", "gateway plans")
    assert added[0] == 0
    result = json.loads(run(capsys, "search", "note:gateway", "--json")[1])
    assert [mark["note"] for mark in result["bookmarks"]] == ["gateway plans"]
    assert result["bookmarks"][0]["quote"] == text[start:end]
    assert (result["total"], result["hits"]) == (0, [])
    out = run(capsys, "search", "note:gateway")[1]
    assert "1 bookmark for 'note:gateway'" in out
    assert "gateway plans" in out
    assert json.loads(run(capsys, "search", "note:nothing", "--json")[1])["bookmarks"] == []
    # Any other query lists bookmarks only when asked, as "Bookmarks too" does.
    plain = json.loads(run(capsys, "search", "Lunar", "--json")[1])
    assert plain["bookmarks"] == []
    both = json.loads(run(capsys, "search", "Lunar", "--json", "--bookmarks")[1])
    assert both["total"] == plain["total"] > 0
    assert [mark["note"] for mark in both["bookmarks"]] == ["gateway plans"]


def test_only_negations_say_why(capsys: pytest.CaptureFixture[str]) -> None:
    result = json.loads(run(capsys, "search", "NOT", "satellite", "--json")[1])
    assert (result["total"], result["hits"]) == (0, [])
    assert "NOT" in result["notice"]
    assert "NOT only leaves words out" in run(capsys, "search", "NOT", "satellite")[1]


def test_stdin_says_when_its_index_vanished(tmp_path: Path) -> None:
    """A running `search --stdin` whose index is removed says so, builds it, and answers."""
    process = subprocess.Popen(
        [sys.executable, "-m", "spacereader", "search", "--stdin", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert process.stdin is not None
    assert process.stdout is not None
    assert process.stderr is not None
    try:
        process.stdin.write("ILRS\n")
        process.stdin.flush()
        assert json.loads(process.stdout.readline())["total"] == 2
        shutil.rmtree(SearchIndex().folder)
        process.stdin.write("ILRS\n")
        process.stdin.flush()
        answer = json.loads(process.stdout.readline())
        assert answer["total"] == 2
        assert answer["error"] is None
    finally:
        process.stdin.close()
        process.wait(timeout=60)
        process.stdout.close()
    assert process.returncode == 0
    assert "the search index was removed" in process.stderr.read()
    process.stderr.close()

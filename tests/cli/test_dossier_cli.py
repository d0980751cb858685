"""`spacereader dossier`: any name of a program, JSON of the documented shape, close names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spacereader.cli import main
from tests.dossier_library import MEMBERS, ORDER, write_library


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["import", str(write_library(tmp_path / "docs"))]) == 0
    capsys.readouterr()
    return tmp_path


def dossier(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["dossier", *args, "--json"]) == 0
    found: dict[str, object] = json.loads(capsys.readouterr().out)
    return found


@pytest.mark.usefixtures("imported")
@pytest.mark.parametrize("name", ["ILRS", "International Lunar Research Station", "ilrs"])
def test_any_name_gives_the_same_dossier(capsys: pytest.CaptureFixture[str], name: str) -> None:
    found = dossier(capsys, name)
    assert found["program"] == {
        "name": "International Lunar Research Station",
        "aliases": ["ILRS", "International Scientific Lunar Station"],
        "category": "Lunar exploration",
    }
    # The bundled article names the ILRS too ("EIRNS — Jan. 28"): it has no year.
    assert len(found["documents"]) == len(ORDER) + 1  # type: ignore[arg-type]


@pytest.mark.usefixtures("imported")
def test_the_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    found = dossier(capsys, "ILRS")
    assert set(found) == {
        "program",
        "documents",
        "series",
        "conflicts",
        "first_seen",
        "last_seen",
    }
    assert (found["first_seen"], found["last_seen"]) == ("2021-03-09", "2025-01-15")
    documents: list[dict[str, object]] = found["documents"]  # type: ignore[assignment]
    assert set(documents[0]) == {
        "doc_id",
        "title",
        "published",
        "date",
        "mentions",
        "passages",
        "figures",
        "co_programs",
    }
    assert documents[0]["published"] == "2021-03-09"
    assert documents[0]["date"] == "March 9, 2021"
    assert documents[0]["co_programs"] == ["Artemis Accords"]
    assert [d["published"] for d in documents][-3:] == ["--01-28", "--01-28", None]
    passage = documents[0]["passages"][0]  # type: ignore[index]
    assert set(passage) == {"start", "end", "text"}
    # Figures carry the same fields as `extract --json` gives them.
    assert main(["extract", str(documents[0]["doc_id"]), "--json"]) == 0
    extracted = json.loads(capsys.readouterr().out)
    [figure] = documents[0]["figures"]  # type: ignore[misc]
    assert set(figure) == set(extracted["figures"][0])
    assert figure in extracted["figures"]
    [members] = found["series"]  # type: ignore[misc]
    assert (members["what"], members["unit"]) == ("member countries", "members")
    assert [p["value"] for p in members["points"]] == MEMBERS
    assert set(members["points"][0]) == {"date", "value", "doc_id", "text", "start", "end"}
    [conflict] = found["conflicts"]  # type: ignore[misc]
    assert conflict["what"] == "member countries"
    assert (conflict["a"]["value"], conflict["b"]["value"]) == (13.0, 10.0)
    assert set(conflict["a"]) == {"doc_id", "date", "value", "text"}


@pytest.mark.usefixtures("imported")
def test_an_unknown_program_is_one_line_with_close_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["dossier", "ILSR"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "no program named 'ILSR' in the library; did you mean ILRS" in captured.err


@pytest.mark.usefixtures("imported")
def test_readable_and_markdown(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["dossier", "ILRS"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("International Lunar Research Station (ILRS) — Lunar exploration")
    assert "member countries: 2 (9 March 2021) → 5 (15 June 2022)" in out
    assert "Conflicts (1)" in out
    target = tmp_path / "ilrs.md"
    assert main(["dossier", "ILRS", "--markdown", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Dossier: International Lunar")
    assert main(["dossier", "ILRS", "-o", str(target)]) == 1
    assert "-o/--output needs --markdown" in capsys.readouterr().err


@pytest.mark.usefixtures("imported")
def test_an_unusable_cache_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert main(["dossier", "ILRS"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("spacereader: cannot open the program index")
    assert error.count("\n") == 1

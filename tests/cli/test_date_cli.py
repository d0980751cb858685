"""`list --json` gives each document's publication date; `set-date` sets and resets it."""

from __future__ import annotations

import json

import pytest

from spacereader.cli import main


def listing(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert main(["list", "--json"]) == 0
    entries: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return entries


def test_list_json_gives_published_and_keeps_the_shown_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    [entry] = listing(capsys)
    # The bundled article's dateline is "EIRNS — Jan. 28": no year, so none is guessed.
    assert entry["date"] == "Jan. 28"
    assert entry["published"] == "--01-28"


def test_set_date_then_auto(capsys: pytest.CaptureFixture[str]) -> None:
    doc_id = str(listing(capsys)[0]["id"])
    assert main(["set-date", doc_id[:6], "January 28, 2022"]) == 0
    assert "28 January 2022 (set by you)" in capsys.readouterr().out
    [entry] = listing(capsys)
    assert (entry["published"], entry["date"]) == ("2022-01-28", "Jan. 28")
    assert main(["set-date", doc_id, "--auto"]) == 0
    assert "(from the document)" in capsys.readouterr().out
    assert listing(capsys)[0]["published"] == "--01-28"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["yesterday"], "not a date with a year: 'yesterday'"),
        (["Jan. 28"], "not a date with a year"),
        ([], "give either a DATE or --auto"),
        (["2022-01-28", "--auto"], "give either a DATE or --auto"),
    ],
)
def test_wrong_dates_are_one_line_and_change_nothing(
    capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    doc_id = str(listing(capsys)[0]["id"])
    assert main(["set-date", doc_id, *arguments]) == 1
    error = capsys.readouterr().err
    assert message in error
    assert error.count("\n") == 1
    assert listing(capsys)[0]["published"] == "--01-28"


def test_an_unknown_document_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set-date", "nosuchid", "2022-01-28"]) == 1
    assert "no document with id 'nosuchid'" in capsys.readouterr().err

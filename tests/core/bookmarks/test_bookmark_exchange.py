"""Exporting bookmarks (JSON, Markdown, CSV) and importing the JSON export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacereader.core.bookmarks import (
    AnchorStatus,
    Bookmark,
    BookmarkImportError,
    BookmarkStore,
)
from spacereader.core.bookmarks.exchange import FIELDS

TEXT = "The ILRS is a lunar station.\n\nSecond paragraph: “quoted” words, Brèves."
TITLES = {"doc-a": "A Plan", "doc-b": "Brèves de l’espace"}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[BookmarkStore]:
    opened = BookmarkStore(tmp_path / "bookmarks.sqlite3")
    yield opened
    opened.close()


def fill(store: BookmarkStore) -> list[Bookmark]:
    return [
        store.add("doc-b", TEXT, 4, 8, note="ILRS ✓\nsecond line", tags=["moon", "été"]),
        store.add("doc-a", TEXT, 30, 71),
        store.add("doc-a", TEXT, 0, 3, note="first"),
    ]


def test_json_export_has_the_documented_fields(store: BookmarkStore) -> None:
    marks = fill(store)
    exported = json.loads(store.export("json", TITLES))
    assert [item["id"] for item in exported] == [marks[2].id, marks[1].id, marks[0].id]
    assert all(list(item) == list(FIELDS) for item in exported)
    last = exported[2]
    assert last["title"] == "Brèves de l’espace"
    assert (last["quote"], last["start"], last["end"]) == ("ILRS", 4, 8)
    assert last["tags"] == ["moon", "été"]
    assert last["status"] == "anchored"
    assert last["note"] == "ILRS ✓\nsecond line"


def test_markdown_groups_by_document_with_quote_and_note(store: BookmarkStore) -> None:
    fill(store)
    store.orphan_document("doc-b")
    markdown = store.export("md", TITLES)
    assert markdown.startswith("# Bookmarks\n")
    assert markdown.index("## A Plan") < markdown.index("## Brèves de l’espace")
    assert markdown.count("## ") == 2
    assert "> The\n\nfirst\n" in markdown
    assert "> Second paragraph: “quoted” words, Brèves." in markdown
    assert "> ILRS\n\nILRS ✓\nsecond line\n\n*Tags:* moon, été\n" in markdown
    assert "*Orphaned" in markdown.split("## Brèves")[1]
    assert "*Orphaned" not in markdown.split("## Brèves")[0]


def test_markdown_blockquotes_every_line_and_names_unknown_documents(
    store: BookmarkStore,
) -> None:
    store.add("gone", TEXT, 20, 40)
    markdown = store.export("md", {})
    assert "## Document gone (not in the library)" in markdown
    assert "> station.\n>\n> Second par\n" in markdown


def test_csv_has_one_row_per_bookmark(store: BookmarkStore) -> None:
    marks = fill(store)
    rows = list(csv.DictReader(io.StringIO(store.export("csv", TITLES))))
    assert [row["id"] for row in rows] == [marks[2].id, marks[1].id, marks[0].id]
    assert list(rows[0]) == list(FIELDS)
    assert rows[2]["tags"] == "moon; été"
    assert rows[2]["note"] == "ILRS ✓\nsecond line"
    assert rows[2]["title"] == "Brèves de l’espace"


def test_unknown_format_is_refused(store: BookmarkStore) -> None:
    with pytest.raises(Exception, match="unknown export format 'xml'"):
        store.export("xml", {})  # type: ignore[arg-type]


def test_export_then_import_into_an_empty_store_round_trips(
    store: BookmarkStore, tmp_path: Path
) -> None:
    fill(store)
    store.orphan_document("doc-b")
    exported = store.export("json", TITLES)
    with BookmarkStore(tmp_path / "other" / "bookmarks.sqlite3") as other:
        assert other.import_json(exported) == 3
        assert other.list() == store.list()
        assert other.search("ILRS") == store.search("ILRS")


def test_importing_the_same_file_twice_changes_nothing(store: BookmarkStore) -> None:
    marks = fill(store)
    exported = store.export("json", TITLES)
    assert store.import_json(exported) == 0
    assert store.list() == sorted(store.list(), key=lambda mark: (mark.doc_id, mark.start))
    assert {mark.id for mark in store.list()} == {mark.id for mark in marks}


def test_existing_ids_keep_the_newer_edit(store: BookmarkStore) -> None:
    mark = store.add("doc-a", TEXT, 0, 3, note="original")
    older = json.loads(store.export("json", {}))
    newer = store.update(mark.id, note="edited here")
    assert store.import_json(json.dumps(older)) == 0  # the file's edit is older
    assert store.get(mark.id) == newer
    later = [dict(older[0], note="edited elsewhere", updated="2999-01-01T00:00:00.000+00:00")]
    assert store.import_json(json.dumps(later)) == 1
    assert store.get(mark.id).note == "edited elsewhere"


def test_missing_optional_fields_take_defaults(store: BookmarkStore) -> None:
    minimal = [{"id": "abc", "doc_id": "d", "quote": "The", "start": 0, "end": 3}]
    assert store.import_json(json.dumps(minimal)) == 1
    mark = store.get("abc")
    assert (mark.note, mark.tags, mark.prefix, mark.status) == ("", (), "", AnchorStatus.ANCHORED)
    assert mark.created == mark.updated


GOOD = {
    "id": "abc",
    "doc_id": "d",
    "quote": "The",
    "start": 0,
    "end": 3,
    "created": "2024-01-28T10:00:00Z",
    "updated": "2024-01-28T10:00:00Z",
}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("not json", r"not valid JSON: Expecting value \(line 1, column 1\)"),
        ('{"id": 1}', "expected a list of bookmarks .* found a object"),
        ("[3]", "bookmark 1: expected an object, found a number"),
        (json.dumps([{"id": "x"}]), "bookmark 1: missing doc_id, quote"),
        (json.dumps([GOOD, {**GOOD, "id": 7}]), "bookmark 2: id must be a string, not int"),
        (json.dumps([{**GOOD, "start": -1, "end": 2}]), "start must be a non-negative integer"),
        (json.dumps([{**GOOD, "start": True}]), "start must be a non-negative integer"),
        (json.dumps([{**GOOD, "end": "9"}]), "end must be a non-negative integer, not '9'"),
        (json.dumps([{**GOOD, "quote": "", "end": 0}]), "quote must not be empty"),
        (json.dumps([{**GOOD, "tags": "moon"}]), "tags must be a list, found a string"),
        (json.dumps([{**GOOD, "tags": ["ok", 3]}]), "a tag must be a string, not int"),
        (json.dumps([{**GOOD, "status": "lost"}]), "status 'lost' is not one of anchored"),
        (json.dumps([{**GOOD, "created": "yesterday"}]), "created 'yesterday' is not an ISO"),
        (json.dumps([{**GOOD, "updated": "2024-01-28T10:00:00"}]), "updated .* time zone"),
        (json.dumps([{**GOOD, "note": "\ud800"}]), "note holds an unpaired surrogate"),
        (json.dumps([GOOD, GOOD]), "bookmark 2: id 'abc' appears twice"),
        ("[" * 100_000, "not valid JSON"),
    ],
)
def test_bad_files_are_refused_whole_with_one_line(
    store: BookmarkStore, data: str, message: str
) -> None:
    before = fill(store)
    with pytest.raises(BookmarkImportError, match=message) as caught:
        store.import_json(data)
    assert "\n" not in str(caught.value)
    assert store.list() == sorted(before, key=lambda mark: (mark.doc_id, mark.start))


def test_a_bad_item_after_good_ones_imports_nothing(store: BookmarkStore) -> None:
    good = [{**GOOD, "id": f"id{number}"} for number in range(50)]
    with pytest.raises(BookmarkImportError, match="bookmark 51"):
        store.import_json(json.dumps([*good, {**GOOD, "id": "bad", "end": -1}]))
    assert len(store) == 0


# -- round trip, property-based -------------------------------------------

# Any Unicode but unpaired surrogates (which no UTF-8 file can hold).
UNICODE = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
TAGS = st.lists(UNICODE.filter(lambda tag: tag.strip() == tag and tag != ""), max_size=5)


@st.composite
def bookmarks(draw: st.DrawFn) -> dict[str, object]:
    quote = draw(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60))
    start = draw(st.integers(0, 10**7))
    return {
        "doc_id": draw(st.text(st.characters(exclude_categories=("Cs",)), min_size=1)),
        "quote": quote,
        "prefix": draw(UNICODE),
        "suffix": draw(UNICODE),
        "start": start,
        "end": start + len(quote),
        "note": draw(st.text(st.characters(exclude_categories=("Cs",)), max_size=300)),
        "tags": list(dict.fromkeys(draw(TAGS))),
        "status": draw(st.sampled_from([status.value for status in AnchorStatus])),
    }


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(bookmarks(), max_size=8))
def test_export_import_round_trips_any_unicode(tmp_path: Path, items: list[dict]) -> None:
    data = [
        {**item, "id": f"id{number}", "created": "2024-01-28T10:00:00.000+00:00"}
        for number, item in enumerate(items)
    ]
    for item in data:
        item["updated"] = item["created"]
    folder = tmp_path / f"round-{len(list(tmp_path.iterdir()))}"
    with BookmarkStore(folder / "first.sqlite3") as first:
        assert first.import_json(json.dumps(data)) == len(data)
        titles = {item["doc_id"]: f"Title of {item['doc_id']}" for item in data}
        exported = first.export("json", titles)
        with BookmarkStore(folder / "second.sqlite3") as second:
            assert second.import_json(exported) == len(data)
            assert second.list() == first.list()
            assert second.export("json", titles) == exported
    by_id = {item["id"]: item for item in json.loads(exported)}
    for item in data:
        assert {key: by_id[item["id"]][key] for key in item} == item

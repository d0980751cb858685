"""Conflicts within a series: close in time, values that cannot both be right."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from spacereader.core.dates import day_number
from spacereader.core.dossier.model import Series, SeriesPoint
from spacereader.core.dossier.series import CONFLICT_WINDOW_DAYS, find_conflicts, value_range

START = date(2024, 1, 1)


def point(doc: str, days: int, value: float, qualifier: str = "", iso: str = "") -> SeriesPoint:
    when = iso or (START + timedelta(days=days)).isoformat()
    return SeriesPoint(
        date=when,
        value=value,
        doc_id=doc,
        title=doc,
        source="",
        start=0,
        end=1,
        text=f"{qualifier} {value:g} member countries".strip(),
        figure_text=f"{value:g}",
        figure_start=0,
        figure_end=1,
        qualifier=qualifier,
        unit="member countries",
    )


def conflicts(*points: SeriesPoint) -> list[tuple[str, str]]:
    series = Series("member countries", "members", tuple(points))
    return [(c.first.doc_id, c.second.doc_id) for c in find_conflicts(series)]


def test_close_documents_that_disagree() -> None:
    assert conflicts(point("a", 0, 13), point("b", 18, 10)) == [("a", "b")]
    assert conflicts(point("a", 0, 13), point("b", CONFLICT_WINDOW_DAYS + 1, 10)) == []
    assert conflicts(point("a", 0, 13), point("b", 18, 13)) == []


def test_hedged_values_agree_when_they_can() -> None:
    assert conflicts(point("a", 0, 10, "more than"), point("b", 5, 13)) == []
    assert conflicts(point("a", 0, 15, "almost"), point("b", 5, 13)) == []
    assert conflicts(point("a", 0, 10, "fewer than"), point("b", 5, 13)) == [("a", "b")]
    assert value_range(point("a", 0, 0, "more than")) == (0.0, float("inf"))


def test_a_stale_source_between_two_that_agree_is_one_conflict() -> None:
    found = conflicts(point("a", 0, 13), point("stale", 10, 10), point("c", 15, 13))
    assert found == [("stale", "c")]  # with its nearer neighbour


def test_a_year_alone_is_too_vague_to_conflict() -> None:
    assert conflicts(point("a", 0, 13, iso="2024"), point("b", 0, 10, iso="2024")) == []


def test_one_document_giving_two_values_is_no_conflict() -> None:
    assert conflicts(point("a", 0, 10), point("a", 0, 13), point("b", 3, 13)) == []


@given(
    st.lists(
        st.tuples(st.integers(0, 400), st.sampled_from([5.0, 10.0, 13.0, 17.0])),
        max_size=25,
    )
)
def test_every_conflict_is_close_and_disagrees(raw: list[tuple[int, float]]) -> None:
    points = sorted(
        (point(f"d{n}", days, value) for n, (days, value) in enumerate(raw)),
        key=lambda p: p.date,
    )
    series = Series("member countries", "members", tuple(points))
    seen: set[tuple[str, str]] = set()
    for conflict in find_conflicts(series):
        first, second = conflict.first, conflict.second
        assert first.doc_id != second.doc_id
        assert first.value != second.value
        assert abs((day_number(second.date) or 0) - (day_number(first.date) or 0)) <= (
            CONFLICT_WINDOW_DAYS
        )
        assert (first.doc_id, second.doc_id) not in seen
        seen.add((first.doc_id, second.doc_id))

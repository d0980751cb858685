"""Written dates in English and French as ISO dates, partial where the text is."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spacereader.core.dates import (
    ISO_PARTIAL,
    citation_date,
    date_label,
    day_number,
    has_year,
    is_date,
    parse_date,
    sort_key,
)

ENGLISH = "January February March April May June July August September October November December"
FRENCH = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("MOSCOW, March 9, 2021 —", "2021-03-09"),
        ("EIRNS — August 2, 2024", "2024-08-02"),
        ("WASHINGTON — March 11, 2024", "2024-03-11"),
        ("Mar. 9, 2021", "2021-03-09"),
        ("Sept. 3, 2019", "2019-09-03"),
        ("Monday, March 9th, 2021", "2021-03-09"),
        ("9 March 2021", "2021-03-09"),
        ("9th of March, 2021", "2021-03-09"),
        ("9 mars 2021", "2021-03-09"),
        ("1er février 2022", "2022-02-01"),
        ("Publié le 3 mars 2023 à 10h12", "2023-03-03"),
        ("le 14 juillet", "--07-14"),
        ("August 2024", "2024-08"),
        ("août 2024", "2024-08"),
        ("2024", "2024"),
        ("2021-06-16", "2021-06-16"),
        ("2021-06-16T10:00:00+02:00", "2021-06-16"),
        ("2021/6/16", "2021-06-16"),
        ("Updated 2021-06-16 by staff", "2021-06-16"),
        ("Jan. 28", "--01-28"),
        ("EIRNS — Jan. 28", "--01-28"),
        ("Feb 29", "--02-29"),
        ("13/09/2021", "2021-09-13"),
        ("09/13/2021", "2021-09-13"),
        # Reads both ways: the year alone is certain.
        ("03/09/2021", "2021"),
    ],
)
def test_written_dates(written: str, iso: str) -> None:
    assert parse_date(written) == iso


@pytest.mark.parametrize(
    "written", ["", "no date here", "5 market stalls", "Feb 30, 2021", "2021-13-01", "1066"]
)
def test_what_is_no_date(written: str) -> None:
    assert parse_date(written) is None


def test_numeric_dates_follow_the_known_order() -> None:
    assert parse_date("03/09/2021", day_first=True) == "2021-09-03"
    assert parse_date("03/09/2021", day_first=False) == "2021-03-09"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 5))
def test_every_real_date_reads_back(day: date, style: int) -> None:
    english, french = ENGLISH.split()[day.month - 1], FRENCH.split()[day.month - 1]
    written = [
        f"{english} {day.day}, {day.year}",
        f"{english[:3]}. {day.day}, {day.year}",
        f"{day.day} {english} {day.year}",
        f"{'1er' if day.day == 1 else day.day} {french} {day.year}",
        day.isoformat(),
        f"PARIS, {day.day} {french} {day.year} (AFP) —",
    ][style]
    assert parse_date(written) == day.isoformat()


@given(st.text(max_size=80))
def test_any_text_gives_none_or_a_real_date(text: str) -> None:
    found = parse_date(text)
    assert found is None or (ISO_PARTIAL.match(found) and is_date(found))


def test_partial_dates_sort_in_time_and_undated_last() -> None:
    dates = [None, "--01-28", "2024", "2021-03-09", "2021-03", "2020"]
    assert sorted(dates, key=sort_key) == [
        "2020",
        "2021-03-09",
        "2021-03",
        "2024",
        "--01-28",
        None,
    ]
    assert day_number("2021-03") == date(2021, 3, 15).toordinal()
    assert day_number("--01-28") is None
    assert not has_year("--01-28")


def test_labels_say_what_is_known() -> None:
    assert date_label("2021-03-09") == "9 March 2021"
    assert date_label("2024-08") == "August 2024"
    assert date_label("--01-28") == "28 January (no year)"
    assert date_label(None) == "undated"


def test_a_briefing_cites_the_iso_date_only_when_it_has_a_year() -> None:
    assert citation_date("2021-03-09", "March 9, 2021") == "2021-03-09"
    assert citation_date("2024-08", "August 2024") == "2024-08"
    assert citation_date("--01-28", "Jan. 28") == "Jan. 28"
    assert citation_date(None, "Jan. 28") == "Jan. 28"

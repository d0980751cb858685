"""Written dates, English or French, as ISO dates that may be partial.

`parse_date("March 9, 2021")` gives "2021-03-09"; a date gives only what it
says: "August 2024" gives "2024-08", "2024" gives "2024", and "Jan. 28" gives
"--01-28" (ISO 8601's month and day without a year). A year is never guessed.
A numeric date that reads both ways ("03/09/2021") gives its year alone,
unless the caller knows the order (French texts put the day first).

The forms, in order of precision: "YYYY-MM-DD", "YYYY-MM", "YYYY", "--MM-DD".
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from functools import lru_cache

__all__ = [
    "ISO_PARTIAL",
    "date_label",
    "day_number",
    "has_year",
    "is_date",
    "parse_date",
    "precision",
    "precision_rank",
    "sort_key",
]

FIRST_YEAR, LAST_YEAR = 1800, 2200
# Any of the four forms parse_date returns.
ISO_PARTIAL = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|--\d{2}-\d{2})$")

# Month names and abbreviations, folded (lower case, no accents), to month numbers.
_MONTH_WORDS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv",
        "february feb febr fevrier fevr fev",
        "march mar mars",
        "april apr avril avr",
        "may mai",
        "june jun juin",
        "july jul juillet juil",
        "august aug aout",
        "september sep sept septembre",
        "october oct octobre",
        "november nov novembre",
        "december dec decembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTH_WORDS[_name] = _number
_MONTH = "(?P<month>" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True)) + r")(?![a-z])\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|e)?"
_YEAR = r"(?P<year>\d{4})"
_WRITTEN = (
    # "March 9, 2021", "Mar. 9 2021", "Jan. 28"
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"),
    # "9 March 2021", "1er février 2021", "9th of March, 2021", "28 janv."
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?"),
    # "March 2021", "mars 2021"
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"),
)
_ISO = re.compile(
    r"^(?P<year>\d{4})(?:[-/](?P<month>\d{1,2})(?:[-/](?P<day>\d{1,2}))?)?"
    r"(?:[T ]\d{1,2}:\d{2}\S*)?$"
)
_ISO_IN_TEXT = re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")
_NUMERIC = re.compile(r"(?<!\d)(?P<first>\d{1,2})[/.](?P<second>\d{1,2})[/.](?P<year>\d{4})(?!\d)")
_YEARLESS = re.compile(r"^--(?P<month>\d{2})-(?P<day>\d{2})$")
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    """The ISO form of what is known, or None when it is no real date."""
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    if month is None:
        return f"{year:04d}" if year is not None and day is None else None
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}" if year is not None else None
    # A date without a year may be 29 February: a leap year stands in to check it.
    last_day = calendar.monthrange(year if year is not None else 2000, month)[1]
    if not 1 <= day <= last_day:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"--{month:02d}-{day:02d}"


def parse_date(text: str, day_first: bool | None = None) -> str | None:
    """The ISO form of the first date written in `text`, or None.

    `day_first` says how to read "03/09/2021": True for the day first (French,
    British), False for the month first (American), None when unknown: then
    only a reading that cannot be wrong is taken, else the year alone.
    """
    stripped = " ".join(text.split())
    if not stripped or len(stripped) > 200:
        return None
    exact = _ISO.match(stripped)
    if exact:
        month, day = exact.group("month"), exact.group("day")
        return _iso(
            int(exact.group("year")), int(month) if month else None, int(day) if day else None
        )
    yearless = _YEARLESS.match(stripped)
    if yearless:
        return _iso(None, int(yearless.group("month")), int(yearless.group("day")))
    folded = _fold(stripped)
    found: list[tuple[int, str]] = []
    for pattern in _WRITTEN:
        for match in pattern.finditer(folded):
            groups = match.groupdict()
            day = int(groups["day"]) if groups.get("day") else None
            year = int(groups["year"]) if groups.get("year") else None
            value = _iso(year, _MONTH_WORDS[groups["month"]], day)
            if value is not None:
                found.append((match.start(), value))
                break
    iso_in_text = _ISO_IN_TEXT.search(folded)
    if iso_in_text:
        value = _iso(*(int(iso_in_text.group(name)) for name in ("year", "month", "day")))
        if value is not None:
            found.append((iso_in_text.start(), value))
    numeric = _NUMERIC.search(folded)
    if numeric:
        value = _numeric(numeric, day_first)
        if value is not None:
            found.append((numeric.start(), value))
    if not found:
        return None
    # The first date written; of two readings at one place, the more precise.
    found.sort(key=lambda item: (item[0], -precision_rank(item[1])))
    return found[0][1]


def _numeric(match: re.Match[str], day_first: bool | None) -> str | None:
    first, second, year = (int(match.group(name)) for name in ("first", "second", "year"))
    if first > 12 or (day_first and second <= 12):
        return _iso(year, second, first)
    if second > 12 or day_first is False:
        return _iso(year, first, second)
    if first == second:
        return _iso(year, first, second)
    return _iso(year, None, None)  # "03/09/2021": the year is all that is certain


def is_date(iso: str) -> bool:
    """True for a real date in one of the forms parse_date returns."""
    return bool(ISO_PARTIAL.match(iso)) and parse_date(iso) == iso


@lru_cache(maxsize=4096)
def precision(iso: str) -> str:
    """ "day", "month", "year" or "yearless"."""
    if iso.startswith("--"):
        return "yearless"
    return {4: "year", 7: "month"}.get(len(iso), "day")


def precision_rank(iso: str) -> int:
    """How much a date says: 3 for a day, 2 a month, 1 a year, 0 without a year."""
    return {"day": 3, "month": 2, "year": 1, "yearless": 0}[precision(iso)]


def has_year(iso: str | None) -> bool:
    """True for a date that can be placed in time (it has at least a year)."""
    return iso is not None and not iso.startswith("--") and bool(ISO_PARTIAL.match(iso))


@lru_cache(maxsize=4096)  # a dossier asks for the same few thousand dates again and again
def day_number(iso: str | None) -> int | None:
    """A day to place a date on a time line: a partial date at the middle of its span.

    None for no date, or one without a year.
    """
    if iso is None or not has_year(iso):
        return None
    parts = [int(part) for part in iso.split("-")]
    # A year alone stands at 1 July, a month at its 15th.
    year, month, day = [*parts, 7, 1][:3] if len(parts) == 1 else [*parts, 15][:3]
    return date(year, month, day).toordinal()


@lru_cache(maxsize=4096)
def sort_key(iso: str | None) -> tuple[int, int, str]:
    """Orders documents by date: dated ones first, in time; then yearless; then undated."""
    number = day_number(iso)
    if number is not None:
        return (0, number, iso or "")
    return (1, 0, iso or "") if iso else (2, 0, "")


def citation_date(published: str | None, shown: str) -> str:
    """The date a briefing cites: the ISO date when it has a year, else the text shown."""
    if published and not published.startswith("--"):
        return published
    return shown


def date_label(iso: str | None) -> str:
    """A date for people: "9 March 2021", "March 2021", "2021", "28 January (no year)"."""
    if not iso:
        return "undated"
    if not ISO_PARTIAL.match(iso):
        return iso
    if iso.startswith("--"):
        month, day = int(iso[2:4]), int(iso[5:7])
        return f"{day} {_MONTH_NAMES[month - 1]} (no year)"
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{_MONTH_NAMES[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {_MONTH_NAMES[parts[1] - 1]} {parts[0]}"

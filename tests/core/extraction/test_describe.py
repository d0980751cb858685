"""What a figure counts, as a briefing and `extract` say it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from spacereader.core.extraction import FigureKind, extract
from spacereader.core.extraction import numbers as units
from spacereader.core.extraction.describe import CURRENCY_NAMES, UNIT_NAMES, what_it_counts

TEXT = (
    "ISRO has launched more than 55 times from Sriharikota. The mission cost about "
    "₹615 crore, and the lander touched down about 100 metres from its target. "
    "Up to three days of work remain; roughly 8% of the budget went to it. "
    "Since 2016 the agency has flown almost 1,000 experiments."
)


def described(text: str) -> dict[str, str]:
    return {figure.text: what_it_counts(figure) for figure in extract(text).figures}


def test_the_description_names_what_is_counted_and_not_the_hedge() -> None:
    found = described(TEXT)
    assert found["more than 55"] == "times"
    assert found["about ₹615 crore"] == "Indian rupees"
    assert found["about 100 metres"] == "metres"
    assert found["Up to three days"] == "days"
    assert found["roughly 8%"] == "percent"
    assert found["Since 2016"] == ""
    assert found["almost 1,000"] == "experiments"


def test_no_description_starts_with_the_figures_qualifier() -> None:
    for figure in extract(TEXT).figures:
        if figure.qualifier:
            assert figure.text.lower().startswith(figure.qualifier)
            assert not what_it_counts(figure).startswith(figure.qualifier)


def test_every_unit_the_extractor_gives_has_a_name() -> None:
    for unit in set(units.MEASURE_UNITS.values()):
        assert UNIT_NAMES.get(unit), unit
    for code in set(units.CURRENCY_WORDS.values()) | set(units.CURRENCY_SYMBOLS.values()):
        assert CURRENCY_NAMES.get(code), code


@pytest.mark.parametrize(
    ("kind", "unit", "expected"),
    [
        (FigureKind.MONEY, "XYZ", "XYZ"),  # an unknown code stays as it is
        (FigureKind.MEASURE, "parsec-ish", "parsec-ish"),
        (FigureKind.COUNT, "", ""),
        (FigureKind.PERCENT, "percentage points", "percentage points"),
        (FigureKind.ORDINAL, "country", "country"),
    ],
)
def test_unknown_or_plain_units_are_kept(kind: FigureKind, unit: str, expected: str) -> None:
    figure = replace(extract("They signed 46 agreements.").figures[0], kind=kind, unit=unit)
    assert what_it_counts(figure) == expected

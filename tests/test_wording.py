"""Counts agree with their nouns everywhere: "1 document", never "1 documents"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import spacereader
from spacereader.core.wording import counted

# A placeholder that holds a count, then a noun in the plural written out.
_SLIP = re.compile(
    r"\{[^{}]*(?:len\(|count|total|added|removed|written|imported|restored|skipped|failed"
    r"|number|chars|mentions|documents|days|seconds|minutes|//|:,)[^{}]*\}"
    r"\s+[a-z]+s\b"
)


@pytest.mark.parametrize(
    ("number", "expected"),
    [(0, "0 documents"), (1, "1 document"), (2, "2 documents"), (12_500, "12,500 documents")],
)
def test_counted_documents(number: int, expected: str) -> None:
    assert counted(number, "document") == expected


def test_counted_with_an_irregular_plural() -> None:
    assert counted(1, "country", "countries") == "1 country"
    assert counted(3, "country", "countries") == "3 countries"


def test_no_message_writes_a_plural_after_a_count() -> None:
    package = Path(spacereader.__file__).parent
    slips = [
        f"{path.relative_to(package)}:{number}: {line.strip()}"
        for path in sorted(package.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if _SLIP.search(line)
    ]
    assert slips == []

"""The `program` field: every name of each program a passage mentions.

The index needs programs only, not figures: it uses the programs-only finder,
several times cheaper than extract(). Extraction must never stop indexing: a
text it fails on is indexed with the field empty, and the failure is logged.

The gazetteer also gives each acronym its programs' French names, which a query
for the acronym searches too (acronym_table.py).
"""

from __future__ import annotations

import bisect
import logging

from spacereader.core.extraction import Program, default_gazetteer, extract_programs

_log = logging.getLogger(__name__)


def find_programs(text: str) -> tuple[Program, ...]:
    """The programs a text names, or none if extraction fails on it."""
    try:
        return extract_programs(text)
    except Exception:
        _log.exception("program extraction failed on a text of %d characters", len(text))
        return ()


def french_names() -> list[tuple[str, str]]:
    """(acronym, French name) for each French name of a program with an acronym, or
    none if the gazetteer cannot be read."""
    try:
        entries = default_gazetteer().entries
    except Exception:
        _log.exception("the gazetteer could not be read for acronym expansions")
        return []
    return [(entry.acronym, name) for entry in entries if entry.acronym for name in entry.french]


def program_names(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """For each span of `text`, the names of the programs mentioned in it, as one string."""
    names: list[list[str]] = [[] for _ in spans]
    if not spans:
        return []
    starts = [start for start, _ in spans]
    for program in find_programs(text):
        every_name = list(program.names())
        for mention in program.mentions:
            index = _span_index(starts, spans, mention.start, mention.end)
            if index is not None and program.name not in names[index]:
                names[index].extend(every_name)
    return [" ; ".join(found) for found in names]


def _span_index(
    starts: list[int], spans: list[tuple[int, int]], start: int, end: int
) -> int | None:
    """The span that overlaps [start, end), by bisection (spans are sorted and disjoint)."""
    index = bisect.bisect_right(starts, start) - 1
    for candidate in (index, index + 1):
        if 0 <= candidate < len(spans):
            span_start, span_end = spans[candidate]
            if start < span_end and end > span_start:
                return candidate
    return None

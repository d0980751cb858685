"""The `program` field: every name of each program a passage mentions.

Names come from spacereader.core.extraction, imported lazily so that indexing
still works (with the field empty) when extraction is absent or fails on a text.
The index needs programs only, not figures: it uses the programs-only finder
when the package offers one, which is several times cheaper than extract().
"""

from __future__ import annotations

import bisect
import importlib
import logging
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

_log = logging.getLogger(__name__)
ProgramFinder = Callable[[str], Sequence[Any]]


@lru_cache(maxsize=1)
def _finders() -> tuple[ProgramFinder, ...]:
    """The ways to find a text's programs, cheapest first (none without the package)."""
    try:
        module = importlib.import_module("spacereader.core.extraction")
    except ImportError:
        return ()
    finders: list[ProgramFinder] = []
    programs_only = getattr(module, "extract_programs", None)
    if programs_only is not None:
        finders.append(programs_only)
    find, fold, gazetteer = (
        getattr(module, name, None) for name in ("find_programs", "fold", "default_gazetteer")
    )
    if find is not None and fold is not None and gazetteer is not None:
        finders.append(lambda text: find(text, fold(text), gazetteer()))
    extract = getattr(module, "extract", None)
    if extract is not None:
        finders.append(lambda text: extract(text).programs)
    return tuple(finders)


def find_programs(text: str) -> Sequence[Any]:
    """The programs a text names (objects with name, aliases, acronym, mentions)."""
    for finder in _finders():
        try:
            return finder(text)
        except TypeError:  # an internal signature changed: try the next way
            continue
        except Exception as error:  # extraction must never stop indexing
            _log.warning("program extraction failed: %s", error)
            return ()
    return ()


def program_names(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """For each span of `text`, the names of the programs mentioned in it, as one string."""
    names: list[list[str]] = [[] for _ in spans]
    if not spans:
        return []
    starts = [start for start, _ in spans]
    for program in find_programs(text):
        acronym = getattr(program, "acronym", None)
        every_name = [
            program.name,
            *getattr(program, "aliases", ()),
            *([acronym] if acronym else []),
        ]
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

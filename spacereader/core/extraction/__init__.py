"""Programs and figures in a document's text.

`extract(text)` returns every program the text names (merged, with all their
mentions) and every figure it gives, with offsets into `text`. A French text
(core.language) is read the French way: its numbers ("1 000", "1,2 milliard"),
dates, hedges and noun phrases, and its programs' French names and patterns. A
text too short to tell is read the English way, and its programs' French names
are looked for too: they are long, unambiguous names ("Station internationale de
recherche lunaire") that only a French text uses.
"""

from __future__ import annotations

from bisect import bisect_left

from spacereader.core.extraction.figures import find_figures
from spacereader.core.extraction.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    GazetteerError,
    default_gazetteer,
    load_gazetteer,
)
from spacereader.core.extraction.model import (
    NON_SPACE_CATEGORY,
    Extraction,
    Figure,
    FigureKind,
    Mention,
    Program,
    sentence_of,
)
from spacereader.core.extraction.normalize import fold, lower_same_length
from spacereader.core.extraction.programs import find_programs
from spacereader.core.language import ENGLISH, FRENCH, detect_language

__all__ = [
    "NON_SPACE_CATEGORY",
    "Extraction",
    "Figure",
    "FigureKind",
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerError",
    "Mention",
    "Program",
    "default_gazetteer",
    "extract",
    "extract_programs",
    "load_gazetteer",
    "sentence_of",
]


def extract(text: str, gazetteer: Gazetteer | None = None) -> Extraction:
    """The programs and figures of a text; the default gazetteer is bundled + user's."""
    if gazetteer is None:
        gazetteer = default_gazetteer()
    folded = fold(text)
    lowered = lower_same_length(folded)
    language = detect_language(text)
    french = language == FRENCH
    if language != ENGLISH:
        gazetteer = gazetteer.for_french()
    programs = find_programs(text, folded, gazetteer, lowered, french=french)
    spans = sorted((m.start, m.end) for program in programs for m in program.mentions)
    starts = [start for start, _ in spans]

    def inside_name(start: int, end: int) -> bool:
        # Mentions never overlap one another, so only the neighbours need a look.
        index = bisect_left(starts, end)
        return index > 0 and spans[index - 1][1] > start

    figures = find_figures(text, folded, inside_name, lowered, french=french)
    return Extraction(programs=programs, figures=tuple(figures))


def extract_programs(text: str, gazetteer: Gazetteer | None = None) -> tuple[Program, ...]:
    """The programs of a text only, as `extract` finds them: what a search index needs."""
    if gazetteer is None:
        gazetteer = default_gazetteer()
    folded = fold(text)
    language = detect_language(text)
    if language != ENGLISH:
        gazetteer = gazetteer.for_french()
    return find_programs(
        text, folded, gazetteer, lower_same_length(folded), french=language == FRENCH
    )

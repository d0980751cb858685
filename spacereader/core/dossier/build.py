"""A program's dossier, put together from the program index and the catalogue.

`find_program` takes any name, alias or acronym ("ILRS", "International
Lunar Research Station", "Station internationale de recherche lunaire") and
says which program it is: the one of that name in most documents, else the
gazetteer's entry; else it fails with the closest names the library knows.
`build_dossier` then reads that program's rows and orders them by publication
date: documents with a year first, in time; then those with a day and month
only; then the undated, by title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacereader.core.dates import sort_key
from spacereader.core.document import CatalogueEntry
from spacereader.core.dossier.codec import StoredEntry
from spacereader.core.dossier.digest import program_key
from spacereader.core.dossier.index import ProgramIndex, UnknownProgramError
from spacereader.core.dossier.model import Dossier, DossierDocument, ProgramInfo
from spacereader.core.dossier.series import find_conflicts, make_series
from spacereader.core.extraction.model import assemble

SUGGESTIONS = 3
SUGGESTION_SCORE = 72


@dataclass(frozen=True)
class FoundProgram:
    """A name resolved to a program's key, and the gazetteer's entry if it has one."""

    key: str
    name: str


def find_program(index: ProgramIndex, query: str) -> FoundProgram:
    """The program `query` names; UnknownProgramError (with close names) if none."""
    query = " ".join(query.split())
    if not query:
        raise UnknownProgramError("no program name given")
    key = index.resolve(query)
    if key is not None:
        return FoundProgram(key, query)
    from spacereader.core.extraction.gazetteer import default_gazetteer

    entry = default_gazetteer().lookup(query)
    if entry is not None:
        return FoundProgram(program_key(entry.name), entry.name)
    close = close_names(index, query)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownProgramError(f"no program named {query!r} in the library{hint}")


def close_names(index: ProgramIndex, query: str) -> list[str]:
    """The names in the library (or gazetteer) closest to a mistyped one, commonest first."""
    from rapidfuzz import fuzz, process

    from spacereader.core.extraction.gazetteer import default_gazetteer

    counts = dict(index.names())
    for entry in default_gazetteer().entries:
        for name in (entry.name, entry.acronym, *entry.aliases):
            if name:
                counts.setdefault(name, 0)
    scorer = fuzz.WRatio if len(query) > 5 else fuzz.ratio
    found = process.extract(
        query, list(counts), scorer=scorer, limit=12, score_cutoff=SUGGESTION_SCORE
    )
    ranked = sorted(found, key=lambda item: (-round(item[1] / 10), -counts[item[0]], item[0]))
    return list(dict.fromkeys(name for name, _score, _index in ranked))[:SUGGESTIONS]


def build_dossier(
    index: ProgramIndex,
    documents: Sequence[CatalogueEntry],
    query: str,
    pending: int = 0,
) -> Dossier:
    """The dossier of the program `query` names, over the given library documents."""
    found = find_program(index, query)
    return assemble_dossier(index, found, index.entries(found.key), documents, pending)


def assemble_dossier(
    index: ProgramIndex,
    found: FoundProgram,
    stored: Sequence[StoredEntry],
    documents: Sequence[CatalogueEntry],
    pending: int = 0,
) -> Dossier:
    """The dossier of a program from its stored rows and the documents' catalogue entries."""
    by_hash = {entry.content_hash: entry for entry in documents}
    pairs = [(by_hash[row.content_hash], row) for row in stored if row.content_hash in by_hash]
    rows = [_document(entry, row) for entry, row in pairs]
    rows.sort(key=lambda row: (sort_key(row.published), row.title.casefold(), row.doc_id))
    languages = {entry.id: entry.language for entry, _row in pairs}
    series = make_series(rows, languages)
    conflicts = [conflict for one in series for conflict in find_conflicts(one)]
    conflicts.sort(key=lambda conflict: sort_key(conflict.first.date))
    dated = [row.published for row in rows if row.dated]
    return Dossier(
        program=_program(index, found),
        documents=tuple(rows),
        series=tuple(series),
        conflicts=tuple(conflicts),
        first_seen=dated[0] if dated else None,
        last_seen=dated[-1] if dated else None,
        pending=pending,
    )


def _document(entry: CatalogueEntry, stored: StoredEntry) -> DossierDocument:
    # The document's own date (its dateline) is no figure about the program.
    figures = tuple(
        quoted
        for quoted in stored.figures
        if not (quoted.figure.normalized and quoted.figure.normalized == entry.published)
    )
    # Built as assemble() builds extraction's values: thousands of them, three times faster.
    return assemble(
        DossierDocument,
        doc_id=entry.id,
        title=entry.title,
        source=entry.source,
        date=entry.date,
        published=entry.published,
        mentions=stored.mentions,
        figures=figures,
        co_programs=stored.co_programs,
        passage_data=stored.passages,
    )


def _program(index: ProgramIndex, found: FoundProgram) -> ProgramInfo:
    """The program as the gazetteer names it, else as the texts do."""
    from spacereader.core.extraction.gazetteer import default_gazetteer

    stored = index.program(found.key)
    name = stored[0] if stored is not None else found.name
    entry = default_gazetteer().lookup(name)
    if entry is not None and program_key(entry.name) == found.key:
        return ProgramInfo(
            found.key, entry.name, entry.aliases, entry.acronym, entry.category, entry.country
        )
    if stored is None:
        return ProgramInfo(found.key, found.name, (), None, "", "")
    name, acronym, aliases, category, country = stored
    return ProgramInfo(found.key, name, aliases, acronym, category, country)

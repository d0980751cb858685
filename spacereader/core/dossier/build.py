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

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacereader.core.dates import has_year, sort_key
from spacereader.core.document import DocumentInfo
from spacereader.core.dossier.digest import ProgramDigest, program_key
from spacereader.core.dossier.index import ProgramIndex, UnknownProgramError
from spacereader.core.dossier.model import Dossier, DossierDocument, ProgramInfo
from spacereader.core.dossier.series import find_conflicts, make_series

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
    documents: Sequence[DocumentInfo],
    query: str,
    pending: int = 0,
) -> Dossier:
    """The dossier of the program `query` names, over the given library documents."""
    found = find_program(index, query)
    by_hash = {info.content_hash: info for info in documents}
    entries = [
        (by_hash[content_hash], entry)
        for content_hash, entry in index.entries(found.key)
        if content_hash in by_hash
    ]
    rows = [_document(info, entry) for info, entry in entries]
    rows.sort(key=lambda row: (sort_key(row.published), row.title.casefold(), row.doc_id))
    languages = {info.id: info.language for info, _entry in entries}
    series = make_series(rows, languages)
    conflicts = [conflict for one in series for conflict in find_conflicts(one)]
    conflicts.sort(key=lambda conflict: sort_key(conflict.first.date))
    dated = [row.published for row in rows if has_year(row.published)]
    return Dossier(
        program=_program(found, [entry for _info, entry in entries]),
        documents=tuple(rows),
        series=tuple(series),
        conflicts=tuple(conflicts),
        first_seen=dated[0] if dated else None,
        last_seen=dated[-1] if dated else None,
        pending=pending,
    )


def _document(info: DocumentInfo, entry: ProgramDigest) -> DossierDocument:
    # The document's own date (its dateline) is no figure about the program.
    figures = tuple(
        quoted
        for quoted in entry.figures
        if not (quoted.figure.normalized and quoted.figure.normalized == info.published)
    )
    return DossierDocument(
        doc_id=info.id,
        title=info.title,
        source=info.source,
        date=info.date,
        published=info.published,
        mentions=entry.mentions,
        passages=entry.passages,
        figures=figures,
        co_programs=entry.co_programs,
    )


def _program(found: FoundProgram, entries: Sequence[ProgramDigest]) -> ProgramInfo:
    """The program as the gazetteer names it, else as most documents do."""
    from spacereader.core.extraction.gazetteer import default_gazetteer

    names = Counter(entry.name for entry in entries)
    name = names.most_common(1)[0][0] if names else found.name
    entry = default_gazetteer().lookup(name)
    if entry is not None and program_key(entry.name) == found.key:
        return ProgramInfo(
            found.key, entry.name, entry.aliases, entry.acronym, entry.category, entry.country
        )
    acronyms = Counter(entry.acronym for entry in entries if entry.acronym)
    aliases = dict.fromkeys(alias for entry in entries for alias in entry.aliases)
    first = next((e for e in entries if e.name == name), None)
    return ProgramInfo(
        key=found.key,
        name=name,
        aliases=tuple(aliases),
        acronym=acronyms.most_common(1)[0][0] if acronyms else None,
        category=first.category if first else "",
        country=first.country if first else "",
    )

"""Program dossiers: what the library says of one program over time.

    index = ProgramIndex()                       # the cache folder's program index
    dossier = library_dossier(library, "ILRS", index)   # sync, then read one program
    markdown = dossier_markdown(dossier)

A dossier lists every document that names the program in publication order,
with the sentences that name it, the figures about it and the other programs
it names; its figure series (the same count followed over time) and the
conflicts between documents close in time. See digest.py for which figures
are about the program, series.py for what makes a series and a conflict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacereader.core.dossier.build import (
    assemble_dossier,
    build_dossier,
    close_names,
    find_program,
)
from spacereader.core.dossier.export import dossier_markdown
from spacereader.core.dossier.index import (
    ProgramIndex,
    ProgramIndexError,
    SyncReport,
    UnknownProgramError,
)
from spacereader.core.dossier.model import (
    Conflict,
    Dossier,
    DossierDocument,
    Passage,
    ProgramInfo,
    QuotedFigure,
    Series,
    SeriesPoint,
)

if TYPE_CHECKING:
    from spacereader.core.dossier.index import Cancelled, Progress
    from spacereader.core.library import Library

__all__ = [
    "Conflict",
    "Dossier",
    "DossierDocument",
    "Passage",
    "ProgramIndex",
    "ProgramIndexError",
    "ProgramInfo",
    "QuotedFigure",
    "Series",
    "SeriesPoint",
    "SyncReport",
    "UnknownProgramError",
    "assemble_dossier",
    "build_dossier",
    "close_names",
    "dossier_markdown",
    "find_program",
    "library_dossier",
]


def library_dossier(
    library: Library,
    query: str,
    index: ProgramIndex,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Dossier:
    """Bring the index in step with the library, then build the dossier of `query`.

    A sync cut short by `cancelled` gives the dossier of what is indexed so far,
    with `pending` saying how many documents are still to be read.
    """
    report = index.sync(library, progress, cancelled)
    pending = 0
    if report.cancelled:
        from spacereader.core.dossier.index import index_signature
        from spacereader.core.extraction.gazetteer import default_gazetteer

        pending = len(index.stale(library.catalogue(), index_signature(default_gazetteer())))
    found = find_program(index, query)
    stored = index.entries(found.key)
    # Only the catalogue entries of the documents that name the program.
    documents = library.catalogue({row.content_hash for row in stored})
    return assemble_dossier(index, found, stored, documents, pending)

"""A document's publication date: what it says of itself, as a date a library can sort by.

Where the date comes from, most trusted first:

1. the date its author declared in metadata: Markdown front matter (`date:`),
   a web page's `article:published_time`, `<time>` or JSON-LD `datePublished`
   (read by trafilatura through htmldate);
2. the date its text opens with: a wire dateline ("MOSCOW, March 9, 2021 —",
   "EIRNS — August 2, 2024"), a "Date:" or "Published" line, a byline's date;
3. a PDF's creation date, which the software that wrote the file recorded and
   which may be later than the publication (a report saved again);
4. a date without a year from the text ("EIRNS — Jan. 28"), kept as "--01-28":
   the year is never guessed.

English and French month names are read ("9 mars 2021", "1er février"); a
numeric date that reads both ways ("03/09/2021") keeps its year alone, unless
the text is French (day first). A date the user set wins over all of these and
is kept when the document is imported again (see Library.set_published).
"""

from __future__ import annotations

from spacereader.core.dates import has_year, parse_date
from spacereader.core.document import DocumentFormat, DocumentInfo
from spacereader.core.loaders.base import LoadedText
from spacereader.core.structure import Structure, detect_structure

__all__ = ["published_from_header", "published_of_stored", "resolve_published"]


def published_from_header(header_date: str, language: str = "") -> str | None:
    """The ISO date of a header's date text ("March 9, 2021", "3 mars 2023"), or None."""
    if not header_date:
        return None
    return parse_date(header_date, day_first=True if language == "fr" else None)


def resolve_published(loaded: LoadedText, structure: Structure, language: str = "") -> str | None:
    """The publication date of a loaded text, by the order in the module docstring."""
    declared = loaded.published
    from_text = published_from_header(structure.date, language)
    if loaded.format is DocumentFormat.PDF:
        # The file's own date is the weakest: a dated header in the text goes first.
        ordered = [from_text, declared]
    else:
        ordered = [declared, from_text]
    dated = [value for value in ordered if has_year(value)]
    if dated:
        return dated[0]
    return next((value for value in ordered if value), None)


def published_of_stored(info: DocumentInfo, opening: str) -> str | None:
    """The date of a document already in the library, from the opening of its text.

    For documents catalogued before dates were read: the catalogue's `date`
    holds what a web page's or a PDF's metadata said, and a Markdown file's
    front matter is part of its text.
    """
    declared: str | None = None
    if info.format is DocumentFormat.MARKDOWN:
        from spacereader.core.loaders.front_matter import DATE_KEYS, read_front_matter

        written = read_front_matter(opening).get(*DATE_KEYS)
        declared = parse_date(written) if written else None
    elif info.format in (DocumentFormat.HTML, DocumentFormat.PDF) and info.date:
        declared = parse_date(info.date)
    loaded = LoadedText(text=opening, format=info.format, published=declared)
    return resolve_published(loaded, detect_structure(opening), info.language)

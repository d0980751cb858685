"""A document's programs and figures as a briefing: Markdown for reading, CSV for sheets.

The Markdown briefing names its document (title, source, date, file) and when
it was prepared; then one row per program, with its mentions counted and its
first mention quoted, and one row per figure with what it counts and its
sentence. The CSV has one row per mention or figure, with offsets, for sheets.

Quotes are what a reader sees: in a Markdown document the markup ("**", "#")
is left out, and every cell is escaped so that the briefing, read as
Markdown, shows the text as it is.
"""

from __future__ import annotations

import csv
import io
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacereader.core.extraction.describe import what_it_counts
from spacereader.core.extraction.model import Extraction, Program
from spacereader.core.extraction.normalize import collapse_spaces

CSV_FIELDS = ("type", "name", "kind", "detail", "quote", "document", "start", "end", "line")
QUOTE_CONTEXT = 60
# Characters that Markdown could read as markup inside a table cell.
_MARKDOWN_SPECIAL = frozenset("\\`*_[]<>|~#!")


@dataclass(frozen=True)
class BriefingSource:
    """The document a briefing is about, as its header names it."""

    title: str
    source: str = ""  # who published it ("EIRNS", "NASA")
    date: str = ""  # its date as known ("2024-03-11", "Jan. 28")
    origin: str = ""  # the file it came from, by name
    markdown: bool = False  # the text is Markdown source: quote what a reader sees


@dataclass(frozen=True)
class BriefingRow:
    """One line of a briefing."""

    type: str  # "program" or "figure"
    name: str  # the program's canonical name, or the figure's text
    kind: str  # the program's category, or the figure's kind
    detail: str  # country, or what the figure counts
    quote: str
    document: str
    start: int
    end: int
    line: int


class _ShownText:
    """The text as a reader sees it: for Markdown, its visible ranges only."""

    def __init__(self, text: str, markdown: bool) -> None:
        self.text = text
        self.ranges: list[tuple[int, int, int]] = []  # (start, end, block number)
        if markdown:
            from spacereader.core.loaders.markdown_blocks import markdown_blocks

            for number, block in enumerate(markdown_blocks(text)):
                self.ranges += [(start, end, number) for start, end in block.visible if end > start]
        self._starts = [start for start, _end, _block in self.ranges]

    def between(self, start: int, end: int) -> str:
        """What a reader sees of text[start:end], on one line."""
        return collapse_spaces(self._raw(start, end)[0])

    def _raw(self, start: int, end: int) -> tuple[str, int, int]:
        """The visible text of a span, with the numbers of its first and last blocks."""
        if not self.ranges:
            return self.text[start:end], 0, 0
        parts: list[str] = []
        first_block = last_block = -1
        first = max(0, bisect_right(self._starts, start) - 1)
        for range_start, range_end, block in self.ranges[first:]:
            if range_start >= end:
                break
            piece = self.text[max(start, range_start) : min(end, range_end)]
            if not piece:
                continue
            if parts and block != last_block:
                parts.append(" ")  # blocks (a heading, a paragraph) are apart on screen
            if not parts:
                first_block = block
            parts.append(piece)
            last_block = block
        return "".join(parts), first_block, last_block

    def around(self, start: int, end: int, context: int = QUOTE_CONTEXT) -> str:
        """The span with some whole words either side, on one line."""
        core, core_first, core_last = self._raw(start, end)
        if not core.strip():
            return ""
        before, _first, before_last = self._raw(max(0, start - context), start)
        after, after_first, _last = self._raw(end, min(len(self.text), end + context))
        if start - context > 0 and len(before.split(None, 1)) > 1:
            before = "…" + before.split(None, 1)[1]  # not half a word
        if end + context < len(self.text) and len(after.rsplit(None, 1)) > 1:
            after = after.rsplit(None, 1)[0] + "…"
        if before and before_last != core_first:
            before += " "
        if after and after_first != core_last:
            after = " " + after
        return collapse_spaces(before + core + after)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def briefing_rows(
    extraction: Extraction, text: str, document: str | BriefingSource
) -> list[BriefingRow]:
    """Programs (each mention) then figures, in text order within each."""
    source = document if isinstance(document, BriefingSource) else BriefingSource(document)
    shown = _ShownText(text, source.markdown)
    rows: list[BriefingRow] = []
    for program in extraction.programs:
        for mention in program.mentions:
            rows.append(
                BriefingRow(
                    "program",
                    program.name,
                    program.category,
                    program.country,
                    shown.around(mention.start, mention.end),
                    source.title,
                    mention.start,
                    mention.end,
                    _line(text, mention.start),
                )
            )
    for figure in extraction.figures:
        rows.append(
            BriefingRow(
                "figure",
                collapse_spaces(figure.text),
                figure.kind.value,
                what_it_counts(figure),
                shown.between(figure.sentence_start, figure.sentence_end),
                source.title,
                figure.start,
                figure.end,
                _line(text, figure.start),
            )
        )
    return rows


def briefing_csv(extraction: Extraction, text: str, document: str | BriefingSource) -> str:
    """The briefing as CSV with a header row: one row per mention or figure."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for row in briefing_rows(extraction, text, document):
        writer.writerow([getattr(row, name) for name in CSV_FIELDS])
    return stream.getvalue()


def escape_markdown(value: object) -> str:
    """Text for a Markdown table cell, shown exactly as it is."""
    return "".join(
        "\\" + character if character in _MARKDOWN_SPECIAL else character
        for character in collapse_spaces(str(value))
    )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _program_name(program: Program) -> str:
    """The name, with its acronym as the Programs panel shows it."""
    if program.acronym and program.acronym not in program.name:
        return f"{program.name} ({program.acronym})"
    return program.name


def _lines_list(lines: Sequence[int]) -> str:
    unique = sorted(set(lines))
    shown = ", ".join(str(line) for line in unique[:12])
    return shown + (", …" if len(unique) > 12 else "")


def _header(source: BriefingSource, prepared: date) -> list[str]:
    facts = [
        f"**{label}:** {escape_markdown(value)}"
        for label, value in (
            ("Source", source.source),
            ("Date", source.date),
            ("File", source.origin),
        )
        if value
    ]
    lines = [f"# Briefing: {escape_markdown(source.title)}", ""]
    if facts:
        lines += [" · ".join(facts), ""]
    lines += [f"Prepared on {prepared.isoformat()} by SpaceReader from the document's text.", ""]
    return lines


def briefing_markdown(
    extraction: Extraction,
    text: str,
    document: str | BriefingSource,
    prepared: date | None = None,
) -> str:
    """The briefing as a Markdown document: what it is about, then its programs and figures."""
    source = document if isinstance(document, BriefingSource) else BriefingSource(document)
    rows = briefing_rows(extraction, text, source)
    lines = _header(source, prepared or date.today())
    programs = extraction.programs
    mentions = [row for row in rows if row.type == "program"]
    figures = [row for row in rows if row.type == "figure"]
    lines += [f"## Programs ({len(programs):,})", ""]
    if programs:
        lines += [
            f"Named {_count(len(mentions), 'time')} in all; each program's first mention"
            " is quoted.",
            "",
            "| Program | Category | Country | Mentions | First mention | Lines |",
            "|---|---|---|---:|---|---|",
        ]
        start = 0
        for program in programs:
            own = mentions[start : start + len(program.mentions)]
            start += len(program.mentions)
            cells = (
                _program_name(program),
                program.category,
                program.country,
                len(own),
                own[0].quote if own else "",
                _lines_list([row.line for row in own]),
            )
            lines.append("| " + " | ".join(escape_markdown(cell) for cell in cells) + " |")
    else:
        lines.append("None found.")
    lines += ["", f"## Figures ({len(figures):,})", ""]
    if figures:
        lines += ["| Figure | Kind | What | Sentence | Line |", "|---|---|---|---|---:|"]
        lines += [
            "| "
            + " | ".join(
                escape_markdown(cell)
                for cell in (row.name, row.kind, row.detail, row.quote, row.line)
            )
            + " |"
            for row in figures
        ]
    else:
        lines.append("None found.")
    return "\n".join(lines) + "\n"

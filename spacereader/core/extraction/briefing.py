"""A document's programs and figures as a briefing: Markdown for reading, CSV for sheets.

Each row is one mention of a program or one figure: what it is, the quote, the
document and the position (character offsets and line number).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from spacereader.core.extraction.model import Extraction, sentence_of
from spacereader.core.extraction.normalize import collapse_spaces

CSV_FIELDS = ("type", "name", "kind", "detail", "quote", "document", "start", "end", "line")


@dataclass(frozen=True)
class BriefingRow:
    """One line of a briefing."""

    type: str  # "program" or "figure"
    name: str  # the program's canonical name, or the figure's text
    kind: str  # the program's category, or the figure's kind
    detail: str  # country, or what the figure counts and its qualifier
    quote: str
    document: str
    start: int
    end: int
    line: int


def briefing_rows(extraction: Extraction, text: str, document: str) -> list[BriefingRow]:
    """Programs (each mention) then figures, in text order within each."""
    rows: list[BriefingRow] = []
    for program in extraction.programs:
        for mention in program.mentions:
            rows.append(
                BriefingRow(
                    "program",
                    program.name,
                    program.category,
                    program.country,
                    _quote(text, mention.start, mention.end),
                    document,
                    mention.start,
                    mention.end,
                    text.count("\n", 0, mention.start) + 1,
                )
            )
    for figure in extraction.figures:
        detail = " ".join(part for part in (figure.qualifier, figure.unit) if part)
        rows.append(
            BriefingRow(
                "figure",
                collapse_spaces(figure.text),
                figure.kind.value,
                detail,
                sentence_of(figure, text),
                document,
                figure.start,
                figure.end,
                text.count("\n", 0, figure.start) + 1,
            )
        )
    return rows


def _quote(text: str, start: int, end: int, context: int = 60) -> str:
    """The mention with some words either side, on one line."""
    before = text[max(0, start - context) : start]
    after = text[end : end + context]
    if start - context > 0 and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if end + context < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return collapse_spaces(before + text[start:end] + after)


def briefing_csv(extraction: Extraction, text: str, document: str) -> str:
    """The briefing as CSV with a header row."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for row in briefing_rows(extraction, text, document):
        writer.writerow([getattr(row, name) for name in CSV_FIELDS])
    return stream.getvalue()


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|")


def briefing_markdown(extraction: Extraction, text: str, document: str) -> str:
    """The briefing as a Markdown document: a programs table, then a figures table."""
    rows = briefing_rows(extraction, text, document)
    lines = [f"# Briefing: {_cell(document)}", ""]
    programs = [row for row in rows if row.type == "program"]
    figures = [row for row in rows if row.type == "figure"]
    lines += [f"## Programs ({len(extraction.programs)})", ""]
    if programs:
        lines += ["| Program | Category | Quote | Position |", "|---|---|---|---|"]
        lines += [
            f"| {_cell(r.name)} | {_cell(r.kind)} | {_cell(r.quote)} | line {r.line}, "
            f"{r.start}–{r.end} |"
            for r in programs
        ]
    else:
        lines.append("None found.")
    lines += ["", f"## Figures ({len(figures)})", ""]
    if figures:
        lines += ["| Figure | Kind | What | Quote | Position |", "|---|---|---|---|---|"]
        lines += [
            f"| {_cell(r.name)} | {_cell(r.kind)} | {_cell(r.detail)} | {_cell(r.quote)} | "
            f"line {r.line}, {r.start}–{r.end} |"
            for r in figures
        ]
    else:
        lines.append("None found.")
    return "\n".join(lines) + "\n"

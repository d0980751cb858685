"""A dossier as Markdown, ready to paste into a briefing.

Every quote and every figure carries its document's title, source and date,
so a line moved elsewhere still says where it comes from. Markup the quoted
documents carried (a Markdown source's "**" or "#") is left out, and what
Markdown would read as markup is escaped.
"""

from __future__ import annotations

import re

from spacereader.core.dates import date_label
from spacereader.core.dossier.model import (
    Conflict,
    Dossier,
    DossierDocument,
    Series,
    SeriesPoint,
)
from spacereader.core.wording import counted

_EMPHASIS = re.compile(r"\*\*|__|`")
_SPECIAL = re.compile(r"([\\*_\[\]<>|#])")


def clean(text: str) -> str:
    """A quote as plain Markdown text: the source's markup dropped, the rest escaped."""
    text = " ".join(_EMPHASIS.sub("", text).split())
    return _SPECIAL.sub(r"\\\1", text)


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _citation(title: str, source: str, published: str | None, shown: str = "") -> str:
    when = date_label(published) if published else (shown or "undated")
    parts = [f"*{clean(title)}*", clean(source), when]
    return ", ".join(part for part in parts if part)


def _point_citation(point: SeriesPoint) -> str:
    return _citation(point.title, point.source, point.date)


def dossier_markdown(dossier: Dossier) -> str:
    """The whole dossier: summary, series, conflicts, then each document in date order."""
    program = dossier.program
    name = program.name + (f" ({program.acronym})" if program.acronym else "")
    lines = [f"# Dossier: {clean(name)}", ""]
    facts = [part for part in (program.category, program.country) if part]
    count = len(dossier.documents)
    summary = f"Named in {count} document{'s' * (count != 1)}"
    if dossier.first_seen:
        summary += f", first seen {date_label(dossier.first_seen)}"
        summary += f", last seen {date_label(dossier.last_seen)}"
    if dossier.undated:
        summary += f" ({dossier.undated} without a date)"
    lines += [" · ".join(clean(part) for part in [*facts, summary + "."]), ""]
    others = [alias for alias in program.aliases if alias not in (program.name, program.acronym)]
    if others:
        lines += [f"Also called: {clean('; '.join(others))}.", ""]
    if dossier.series:
        lines += ["## Figures over time", ""]
        for series in dossier.series:
            lines += _series(series)
    if dossier.conflicts:
        lines += ["## Conflicting figures", ""]
        for conflict in dossier.conflicts:
            lines += _conflict(conflict)
    lines += ["## Documents", ""]
    for document in dossier.documents:
        lines += _document(document)
    return "\n".join(lines).rstrip() + "\n"


def _series(series: Series) -> list[str]:
    lines = [
        f"### {clean(series.what)}",
        "",
        "| Date | Figure | Document | Quote |",
        "| --- | --- | --- | --- |",
    ]
    for point in series.points:
        figure = clean(" ".join(part for part in (point.figure_text, point.unit) if part))
        cells = (date_label(point.date), figure, _point_citation(point), clean(point.text))
        lines.append(f"| {' | '.join(cells)} |")
    return [*lines, ""]


def _conflict(conflict: Conflict) -> list[str]:
    lines = [
        f"- **{clean(conflict.what)}**: {_number(conflict.first.value)} and "
        f"{_number(conflict.second.value)}, {counted(conflict.days_apart, 'day')} apart",
    ]
    for point in (conflict.first, conflict.second):
        lines.append(f"  - “{clean(point.text)}” — {_point_citation(point)}")
    return [*lines, ""]


def _document(document: DossierDocument) -> list[str]:
    when = date_label(document.published) if document.published else "Undated"
    lines = [f"### {when} — {clean(document.title)}", ""]
    cite = _citation(document.title, document.source, document.published, document.date)
    details = [clean(document.source)] if document.source else []
    if document.date:
        details.append(f"dated “{clean(document.date)}”")
    details.append(f"{document.mentions} mention{'s' * (document.mentions != 1)}")
    lines += [" · ".join(details), ""]
    for passage in document.passages:
        lines += [f"> {clean(passage.text)}", ">", f"> — {cite}", ""]
    if document.figures:
        lines.append("Figures:")
        lines.append("")
        for quoted in document.figures:
            figure = quoted.figure
            lines.append(
                f"- **{clean(' '.join(figure.text.split()))}**"
                + (f" {clean(figure.unit)}" if figure.unit else "")
                + f": “{clean(quoted.sentence)}” — {cite}"
            )
        lines.append("")
    if document.co_programs:
        lines += [f"Also names: {clean(', '.join(document.co_programs))}.", ""]
    return lines

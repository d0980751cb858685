"""Gold annotations of tests/data/extraction and scoring extraction against them.

Gold lists programs (canonical name and the surface text of every mention) and
figures (text, kind, value, unit, qualifier), located by surface text, so that
they do not depend on offsets. Shared by the tests and benchmarks/extraction.py.
"""

from __future__ import annotations

import html
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spacereader.core.extraction import Extraction
from spacereader.core.extraction.normalize import collapse_spaces, name_key

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DATA = Path(__file__).resolve().parents[2] / "data" / "extraction"
DOCUMENTS = (
    "nasa_budget_brief.txt",
    "esa_ministerial_release.html",
    "isro_feature.md",
    "white_paper_review.txt",
)
# Written in French: a brief with a bilingual header, a web page, a Markdown dossier.
FRENCH_DOCUMENTS = (
    "breve_livre_blanc.txt",
    "esa_communique_fr.html",
    "dossier_lune.md",
)
_BLOCK_TAGS = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|div|nav|footer|header|article|br)\b[^>]*>", re.I)


def html_to_text(markup: str) -> str:
    """The body's text: head, scripts and styles dropped, blocks split, entities decoded."""
    markup = re.sub(r"(?is)<(head|script|style)\b.*?</\1>", "", markup)
    markup = _BLOCK_TAGS.sub("\n\n", markup)
    markup = re.sub(r"<[^>]+>", "", markup)
    text = html.unescape(markup)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def document_text(name: str) -> str:
    """A test document's text as extraction sees it."""
    raw = (DATA / name).read_text(encoding="utf-8")
    return html_to_text(raw) if name.endswith(".html") else raw


@dataclass(frozen=True)
class Score:
    """Matches, predictions and gold items for one measure."""

    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.matched + other.matched,
            self.predicted + other.predicted,
            self.gold + other.gold,
        )


def load_gold(name: str) -> dict[str, list[dict[str, object]]]:
    """The gold file of a document ("seed" for the bundled article)."""
    stem = name.rsplit(".", 1)[0]
    return tomllib.loads((DATA / f"{stem}.gold.toml").read_text(encoding="utf-8"))


def _gold_key(extraction: Extraction, gold_names: list[str]) -> dict[str, str]:
    """Each predicted program's name mapped to the gold name it is known by, if any."""
    keys = {name_key(name): name for name in gold_names}
    mapping: dict[str, str] = {}
    for program in extraction.programs:
        names = [program.name, *([program.acronym] if program.acronym else [])]
        found = next((keys[name_key(n)] for n in names if name_key(n) in keys), None)
        mapping[program.name] = found or program.name
    return mapping


def program_items(
    extraction: Extraction, gold: dict[str, list[dict[str, object]]]
) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """Predicted and gold mentions as (program, surface text) multisets."""
    gold_names = [str(entry["name"]) for entry in gold["programs"]]
    mapping = _gold_key(extraction, gold_names)
    predicted = Counter(
        (name_key(mapping[program.name]), collapse_spaces(mention.text))
        for program in extraction.programs
        for mention in program.mentions
    )
    expected = Counter(
        (name_key(str(entry["name"])), collapse_spaces(str(text)))
        for entry in gold["programs"]
        for text in entry["mentions"]  # type: ignore[attr-defined]
    )
    return predicted, expected


def _figure_key(
    text: str, kind: str, value: object, unit: str, qualifier: str
) -> tuple[object, ...]:
    number = None if value is None else round(float(value), 4)  # type: ignore[arg-type]
    return (collapse_spaces(text), kind, number, unit.lower(), qualifier.lower())


def figure_items(
    extraction: Extraction, gold: dict[str, list[dict[str, object]]]
) -> tuple[Counter[tuple[object, ...]], Counter[tuple[object, ...]]]:
    """Predicted and gold figures as multisets of (text, kind, value, unit, qualifier)."""
    predicted = Counter(
        _figure_key(f.text, f.kind.value, f.value, f.unit, f.qualifier) for f in extraction.figures
    )
    expected = Counter(
        _figure_key(
            str(entry["text"]),
            str(entry["kind"]),
            entry.get("value"),
            str(entry.get("unit", "")),
            str(entry.get("qualifier", "")),
        )
        for entry in gold["figures"]
    )
    return predicted, expected


def score(predicted: Counter[object], expected: Counter[object]) -> Score:
    """Multiset precision and recall."""
    matched = sum((predicted & expected).values())
    return Score(matched, sum(predicted.values()), sum(expected.values()))


def evaluate(extraction: Extraction, gold: dict[str, list[dict[str, object]]]) -> dict[str, Score]:
    """Scores for program mentions, distinct programs and figures."""
    predicted, expected = program_items(extraction, gold)
    programs_predicted = Counter({key[0]: 1 for key in predicted})
    programs_expected = Counter({key[0]: 1 for key in expected})
    figures_predicted, figures_expected = figure_items(extraction, gold)
    return {
        "mentions": score(predicted, expected),  # type: ignore[arg-type]
        "programs": score(programs_predicted, programs_expected),  # type: ignore[arg-type]
        "figures": score(figures_predicted, figures_expected),  # type: ignore[arg-type]
    }

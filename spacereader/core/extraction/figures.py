"""Figures in a text: counts with what they count, years, dates, durations, money,
percentages, measures and ranking ordinals, each with its qualifier and sentence.

Digits that belong to a name ("Tianwen-1", "Long March 5", "L1") are not figures:
numbers glued to letters are skipped here, and the caller drops any figure that
overlaps a program mention.

A document gives at most MAX_FIGURES figures, its first ones: a statistical
table or a file of numbers would otherwise cost memory and time in proportion,
in every panel and export, for figures no reader goes through.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacereader.core.extraction import numbers as num
from spacereader.core.extraction.figure_language import ENGLISH, FRENCH, Vocabulary
from spacereader.core.extraction.figure_patterns import YEAR_ONLY, figure_matches
from spacereader.core.extraction.model import Figure, FigureKind, assemble
from spacereader.core.extraction.qualifiers import qualifier as _qualifier
from spacereader.core.extraction.sentences import Sentences

# The most figures one document gives (a long report has a few thousand).
MAX_FIGURES = 10_000
_COMPOUND_AFTER = re.compile(r"-([A-Za-z]+)\b")
_EXACT_SHORT_UNITS = frozenset(
    "km m cm mm kg g t lb ft mi AU W kW MW GW Hz kHz MHz GHz TB GB kN".split()
)


class _Scanner:
    """One pass over a text, collecting figures."""

    def __init__(
        self,
        text: str,
        folded: str,
        blocked: Callable[[int, int], bool],
        lowered: str | None = None,
        vocabulary: Vocabulary = ENGLISH,
    ) -> None:
        self.text = text
        self.words = vocabulary
        self.folded = folded
        self.lowered = lowered
        self.blocked = blocked
        self.sentences = Sentences(text)
        self.figures: list[Figure] = []
        self.covered = 0

    def emit(  # noqa: PLR0917 - one internal call shape for every kind of figure
        self,
        start: int,
        end: int,
        value: float | None,
        kind: FigureKind,
        unit: str,
        qualifier_group: str | None,
        upper: float | None = None,
        normalized: str = "",
    ) -> None:
        qualifier = ""
        if qualifier_group is not None:
            qualifier, start = _qualifier(self.folded, start, qualifier_group, self.words.french)
        if start < self.covered or self.blocked(start, end):
            return
        self.covered = end
        sentence_start, sentence_end = self.sentences.around(start, end)
        figure = assemble(
            Figure,
            text=self.text[start:end],
            value=value,
            kind=kind,
            unit=unit,
            qualifier=qualifier,
            start=start,
            end=end,
            sentence_start=sentence_start,
            sentence_end=sentence_end,
            upper=upper,
            normalized=normalized,
        )
        self.figures.append(figure)

    def _emit_hedged(  # noqa: PLR0917 - emit's shape, with the hedge found after the number
        self, start: int, end: int, value: float, unit: str, hedge: str, upper: float | None
    ) -> None:
        """A duration whose hedge follows the number ("cinq prochaines années")."""
        count = len(self.figures)
        self.emit(start, end, value, FigureKind.DURATION, unit, None, upper)
        if len(self.figures) > count:
            figure = self.figures[-1]
            self.figures[-1] = assemble(Figure, **{**vars(figure), "qualifier": hedge})

    def scan(self) -> list[Figure]:
        for match in figure_matches(self.folded, self.lowered, self.words.french):
            if len(self.figures) >= MAX_FIGURES:
                break
            if match.start() < self.covered:
                continue
            kind = match.lastgroup
            if kind in ("iso", "mdy", "dmy", "my"):
                self._date(match)
            elif kind == "money":
                self._money(match)
            elif kind == "fy":
                year = int(match.group("fy_y"))
                year += 2000 if year < 100 else 0
                self.emit(
                    match.start(),
                    match.end(),
                    float(year),
                    FigureKind.YEAR,
                    "",
                    "time",
                    normalized=str(year),
                )
            elif kind == "ordinal":
                self._ordinal(match)
            else:
                self._number(match)
        return self.figures

    def _date(self, match: re.Match[str]) -> None:
        kind = match.lastgroup
        assert kind is not None
        if kind == "iso":
            normalized = f"{match.group('iso_y')}-{match.group('iso_m')}-{match.group('iso_d')}"
        else:
            month = self.words.months[match.group(f"{kind}_m").lower()]
            day = match.group(f"{kind}_d") if kind != "my" else None
            year = match.group(f"{kind}_y")
            if day is not None and not 1 <= int(day) <= 31:
                return
            if day is None:
                normalized = f"{year}-{month:02d}"
            else:
                normalized = f"{year or '-'}-{month:02d}-{int(day):02d}"
        self.emit(
            match.start(), match.end(), None, FigureKind.DATE, "", "time", normalized=normalized
        )

    def _money(self, match: re.Match[str]) -> None:
        amount = self.words.parse_number(match.group("amount"))
        if amount is None:
            return
        scale = match.group("scale")
        value = amount * (self.words.scale_of(scale) if scale else 1.0)
        currency = num.CURRENCY_SYMBOLS.get(match.group("currency").lower(), "USD")
        self.emit(match.start(), match.end(), value, FigureKind.MONEY, currency, "general")

    def _ordinal(self, match: re.Match[str]) -> None:
        start, end = match.start(), match.end()
        value = self.words.parse_ordinal(match.group())
        folded = self.folded
        if value is None or folded[end : end + 1] in (",", ";", ":", ".", ")"):
            return
        before = folded[max(0, start - 4) : start].lower()
        if before.endswith("at ") or folded[end : end + 7].lower() == " of all":
            return
        compound = _COMPOUND_AFTER.match(folded, end)
        if compound is not None:
            end = compound.end()
        unit = self.words.noun_phrase(folded, end)
        following = self.words.next_ordinal.match(folded, end)
        while not unit and following is not None:
            # "the second and third phases": ordinals joined by "and" rank one noun.
            unit = self.words.noun_phrase(folded, following.end())
            following = self.words.next_ordinal.match(folded, following.end())
        if not unit:
            return
        sentence_start = start == 0 or folded[max(0, start - 2) : start].strip() in ("", ".", "\n")
        if match.group()[:1].isupper() and not sentence_start and unit[:1].isupper():
            return  # "the Second World War": a name
        self.emit(start, end, value, FigureKind.ORDINAL, unit, None)

    def _number(self, match: re.Match[str]) -> None:
        folded = self.folded
        start, end = match.start(), match.end()
        surface = match.group()
        is_digits = surface[:1].isdigit()
        glued = (
            is_digits and start >= 2 and folded[start - 1] == "-" and folded[start - 2].isalpha()
        )
        if glued and not folded[max(0, start - 4) : start].lower().endswith("mid-"):
            return  # "Tianwen-1", "BDS-3"
        if folded[end : end + 1] == ":" and folded[end + 1 : end + 2].isdigit():
            return  # a time of day
        if is_digits and self._after_name(start):
            return
        value = 12.0 if surface.lower().endswith("dozen") else self.words.parse_number(surface)
        if value is None:
            return
        upper = None
        year_like = is_digits and YEAR_ONLY.fullmatch(surface) is not None
        range_match = self.words.range_after.match(folded, end) if is_digits else None
        if range_match is not None:
            upper = self.words.parse_number(range_match.group(1))
            if year_like and upper is not None and len(range_match.group(1)) == 2:
                upper += value - value % 100  # a fiscal year, "2023-24"
            end = range_match.end()
        elif is_digits and not year_like:
            to_range = self.words.to_range_after.match(folded, end)
            if to_range is not None and self._unit_follows_number(to_range.end()):
                upper = self.words.parse_number(to_range.group(1))
                end = to_range.end()
        if year_like:
            if folded[end : end + 1] == "s" and not folded[end + 1 : end + 2].isalnum():
                self.emit(
                    start, end + 1, value, FigureKind.YEAR, "", "time", normalized=f"{surface}s"
                )
                return
            if upper is None or upper >= value:
                measured = self._measured(start, end, value, surface)
                if not measured:
                    self.emit(
                        start,
                        end,
                        value,
                        FigureKind.YEAR,
                        "",
                        "time",
                        upper=upper,
                        normalized=surface,
                    )
                return
        if folded[end : end + 1].isalpha() and not self._unit_follows(end):
            return
        if self._measured(start, end, value, surface, upper):
            return
        lower = surface.lower()
        if lower == "one" and not self.words.french:
            before = folded[max(0, start - 8) : start].lower().split()
            if folded[end : end + 3] in (" of", "-") or folded[end : end + 8] == " another":
                return
            if before and before[-1] in ("no", "the", "any", "this", "that", "each", "every"):
                return
        if folded[end : end + 1] == "-" and not is_digits:
            return  # "two-pronged"
        unit = self.words.noun_phrase(folded, end)
        if not unit and not is_digits and self.words.french:
            return  # "neuf", "sept" alone are adjectives or months as often as numbers
        self.emit(start, end, value, FigureKind.COUNT, unit, "general", upper=upper)

    def _after_name(self, start: int) -> bool:
        """Whether a number follows a capitalised name word ("Article 4", "Vision 2030")."""
        before = self.folded[max(0, start - 30) : start]
        if not before.endswith(" "):
            return False
        words = before.split()
        if not words:
            return False
        word = words[-1]
        return (
            word[:1].isupper() and word.isalpha() and word.lower() not in self.words.function_before
        )

    def _unit_follows_number(self, end: int) -> bool:
        """Whether a measure, duration or currency unit follows ("340 to 450 km")."""
        return bool(
            self._unit_follows(end)
            or self.words.duration_after.match(self.folded, end)
            or self.words.scale_after.match(self.folded, end)
            or self.words.percent_after.match(self.folded, end)
        )

    def _unit_follows(self, end: int) -> bool:
        measure = self.words.measure_after.match(self.folded, end)
        return measure is not None and self._exact_unit(measure.group(1))

    def _exact_unit(self, unit: str) -> bool:
        canonical = num.canonical_unit(self.words.measure_units, unit)
        return canonical not in _EXACT_SHORT_UNITS or unit in _EXACT_SHORT_UNITS or len(unit) > 2

    def _measured(
        self, start: int, end: int, value: float, surface: str, upper: float | None = None
    ) -> bool:
        """Emit money, percent, measure or duration if a unit follows; say whether one did."""
        folded = self.folded
        words = self.words
        scale = words.scale_after.match(folded, end)
        if scale is not None:
            value *= words.scale_of(scale.group(1))
            end = scale.end()
        currency = words.currency_after.match(folded, end)
        if currency is not None:
            code = num.canonical_unit(words.currency_words, currency.group(1))
            self.emit(start, currency.end(), value, FigureKind.MONEY, code, "general", upper)
            return True
        percent = words.percent_after.match(folded, end)
        if percent is not None:
            unit = "percentage points" if "point" in percent.group(1).lower() else "%"
            self.emit(start, percent.end(), value, FigureKind.PERCENT, unit, "general", upper)
            return True
        compound = None if words.french else _COMPOUND_AFTER.match(folded, end)
        if compound is not None and not surface[:1].isupper():
            word = compound.group(1).lower()
            if word in num.DURATION_UNITS:
                unit = num.DURATION_UNITS[word]
                self.emit(
                    start, compound.end(), value, FigureKind.DURATION, unit, "duration", upper
                )
                return True
            if word in num.MEASURE_UNITS and len(word) > 1:
                unit = num.MEASURE_UNITS[word]
                self.emit(start, compound.end(), value, FigureKind.MEASURE, unit, "general", upper)
                return True
        measure = words.measure_after.match(folded, end)
        if measure is not None and self._exact_unit(measure.group(1)):
            unit = num.canonical_unit(words.measure_units, measure.group(1))
            self.emit(start, measure.end(), value, FigureKind.MEASURE, unit, "general", upper)
            return True
        duration = words.duration_after.match(folded, end)
        if duration is not None:
            unit = num.canonical_unit(words.duration_units, duration.group("unit"))
            hedge = duration.groupdict().get("hedge")
            if hedge:  # "cinq prochaines années": the hedge stands after the number
                self._emit_hedged(start, duration.end(), value, unit, hedge.lower(), upper)
            else:
                self.emit(
                    start, duration.end(), value, FigureKind.DURATION, unit, "duration", upper
                )
            return True
        if scale is not None:
            unit = words.noun_phrase(folded, end)
            self.emit(start, end, value, FigureKind.COUNT, unit, "general", upper)
            return True
        return False


def find_figures(
    text: str,
    folded: str,
    blocked: Callable[[int, int], bool],
    lowered: str | None = None,
    french: bool = False,
) -> list[Figure]:
    """Every figure in the text, in order; `blocked(start, end)` vetoes spans inside names.

    `folded` is `fold(text)`; `lowered`, `lower_same_length(folded)` if the caller has
    it; `french` reads numbers the French way ("1 000", "1,2", "vingt-cinq").
    """
    return _Scanner(text, folded, blocked, lowered, FRENCH if french else ENGLISH).scan()

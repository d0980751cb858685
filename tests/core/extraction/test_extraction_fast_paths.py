"""The fast paths of extraction give exactly what the plain ways give.

Each scanner that extraction runs only where a match may begin (a pre-filter, a
trie, a scan from the hyphen) is compared here with the plain way on arbitrary
text and on text made of the words that matter.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacereader.core.extraction import default_gazetteer, extract, normalize
from spacereader.core.extraction.figure_patterns import FIGURE, figure_matches
from spacereader.core.extraction.gazetteer import (
    DESIGNATION,
    Gazetteer,
    GazetteerEntry,
    GazetteerMatch,
)
from spacereader.core.extraction.name_matching import TOKEN, match_tokens
from spacereader.core.extraction.normalize import _FOLD, fold, lower_same_length
from spacereader.core.extraction.qualifiers import _QUALIFIER_PATTERNS, _may_end_in_qualifier
from spacereader.core.extraction.rules import _DESIGNATOR, _designator_matches, _words_back

# Pieces that make the scanners work: names of the gazetteer in every case and
# spacing, numbers, number words, months, currencies, and the letters that
# ignoring case folds ("ı", "ſ", the Kelvin sign, "İ").
_PIECES = [
    *"abcXYZ 0123456789-–’'_.,;$€₹%()\n\t\u00a0",
    *("ILRS", "Ilrs", "International Lunar Research Station", "international lunar"),
    *("Chang'e", "Chang’e-5", "CHANG'E", "Long March", "Long  March 5", "Long\nMarch"),
    *("Tianwen-1", "Yutu-2", "STS-135", "PSLV-C37", "BDS-3", "NASA's", "ESA", "Gateway"),
    *("space shuttle", "Space Shuttle", "the space station", "Artemis II", "Ariane 6"),
    *("five", "Fifth", "fıve", "ſecond", "twenty-first", "a dozen", "one", "ſince"),
    *("Jan. 28", "January 28, 2022", "May", "Sept", "FY23", "US$", "Rs5", "INR 4"),
    *("more than", "almost", "since ", "about ", "up to", "~", "K", "İ", "ı", "é"),
    *(" km", " billion", "%", " years", "-year", " Program", " Mission", " Telescope"),
    *("l'ILRS", "d’Ariane 6", "qu'ESA", "L'", "station spatiale", "Station spatiale", "l'l'"),
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
_ANY_TEXT = st.one_of(_TEXT, st.text(max_size=120))


# An elided French word, where no letter or digit comes before it: "l'", "qu'".
_ELISION = re.compile(
    r"(?<![^\W_])(?:l|d|qu|jusqu|lorsqu|puisqu|s|n|j|m|t|c)'(?=[^\W_])", re.IGNORECASE
)


def _tokens(lowered: str) -> list[re.Match[str]]:
    """Every token, and each token after a French elision inside one ("l'ilrs": "ilrs";
    "al'l'ilrs": "l'ilrs" and "ilrs")."""
    tokens: list[re.Match[str]] = []
    for token in TOKEN.finditer(lowered):
        tokens.append(token)
        for elision in _ELISION.finditer(lowered, token.start(), token.end()):
            inner = TOKEN.match(lowered, elision.end())
            if inner is not None:
                tokens.append(inner)
    return tokens


def _reference_find(gazetteer: Gazetteer, folded: str) -> list[GazetteerMatch]:
    """Gazetteer.find as a plain loop over every token of the text."""
    lowered = lower_same_length(folded)
    found: list[GazetteerMatch] = []
    covered = 0
    for token in _tokens(lowered):
        patterns = gazetteer._first.get(token.group())
        if patterns is None or token.start() < covered:
            continue
        best: GazetteerMatch | None = None
        for pattern in patterns:
            end = match_tokens(folded, lowered, token.start(), pattern)
            if end is None:
                continue
            if pattern.series_prefix is not None:
                designation = DESIGNATION.match(folded, end)
                if designation is None:
                    continue
                code = designation.group("designation")
                name = f"{pattern.series_prefix}{pattern.series_separator}{code}"
                candidate = GazetteerMatch(token.start(), designation.end(), pattern.entry, name)
            else:
                candidate = GazetteerMatch(token.start(), end, pattern.entry)
            if best is None or candidate.end > best.end:
                best = candidate
        if best is not None:
            found.append(best)
            covered = best.end
    return found


_SMALL = Gazetteer(
    [
        GazetteerEntry("International Lunar Research Station", (), "ILRS", "", ""),
        GazetteerEntry("Lunar Gateway", ("Gateway",), None, "", "", ("Long March #",)),
    ]
)


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT)
def test_gazetteer_find_equals_a_scan_of_every_word(text: str) -> None:
    folded = fold(text)
    for gazetteer in (default_gazetteer(), _SMALL):
        assert gazetteer.find(folded) == _reference_find(gazetteer, folded)


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT)
def test_figure_matches_equal_the_pattern_run_everywhere(text: str) -> None:
    folded = fold(text)
    expected = [(m.span(), m.lastgroup) for m in FIGURE.finditer(folded)]
    assert [(m.span(), m.lastgroup) for m in figure_matches(folded)] == expected


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT)
def test_designators_found_from_their_hyphens_equal_the_pattern(text: str) -> None:
    expected = [(m.span(), m.group("prefix")) for m in _DESIGNATOR.finditer(text)]
    assert [(m.span(), m.group("prefix")) for m in _designator_matches(text)] == expected


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT, st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=80))
def test_words_back_are_the_words_of_the_window_last_first(text: str, end: int, span: int) -> None:
    end = min(end, len(text))
    window_start = max(0, end - span)
    words = [
        (window_start + m.start(), window_start + m.end())
        for m in re.finditer(r"\S+", text[window_start:end])
    ]
    assert list(_words_back(text, end, span)) == words[::-1]


@settings(max_examples=500, deadline=None)
@given(_ANY_TEXT)
def test_the_qualifier_filter_never_drops_a_qualifier(text: str) -> None:
    window = text[-24:]
    for group, pattern in _QUALIFIER_PATTERNS.items():
        if pattern.search(window) is not None:
            assert _may_end_in_qualifier(window, group)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_fold_equals_the_translation_table(text: str) -> None:
    assert fold(text) == text.translate(_FOLD)


def test_objects_built_fast_equal_objects_built_plainly() -> None:
    result = extract("Since 2016, the ILRS signed 46 agreements worth $2.89 billion.")
    built = [*result.figures, *result.programs, *(m for p in result.programs for m in p.mentions)]
    assert len(result.figures) == 3
    assert len(built) == 5
    for item in built:
        plain = dataclasses.replace(item)  # made by the class's own __init__
        assert plain == item
        assert hash(plain) == hash(item)
        assert vars(plain) == vars(item)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"aZΣσΑ İı'’\n.- ", "ΟΔΟΣ ", "ΟΔΟΣ.", "Σ'"]), max_size=60).map(
        "".join
    ),
    st.integers(min_value=1, max_value=12),
)
def test_a_text_lowered_a_stretch_at_a_time_reads_as_lowered_whole(text: str, stretch: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(normalize, "LOWER_STRETCH", stretch)
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(ch.lower()[:1] for ch in text)
        assert lower_same_length(text) == lowered

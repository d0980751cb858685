"""Marking what a query matched in a text, and cutting a snippet around it.

Marks are found by running the index's own analysis over the text, so a mark
lands exactly where the index saw the word: "Cooperation" for "cooperate",
"précédente" for "precedente", the long name for its acronym.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacereader.core.search.analysis import ENGLISH, WordToken, word_tokens

SNIPPET_CHARS = 240
ELLIPSIS = "…"
Span = tuple[int, int]


@dataclass(frozen=True)
class HighlightSpec:
    """What to mark: single terms, term sequences, and wildcard prefixes (folded)."""

    terms: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    prefixes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases or self.prefixes)

    def merged(self, other: HighlightSpec) -> HighlightSpec:
        """Both specs' marks."""
        return HighlightSpec(
            self.terms | other.terms,
            tuple(dict.fromkeys(self.phrases + other.phrases)),
            tuple(dict.fromkeys(self.prefixes + other.prefixes)),
        )


def _prefix_match(token: WordToken, prefixes: tuple[str, ...]) -> bool:
    # "station*" marks "stations"; "stations*" still marks "station", whose stem it found.
    return any(
        token.surface.startswith(prefix) or prefix.startswith(token.surface) for prefix in prefixes
    )


def find_marks(
    text: str, spec: HighlightSpec, offset: int = 0, language: str = ENGLISH
) -> list[Span]:
    """The spans of `text` (plus `offset`) the query matched, sorted, overlaps merged.

    The text is analysed in its own language, as the index analysed it.
    """
    if not spec or not text:
        return []
    tokens = list(word_tokens(text, offset, language or ENGLISH))
    spans: list[Span] = [
        (token.start, token.end)
        for token in tokens
        if token.term in spec.terms or (spec.prefixes and _prefix_match(token, spec.prefixes))
    ]
    if spec.phrases:
        spans.extend(_phrase_spans(tokens, spec.phrases))
    return _merge(spans)


def _phrase_spans(tokens: list[WordToken], phrases: tuple[tuple[str, ...], ...]) -> list[Span]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            by_first.setdefault(phrase[0], []).append(phrase)
    spans: list[Span] = []
    for index, token in enumerate(tokens):
        for phrase in by_first.get(token.term, ()):
            window = tokens[index : index + len(phrase)]
            if len(window) == len(phrase) and all(
                word.term == term for word, term in zip(window, phrase, strict=True)
            ):
                spans.append((window[0].start, window[-1].end))
    return spans


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _best_anchor(marks: list[Span], width: int) -> int:
    """Where the excerpt should centre: the mark whose window shows the most marked text."""
    best, best_covered = (marks[0][0] if marks else 0), -1
    for anchor, _ in marks:
        low = anchor - width // 4
        high = low + width
        covered = sum(end - start for start, end in marks if start >= low and end <= high)
        if covered > best_covered:
            best, best_covered = anchor, covered
    return best


def make_snippet(
    passage: str, marks: list[Span], width: int = SNIPPET_CHARS
) -> tuple[str, tuple[Span, ...]]:
    """A one-line excerpt of the passage where its marks are densest, and the marks within it.

    `marks` are offsets in `passage`. Line breaks become spaces, one for one, so
    offsets survive; a cut is shown with "…".
    """
    flat = passage.replace("\n", " ").replace("\t", " ")
    if len(flat) <= width:
        return flat, tuple(marks)
    first = _best_anchor(marks, width)
    # Show a little context before the chosen mark, then as much as fits.
    start = max(0, first - width // 4)
    if start > 0:
        space = flat.find(" ", start, first) if first > start else -1
        start = space + 1 if space != -1 else start
    end = min(len(flat), start + width)
    if end < len(flat):
        space = flat.rfind(" ", start + width // 2, end)
        end = space if space != -1 else end
    while start < end and flat[start] == " ":
        start += 1
    while end > start and flat[end - 1] == " ":
        end -= 1
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(flat) else ""
    shift = len(prefix) - start
    inside = tuple(
        (max(mark_start, start) + shift, min(mark_end, end) + shift)
        for mark_start, mark_end in marks
        if mark_start < end and mark_end > start
    )
    return prefix + flat[start:end] + suffix, inside

"""Where a bookmark's quote sits in a document's text, before and after edits.

Selectors follow the W3C Web Annotation model as Hypothesis uses it: the exact
quote with ~32 characters of context either side (quote selector) and start/end
offsets (position selector), in code points of the document's text.

Re-anchoring against a changed text tries, in order:

1. the stored offsets, if the quote is still there;
2. the exact quote elsewhere, the context choosing between repeats;
3. a fuzzy match of the quote, allowing up to min(256, len/2) edits.

A match must be convincing on its own, not merely the best there is. An exact
quote whose context agrees is taken at once. Otherwise exact and fuzzy
candidates compete on one score (quote 50, prefix 20, suffix 20, as Hypothesis
weighs them), and each must pass a floor: a short exact quote needs some
context, a fuzzy one needs its context or a long, nearly intact quote, and the
winner must clearly beat any different passage. Otherwise `locate` returns
None and the bookmark is orphaned: "not found" is better than the wrong passage.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from spacereader.core.bookmarks.errors import InvalidBookmarkError
from spacereader.core.bookmarks.model import AnchorStatus, Bookmark
from spacereader.core.wording import counted

CONTEXT_CHARS = 32
# An exact quote whose context agrees this well is taken at once.
AGREEING_CONTEXT = 0.75
# Otherwise it competes with near-matches, if its context agrees this much, or
# if it is long enough to be evidence on its own; short quotes ("ILRS", "the")
# recur by chance elsewhere.
EXACT_CONTEXT_MIN = 0.5
SELF_EVIDENT_QUOTE = 32
# Near-matches are searched for down to the limit of len/2 edits…
SEARCH_FLOOR = 0.5
# …but accepted only with two thirds of the quote intact and the context
# agreeing (a passage edited in place)…
FUZZY_QUOTE_FLOOR = 2 / 3
# …or, from 40 characters on, with at most 1 edit in 20 (a passage edited and
# moved). Shorter or looser near-matches alone are not evidence: documents
# repeat phrases and near-identical clauses.
ALONE_MIN_QUOTE = 40
ALONE_EDITS_PER_CHAR = 1 / 20
# Two different passages scoring this close make a guess, not a match.
AMBIGUITY_MARGIN = 0.02
MAX_FUZZY_CANDIDATES = 6
REFINED_CANDIDATES = 3
MAX_EXACT_OCCURRENCES = 10_000
MAX_BOUNDARY_SLACK = 64


@dataclass(frozen=True)
class Selector:
    """A quote with its context and its offsets in one version of a text."""

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Placement:
    """Where a quote was found; `exact` when the text there equals the quote."""

    start: int
    end: int
    exact: bool


def select(text: str, start: int, end: int) -> Selector:
    """The selector for text[start:end]; the range must be non-empty and inside."""
    if not 0 <= start < end <= len(text):
        raise InvalidBookmarkError(
            f"passage {start}–{end} is not a non-empty range"
            f" inside a text of {counted(len(text), 'character')}"
        )
    return Selector(
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
    )


def locate(text: str, selector: Selector) -> Placement | None:
    """Where the selector's quote is in `text`, or None if it cannot be placed with confidence."""
    if not selector.quote:
        return None
    exact = _exact(text, selector)
    if exact is not None and exact.context >= AGREEING_CONTEXT:
        return exact.placement
    contenders = []
    if exact is not None and (
        exact.context >= EXACT_CONTEXT_MIN or len(selector.quote) >= SELF_EVIDENT_QUOTE
    ):
        contenders.append(exact)
    fuzzy = _fuzzy(text, selector)
    if fuzzy is not None:
        contenders.append(fuzzy)
    if not contenders:
        return None
    return max(contenders, key=lambda candidate: candidate.score).placement


def reanchored(mark: Bookmark, text: str) -> Bookmark:
    """The bookmark placed in a new version of its document's text."""
    stored = Selector(mark.quote, mark.prefix, mark.suffix, mark.start, mark.end)
    placement = locate(text, stored)
    if placement is None:
        return replace(mark, status=AnchorStatus.ORPHANED)
    try:
        found = select(text, placement.start, placement.end)
    except InvalidBookmarkError:
        return replace(mark, status=AnchorStatus.ORPHANED)
    in_place = placement.exact and (placement.start, placement.end) == (mark.start, mark.end)
    if not in_place:
        status = AnchorStatus.MOVED
    elif mark.status is AnchorStatus.ORPHANED:
        status = AnchorStatus.ANCHORED  # the passage is back where it was
    else:
        # "moved" stays until the text changes again: re-anchoring the same text
        # (as the app may do at every open) must not hide that it moved.
        status = mark.status
    return _placed_at(mark, found, status)


def placed_import(mark: Bookmark, text: str, offsets_given: bool) -> Bookmark:
    """An imported bookmark placed in its document's current text.

    Offsets that still hold the quote are kept. Otherwise (missing, or wrong
    as in a hand-made file) the quote is found again: the one exact occurrence;
    among several, the one the context or the given offset points at; else a
    confident near-match as for a changed document. A quote found nowhere
    leaves the bookmark orphaned, kept with its note.
    """
    if offsets_given and text[mark.start : mark.end] == mark.quote:
        found = select(text, mark.start, mark.end)
        return replace(mark, prefix=mark.prefix or found.prefix, suffix=mark.suffix or found.suffix)
    occurrences = _occurrences(text, mark.quote, mark.start)
    if not mark.prefix and not mark.suffix and occurrences:
        # No context to choose with: the occurrence nearest the given offset (or the first).
        start = min(occurrences, key=lambda at: (abs(at - mark.start), at))
        placement: Placement | None = Placement(start, start + len(mark.quote), exact=True)
    elif len(occurrences) == 1:
        placement = Placement(occurrences[0], occurrences[0] + len(mark.quote), exact=True)
    else:
        placement = locate(
            text, Selector(mark.quote, mark.prefix, mark.suffix, mark.start, mark.end)
        )
    if placement is None:
        return replace(mark, status=AnchorStatus.ORPHANED)
    found = select(text, placement.start, placement.end)
    status = AnchorStatus.ANCHORED if placement.exact else AnchorStatus.MOVED
    return _placed_at(mark, found, status)


def _placed_at(mark: Bookmark, found: Selector, status: AnchorStatus) -> Bookmark:
    """The bookmark moved to where `found` says, with its quote and context from there."""
    return replace(
        mark,
        quote=found.quote,
        prefix=found.prefix,
        suffix=found.suffix,
        start=found.start,
        end=found.end,
        status=status,
    )


def context_score(text: str, selector: Selector, start: int, end: int) -> float:
    """How well the text around start–end matches the stored context, 0 to 1."""
    before = text[max(0, start - len(selector.prefix)) : start]
    after = text[end : end + len(selector.suffix)]
    return (_similarity(selector.prefix, before) + _similarity(selector.suffix, after)) / 2


def _similarity(expected: str, actual: str) -> float:
    # Both empty (a quote at the very start or end) is a perfect match.
    return float(Levenshtein.normalized_similarity(expected, actual))


def _edits(expected: str, actual: str) -> int:
    # Optimal string alignment: a swapped pair ("ILSR" for "ILRS"), the commonest
    # typo, counts as one edit rather than two.
    return int(OSA.distance(expected, actual))


def _occurrences(text: str, quote: str, hint: int) -> list[int]:
    found: list[int] = []
    position = text.find(quote)
    while position != -1:
        found.append(position)
        position = text.find(quote, position + 1)
    if len(found) > MAX_EXACT_OCCURRENCES:
        # A very common quote: the repeats nearest the old place are the likely ones.
        found = sorted(found, key=lambda start: abs(start - hint))[:MAX_EXACT_OCCURRENCES]
    return found


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    errors: int  # edits between the quote and the text here
    context: float  # context_score here
    quote_length: int

    @property
    def quote_score(self) -> float:
        return 1 - self.errors / self.quote_length

    @property
    def score(self) -> float:
        # Hypothesis's weights: the quote counts 50, prefix and suffix 20 each.
        return (50 * self.quote_score + 40 * self.context) / 90

    @property
    def placement(self) -> Placement:
        return Placement(self.start, self.end, exact=self.errors == 0)


def _exact(text: str, selector: Selector) -> _Candidate | None:
    """The exact occurrence whose context fits best (ties: stored offsets, then nearest)."""
    quote = selector.quote
    occurrences = _occurrences(text, quote, selector.start)
    if not occurrences:
        return None

    def rank(start: int) -> tuple[float, bool, int]:
        score = context_score(text, selector, start, start + len(quote))
        return (score, start == selector.start, -abs(start - selector.start))

    best = max(occurrences, key=rank)
    return _Candidate(best, best + len(quote), 0, rank(best)[0], len(quote))


def _fuzzy(text: str, selector: Selector) -> _Candidate | None:
    """The best convincing near-match, or None if there is none or two differ but tie."""
    quote = selector.quote
    max_errors = min(256, len(quote) // 2)
    if max_errors < 1 or not text:
        return None
    candidates: list[_Candidate] = []
    for start, end in _fuzzy_spans(text, selector, max_errors):
        errors = _edits(quote, text[start:end])
        if errors > max_errors:
            continue
        found = _Candidate(
            start, end, errors, context_score(text, selector, start, end), len(quote)
        )
        in_place = found.quote_score >= FUZZY_QUOTE_FLOOR and found.context >= AGREEING_CONTEXT
        moved = len(quote) >= ALONE_MIN_QUOTE and errors <= len(quote) * ALONE_EDITS_PER_CHAR
        if in_place or moved:
            candidates.append(found)
    if not candidates:
        return None
    candidates.sort(key=lambda found: (-found.score, abs(found.start - selector.start)))
    best = candidates[0]
    for other in candidates[1:]:
        if other.score < best.score - AMBIGUITY_MARGIN:
            break
        if text[other.start : other.end] != text[best.start : best.end]:
            return None  # two different passages fit as well: no confident answer
    return best


def _fuzzy_spans(text: str, selector: Selector, max_errors: int) -> list[tuple[int, int]]:
    """Spans that may be the edited passage, from two searches.

    One looks for the quote alone (a passage edited and moved); the other for
    the quote within its context (a passage edited in place), which finds a
    short quote that recurs elsewhere unedited. Both keep several candidates,
    so a runner-up elsewhere is seen and can make the answer ambiguous; the
    best few of them, by how well quote and context fit, get their ends refined.
    """
    shortest = max(1, len(selector.quote) - max_errors)
    raw = _alignments(text, selector.quote, shortest)
    if selector.prefix or selector.suffix:
        needle = selector.prefix + selector.quote + selector.suffix
        for start, end in _alignments(text, needle, shortest):
            # The quote sits inside the aligned context, about where it sat before.
            quote_start = min(start + len(selector.prefix), len(text) - 1)
            raw.append((quote_start, max(end - len(selector.suffix), quote_start + 1)))
    best = sorted(dict.fromkeys(raw), key=lambda span: _fit(text, selector, *span))
    slack = min(max_errors, MAX_BOUNDARY_SLACK)
    refined = [_refine(text, selector, *span, slack) for span in best[:REFINED_CANDIDATES]]
    return list(dict.fromkeys(refined))


def _alignments(text: str, needle: str, shortest: int) -> list[tuple[int, int]]:
    """Up to MAX_FUZZY_CANDIDATES non-overlapping places where `needle` nearly fits.

    The best alignment in the whole text comes first; the text left and right
    of it is then searched again.
    """
    found: list[tuple[int, int]] = []
    segments = [(0, len(text))]
    cutoff = 100 * SEARCH_FLOOR
    while segments and len(found) < MAX_FUZZY_CANDIDATES:
        segment_start, segment_end = segments.pop(0)
        if segment_end - segment_start < shortest:
            continue
        if segment_end - segment_start <= len(needle):
            start, end = segment_start, segment_end
        else:
            alignment = fuzz.partial_ratio_alignment(
                needle, text[segment_start:segment_end], score_cutoff=cutoff
            )
            if alignment is None or alignment.score < cutoff:
                continue
            start = segment_start + alignment.dest_start
            end = segment_start + alignment.dest_end
        found.append((start, end))
        segments.extend([(segment_start, start), (end, segment_end)])
    return found


def _fit(text: str, selector: Selector, start: int, end: int) -> tuple[int, int, int]:
    """How badly quote and context fit text[start:end]; lower is better."""
    quote_edits = _edits(selector.quote, text[start:end])
    before = text[max(0, start - len(selector.prefix)) : start]
    after = text[end : end + len(selector.suffix)]
    context_edits = int(Levenshtein.distance(selector.prefix, before)) + int(
        Levenshtein.distance(selector.suffix, after)
    )
    length_change = abs((end - start) - len(selector.quote))
    # The quote weighs double: context near a passage is often edited with it.
    return (2 * quote_edits + context_edits, quote_edits, length_change)


def _refine(text: str, selector: Selector, start: int, end: int, slack: int) -> tuple[int, int]:
    """Move the span's ends to where quote and context together fit best.

    The partial alignment has the quote's length, but an insertion or deletion
    inside the passage makes the true span longer or shorter. Edit distance to
    the quote alone would rather drop an inserted phrase together with the
    words before it; counting the edits to the stored context as well (at half
    weight) keeps the span's ends where the passage really starts and ends.
    """
    best = _fit(text, selector, start, end)
    for _ in range(2):  # a moved end can make a better start possible, once
        before = (start, end)
        for candidate in range(max(0, start - slack), min(end - 1, start + slack) + 1):
            found = _fit(text, selector, candidate, end)
            if found < best:
                best, start = found, candidate
        for candidate in range(max(start + 1, end - slack), min(len(text), end + slack) + 1):
            found = _fit(text, selector, start, candidate)
            if found < best:
                best, end = found, candidate
        if (start, end) == before:
            break
    return start, end

"""What one document says of each program it names: the dossier's unit of storage.

For every program a text names, a digest keeps its mention count, the
sentences that name it, the figures about it, and the other programs the text
names. Digests are made once per text (from its stored extraction) and kept in
the program index, so a dossier never reads documents again.

Which program a figure is about (attribution), in its sentence:

1. a sentence that names no program gives its figures to none;
2. the figure's clause decides first: clauses are cut at ";", ":", ", ",
   dashes, brackets and "while", "whereas", "but", "although" (and the French
   "tandis que", "alors que", "mais", "bien que"). The program named nearest
   before the figure in its clause owns it, else the nearest after it;
3. a clause that names no program: the nearest program named before the
   figure in the sentence, else the nearest after;
4. a program that only speaks ("NASA said", "according to ESA", "selon le
   CNES") is passed over while another program is named in the sentence.

So in "By then the ILRS counted 13 member countries, while the Artemis Accords
had 49 signatories", 13 is the ILRS's and 49 the Accords'.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from spacereader.core.dossier.model import Passage, QuotedFigure
from spacereader.core.extraction.model import Extraction, Figure, Program
from spacereader.core.extraction.normalize import collapse_spaces, name_key
from spacereader.core.extraction.sentences import Sentences

# Bounds per program and document, so that a pathological text stays small.
MAX_PASSAGES = 40
MAX_FIGURES = 80
MAX_CO_PROGRAMS = 12
# A longer sentence is quoted as this much around what it is quoted for.
MAX_QUOTE_CHARS = 420
ELLIPSIS = "…"
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]]|,\s|\s[—–-]\s|[—–]"
    r"|\b(?:while|whereas|but|although|though|tandis que|alors que|mais|bien que)\b",
    re.IGNORECASE,
)
_SPEAKS_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:said|says|announced|reported|stated|noted|told|estimated|estimates"
    r"|a (?:déclaré|annoncé|indiqué)|annonce|indique)\b",
    re.IGNORECASE,
)
_SPEAKS_BEFORE = re.compile(
    r"(?:according to|said|says|selon|d'après|d’après)\s+(?:the\s+|le\s+|la\s+|l['’])?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ProgramDigest:
    """What one document says of one program."""

    key: str
    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    category: str
    country: str
    mentions: int
    passages: tuple[Passage, ...]
    figures: tuple[QuotedFigure, ...]
    co_programs: tuple[str, ...]

    def names(self) -> tuple[str, ...]:
        """Every name the document gives the program."""
        acronym = (self.acronym,) if self.acronym else ()
        return tuple(dict.fromkeys((self.name, *acronym, *self.aliases)))


def program_key(name: str) -> str:
    """The key under which one program's digests from all documents meet."""
    return name_key(name)


def digest(text: str, extraction: Extraction) -> list[ProgramDigest]:
    """A digest for each program the text names."""
    programs = extraction.programs
    if not programs:
        return []
    sentences = Sentences(text)
    mentions = sorted(
        (mention.start, mention.end, index)
        for index, program in enumerate(programs)
        for mention in program.mentions
    )
    speaking = {
        position for position, (start, end, _) in enumerate(mentions) if _speaks(text, start, end)
    }
    owned: dict[int, list[Figure]] = defaultdict(list)
    for figure in extraction.figures:
        owner = _owner(text, figure, mentions, speaking)
        if owner is not None and len(owned[owner]) < MAX_FIGURES:
            owned[owner].append(figure)
    ranked = sorted(range(len(programs)), key=lambda i: (-len(programs[i].mentions), i))
    digests = []
    for index, program in enumerate(programs):
        others = [programs[i].name for i in ranked if i != index][:MAX_CO_PROGRAMS]
        digests.append(
            ProgramDigest(
                key=program_key(program.name),
                name=program.name,
                acronym=program.acronym,
                aliases=program.aliases,
                category=program.category,
                country=program.country,
                mentions=len(program.mentions),
                passages=_passages(text, sentences, program),
                figures=tuple(
                    QuotedFigure(figure, quote(text, *_sentence(figure), figure.start).text)
                    for figure in owned[index]
                ),
                co_programs=tuple(dict.fromkeys(others)),
            )
        )
    return digests


def _sentence(figure: Figure) -> tuple[int, int]:
    return figure.sentence_start, figure.sentence_end


def _passages(text: str, sentences: Sentences, program: Program) -> tuple[Passage, ...]:
    passages: list[Passage] = []
    last_end = -1
    for mention in program.mentions:
        if mention.start < last_end:
            continue  # in the sentence quoted already
        start, end = sentences.around(mention.start, mention.end)
        passage = quote(text, start, end, mention.start)
        passages.append(passage)
        last_end = max(end, passage.end)
        if len(passages) == MAX_PASSAGES:
            break
    return tuple(passages)


def quote(text: str, start: int, end: int, focus: int) -> Passage:
    """A sentence as a quote: trimmed, on one line, cut around `focus` if very long."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start <= MAX_QUOTE_CHARS:
        return Passage(start, end, collapse_spaces(text[start:end]))
    low = max(start, focus - MAX_QUOTE_CHARS // 3)
    high = min(end, low + MAX_QUOTE_CHARS)
    # Whole words at the cuts.
    space = text.rfind(" ", start, low + 1)
    low = space + 1 if space > start else start
    space = text.find(" ", high, end)
    high = space if 0 <= space < high + 40 else high
    body = collapse_spaces(text[low:high])
    lead = ELLIPSIS if low > start else ""
    tail = ELLIPSIS if high < end else ""
    return Passage(low, high, f"{lead}{body}{tail}")


def _speaks(text: str, start: int, end: int) -> bool:
    """True for a program that is only the speaker: "NASA said", "according to ESA"."""
    return bool(
        _SPEAKS_AFTER.match(text, end, min(len(text), end + 40))
        or _SPEAKS_BEFORE.search(text, max(0, start - 40), start)
    )


def _owner(
    text: str,
    figure: Figure,
    mentions: list[tuple[int, int, int]],
    speaking: set[int],
) -> int | None:
    """The program (its index) a figure is about, by the rules in the module docstring."""
    low = bisect_left(mentions, (figure.sentence_start, -1, -1))
    high = bisect_left(mentions, (figure.sentence_end, -1, -1))
    inside = [
        position for position in range(low, high) if mentions[position][1] <= figure.sentence_end
    ]
    if not inside:
        return None
    talking = [position for position in inside if position not in speaking]
    candidates = talking or inside
    clause_start, clause_end = _clause(text, figure)
    in_clause = [p for p in candidates if clause_start <= mentions[p][0] < clause_end]
    for group in (in_clause, candidates):
        before = [p for p in group if mentions[p][1] <= figure.start]
        if before:
            return mentions[before[-1]][2]
        after = [p for p in group if mentions[p][0] >= figure.end]
        if after:
            return mentions[after[0]][2]
    return None


def _clause(text: str, figure: Figure) -> tuple[int, int]:
    """The span of the clause of its sentence that holds a figure."""
    # A very long sentence (a table on one line): only the neighbourhood is searched.
    window_start = max(figure.sentence_start, figure.start - MAX_QUOTE_CHARS)
    window_end = min(figure.sentence_end, figure.end + MAX_QUOTE_CHARS)
    start, end = window_start, window_end
    for match in _CLAUSE_BREAK.finditer(text, window_start, window_end):
        if match.end() <= figure.start:
            start = match.end()
        elif match.start() >= figure.end:
            end = match.start()
            break
    return start, end

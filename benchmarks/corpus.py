"""A synthetic library that looks like a real space-policy collection, for the benchmarks.

    from benchmarks.corpus import make_corpus
    documents = make_corpus(10_000)      # deterministic for a seed

What makes it realistic where it matters for speed: the headline programs'
long names and acronyms are common (each of the HEADLINE programs is named in
about a third of the documents, defined once "Long Name (ACRONYM)" and then
cited by acronym), the prose around them is a Zipf mix of policy English and a
long tail of rarer words (so the lexicon has tens of thousands of terms), and
documents carry datelines spread over ten years with figures that change over
time (the ILRS's member countries grow; a few sources disagree), next to
figures about other programs in the same sentence.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# (long name, acronym or "", share of documents that name it)
HEADLINE: tuple[tuple[str, str, float], ...] = (
    ("International Lunar Research Station", "ILRS", 0.34),
    ("International Space Station", "ISS", 0.33),
    ("Belt and Road Initiative Space Information Corridor", "", 0.30),
    ("China National Space Administration", "CNSA", 0.33),
    ("European Space Agency", "ESA", 0.32),
    ("Chinese Lunar Exploration Program", "CLEP", 0.30),
    ("BeiDou Navigation Satellite System", "BDS", 0.28),
    ("Asia-Pacific Space Cooperation Organization", "APSCO", 0.25),
)
# Named now and then (a few per cent of documents each).
OCCASIONAL: tuple[tuple[str, str], ...] = (
    ("Artemis Accords", ""),
    ("Lunar Gateway", ""),
    ("Tiangong space station", ""),
    ("Mars Sample Return", "MSR"),
    ("National Aeronautics and Space Administration", "NASA"),
    ("Indian Space Research Organisation", "ISRO"),
    ("Japan Aerospace Exploration Agency", "JAXA"),
    ("United Nations Office for Outer Space Affairs", "UNOOSA"),
    ("Square Kilometre Array", "SKA"),
    ("Copernicus programme", ""),
)
CITIES = """BEIJING WASHINGTON MOSCOW PARIS GENEVA VIENNA NEW DELHI TOKYO BRUSSELS
WUHAN HEFEI""".split()
MONTHS = """January February March April May June July August September October
November December""".split()
FIRST_YEAR, LAST_YEAR = 2016, 2026
# The ILRS's member countries by year: the series a dossier follows.
ILRS_MEMBERS = {2021: 2, 2022: 5, 2023: 10, 2024: 13, 2025: 17, 2026: 19}
# One source in this many gives last year's figure: a conflict a dossier flags.
STALE_SOURCE_EVERY = 9

COMMON = """the of and to in a is that for it as was with be by on not this are or from
at which but have an they were their has would when if no will more can said who its
also new after first two than other into some could them over only time years may year
these such should most made about any out then way between under while during""".split()
POLICY = """space station lunar mission launch orbit satellite program agency cooperation
international research rocket moon mars china united states europe national science
technology industry development partner country government budget crew module flight
exploration probe astronaut spacecraft payload vehicle commercial defense policy treaty
strategy capability network ground control navigation observation climate data system
engine test landing sample return surface habitat power solar nuclear propulsion
communications constellation debris memorandum agreement ministry summit delegation
framework roadmap infrastructure consortium council ratified signed announced
proposed joined expanded planned""".split()
SYLLABLES = """ka ro mi ta ne lo sa vi du pe an or el is un tor lar ment cor spa ven tri
gal nor bel das fen hul jor kel mun pri sol ter vos wen zar""".split()
SUFFIXES = ["", "", "", "s", "ing", "ation", "ed", "er", "al", "ity", "ment", "ous"]
TAIL_WORDS = 60_000
ZIPF_EXPONENT = 1.07


@dataclass(frozen=True)
class CorpusDocument:
    """One generated document, with what the benchmarks need to know about it."""

    text: str
    published: str  # ISO date of its dateline
    programs: tuple[str, ...]  # long names it names


def vocabulary(rng: random.Random) -> list[str]:
    """Policy words at the head of the Zipf curve, made-up inflected words in the tail."""
    words = list(dict.fromkeys(COMMON + POLICY))
    seen = set(words)
    while len(words) < TAIL_WORDS:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        word += rng.choice(SUFFIXES)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class _Writer:
    """Sentences of filler prose drawn from one Zipf stream."""

    def __init__(self, rng: random.Random, count: int) -> None:
        self.rng = rng
        words = vocabulary(rng)
        weights = [1.0 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(words))]
        self.stream = rng.choices(words, weights=weights, k=count * 420 + 1000)
        self.position = 0

    def words(self, count: int) -> str:
        chunk = self.stream[self.position : self.position + count]
        self.position = (self.position + count) % (len(self.stream) - count - 1)
        return " ".join(chunk)

    def sentence(self, low: int = 8, high: int = 22) -> str:
        return self.words(self.rng.randint(low, high)).capitalize() + "."


def _named(name: str, acronym: str, first: bool) -> str:
    if not acronym:
        return f"the {name}" if first else name
    return f"the {name} ({acronym})" if first else acronym


def _program_sentence(rng: random.Random, writer: _Writer, name: str, acronym: str) -> str:
    first = _named(name, acronym, True)
    again = _named(name, acronym, False)
    templates = (
        f"Officials said {first} would expand {writer.words(6)} next year.",
        f"Under {first}, partners agreed on {writer.words(5)} and a joint roadmap.",
        f"The delegation discussed {first} and {writer.words(7)}.",
        f"{first[0].upper()}{first[1:]} has signed {rng.randint(3, 60)} cooperation"
        f" agreements with partners, {writer.words(5)}.",
        f"Analysts noted that {first} remains central to {writer.words(6)}.",
    )
    follow = (
        f"Work on {again} continues, {writer.words(8)}.",
        f"Funding for {again} rose by {rng.randint(2, 40)} percent, {writer.words(5)}.",
        f"{writer.sentence()[:-1]} within {again}.",
    )
    return f"{rng.choice(templates)} {rng.choice(follow)}"


def _members_sentence(rng: random.Random, year: int, acronym_first: bool) -> str:
    value = ILRS_MEMBERS.get(year)
    if value is None:
        return ""
    if rng.randrange(STALE_SOURCE_EVERY) == 0:
        value = ILRS_MEMBERS.get(year - 1, value)
    name = "the International Lunar Research Station (ILRS)" if acronym_first else "the ILRS"
    accords = rng.randint(9, 55)
    return (
        f"By then {name} counted {value} member countries, while the Artemis Accords had"
        f" {accords} signatories."
    )


def make_corpus(count: int, seed: int = 7) -> list[CorpusDocument]:
    """`count` documents, the same for the same seed."""
    rng = random.Random(seed)
    writer = _Writer(rng, count)
    documents: list[CorpusDocument] = []
    for _ in range(count):
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        named = [(name, acronym) for name, acronym, share in HEADLINE if rng.random() < share]
        named += [pair for pair in OCCASIONAL if rng.random() < 0.04]
        rng.shuffle(named)
        title_program = named[0][1] or named[0][0] if named else "space policy"
        title = f"{title_program} {writer.words(rng.randint(3, 7))}".strip()
        title = title[0].upper() + title[1:]
        dateline = f"{rng.choice(CITIES)}, {MONTHS[month - 1]} {day}, {year} —"
        paragraphs: list[str] = []
        pending = list(named)
        for index in range(rng.randint(4, 6)):
            sentences = [writer.sentence() for _ in range(rng.randint(3, 5))]
            if pending and (index > 0 or rng.random() < 0.7):
                name, acronym = pending.pop()
                sentences.insert(
                    rng.randrange(len(sentences) + 1), _program_sentence(rng, writer, name, acronym)
                )
            paragraphs.append(" ".join(sentences))
        for name, acronym in pending:
            paragraphs.append(_program_sentence(rng, writer, name, acronym))
        if any(name == HEADLINE[0][0] for name, _ in named) and rng.random() < 0.5:
            paragraphs.append(_members_sentence(rng, year, rng.random() < 0.3))
        paragraphs[0] = f"{dateline} {paragraphs[0]}"
        text = f"{title}\n\n" + "\n\n".join(p for p in paragraphs if p) + "\n"
        documents.append(
            CorpusDocument(
                text=text,
                published=f"{year:04d}-{month:02d}-{day:02d}",
                programs=tuple(name for name, _ in named),
            )
        )
    return documents

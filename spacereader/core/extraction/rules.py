"""Rules that find programs the gazetteer does not know, and name their category.

- capitalised names ending in a head word: "Lunar Gateway Program", "Mars Sample
  Return Mission", "Jupiter Icy Moons Explorer";
- numbered mission designators: "Yutu-2", "STS-135";
- generic programs in lower case: "lunar exploration program", "the space station".
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacereader.core.extraction.model import NON_SPACE_CATEGORY, assemble
from spacereader.core.extraction.regexes import word_start

HEADS = frozenset(
    "Program Programme Initiative Mission Station System Corridor Telescope Observatory"
    " Rover Lander Orbiter Probe Explorer Satellite Constellation Spacecraft Vehicle"
    " Launcher Rocket Module Capsule Network Project".split()
)
# Heads that make a name a space program whatever else it says.
_SPACE_HEADS = frozenset(
    "Telescope Observatory Rover Lander Orbiter Probe Spacecraft Satellite Constellation"
    " Launcher Rocket Capsule".split()
)
# Heads under which a name without a space subject is a national (non-space) program.
_PROGRAM_HEADS = frozenset("Program Programme Initiative Project".split())
# Trailing words that a name may carry or drop: "Artemis Program" is "Artemis".
DROPPABLE_HEADS = ("Program", "Programme", "Mission", "Project", "Spacecraft", "Rocket")
# Scanners over the whole text begin with literal characters, not with `\b` or a
# look-behind, so that the engine skips in C to where they may match (see regexes).
_HEAD_WORD = re.compile(word_start(HEADS) + r"\b")
_CONNECTORS = frozenset("of and for the on de du des la le to in".split())
_CONNECTOR = "(?:" + "|".join(sorted(_CONNECTORS)) + ")"
_WORD_AND_CONNECTORS = re.compile(r"\S+ +((?:" + _CONNECTOR + r" +)+)")
_CONNECTOR_RUN = re.compile(r"(?:" + _CONNECTOR + r"\s+)*")
# Capitalised words that open sentences or titles rather than names.
_LEADING_FUNCTION = frozenset(
    "The A An This That These Those Its Their Our His Her In On At For And But With By From"
    " As After Before Since During Under Through When While If Both Each Every All Other New"
    " Under Into Of To Or Also Then Thus Today Yesterday Meanwhile However Once Now Later"
    " Future Current Next First Second Third".split()
)
_STOP_NAMES = frozenset(
    "solarsystem permanentmission unitednationssystem operatingsystem missioncontrol"
    " healthsystem educationsystem".split()
)
# A capital after no word character, hyphen or apostrophe, then "Yutu" or "STS", then a code.
_DESIGNATOR = re.compile(
    r"(?P<prefix>[A-Z](?<![\w\-'](?s:.))(?:[a-z]+(?:'[a-z]+)?|[A-Z]{1,5}))"
    r"-(?P<code>[A-Z]?\d{1,3}[A-Z]?)(?![\w\-]|\.\d)"
)
_DESIGNATOR_CODE = re.compile(r"-[A-Z]?\d{1,3}[A-Z]?(?![\w\-]|\.\d)")
_NOT_DESIGNATORS = frozenset(
    "covid sars mers iso eu g fy utc gmt phase type level class grade article section chapter"
    " figure table page tier stage category step model annex part no item rule f a b c".split()
)
# "programs?|programmes?" after no word character, as whole words.
_GENERIC_PROGRAM = re.compile(r"program(?<!\w(?s:.){7})(?:s|mes?)?\b")
_SPACE_STATION = re.compile(r"space station(?<!\w(?s:.){13})\b(?!s)")
_NON_SPACE = re.compile(r"\S+")
_WORD_AND_SPACE = re.compile(r"\S+\s+")
# Punctuation after a word that ends the name before it.
_NAME_BREAKS = frozenset('.,;:)!?"”')
_LOWER_WORD = re.compile(r"[a-z][a-z\-]*[a-z]")
# Words before "program" that belong to the sentence, not to the program's name.
_GENERIC_STOP = frozenset(
    "the a an its their his her our your my this that these those of for in on to with by and"
    " or as at from into new own ambitious national major ongoing current future existing"
    " several many various other such entire whole long-term key important flagship"
    " successful planned proposed is was has have are were will be been said also which who"
    " whose what first second third fourth fifth next last previous same each every any no"
    " all both more most less main overall further own broader wider larger large small"
    " so than very".split()
)
# A single word before "program" that names an activity, not a program.
_GENERIC_ALONE = frozenset(
    "training exchange research pilot work computer software degree study aid assistance"
    " support tv television fellowship scholarship internship outreach loan grant".split()
)
_DETERMINERS = frozenset("the its their our his her this that".split())
_INDEFINITE = frozenset("a an any another every no each".split())
_CATEGORY_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), category)
    for pattern, category in (
        (r"\b(?:lunar|moon|lunaire|lune)\b", "Lunar exploration"),
        (r"\b(?:telescope|observatory|télescope|observatoire)\b", "Telescope/Observatory"),
        (
            r"\b(?:mars|martian|venus|jupiter|saturn|asteroids?|comets?|planetary|"
            r"interplanetary|deep space|rover|lander|orbiter|probe|martienne?|planétaire|"
            r"interplanétaire|atterrisseur|orbiteur|sonde)\b",
            "Planetary mission",
        ),
        (r"\b(?:space station|orbital station|station)\b", "Space station"),
        (r"\b(?:navigation|positioning|positionnement)\b", "Navigation"),
        (
            r"\b(?:earth observation|remote sensing|meteorolog\w*|weather|imaging)\b",
            "Earth observation",
        ),
        (r"\b(?:launch|launcher|rockets?|lanceurs?|fusées?)\b", "Launch vehicle"),
        (
            r"\b(?:crewed|manned|human spaceflight|human space|astronauts?|crew|habités?"
            r"|vols habités)\b",
            "Crewed spaceflight",
        ),
        (r"\b(?:agency|administration|organi[sz]ation)\b", "Agency"),
        (r"\b(?:communications?|broadband|internet|telecom\w*)\b", "Communications"),
        (r"\b(?:cooperation|partnership|corridor)\b", "Cooperation framework"),
        (r"\b(?:solar|sun|helio\w*|astro\w*|cosmic|x-ray|gamma|science)\b", "Space science"),
    )
)
_SPACE_WORDS = re.compile(
    r"\b(?:space|spaceflight|spacecraft|aerospace|satellites?|orbit\w*|lunar|moon|mars|"
    r"planetary|interplanetary|astronaut\w*|rocket\w*|launch\w*|telescope|observatory|"
    r"rover|lander|probe|navigation|positioning|earth observation|remote sensing|"
    r"gateway|galaxy|cosmic|stellar|solar|astro\w*|helio\w*|exploration|crewed|manned|"
    r"spatial|spatiale|spatiaux|spatiales|lunaire|lune|martienne?|planétaire|fusée|lanceur|"
    r"habités?)\b"
)
DEMONYMS = {
    "china": "China",
    "chinese": "China",
    "india": "India",
    "indian": "India",
    "japan": "Japan",
    "japanese": "Japan",
    "russia": "Russia",
    "russian": "Russia",
    "soviet": "Soviet Union",
    "us": "United States",
    "u.s": "United States",
    "u.s.": "United States",
    "america": "United States",
    "american": "United States",
    "europe": "Europe",
    "european": "Europe",
    "eu": "European Union",
    "france": "France",
    "french": "France",
    "germany": "Germany",
    "german": "Germany",
    "italy": "Italy",
    "italian": "Italy",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "british": "United Kingdom",
    "korea": "South Korea",
    "korean": "South Korea",
    "israel": "Israel",
    "israeli": "Israel",
    "brazil": "Brazil",
    "brazilian": "Brazil",
    "canada": "Canada",
    "canadian": "Canada",
    "australia": "Australia",
    "australian": "Australia",
    "uae": "United Arab Emirates",
    "emirati": "United Arab Emirates",
}


@dataclass(frozen=True)
class RuleName:
    """A name a rule found: its span in the text and the name as written."""

    start: int
    end: int
    name: str
    head: str


def _rule_name(start: int, end: int, name: str, head: str) -> RuleName:
    # Built without the dataclass __init__, as model.assemble says: a dozen a text.
    return assemble(RuleName, start=start, end=end, name=name, head=head)


@functools.lru_cache(maxsize=8192)  # rule-found names recur from text to text
def classify(name: str, head: str = "") -> str | None:
    """The category of a rule-found name, or None when it is no program at all."""
    lowered = name.lower()
    for pattern, category in _CATEGORY_RULES:
        if pattern.search(lowered):
            if category == "Space station" and not _SPACE_WORDS.search(lowered):
                break
            return category
    if head in _SPACE_HEADS or _SPACE_WORDS.search(lowered):
        return "Space program"
    if head in _PROGRAM_HEADS or head.lower() in ("program", "programme", "initiative"):
        return NON_SPACE_CATEGORY
    return None


def is_stop_name(name: str) -> bool:
    """Names that look like programs and are not ("Solar System")."""
    return "".join(name.lower().split()) in _STOP_NAMES


def capitalised_names(folded: str) -> list[RuleName]:
    """Capitalised word runs that end in a head word ("Mars Sample Return Mission")."""
    found: list[RuleName] = []
    for head in _HEAD_WORD.finditer(folded):
        start = _walk_back(folded, head.start())
        if start is None:
            continue
        found.append(_rule_name(start, head.end(), folded[start : head.end()], head.group()))
    return found


def _walk_back(folded: str, head_start: int) -> int | None:
    """Where the capitalised name ending at a head word begins, or None if it has none."""
    segment_end = head_start
    start: int | None = None
    pending: list[int] = []  # connectors seen since the last capitalised word
    # The words before the head, last first, as _words_back gives them (in line: once
    # for every head word of every text).
    offset = max(0, head_start - 160)
    backwards = _NON_SPACE.finditer(folded[offset:head_start][::-1])
    for reversed_word in itertools.islice(backwards, 9):
        begin, word_end = head_start - reversed_word.end(), head_start - reversed_word.start()
        word = folded[begin:word_end]
        gap = folded[word_end:segment_end]
        if "\n\n" in gap or not _NAME_BREAKS.isdisjoint(gap + word[-1:]):
            break
        if word[-2:] in ("'s", "s'") or word.endswith("'"):
            break
        bare = word.lstrip("(“\"'")
        if bare in _CONNECTORS:
            pending.append(begin)
            segment_end = begin
            continue
        if not (bare[:1].isupper() or (bare[:1].isdigit() and start is not None)):
            break
        start = word_end - len(bare)
        pending.clear()
        segment_end = begin
        if bare != word:
            break
    if start is None:
        return None
    # "Plans for the Mars Ascent Observatory": a sentence's first word is no part of a name
    # that a connector joins to it.
    opening = folded[max(0, start - 2) : start].strip() in ("", ".", "!", "?")
    first_words = _WORD_AND_CONNECTORS.match(folded, start)
    if opening and first_words is not None:
        start = first_words.end()
    # Drop words that open a sentence or a title rather than the name.
    while True:
        first = _NON_SPACE.match(folded, start, head_start)
        if first is None or first.group() not in _LEADING_FUNCTION:
            break
        following = _WORD_AND_SPACE.match(folded, start, head_start)
        if following is None:
            return None
        start = following.end()
        rest = _CONNECTOR_RUN.match(folded, start, head_start)
        start = rest.end() if rest else start
    return start if start < head_start else None


def _words_back(folded: str, end: int, span: int) -> Iterator[tuple[int, int]]:
    """The runs of non-space characters in `folded[end - span:end]`, last first.

    Scanning the reversed slice yields them one at a time: callers mostly stop
    after a word or two.
    """
    offset = max(0, end - span)
    for match in _NON_SPACE.finditer(folded[offset:end][::-1]):
        yield end - match.end(), end - match.start()


def _designator_matches(folded: str) -> Iterator[re.Match[str]]:
    """The matches of _DESIGNATOR, as its finditer gives them, found from their hyphens.

    A designator's hyphen and code are rare and begin with a literal "-"; its name
    is the run of word characters, hyphens and apostrophes before the hyphen, since
    nothing of that kind may stand before the name.
    """
    end = 0
    for code in _DESIGNATOR_CODE.finditer(folded):
        start = code.start()
        while start and (folded[start - 1] in "-'_" or folded[start - 1].isalnum()):
            start -= 1
        if start < end or start == code.start():
            continue
        match = _DESIGNATOR.match(folded, start)
        if match is not None:
            yield match
            end = match.end()


def designators(folded: str) -> list[RuleName]:
    """Numbered names of no known series: "Yutu-2", "STS-135", "Gaofen-7"."""
    found = []
    for match in _designator_matches(folded):
        if match.group("prefix").lower() in _NOT_DESIGNATORS:
            continue
        found.append(_rule_name(match.start(), match.end(), match.group(), ""))
    return found


def generic_programs(folded: str) -> list[RuleName]:
    """Lower-case programs: "lunar exploration program", "the space station"."""
    found: list[RuleName] = []
    for match in _GENERIC_PROGRAM.finditer(folded):
        start = end = match.start()
        modifiers = 0
        # The words before it, last first, as _words_back gives them (in line: it runs
        # for every "program" of every text).
        for reversed_word in _NON_SPACE.finditer(folded[max(0, end - 80) : end][::-1]):
            begin, finish = end - reversed_word.end(), end - reversed_word.start()
            text = folded[begin:finish]
            if folded[finish:start].count("\n") > 1:
                break
            if not _LOWER_WORD.fullmatch(text) or text in _GENERIC_STOP or modifiers == 4:
                break
            start = begin
            modifiers += 1
        if modifiers == 0:
            continue
        phrase = folded[start : match.end()]
        words = phrase.split()
        if len(words) == 2 and words[0] in _GENERIC_ALONE:
            continue
        found.append(_rule_name(start, match.end(), phrase, match.group()))
    for match in _SPACE_STATION.finditer(folded):
        before = folded[max(0, match.start() - 40) : match.start()].split()
        skipped = 0  # "its own space station", "the future space station"
        while before and skipped < 2 and _LOWER_WORD.fullmatch(before[-1]):
            if before[-1] in _DETERMINERS or before[-1] in _INDEFINITE:
                break
            before.pop()
            skipped += 1
        previous = before[-1].lower() if before else ""
        if previous in _DETERMINERS or previous.endswith("'s") or previous.lower() in DEMONYMS:
            found.append(_rule_name(match.start(), match.end(), match.group(), "station"))
    return found


def generic_key_name(phrase: str) -> str:
    """The canonical name of a generic program: lower case, singular, one space."""
    words = phrase.lower().split()
    if words[-1] in ("programs", "programmes"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def country_before(folded: str, start: int) -> str:
    """The country a possessive or adjective right before a name points at."""
    before = folded[max(0, start - 30) : start].split()
    if not before:
        return ""
    word = before[-1]
    if word.endswith("'s"):
        word = word[:-2]
    return DEMONYMS.get(word.lower().rstrip("."), "") if word[:1].isupper() else ""

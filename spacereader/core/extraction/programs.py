"""Programs in a text: gazetteer names, acronym definitions and rules, merged.

Every way of finding a program proposes candidate spans; the longest span wins
where candidates overlap (a gazetteer name before a rule on a tie), and the
kept spans are grouped into one Program per canonical name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple
from weakref import WeakKeyDictionary

from spacereader.core.acronyms import find_acronym_definitions
from spacereader.core.extraction import rules, rules_fr
from spacereader.core.extraction.gazetteer import Gazetteer, GazetteerEntry
from spacereader.core.extraction.model import NON_SPACE_CATEGORY, Mention, Program, assemble
from spacereader.core.extraction.normalize import collapse_spaces, lower_same_length, name_key

GAZETTEER = "gazetteer"
RULE = "rule"
# Heads that make an acronym's expansion a program ("... Agency (XSA)").
_DEFINITION_HEADS = rules.HEADS | {"Agency", "Administration", "Organisation", "Organization"}
_NO_TRAILING_HEAD = frozenset(["Agency", "International organization"])
# Lower-case words that a text puts after a name and that belong to the mention.
_TRAILING_HEAD = re.compile(
    r" (?:programs?|programmes?|missions?|spacecraft|rockets?|rovers?|landers?|orbiters?"
    r"|probes?|telescopes?|capsules?|modules?|satellites?|constellations?|systems?|stations?"
    r"|initiatives?|corridors?|campaigns?|launchers?|vehicles?|helicopters?)\b"
)

_LEADING_CONNECTOR = re.compile(r"(?:of|and|for|the|on|to|in|de|du|des) +")


@dataclass(frozen=True)
class _Target:
    """What a candidate span names: a gazetteer entry, a mission of a series, or a new name."""

    key: str
    name: str
    category: str
    country: str = ""
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    source: str = RULE
    parent: str = ""


class _Candidate(NamedTuple):
    """A span that may name a program (a tuple: dozens are made for every text)."""

    start: int
    end: int
    target: _Target
    priority: int


@dataclass
class _Group:
    target: _Target
    mentions: list[Mention] = field(default_factory=list)


# Targets by the identity of their entry (and mission name): one per well-known
# program, reused in every document. A GazetteerEntry hashes all its fields each
# time, so an lru_cache on it cost more than building the target did. Each value
# keeps its entry (and gazetteer) alive, so no id is reused while it is cached.
_ENTRY_TARGETS: dict[int, tuple[GazetteerEntry, _Target]] = {}
_DESIGNATED_TARGETS: dict[tuple[str, int, int], tuple[object, _Target]] = {}
_TARGETS_LIMIT = 4096


def _entry_target(entry: GazetteerEntry) -> _Target:
    cached = _ENTRY_TARGETS.get(id(entry))
    if cached is not None:
        return cached[1]
    if len(_ENTRY_TARGETS) > _TARGETS_LIMIT:
        _ENTRY_TARGETS.clear()
    target = _Target(
        key="g:" + name_key(entry.name),
        name=entry.name,
        category=entry.category,
        country=entry.country,
        acronym=entry.acronym,
        aliases=entry.aliases,
        source=GAZETTEER,
    )
    _ENTRY_TARGETS[id(entry)] = (entry, target)
    return target


def _match_target(entry: GazetteerEntry, designated: str | None, gazetteer: Gazetteer) -> _Target:
    """What a gazetteer match names: the entry, or a numbered mission of its series."""
    if designated is None:
        return _entry_target(entry)
    key = (designated, id(entry), id(gazetteer))
    cached = _DESIGNATED_TARGETS.get(key)
    if cached is not None:
        return cached[1]
    if len(_DESIGNATED_TARGETS) > _TARGETS_LIMIT:
        _DESIGNATED_TARGETS.clear()
    target = _designated_target(designated, entry, gazetteer)
    _DESIGNATED_TARGETS[key] = ((entry, gazetteer), target)
    return target


def _designated_target(designated: str, entry: GazetteerEntry, gazetteer: Gazetteer) -> _Target:
    known = gazetteer.lookup(designated)
    if known is not None and known is not entry:
        return _entry_target(known)
    return _Target(
        key="m:" + name_key(designated),
        name=designated,
        category=entry.category,
        country=entry.country,
        source=GAZETTEER,
        parent=entry.name,
    )


class _Finder:
    """One text's candidates, from every source."""

    def __init__(
        self, text: str, folded: str, lowered: str, gazetteer: Gazetteer, french: bool = False
    ) -> None:
        self.text = text
        self.french = french
        self.folded = folded
        self.lowered = lowered
        self.gazetteer = gazetteer
        self.candidates: list[_Candidate] = []
        self.gazetteer_matches = gazetteer.find_spans(folded, lowered)
        self.gazetteer_ends = {end: start for start, end, _, _ in self.gazetteer_matches}
        self.agency_spans = {
            start: end
            for start, end, entry, designated in self.gazetteer_matches
            if designated is None and entry.category == "Agency"
        }

    def add(self, start: int, end: int, target: _Target, priority: int) -> None:
        self.candidates.append(_Candidate(start, end, target, priority))

    def resolve(self, name: str) -> _Target | None:
        """The known program a name (or the name less a trailing head) stands for."""
        # The answer depends on the gazetteer and the name only; names recur across texts.
        known = _RESOLVED.get(self.gazetteer)
        if known is None:
            known = _RESOLVED[self.gazetteer] = {}
        if name not in known:
            if len(known) > _RESOLVED_LIMIT:
                known.clear()
            known[name] = self._resolve(name)
        return known[name]

    def _resolve(self, name: str) -> _Target | None:
        entry = self.gazetteer.lookup(name)
        if entry is not None:
            return _entry_target(entry)
        for head in rules.DROPPABLE_HEADS:
            if name.endswith(" " + head):
                return self._resolve(name[: -len(head) - 1])
        whole = [m for m in self.gazetteer.find(name) if m.start == 0 and m.end == len(name)]
        if whole:
            return _match_target(whole[0].entry, whole[0].designated, self.gazetteer)
        designator = rules.designators(name)
        if designator and designator[0].start == 0 and designator[0].end == len(name):
            return _designator_target(name)
        return None

    def run(self) -> None:
        folded, gazetteer, add = self.folded, self.gazetteer, self.candidates.append
        for start, end, entry, designated in self.gazetteer_matches:
            add(_Candidate(start, end, _match_target(entry, designated, gazetteer), 3))
        self._definitions()
        for found in rules.designators(folded):
            add(_Candidate(found.start, found.end, _designator_target(found.name), 2))
        for found in rules.capitalised_names(folded):
            self._capitalised(found)
        for found in rules.generic_programs(folded):
            if self.french and found.head.startswith("programme"):
                continue  # French puts a programme's words after it: rules_fr reads those
            name = rules.generic_key_name(found.name)
            category = rules.classify(name, found.head) or NON_SPACE_CATEGORY
            country = rules.country_before(folded, found.start)
            add(_Candidate(found.start, found.end, _rule_target(name, category, country), 1))
        if self.french:
            for found in rules_fr.generic_programs(folded):
                category = rules.classify(found.name, found.head) or NON_SPACE_CATEGORY
                target = _rule_target(found.name, category, "")
                add(_Candidate(found.start, found.end, target, 1))

    def _definitions(self) -> None:
        local: list[GazetteerEntry] = []
        targets: dict[str, _Target] = {}
        for definition in find_acronym_definitions(self.text):
            expansion = collapse_spaces(definition.expansion)
            known = self.resolve(definition.acronym) or self.resolve(expansion)
            if known is None:
                known = self._defined(expansion, definition.acronym, definition.expansion_start)
                if known is None:
                    continue
            self.add(definition.expansion_start, definition.expansion_end, known, 4)
            self.add(definition.acronym_start, definition.acronym_end, known, 4)
            local.append(GazetteerEntry(expansion, (), definition.acronym, "", ""))
            targets[name_key(expansion)] = known
        if local:
            # Later uses of a defined name, and of an acronym the gazetteer spells differently.
            for start, end, entry, _ in _local_gazetteer(tuple(local)).find_spans(
                self.folded, self.lowered
            ):
                self.add(start, end, targets[name_key(entry.name)], 3)

    def _defined(self, expansion: str, acronym: str, start: int) -> _Target | None:
        """A program the text defines itself, if its expansion names a program."""
        head = expansion.rsplit(maxsplit=1)[-1]
        category = rules.classify(expansion, head)
        if head not in _DEFINITION_HEADS or category is None:
            return None
        if category == NON_SPACE_CATEGORY and head not in ("Program", "Programme", "Initiative"):
            return None
        return _Target(
            key="r:" + name_key(expansion),
            name=expansion,
            category=category,
            acronym=acronym,
            country=rules.country_before(self.folded, start),
        )

    def _capitalised(self, found: rules.RuleName) -> None:
        start = found.start
        # An agency in front is a name of its own: "ESA Jupiter Icy Moons Explorer".
        while start in self.agency_spans and self.agency_spans[start] < found.end:
            start = self.agency_spans[start]
            while start < found.end and self.folded[start] in " \n":
                start += 1
        known_start = self.gazetteer_ends.get(found.end)
        if known_start is not None and known_start > start:
            return  # the gazetteer knows the name; words before it are the sentence's
        while True:  # connectors left in front once an agency is cut off
            connector = _LEADING_CONNECTOR.match(self.folded, start)
            if connector is None:
                break
            start = connector.end()
        name = collapse_spaces(self.folded[start : found.end])
        if len(name.split()) < 2 or rules.is_stop_name(name):
            return
        target = self.resolve(name)
        if target is None:
            category = rules.classify(name, found.head)
            if category is None:
                return
            target = _rule_target(name, category, rules.country_before(self.folded, start))
        self.add(start, found.end, target, 2)


_RESOLVED: WeakKeyDictionary[Gazetteer, dict[str, _Target | None]] = WeakKeyDictionary()
_RESOLVED_LIMIT = 50_000


@functools.lru_cache(maxsize=256)  # texts that define the same acronyms share one
def _local_gazetteer(entries: tuple[GazetteerEntry, ...]) -> Gazetteer:
    return Gazetteer(entries)


@functools.lru_cache(maxsize=8192)  # rule-found names recur from text to text
def _rule_target(name: str, category: str, country: str) -> _Target:
    """A program a rule found and the gazetteer does not know."""
    return _Target(key="r:" + name_key(name), name=name, category=category, country=country)


@functools.lru_cache(maxsize=4096)
def _designator_target(name: str) -> _Target:
    """A numbered mission of no known series."""
    return _Target(key="m:" + name_key(name), name=name, category="Mission")


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first, then by priority, then earliest."""
    ordered = sorted(candidates, key=lambda c: (c.start - c.end, -c.priority, c.start))
    size = max((c.end for c in candidates), default=0)
    occupied = bytearray(size)
    kept: list[_Candidate] = []
    for candidate in ordered:
        if occupied.find(1, candidate.start, candidate.end) != -1:
            continue
        occupied[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
        kept.append(candidate)
    return kept


def _extend(folded: str, kept: list[_Candidate], french: bool = False) -> list[_Candidate]:
    """Take a generic head word right after a name into the mention ("Falcon Heavy rocket"),
    or in French right before it ("le programme Artemis")."""
    extended: list[_Candidate] = []
    for index, candidate in enumerate(kept):
        chosen = candidate
        if candidate.priority >= 2 and candidate.target.category not in _NO_TRAILING_HEAD:
            head = _TRAILING_HEAD.match(folded, candidate.end)
            following = kept[index + 1].start if index + 1 < len(kept) else len(folded)
            if head is not None and head.end() <= following:
                chosen = candidate._replace(end=head.end())
            elif french:
                previous = extended[-1].end if extended else 0
                start = rules_fr.leading_head(folded, candidate.start, previous)
                chosen = candidate._replace(start=start)
        extended.append(chosen)
    return extended


def find_programs(
    text: str,
    folded: str,
    gazetteer: Gazetteer,
    lowered: str | None = None,
    *,
    french: bool = False,
) -> tuple[Program, ...]:
    """Every program the text names, each with all its mentions, in order of first mention.

    `folded` is `fold(text)`; `lowered`, `lower_same_length(folded)` if the caller has it;
    `french` adds the French patterns ("le programme Copernicus", "la station spatiale").
    """
    if lowered is None:
        lowered = lower_same_length(folded)
    finder = _Finder(text, folded, lowered, gazetteer, french)
    finder.run()
    groups: dict[str, _Group] = {}
    kept = sorted(_select(finder.candidates), key=lambda c: c.start)
    for candidate in _extend(folded, kept, french):
        group = groups.get(candidate.target.key)
        if group is None:
            group = groups[candidate.target.key] = _Group(candidate.target)
        start, end = candidate.start, candidate.end
        group.mentions.append(assemble(Mention, start=start, end=end, text=text[start:end]))
    return tuple(_program(group) for group in groups.values())


@functools.lru_cache(maxsize=4096)
def _known_names(name: str, acronym: str | None, aliases: tuple[str, ...]) -> frozenset[str]:
    """A program's own names, spaced as mentions are compared with them."""
    return frozenset(collapse_spaces(known) for known in (name, acronym or name, *aliases))


def _program(group: _Group) -> Program:
    target = group.target
    known = _known_names(target.name, target.acronym, target.aliases)
    new: list[str] = []  # other spellings the text uses, in order of first use
    for mention in group.mentions:
        surface = collapse_spaces(mention.text)
        if surface not in known and surface not in new:
            new.append(surface)
    return assemble(
        Program,
        name=target.name,
        aliases=target.aliases + tuple(new) if new else target.aliases,
        acronym=target.acronym,
        category=target.category,
        country=target.country,
        mentions=tuple(group.mentions),
        source=target.source,
        parent=target.parent,
    )

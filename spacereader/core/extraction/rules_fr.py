"""French rules for programs the gazetteer does not know, with the care of the English ones.

- generic programs in lower case, with their modifiers after the head word:
  "le programme d'exploration lunaire", "un programme spatial habité" (never "son
  programme", "au programme", "le programme américain" or a training programme);
- "la station spatiale", as "the space station" in English;
- a head word right before a name belongs to the mention: "le programme Artemis",
  "la mission Chang'e-7", "le module Vikram".

A generic program that English names too takes the English name ("programme
d'exploration lunaire" is the "lunar exploration program"), so that texts in
both languages list it once.
"""

from __future__ import annotations

import re

from spacereader.core.extraction.rules import RuleName, _rule_name

# "programme(s)" as a whole word, then its modifiers.
_PROGRAMME = re.compile(r"programme(?<!\w(?s:.){9})s?\b")
# A modifier: an adjective, or "de"/"d'" and a noun ("de vols habités", "d'exploration").
_MODIFIER = re.compile(r"(?: (?:de |d')?)([^\W\d_][^\W\d_\-']*(?:-[^\W\d_]+)*)")
_STOP = frozenset(
    """le la les l un une des du de d au aux à en dans pour par sur avec sans sous entre vers
    chez depuis pendant selon contre après avant ce cet cette ces son sa ses leur leurs notre
    nos votre vos qui que dont où est sont était sera seront a ont avait été être fait doit
    peut va vont et ou mais plus moins très aussi déjà encore ne pas ainsi soit y il elle
    ils elles on se lui tout tous toute toutes même actuel actuelle prochain prochaine
    précédent précédente suivant suivante nouveau nouvel nouvelle ambitieux vaste grand
    premier première dernier dernière propre""".split()
)
# Nationalities: "le programme américain" names no program by itself.
_NATIONALITIES = frozenset(
    """américain américaine chinois chinoise européen européenne russe indien indienne
    japonais japonaise français française allemand allemande italien italienne britannique
    canadien canadienne national nationale""".split()
)
# What a programme of this kind is about when it is no program of interest.
_NOT_PROGRAMS = frozenset(
    """formation échange échanges recherche travail bourses bourse stages stage aide soutien
    mobilité études enseignement lutte""".split()
)
_VERB_ENDINGS = ("ent", "ont", "ait", "aient", "era", "ira")
# French generic names that English texts give as well, under their English name.
ENGLISH_NAMES = {
    "programme d'exploration lunaire": "lunar exploration program",
    "programme lunaire": "lunar program",
    "programme spatial": "space program",
    "programme spatial habité": "manned space program",
    "programme de vols habités": "manned space program",
    "programme de vols spatiaux habités": "manned space program",
    "programme d'exploration martienne": "Mars exploration program",
    "station spatiale": "space station",
}
_MAX_MODIFIERS = 4
# "station spatiale" after a determiner, perhaps with an adjective between.
_STATION = re.compile(r"station spatiale(?<!\w(?s:.){16})\b(?! ?s\b)")
_DETERMINERS = frozenset("la sa leur cette notre votre leurs".split())
_STATION_ADJECTIVES = frozenset("future nouvelle propre première seule petite grande".split())
# Generic head words before a name ("le programme Artemis", "la sonde JUICE").
LEADING_HEAD = re.compile(
    r"(?<![^\W\d_])(?:programmes?|missions?|stations?|modules?|sondes?|satellites?|télescopes?"
    r"|lanceurs?|fusées?|rovers?|atterrisseurs?|orbiteurs?|capsules?|constellations?"
    r"|systèmes?|initiatives?|corridors?|véhicules?|hélicoptères?|vaisseaux|vaisseau"
    r"|cargos?|navettes?|astromobiles?) $"
)
_HEAD_WINDOW = 16


def generic_programs(folded: str) -> list[RuleName]:
    """Lower-case programs of a French text: "programme d'exploration lunaire", "la station
    spatiale". `RuleName.name` is the canonical name (English where English has it)."""
    found: list[RuleName] = []
    for match in _PROGRAMME.finditer(folded):
        end = _modifiers_end(folded, match.end())
        if end is None:
            continue
        phrase = " ".join(folded[match.start() : end].split())
        name = phrase.lower().replace("programmes", "programme", 1)
        found.append(_rule_name(match.start(), end, ENGLISH_NAMES.get(name, name), "programme"))
    for match in _STATION.finditer(folded):
        before = folded[max(0, match.start() - 40) : match.start()].split()
        if before and before[-1].lower() in _STATION_ADJECTIVES:
            before.pop()
        previous = before[-1].lower() if before else ""
        if previous.endswith(("'", "’")):
            previous = previous[-2:]
        if previous in _DETERMINERS:
            found.append(_rule_name(match.start(), match.end(), "space station", "station"))
    return found


def _modifiers_end(folded: str, position: int) -> int | None:
    """Where the modifiers after "programme" end, or None if it has none (or names nothing)."""
    end: int | None = None
    modifiers = 0
    while modifiers < _MAX_MODIFIERS:
        modifier = _MODIFIER.match(folded, position)
        if modifier is None:
            break
        word = modifier.group(1)
        lower = word.lower()
        joined = modifier.group().strip().startswith(("de ", "d'"))
        if not word[:1].islower() or lower in _STOP:
            break
        if lower.endswith(_VERB_ENDINGS) and len(lower) > 4:
            break
        if modifiers == 0 and (lower in _NATIONALITIES or lower in _NOT_PROGRAMS):
            return None
        if joined and lower in _NOT_PROGRAMS:
            return None
        position = end = modifier.end()
        modifiers += 1
    return end


def leading_head(folded: str, start: int, floor: int) -> int:
    """Where a mention starts once a head word right before it is taken in ("programme
    Artemis"); `start` itself if there is none, or if it would reach before `floor`."""
    window_start = max(floor, start - _HEAD_WINDOW)
    head = LEADING_HEAD.search(folded, window_start, start)
    return head.start() if head is not None else start

"""What a figure counts: the noun phrase after a number, read the English or the French way.

English puts adjectives before the noun and ends the phrase at its plural head
("46 space cooperation agreements"); French puts most of them after it, in
agreement, and joins a bare noun with "de" ("46 accords de coopération", "quatre
organisations internationales").
"""

from __future__ import annotations

import re

from spacereader.core.extraction import numbers as num
from spacereader.core.extraction import numbers_fr as fr

_NOUN_STOP = frozenset(
    "with to in for from by on at into over under across between since during per through"
    " among within about after before than as like via toward towards against including such"
    " the a an this that these those its their his her our my your each every all both some"
    " any no it they we he she which who whom whose what is are was were be been being has"
    " have had will would can could may might shall should must do does did said says also"
    " already now still yet so then there here just only even not more most less very too"
    " ago respectively altogether later earlier while when where if but because around near"
    " across along aboard".split()
)
# Plural heads that count what follows "of": "1,500 pieces of debris".
_PARTITIVES = frozenset(
    "pieces items units kinds types sorts sets pairs groups bits lots batches".split()
)
_NUMBER_WORDS = frozenset([*num.SMALL, *num.TENS, "hundred", "thousand", "million", "billion"])
# Letters of any alphabet: a word is never cut at an accented letter ("février").
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\-'])*[^\W\d_]|[^\W\d_]")
_GAP_AND_WORD = re.compile(r"([ \t]*\n?[ \t]*)(" + _WORD.pattern + ")")


def noun_phrase(folded: str, position: int, max_words: int = 8) -> str:
    """What a number counts: the noun phrase that follows it ("countries and regions")."""
    words: list[str] = []
    seen_lower = False
    while len(words) < max_words:
        found = _GAP_AND_WORD.match(folded, position)
        if found is None or found.start(2) == position:
            break
        text = found.group(2)
        word_end = found.end()
        lower = text.lower()
        after = folded[word_end : word_end + 2]
        if after.startswith("'s"):
            break
        if (
            words
            and words[-1].islower()
            and _plural(words[-1])
            and lower not in ("and", "or")
            and not (lower == "of" and words[-1] in _PARTITIVES)
        ):
            break  # a noun phrase ends at its plural head: "astronauts fly", "states share"
        if lower in ("of", "and", "or"):
            nxt = _WORD.match(folded, word_end + 1)
            if (
                not words
                or nxt is None
                or folded[word_end] != " "
                or not nxt.group()[:1].islower()
                or nxt.group().lower() in _NOUN_STOP
                or nxt.group().lower() in _NUMBER_WORDS
            ):
                break
        elif lower in _NOUN_STOP or lower in _NUMBER_WORDS:
            break
        elif text[:1].isupper():
            if seen_lower and words[-1].lower().endswith("s"):
                break
        else:
            if words and lower.endswith("ed"):
                break  # a verb: "the first launch slipped"
            seen_lower = True
        words.append(text)
        position = word_end
        if folded[position : position + 1] not in (" ", "\n"):
            break
    while words and words[-1].lower() in ("of", "and", "or"):
        words.pop()
    return " ".join(words)


def _plural(word: str) -> bool:
    """Whether a word looks like a plural noun ("regions", not "status" or "glass")."""
    lower = word.lower()
    return lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 3


# -- French ---------------------------------------------------------------------

# Words that end a French noun phrase: articles, prepositions, pronouns, common verbs.
_FRENCH_STOP = frozenset(
    """le la les l' un une des du au aux à a en dans pour par sur avec sans sous entre vers
    chez depuis pendant durant selon contre parmi après avant dès ce cet cette ces son sa ses
    leur leurs notre nos votre vos mon ma mes qui que qu' dont où est sont était étaient sera
    seront ont avait avaient aura auront été être avoir fait font ne n' pas plus moins très
    aussi déjà encore mais donc car puis ainsi soit y il elle ils elles on se s' c' lui alors
    chaque tous toutes tout toute autres autre même environ près jusqu' doit doivent peut
    peuvent devrait pourrait va vont reste restent comme si lors tandis ici""".split()
)
_FRENCH_NUMBER_WORDS = frozenset([*fr.SMALL, *fr.TENS, "cent", "cents", "mille", "un", "une"])
# A word (letters, inner hyphens), or an elided article or preposition ("d'", "l'").
_FRENCH_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*'?")
_FRENCH_GAP_AND_WORD = re.compile(r"([ \t]*\n?[ \t]*)(" + _FRENCH_WORD.pattern + ")")
# Endings of conjugated verbs ("signent", "seront", "devait"): a phrase ends there.
_VERB_ENDINGS = ("ent", "ont", "ait", "aient", "era", "ira")
# Participles end the phrase when a complement follows ("accords signés avec …").
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées")
# What follows a verb rather than an adjective: an article, a possessive.
_OBJECT_STARTS = frozenset("le la les l' un une des ses son sa leur leurs ces cette".split())
_COMPLEMENT_STARTS = frozenset(
    "à au aux par de d' du des en dans pour avec sur le la les l'".split()
)


def _french_plural(word: str) -> bool:
    return word[-1:] in ("s", "x")


def noun_phrase_fr(folded: str, position: int, max_words: int = 8) -> str:
    """What a number counts in French: "accords de coopération", "pays et régions"."""
    words: list[str] = []
    glued: list[bool] = []  # whether a word follows an elided one without a space
    while len(words) < max_words:
        found = _FRENCH_GAP_AND_WORD.match(folded, position)
        if found is None:
            break
        after_elision = bool(words) and words[-1].endswith("'")
        if found.start(2) == position and not after_elision:
            break
        text = found.group(2)
        lower = text.lower()
        following = _FRENCH_GAP_AND_WORD.match(folded, found.end())
        next_word = following.group(2) if following is not None else ""
        if lower in ("de", "d'", "et", "ou"):
            if not words or not _joins(next_word):
                break
        elif lower in _FRENCH_STOP or lower in _FRENCH_NUMBER_WORDS or lower.endswith("'"):
            break
        elif text[:1].isupper():
            if words and words[-1][:1].isupper():
                break
        elif words and words[-1].lower() not in ("de", "d'", "et", "ou"):
            if lower.endswith(_VERB_ENDINGS) and len(lower) > 4:
                break
            if lower.endswith(_PARTICIPLE_ENDINGS) and next_word.lower() in _COMPLEMENT_STARTS:
                break
            if _french_plural(words[-1]) != _french_plural(lower):
                break  # no agreement: the next word is no adjective of this noun
            if (
                next_word.lower() in _OBJECT_STARTS
                or folded[found.end() + 1 : found.end() + 2].isdigit()
            ):
                break  # a verb with its object: "la génération compte 30 satellites"
        words.append(text)
        glued.append(after_elision)
        position = found.end()
        if words[-1][:1].isupper() and len(words) > 1:
            break  # "missions Sentinel": a name closes the phrase
        if folded[position : position + 1] not in (" ", "\n") and not text.endswith("'"):
            break
    while words and words[-1].lower() in ("de", "d'", "et", "ou"):
        words.pop()
        glued.pop()
    return "".join(
        ("" if index == 0 or glued[index] else " ") + word for index, word in enumerate(words)
    )


def _joins(word: str) -> bool:
    """Whether a connector's next word continues the phrase: a bare noun in lower case."""
    lower = word.lower()
    return (
        bool(word)
        and word[:1].islower()
        and lower not in _FRENCH_STOP
        and lower not in _FRENCH_NUMBER_WORDS
        and not lower.endswith("'")
    )

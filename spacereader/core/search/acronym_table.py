"""Acronyms and their expansions, learned from every document in the library.

"International Lunar Research Station (ILRS)" in any document teaches the index
that the term of "ILRS" and the terms of the long name are one name, so a query
for either also searches for the other. The table is kept per document, so that
removing or changing a document takes back what it taught.

There is one table per language, each with every definition analysed by that
language's rules: a query read in French looks for a long name as French
documents were indexed, whichever language defined it.

The gazetteer's French names of a program are its acronym's expansions too
("Station internationale de recherche lunaire" for "ILRS"): French texts seldom
define an acronym, and a reader who types "ILRS" means the French passages too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from spacereader.core.acronyms import find_acronym_definitions
from spacereader.core.search.analysis import ENGLISH, terms

# A few expansions per acronym: an acronym defined a hundred ways is noise.
MAX_EXPANSIONS = 3
Pair = tuple[str, str]


def document_acronyms(text: str) -> list[Pair]:
    """The (acronym, expansion) pairs a text defines, each once."""
    pairs: dict[Pair, None] = {}
    for definition in find_acronym_definitions(text):
        pairs[(definition.acronym, " ".join(definition.expansion.split()))] = None
    return list(pairs)


@dataclass(frozen=True)
class AcronymTable:
    """Lookups between an acronym's term and its expansions' term sequences."""

    expansions: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    acronyms: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def learn(
        cls,
        per_document: Iterable[Iterable[Pair]],
        language: str = ENGLISH,
        known: Iterable[Pair] = (),
    ) -> AcronymTable:
        """The table of every document's definitions in one language's terms; the most
        often defined first. `known` pairs (the gazetteer's) come after them, each kept
        whatever the documents define."""
        counts: Counter[tuple[str, tuple[str, ...]]] = Counter()
        for pairs in per_document:
            for acronym, expansion in pairs:
                if pair := _pair_terms(acronym, expansion, language):
                    counts[pair] += 1
        expansions: dict[str, list[tuple[str, ...]]] = {}
        acronyms: dict[tuple[str, ...], list[str]] = {}
        for (acronym_term, expansion_terms), _count in counts.most_common():
            if len(expansions.setdefault(acronym_term, [])) < MAX_EXPANSIONS:
                expansions[acronym_term].append(expansion_terms)
            if len(acronyms.setdefault(expansion_terms, [])) < MAX_EXPANSIONS:
                acronyms[expansion_terms].append(acronym_term)
        for acronym, expansion in known:
            if pair := _pair_terms(acronym, expansion, language):
                acronym_term, expansion_terms = pair
                if expansion_terms not in expansions.setdefault(acronym_term, []):
                    expansions[acronym_term].append(expansion_terms)
                if acronym_term not in acronyms.setdefault(expansion_terms, []):
                    acronyms[expansion_terms].append(acronym_term)
        return cls(
            expansions={key: tuple(value) for key, value in expansions.items()},
            acronyms={key: tuple(value) for key, value in acronyms.items()},
        )

    def __len__(self) -> int:
        return len(self.expansions)

    def longest_expansion(self) -> int:
        """The most terms any expansion has (bounds the search for one in a query)."""
        return max((len(expansion) for expansion in self.acronyms), default=0)


def _pair_terms(acronym: str, expansion: str, language: str) -> tuple[str, tuple[str, ...]] | None:
    """An acronym's one term and its expansion's terms, or None if not such a pair."""
    acronym_terms = terms(acronym, language)
    expansion_terms = tuple(terms(expansion, language))
    if len(acronym_terms) == 1 and len(expansion_terms) >= 2:
        return acronym_terms[0], expansion_terms
    return None

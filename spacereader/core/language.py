"""Which language a text is written in: French or English (else unknown).

Function words decide it: every English or French sentence is full of them
("the", "of", "and" against "le", "de", "et"), and a few hundred words of a
text are enough to tell. A short text is told by its few function words when they
are all of one language; a text with too few, or a mix, stays unknown ("").
They are counted on a sample in lower case, in a few hundredths of a millisecond
for a page: extraction asks for the language of every text it reads.

A bilingual header line ("News / Brèves", "Back to previous selection / Retour
à la sélection précédente") is the site's, not the text's: `bilingual_lines`
finds such lines at the top of a text, and they are left out of the count.

Packages were weighed against this: py3langid (4.6 MB and numpy) got 17 of 20
short header strings right when restricted to the two languages, pycld2 (10 MB)
left most of them undecided, lingua (96 MB) is made for 75 languages; on whole
documents the function words tell French from English as well as any of them.
"""

from __future__ import annotations

import re
from collections import Counter

ENGLISH = "en"
FRENCH = "fr"
UNKNOWN = ""

# Words frequent in one language and rare in the other (no shared spellings; not
# "on", a French pronoun, nor "a", "en", "un", names in both).
_ENGLISH_WORDS = (
    "the of and to in is that for it with as was by this are be from at an which have"
    " has its were been their or will would not but they also"
).split()
_FRENCH_WORDS = (
    "le la les de des du et une est dans pour que qui sur au aux avec par pas ce cette"
    " sont été ont son ses leur plus entre ou mais aussi selon"
).split()
# Elided articles and pronouns: French only ("l'agence", "d'exploration", "qu'il").
_FRENCH_ELISIONS = ("l'", "d'", "qu'", "l’", "d’", "qu’", "n'", "n’", "s'", "s’")
# How much of a long text is read: the language shows long before the end.
SAMPLE_CHARS = 20_000
# Function words needed before a verdict, and the share the winner must have.
MIN_EVIDENCE = 8
MIN_SHARE = 0.65
# A short text (a title and one sentence) has fewer: it is decided on this many of
# one language's words, of at least two kinds, when it has none of the other's.
MIN_ONE_SIDED = 3
MIN_ONE_SIDED_KINDS = 2

# -- bilingual header lines ----------------------------------------------------

# The top of a text where a site's header stands, and the longest header line.
HEADER_LINES = 12
MAX_BILINGUAL_CHARS = 120
_HALVES = re.compile(r"^\s*(?P<first>[^/|\n]{2,60}?)\s+[/|]\s+(?P<second>[^/|\n]{2,60}?)\s*$")
_FRENCH_LETTERS = re.compile(r"[àâçéèêëîïôûùüÿœ]", re.IGNORECASE)
# Words of site furniture, for halves too short to have function words.
_FRENCH_LABELS = frozenset(
    "accueil actualités actualité brèves brève espace retour version imprimable imprimer"
    " partager rechercher recherche nouvelles sommaire rubrique rubriques communiqués"
    " dossiers archives sélection précédente suivante page".split()
)
_ENGLISH_LABELS = frozenset(
    "news space home back print printable version share search previous next selection"
    " page archive archives features releases press section sections".split()
)


def _half_language(half: str) -> str:
    """The language of one half of a header line, from letters and words; "" if neither."""
    words = [word.strip(".,:;!?'’()").lower() for word in half.split()]
    french = sum(word in _FRENCH_LABELS or word in _FRENCH_WORDS for word in words)
    french += len(_FRENCH_LETTERS.findall(half)) + sum(
        word.startswith(_FRENCH_ELISIONS) for word in words
    )
    english = sum(word in _ENGLISH_LABELS or word in _ENGLISH_WORDS for word in words)
    if french > english:
        return FRENCH
    if english > french:
        return ENGLISH
    return UNKNOWN


def is_bilingual_line(line: str) -> bool:
    """Whether a line says one thing twice, in English and in French ("News / Brèves")."""
    if len(line) > MAX_BILINGUAL_CHARS:
        return False
    halves = _HALVES.match(line)
    if halves is None:
        return False
    languages = {_half_language(halves["first"]), _half_language(halves["second"])}
    return languages == {ENGLISH, FRENCH}


def bilingual_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the bilingual lines among the first lines of a text (its header)."""
    spans: list[tuple[int, int]] = []
    header = text[: HEADER_LINES * MAX_BILINGUAL_CHARS]
    if " / " not in header and " | " not in header:  # most texts: no such line at all
        return spans
    start = 0
    for _ in range(HEADER_LINES):
        if start >= len(text):
            break
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        if is_bilingual_line(text[start:end]):
            spans.append((start, end))
        start = end + 1
    return spans


# -- the text's language ---------------------------------------------------------

_PUNCTUATION_AS_SPACE = str.maketrans({mark: " " for mark in '.,;:!?()[]«»"“”…'})


def _sample(text: str) -> str:
    """The part of a text that decides: its start in lower case, less its bilingual lines."""
    sample = text[:SAMPLE_CHARS]
    for start, end in reversed(bilingual_lines(sample)):
        sample = sample[:start] + sample[end:]
    return sample.lower()


def _counts(text: str) -> tuple[Counter[str], Counter[str]]:
    """The English and the French function words of the text's sample, each counted."""
    sample = _sample(text)
    # Counted by a Counter of the words between spaces (its counting loop is in C),
    # punctuation made spaces first: "the." is "the", which a short text's verdict
    # may depend on. Apostrophes stay, for the elisions.
    words = Counter(sample.translate(_PUNCTUATION_AS_SPACE).split())
    english = Counter({word: words[word] for word in _ENGLISH_WORDS if words[word]})
    french = Counter({word: words[word] for word in _FRENCH_WORDS if words[word]})
    spaced = f" {sample}"  # an elision at the very start counts too ("L'agence …")
    for elision in _FRENCH_ELISIONS:
        if found := spaced.count(f" {elision}"):
            french[elision] = found
    return english, french


def language_scores(text: str) -> tuple[int, int]:
    """(English, French) function words counted in the text's sample."""
    english, french = _counts(text)
    return english.total(), french.total()


# Any French text of a few lines has one of these; most English texts have none,
# and a text with none of them and many "the" is English at once.
_FRENCH_SIGNS = ("é", " le ", " la ", " les ", " des ", "l'", "l’")


def detect_language(text: str) -> str:
    """ "en", "fr", or "" when the text gives too little to tell.

    A text of a few hundred words has dozens of function words, and the language with
    most of them wins. A title and a sentence ("Publié le 3 mars 2021. La Station
    internationale de recherche lunaire compte 10 pays membres.") may have three: they
    decide when they are all of one language, of two kinds at least ("le", "la"),
    and the other language has none: an English sentence nearly always has an English word
    ("the", "of", "with"…) beside the "Le" or "de" of a French name it quotes.
    """
    head = text[:SAMPLE_CHARS]
    if head.count(" the ") >= MIN_EVIDENCE and not any(sign in head for sign in _FRENCH_SIGNS):
        return ENGLISH  # most English texts: plainly English, decided without counting
    english_words, french_words = _counts(text)
    english, french = english_words.total(), french_words.total()
    total = english + french
    if total < MIN_EVIDENCE:
        return _one_sided(english_words, french_words)
    if english >= MIN_SHARE * total:
        return ENGLISH
    if french >= MIN_SHARE * total:
        return FRENCH
    return UNKNOWN


def _one_sided(english: Counter[str], french: Counter[str]) -> str:
    """The language of a short text, if all its function words are of that language."""
    for words, others, language in ((english, french, ENGLISH), (french, english, FRENCH)):
        if not others and words.total() >= MIN_ONE_SIDED and len(words) >= MIN_ONE_SIDED_KINDS:
            return language
    return UNKNOWN

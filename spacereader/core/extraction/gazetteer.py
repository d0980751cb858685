"""The gazetteer: well-known programs, read from TOML data, and finding them in a text.

The bundled file is `resources/gazetteer.toml`; a user extends it with a file of
the same format in the config folder. Names are matched token by token on the
folded text: multi-word names ignore case after their first letter, single words
and acronyms match exactly, and spaces or hyphens between words are
interchangeable ("Tianwen-1", "Tianwen 1").
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacereader.core import paths
from spacereader.core.errors import Error
from spacereader.core.extraction.normalize import fold, lower_same_length, name_key
from spacereader.core.extraction.regexes import WordStarts, alternation
from spacereader.core.resources import resource_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

GAZETTEER_FILE = "gazetteer.toml"
# A token: letters and digits, with inner apostrophes ("Chang'e") but not a possessive 's.
TOKEN = re.compile(r"[^\W_]+(?:'(?!s(?![^\W_]))[^\W_]+)*")
_ALNUM = re.compile(r"[^\W_]")
_SOFT_GAP = re.compile(r"[ \t\n\-]{1,3}")
# In the text: one to three of them, without a blank line.
_SOFT_TEXT_GAP = r"(?:[ \t\-]|\n(?!\n)){1,3}"
# A token ends here: no letter or digit follows, nor an apostrophe that joins one.
_TOKEN_END = r"(?![^\W_])(?!'(?!s(?![^\W_]))[^\W_])"
_NEXT_TOKEN = re.compile(r"[\W_]{1,3}?(" + TOKEN.pattern + ")")
# What follows a series name in a numbered mission: "-5", " 12", "-C37", " MS-22", " II".
DESIGNATION = re.compile(
    r"[ \-](?P<designation>(?:Mk ?)?(?:[IVX]{1,4}|[A-Z]{0,3}-?\d{1,3}[A-Za-z]?(?:\.\d[a-z]?)?))"
    r"(?![\w\-]|\.\d)"
)
SERIES_MARK = "#"
# Up to this many distinct first words, candidates come from str.find, not a pattern.
_FEW_FIRST_WORDS = 8
# Markers in the candidate pattern's strings: a gap between two words, a name's end.
_GAP, _NAME_END = "\x00", "\x01"
_CANDIDATE_FRAGMENTS = {_GAP: r"[\W_]{1,3}", _NAME_END: r"(?![^\W_])"}


class GazetteerError(Error):
    """A gazetteer file, or an entry in it, cannot be used."""


@dataclass(frozen=True)
class GazetteerEntry:
    """One well-known program."""

    name: str
    aliases: tuple[str, ...]
    acronym: str | None
    category: str
    country: str
    # Patterns of numbered missions in this series: "Chang'e-#", "Long March #".
    series: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Pattern:
    tokens: tuple[str, ...]
    gaps: tuple[str, ...]
    exact: bool
    entry: GazetteerEntry
    # For a series pattern, the canonical prefix and separator ("Chang'e", "-").
    series_prefix: str | None = None
    series_separator: str = ""


# A pattern to try, its words as one lower-case pattern (None: compare words), and
# whether `_match_tokens` must confirm what that pattern finds.
_Try = tuple[_Pattern, "re.Pattern[str] | None", bool]
_TRIES_LIMIT = 20_000


@dataclass(frozen=True)
class GazetteerMatch:
    """A name of the gazetteer found in a text; `name` is the mission for a series match."""

    start: int
    end: int
    entry: GazetteerEntry
    designated: str | None = None


def _split(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    folded = fold(name)
    matches = list(TOKEN.finditer(folded))
    tokens = tuple(m.group() for m in matches)
    gaps = tuple(folded[a.end() : b.start()] for a, b in itertools.pairwise(matches))
    return tokens, gaps


class Gazetteer:
    """Entries by name, and a matcher over all their names."""

    def __init__(
        self, entries: Iterable[GazetteerEntry], problems: Sequence[GazetteerError] = ()
    ) -> None:
        by_key: dict[str, GazetteerEntry] = {}
        for entry in entries:
            by_key[name_key(entry.name)] = entry  # a later file's entry replaces an earlier one
        self.entries: tuple[GazetteerEntry, ...] = tuple(by_key.values())
        self.problems: tuple[GazetteerError, ...] = tuple(problems)
        self._names: dict[str, GazetteerEntry] = {}
        self._acronyms: dict[str, GazetteerEntry] = {}
        self._first: dict[str, list[_Pattern]] = {}
        for entry in self.entries:
            self._add_entry(entry)
        for patterns in self._first.values():
            patterns.sort(key=lambda p: -len(p.tokens))
        self._candidates: WordStarts | None = None
        self._tries: dict[tuple[str, str | None], tuple[_Try, ...]] = {}

    def _add_entry(self, entry: GazetteerEntry) -> None:
        names = [entry.name, *entry.aliases]
        for name in names:
            self._names.setdefault(name_key(name), entry)
            self._add_pattern(name, entry)
        if entry.acronym:
            self._acronyms.setdefault(entry.acronym, entry)
            self._names.setdefault(name_key(entry.acronym), entry)
            self._add_pattern(entry.acronym, entry, exact=True)
        for series in entry.series:
            prefix, _, _ = series.partition(SERIES_MARK)
            separator = prefix[-1] if prefix[-1:] in (" ", "-") else ""
            canonical = prefix[: len(prefix) - len(separator)]
            tokens, gaps = _split(canonical)
            if tokens:
                pattern = _Pattern(
                    tokens, gaps, len(tokens) == 1, entry, canonical, separator or "-"
                )
                self._index(pattern)

    def _add_pattern(self, name: str, entry: GazetteerEntry, exact: bool = False) -> None:
        tokens, gaps = _split(name)
        if tokens:
            self._index(_Pattern(tokens, gaps, exact or len(tokens) == 1, entry))

    def _index(self, pattern: _Pattern) -> None:
        self._first.setdefault(pattern.tokens[0].lower(), []).append(pattern)

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry one of whose names (any spelling variant) is `name`."""
        if name in self._acronyms:
            return self._acronyms[name]
        return self._names.get(name_key(name))

    def _candidates_in(self, lowered: str) -> Iterable[int]:
        """Positions, in order, where a name may start: after no letter or digit."""
        if len(self._first) > _FEW_FIRST_WORDS:
            return self._candidate_starts().positions(lowered)
        # A text's own few definitions: str.find over each first word beats any scan.
        found: set[int] = set()
        for word in self._first:
            position = lowered.find(word)
            while position != -1:
                if not position or not _ALNUM.match(lowered, position - 1):
                    found.add(position)
                position = lowered.find(word, position + 1)
        return sorted(found)

    def _candidate_starts(self) -> WordStarts:
        """Where a name may start: every name's lower-case words, as one trie pattern.

        It matches a superset of the names (any gap of one to three non-word
        characters, any case of the first letter) after no letter or digit;
        `_match_at` decides. A candidate inside a longer one is still reported.
        """
        if self._candidates is None:
            names = {
                _GAP.join(lower_same_length(token) for token in pattern.tokens) + _NAME_END
                for patterns in self._first.values()
                for pattern in patterns
            }
            self._candidates = _candidate_starts(frozenset(names))
        return self._candidates

    def find(self, folded: str, lowered: str | None = None) -> list[GazetteerMatch]:
        """Every gazetteer name in a folded text, longest at each position.

        `lowered` is `lower_same_length(folded)`, if the caller has it already.
        """
        if lowered is None:
            lowered = lower_same_length(folded)
        first_index = self._first
        found: list[GazetteerMatch] = []
        covered = 0
        # Only where some name's words follow; a word whose first letters spell a
        # name's first word ("NASA" of "NASA's") is then cut to its real token.
        for start in self._candidates_in(lowered):
            if start < covered or _inside_token(lowered, start):
                continue
            token = TOKEN.match(lowered, start)
            if token is None or token.group() not in first_index:
                continue
            match = self._match_at(folded, lowered, token, token.group())
            if match is not None:
                found.append(match)
                covered = match.end
        return found

    def _match_at(
        self, folded: str, lowered: str, first: re.Match[str], word: str
    ) -> GazetteerMatch | None:
        best: GazetteerMatch | None = None
        start, first_end = first.span()
        following = _NEXT_TOKEN.match(lowered, first_end)
        second = following.group(1) if following is not None else None
        tries = self._tries.get((word, second))
        if tries is None:
            tries = self._plan(word, second)
        for pattern, words, verify in tries:
            tokens = pattern.tokens
            if words is None:
                if len(tokens) > 1:  # an exact name of several words
                    end = _match_tokens(folded, lowered, start, pattern)
                # One word, matched exactly: the word found is the name.
                elif folded[start:first_end] == tokens[0]:
                    end = first_end
                else:
                    continue
            else:
                found = words.match(lowered, start)
                if found is None:
                    continue
                if verify:
                    end = _match_tokens(folded, lowered, start, pattern)
                else:
                    end = found.end() if folded[start] == tokens[0][0] else None
            if end is None:
                continue
            if pattern.series_prefix is not None:
                designation = DESIGNATION.match(folded, end)
                if designation is None:
                    continue
                if best is None or designation.end() > best.end:
                    code = designation.group("designation")
                    name = f"{pattern.series_prefix}{pattern.series_separator}{code}"
                    best = GazetteerMatch(start, designation.end(), pattern.entry, name)
            elif best is None or end > best.end:
                best = GazetteerMatch(start, end, pattern.entry)
        return best

    def _plan(self, word: str, second: str | None) -> tuple[_Try, ...]:
        """The patterns to try where `word` is followed by `second`, prepared once.

        A name of several words whose second word is not `second` cannot match.
        """
        tries: list[_Try] = []
        for pattern in self._first[word]:
            tokens = pattern.tokens
            if len(tokens) == 1 or pattern.exact:
                if len(tokens) == 1 or tokens[1].lower() == second:
                    tries.append((pattern, None, False))
            elif tokens[1].lower() == second:
                tries.append((pattern, *_words_pattern(tokens, pattern.gaps)))
        if len(self._tries) > _TRIES_LIMIT:
            self._tries.clear()
        self._tries[word, second] = plan = tuple(tries)
        return plan


@functools.lru_cache(maxsize=4096)
def _words_pattern(tokens: tuple[str, ...], gaps: tuple[str, ...]) -> tuple[re.Pattern[str], bool]:
    """A name of several words as one pattern over the lower-case text, and whether
    `_match_tokens` must still confirm a match.

    The pattern matches wherever `_match_tokens` would (each word whole, spaces,
    tabs, hyphens or one line break between them); it says exactly as much when
    every gap is such a soft one and every word is a token as it stands.
    """
    parts: list[str] = []
    verify = False
    for index, token in enumerate(tokens):
        if index:
            if _SOFT_GAP.fullmatch(gaps[index - 1]):
                parts.append(_SOFT_TEXT_GAP)
            else:
                parts.append(r"[\W_]{1,3}")  # the gap itself is compared on the folded text
                verify = True
        word = token.lower()
        verify = verify or TOKEN.fullmatch(word) is None
        parts.append(re.escape(word) + _TOKEN_END)
    return re.compile("".join(parts)), verify


@functools.lru_cache(maxsize=64)  # a text's own definitions recur ("ILRS", "SLS")
def _candidate_starts(names: frozenset[str]) -> WordStarts:
    body = alternation(names, _CANDIDATE_FRAGMENTS) if names else "(?!)"
    return WordStarts(body, separator=r"[\W_]")


def _inside_token(lowered: str, start: int) -> bool:
    """Whether `start`, with no letter or digit before it, still lies inside a token.

    Only an apostrophe joins: "chang'e" is one token, "nasa's" is two.
    """
    if start < 2 or lowered[start - 1] != "'" or not _ALNUM.match(lowered, start - 2):
        return False
    return not (lowered[start] == "s" and not _ALNUM.match(lowered, start + 1))


def _match_tokens(folded: str, lowered: str, start: int, pattern: _Pattern) -> int | None:
    """The end of the pattern's tokens matched from `start`, or None."""
    position = start
    for index, token in enumerate(pattern.tokens):
        if index:
            token_match = _NEXT_TOKEN.match(lowered, position)
            if token_match is None:
                return None
            gap, text_gap = pattern.gaps[index - 1], folded[position : token_match.start(1)]
            if _SOFT_GAP.fullmatch(gap):
                if not _SOFT_GAP.fullmatch(text_gap) or "\n\n" in text_gap:
                    return None
            elif text_gap != gap:
                return None
            position = token_match.start(1)
            end = token_match.end(1)
        else:
            first = TOKEN.match(lowered, position)
            if first is None:
                return None
            end = first.end()
        surface = folded[position:end]
        if pattern.exact:
            if surface != token:
                return None
        elif lowered[position:end] != token.lower() or (index == 0 and surface[0] != token[0]):
            return None
        position = end
    return position


# -- loading ---------------------------------------------------------------


def _strings(value: Any, field: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise GazetteerError(f"{where}: {field} must be a string or a list of strings")


def _entry(table: Any, where: str) -> GazetteerEntry:
    if not isinstance(table, dict):
        raise GazetteerError(f"{where}: must be a table")
    name, category = table.get("name"), table.get("category")
    if not isinstance(name, str) or not name.strip():
        raise GazetteerError(f"{where}: has no name")
    if not isinstance(category, str) or not category.strip():
        raise GazetteerError(f"{where} ({name}): has no category")
    acronym = table.get("acronym")
    if acronym is not None and not isinstance(acronym, str):
        raise GazetteerError(f"{where} ({name}): acronym must be a string")
    country = table.get("country", "")
    if not isinstance(country, str):
        raise GazetteerError(f"{where} ({name}): country must be a string")
    series = _strings(table.get("series", []), "series", f"{where} ({name})")
    if any(SERIES_MARK not in pattern for pattern in series):
        raise GazetteerError(f"{where} ({name}): each series pattern needs a '#'")
    unknown = set(table) - {"name", "aliases", "acronym", "category", "country", "series"}
    if unknown:
        raise GazetteerError(f"{where} ({name}): unknown field {sorted(unknown)[0]!r}")
    return GazetteerEntry(
        name=name.strip(),
        aliases=_strings(table.get("aliases", []), "aliases", f"{where} ({name})"),
        acronym=acronym or None,
        category=category.strip(),
        country=country.strip(),
        series=series,
    )


def read_gazetteer_file(path: Path) -> tuple[list[GazetteerEntry], list[GazetteerError]]:
    """The usable entries of one file, and a one-line problem for each unusable part.

    A file that cannot be read or parsed raises GazetteerError.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GazetteerError(f"{path}: cannot read ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise GazetteerError(f"{path}: not UTF-8 text") from error
    except tomllib.TOMLDecodeError as error:
        raise GazetteerError(f"{path}: not valid TOML ({error})") from error
    tables = data.get("program", [])
    if not isinstance(tables, list):
        raise GazetteerError(f"{path}: 'program' must be an array of tables ([[program]])")
    entries: list[GazetteerEntry] = []
    problems: list[GazetteerError] = []
    for number, table in enumerate(tables, start=1):
        try:
            entries.append(_entry(table, f"{path.name}: program {number}"))
        except GazetteerError as error:
            problems.append(error)
    return entries, problems


@functools.cache  # where the package sits does not change while it runs
def bundled_gazetteer_path() -> Path:
    """The gazetteer shipped with SpaceReader."""
    return resource_path(GAZETTEER_FILE)


def user_gazetteer_path() -> Path:
    """Where a user's own additions live (the file may not exist)."""
    return paths.config_dir() / GAZETTEER_FILE


def load_gazetteer(paths_: Sequence[Path] | None = None) -> Gazetteer:
    """The bundled gazetteer plus the user's file, or exactly the files given.

    The bundled file must be sound (GazetteerError otherwise). A problem in any
    other file is kept in `Gazetteer.problems`, one line each, and the rest works.
    """
    if paths_ is None:
        user = user_gazetteer_path()
        files = [bundled_gazetteer_path(), *([user] if user.is_file() else [])]
    else:
        files = list(paths_)
    bundled = bundled_gazetteer_path()
    entries: list[GazetteerEntry] = []
    problems: list[GazetteerError] = []
    for path in files:
        try:
            found, bad = read_gazetteer_file(path)
        except GazetteerError as error:
            if path == bundled:
                raise
            problems.append(error)
            continue
        if path == bundled and bad:
            raise bad[0]
        entries.extend(found)
        problems.extend(bad)
    return Gazetteer(entries, problems)


_default: tuple[tuple[float, ...], Gazetteer] | None = None


def default_gazetteer() -> Gazetteer:
    """The bundled and user gazetteer, loaded once and reloaded when a file changes."""
    global _default  # noqa: PLW0603 - a process-wide cache of parsed data files
    files = [bundled_gazetteer_path(), user_gazetteer_path()]
    stamp = tuple(path.stat().st_mtime if path.is_file() else -1.0 for path in files)
    stamp += (hash(str(files[1])),)
    if _default is None or _default[0] != stamp:
        _default = (stamp, load_gazetteer())
    return _default[1]

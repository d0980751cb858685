"""The gazetteer: well-known programs, read from TOML data, and finding them in a text.

The bundled file is `resources/gazetteer.toml`; a user extends it with a file of
the same format in the config folder. Names are matched token by token on the
folded text: multi-word names ignore case after their first letter, single words
and acronyms match exactly, and spaces or hyphens between words are
interchangeable ("Tianwen-1", "Tianwen 1"). An entry's French names are looked
for in French texts only (`Gazetteer.for_french`).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import stat
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacereader.core import paths
from spacereader.core.errors import Error
from spacereader.core.extraction.model import assemble
from spacereader.core.extraction.name_matching import (
    ALNUM,
    DESIGNATION,  # noqa: F401 - defined with the matching code, imported from here too
    GAP,
    NAME_END,
    TOKEN,
    FirstWord,
    NamePattern,
    SpanMatch,
    candidate_regex,
    inside_token,
    match_first_word,
    prepare,
    split_name,
)
from spacereader.core.extraction.normalize import lower_same_length, name_key
from spacereader.core.resources import resource_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

GAZETTEER_FILE = "gazetteer.toml"
SERIES_MARK = "#"
# Up to this many distinct first words, candidates come from str.find, not a pattern.
_FEW_FIRST_WORDS = 8


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
    # Names French texts use ("Agence spatiale européenne"), for French texts only.
    french: tuple[str, ...] = ()


@dataclass(frozen=True)
class GazetteerMatch:
    """A name of the gazetteer found in a text; `name` is the mission for a series match."""

    start: int
    end: int
    entry: GazetteerEntry
    designated: str | None = None


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
        self._first: dict[str, list[NamePattern]] = {}
        for entry in self.entries:
            self._add_entry(entry)
        for patterns in self._first.values():
            patterns.sort(key=lambda p: -len(p.tokens))
        self._candidates: re.Pattern[str] | None = None
        # `_first` prepared for matching, one first word at a time as texts use them.
        self._prepared: dict[str, FirstWord] = {}
        # A name starts with its first letter as written, whatever the case of the rest.
        self._first_letters = frozenset(
            pattern.tokens[0][0] for patterns in self._first.values() for pattern in patterns
        )
        self._french: Gazetteer | None = None
        # For a French view, each of its entries' own entry (French names aside).
        self._originals: dict[int, GazetteerEntry] = {}

    def for_french(self) -> Gazetteer:
        """This gazetteer with each entry's French names as aliases, for French texts.

        Built on first use. What it finds and looks up are this gazetteer's entries.
        """
        if self._french is None:
            if not any(entry.french for entry in self.entries):
                self._french = self
            else:
                view = Gazetteer(
                    [
                        dataclasses.replace(entry, aliases=entry.aliases + entry.french)
                        for entry in self.entries
                    ]
                )
                view._originals = {
                    id(french): entry
                    for french, entry in zip(view.entries, self.entries, strict=True)
                }
                view._french = view
                self._french = view
        return self._french

    def _original(self, entry: GazetteerEntry) -> GazetteerEntry:
        return self._originals.get(id(entry), entry) if self._originals else entry

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
            tokens, gaps = split_name(canonical)
            if tokens:
                pattern = NamePattern(
                    tokens, gaps, len(tokens) == 1, entry, canonical, separator or "-"
                )
                self._index(pattern)

    def _add_pattern(self, name: str, entry: GazetteerEntry, exact: bool = False) -> None:
        tokens, gaps = split_name(name)
        if tokens:
            self._index(NamePattern(tokens, gaps, exact or len(tokens) == 1, entry))

    def _index(self, pattern: NamePattern) -> None:
        self._first.setdefault(pattern.tokens[0].lower(), []).append(pattern)

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry one of whose names (any spelling variant) is `name`."""
        if name in self._acronyms:
            return self._original(self._acronyms[name])
        entry = self._names.get(name_key(name))
        return None if entry is None else self._original(entry)

    def _candidates_in(self, folded: str, lowered: str) -> list[int]:
        """Positions, in order, where a name may start: after no letter or digit.

        Only at a first letter of some name as written: a match needs one there.
        """
        if len(self._first) > _FEW_FIRST_WORDS:
            return [match.start() for match in self._candidate_pattern().finditer(folded)]
        # A text's own few definitions: str.find over each first word beats any scan.
        found: set[int] = set()
        first_letters = self._first_letters
        for word in self._first:
            position = lowered.find(word)
            while position != -1:
                if folded[position] in first_letters and (
                    not position or not ALNUM.match(lowered, position - 1)
                ):
                    found.add(position)
                position = lowered.find(word, position + 1)
        return sorted(found)

    def _candidate_pattern(self) -> re.Pattern[str]:
        """Where a name may start: every name's words, as one trie pattern over the text.

        A name's first letter is as written (only `_match_at` lets a text spell it
        otherwise); the rest matches in any case, with any gap of one to three
        non-word characters, so that the pattern finds a superset of the names
        and `_match_at` decides. The pattern consumes the first letter only: a
        candidate inside a longer one is still found.
        """
        if self._candidates is None:
            names = {
                (
                    pattern.tokens[0][0],
                    GAP.join(lower_same_length(token) for token in pattern.tokens)[1:] + NAME_END,
                )
                for patterns in self._first.values()
                for pattern in patterns
            }
            self._candidates = candidate_regex(frozenset(names))
        return self._candidates

    def find(self, folded: str, lowered: str | None = None) -> list[GazetteerMatch]:
        """Every gazetteer name in a folded text, longest at each position.

        `lowered` is `lower_same_length(folded)`, if the caller has it already.
        """
        if lowered is None:
            lowered = lower_same_length(folded)
        # Built without the dataclass __init__: one for most candidates of every text.
        return [
            assemble(GazetteerMatch, start=start, end=end, entry=entry, designated=designated)
            for start, end, entry, designated in self.find_spans(folded, lowered)
        ]

    def find_spans(self, folded: str, lowered: str) -> list[SpanMatch]:
        """`find` as plain tuples (start, end, entry, designated), for extraction's own use."""
        first_index, prepared = self._first, self._prepared
        token_match = TOKEN.match
        found: list[SpanMatch] = []
        covered = 0
        # Only where some name's words follow; a word whose first letters spell a
        # name's first word ("NASA" of "NASA's") is then cut to its real token.
        for start in self._candidates_in(folded, lowered):
            if start < covered:
                continue
            # inside_token needs an apostrophe just before: test that here, in line.
            if start > 1 and lowered[start - 1] == "'" and inside_token(lowered, start):
                continue
            token = token_match(lowered, start)
            if token is None:
                continue
            key = token.group()
            if key not in first_index:
                continue
            first_word = prepared.get(key)
            if first_word is None:
                first_word = prepared[key] = prepare(first_index[key])
            match = match_first_word(folded, lowered, start, token.end(), first_word)
            if match is not None:
                if self._originals:
                    match = (match[0], match[1], self._original(match[2]), match[3])
                found.append(match)
                covered = match[1]
        return found


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
    fields = {"name", "aliases", "acronym", "category", "country", "series", "french"}
    unknown = set(table) - fields
    if unknown:
        raise GazetteerError(f"{where} ({name}): unknown field {sorted(unknown)[0]!r}")
    return GazetteerEntry(
        name=name.strip(),
        aliases=_strings(table.get("aliases", []), "aliases", f"{where} ({name})"),
        acronym=acronym or None,
        category=category.strip(),
        country=country.strip(),
        series=series,
        french=_strings(table.get("french", []), "french", f"{where} ({name})"),
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
# The variables platformdirs reads for the config folder on Linux and macOS (Windows
# asks the system, once): while they keep their values, so does the folder. Extraction
# asks for the default gazetteer once a document; this spares it a folder look-up and
# a mkdir each time, which cost more than a page of text.
_FOLDER_VARIABLES = ("XDG_CONFIG_HOME", "HOME")
_user_file: tuple[tuple[str | None, ...], Path] | None = None


def _user_file_now() -> Path:
    global _user_file  # noqa: PLW0603 - see _FOLDER_VARIABLES
    environment = tuple(os.environ.get(name) for name in _FOLDER_VARIABLES)
    if _user_file is None or _user_file[0] != environment:
        _user_file = (environment, user_gazetteer_path())
    return _user_file[1]


def _modified(path: Path) -> float:
    try:
        status = os.stat(path)
    except OSError:
        return -1.0
    return status.st_mtime if stat.S_ISREG(status.st_mode) else -1.0


def default_gazetteer() -> Gazetteer:
    """The bundled and user gazetteer, loaded once and reloaded when a file changes."""
    global _default  # noqa: PLW0603 - a process-wide cache of parsed data files
    user = _user_file_now()
    stamp = (_modified(bundled_gazetteer_path()), _modified(user), float(hash(str(user))))
    if _default is None or _default[0] != stamp:
        _default = (stamp, load_gazetteer())
    return _default[1]

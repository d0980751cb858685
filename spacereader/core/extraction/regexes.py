"""Building fast regular expressions for the extraction scanners.

Python's regex engine tries a pattern at every position of a text, and a long
alternation tries every branch there. Two things make a scan cheap:

- an alternation of many words built as a trie, so that each character of the
  text is compared once, not once per word;
- a pattern that starts with a literal or a character class rather than an
  assertion (`\\b`, a look-behind), so that the engine can skip in C to the
  positions where a match may begin. `word_start` moves the "no word character
  before" test to just after the first character for that reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_NO_FRAGMENTS: Mapping[str, str] = {}
_Trie = dict[str, "_Trie"]
_END = ""


def _trie(strings: Iterable[str]) -> _Trie:
    root: _Trie = {}
    for string in strings:
        node = root
        for char in string:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def _render(node: _Trie, fragments: Mapping[str, str]) -> str:
    branches = [
        fragments.get(char, re.escape(char)) + _render(child, fragments)
        for char, child in sorted(node.items())
        if char != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if _END in node else body


def alternation(strings: Iterable[str], fragments: Mapping[str, str] = _NO_FRAGMENTS) -> str:
    """A pattern that matches any of the strings, as a trie (no empty string allowed).

    `fragments` maps marker characters in the strings to pattern text of their own
    (a gap, a boundary test); every other character matches itself. Which string
    matches when several could is not defined: use it to find where a match may
    start, or for strings none of which is a prefix of another.
    """
    return _render(_trie(strings), fragments)


def word_start(words: Iterable[str]) -> str:
    """A pattern for `\\b(?:words)` on words that begin with a word character.

    The boundary test follows the first character as a look-behind over two
    characters, so the pattern begins with the first characters themselves. Follow
    it with `\\b` (or another test that only a whole word passes): like
    `alternation`, it does not say which of two words sharing a prefix is tried first.
    """
    root = _trie(words)
    branches = [
        re.escape(char) + r"(?<!\w(?s:.))" + _render(child, _NO_FRAGMENTS)
        for char, child in sorted(root.items())
        if char != _END
    ]
    return "(?:" + "|".join(branches) + ")"


class WordStarts:
    """Where a pattern matches at the start of a word: at 0, or after a separator.

    `re.finditer(r"(?<!\\w)(?=...)")` would find the same places, but a pattern that
    opens with a look-behind is tried at every position. Opening with the separator
    lets the engine skip letters in C; and since a class such as `\\W` costs a
    Unicode look-up for every character, the ASCII separators go in a plain set
    and other characters are tested only where they occur: three times faster.
    """

    def __init__(self, body: str, separator: str = r"\W") -> None:
        self._body = body
        self._separator = separator
        self._patterns: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None = None

    def _compiled(self) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
        # Compiled on first use, not on import: the module loads with the application.
        if self._patterns is None:
            body, separator = self._body, self._separator
            plain = "".join(chr(code) for code in range(128) if re.fullmatch(separator, chr(code)))
            self._patterns = (
                re.compile(f"(?={body})"),
                re.compile(f"[{re.escape(plain)}](?={body})"),
                re.compile(f"[^\\x00-\\x7f](?<={separator})(?={body})"),
            )
        return self._patterns

    def positions(self, text: str) -> list[int]:
        """Every position, in order, with no word character before it, where the body matches."""
        at_start, after_ascii, after_other = self._compiled()
        found = [match.end() for match in after_ascii.finditer(text)]
        if not text.isascii():
            found += [match.end() for match in after_other.finditer(text)]
            found.sort()
        if at_start.match(text):
            found.insert(0, 0)
        return found

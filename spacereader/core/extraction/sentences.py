"""Sentences around figures: where each sentence of a text begins and ends.

A sentence ends at . ! or ? before a capital (not after an abbreviation or an
initial), at a blank line, before a list item, and at the end of a Markdown
heading line. A "sentence" longer than MAX_SENTENCE_CHARS (a table, a list of
numbers without a full stop) is cut to the words around the figure: every figure
of it would otherwise show, export and print the whole of it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Ends of sentences: after . ! ? and a space, before a capital; blank lines; list items.
# The first character comes first, not inside the branches, for the engine's sake.
_SENTENCE_END = re.compile(
    r"[.!?\n](?:(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]*[A-Z0-9#*\-])"
    r"|(?<=\n)[ \t]*\n|(?<=\n)(?=[ \t]*(?:[#>*\-+]|\d+\.)\s))"
)
# A Markdown heading line: "#" at the start of a line.
_HEADING = re.compile(r"#(?<![^\n]#)[^\n]*\n")
# The most a figure's sentence spans; a longer one is cut to this window around the figure.
MAX_SENTENCE_CHARS = 600
# Words whose full stop ends an abbreviation, not a sentence.
_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec no mr mrs ms dr st vs rs fig approx"
    " e.g i.e etc u.s u.k inc ltd co".split()
)


class Sentences:
    """Sentence spans of a text, computed on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends: list[int] | None = None

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The span (start, end) of the sentence that holds text[start:end]."""
        if self._ends is None:
            self._ends = []
            text = self.text
            for match in _SENTENCE_END.finditer(text):
                stop = match.start()
                # Seven letters before the stop make a word longer than any abbreviation.
                if text[stop] == "." and not (stop >= 7 and text[stop - 7 : stop].isalpha()):
                    word_start = max(text.rfind(" ", 0, stop), 0)
                    word = text[word_start:stop].strip().lower().lstrip('("“')
                    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                        continue
                self._ends.append(match.end())
            # Markdown headings end their line.
            self._ends += [m.end() for m in _HEADING.finditer(self.text)]
            self._ends.sort()
        index = bisect_right(self._ends, start)
        begin = self._ends[index - 1] if index else 0
        finish = max(self._ends[index] if index < len(self._ends) else len(self.text), end)
        if finish - begin > MAX_SENTENCE_CHARS:
            begin, finish = self._window(begin, finish, start, end)
        return begin, finish

    def _window(self, begin: int, finish: int, start: int, end: int) -> tuple[int, int]:
        """Whole words around text[start:end], within the sentence and MAX_SENTENCE_CHARS."""
        margin = max(0, (MAX_SENTENCE_CHARS - (end - start)) // 2)
        low, high = max(begin, start - margin), min(finish, end + margin)
        if low > begin:
            space = self.text.find(" ", low, start)
            low = space + 1 if space != -1 else low
        if high < finish:
            space = self.text.rfind(" ", end, high)
            high = space if space != -1 else high
        return low, high

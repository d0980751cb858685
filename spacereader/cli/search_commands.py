"""`spacereader search` and `spacereader reindex`: the search index from the command line.

`search` brings the index up to date with the library first (incremental, and
cheap when nothing changed); if the app is writing the index at that moment,
it answers from the last committed index. A progress bar appears on stderr
only when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from spacereader.cli.output import print_json, print_json_line, warn
from spacereader.core.wording import counted

if TYPE_CHECKING:
    from spacereader.core.search import Hit, SearchResult

# The index (Whoosh) and the library are imported when a command runs: building
# the parser must stay cheap, since every `spacereader` start builds it.

DEFAULT_LIMIT = 20
BOLD, PLAIN = "\033[1m", "\033[0m"
BAR_WIDTH = 30
BAR_INTERVAL_S = 0.1


def register(subparsers: Any) -> None:
    """Add the search and reindex commands."""
    search = subparsers.add_parser(
        "search",
        help="search every document in the library",
        description='Search the library. Words are ANDed; also: OR, NOT, "phrases", '
        "trailing wildcards (stat*), title:word and program:name. An acronym also finds "
        "its expansion, and the other way round.",
    )
    search.add_argument("query", nargs="*", help="the query (several words are one query)")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument(
        "--limit",
        type=_positive,
        default=DEFAULT_LIMIT,
        help=f"hits to show (default {DEFAULT_LIMIT})",
    )
    search.add_argument("--doc", metavar="ID", help="search one document (a unique id prefix)")
    search.add_argument(
        "--stdin",
        action="store_true",
        help="answer one query per input line, in order (with --json: one JSON object per line)",
    )
    search.set_defaults(handler=functools.partial(search_library, parser=search))

    reindex = subparsers.add_parser(
        "reindex",
        help="rebuild the search index from the library",
        description="Index every document afresh and swap the new index in.",
    )
    reindex.set_defaults(handler=reindex_library)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _procs() -> int:
    """Processes for a full build: two where there are two cores (the build's sweet spot)."""
    return min(2, os.cpu_count() or 1)


def _quiet_logging() -> None:
    # The index logs what it repairs; on the command line that is not the user's business.
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())


class ProgressBar:
    """`indexing  120/400 [#########        ]` on a terminal's stderr, redrawn at most 10×/s."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self.stream = stream
        self.label = label
        self.shown = False
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < BAR_INTERVAL_S:
            return
        self._last = now
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "#" * filled + " " * (BAR_WIDTH - filled)
        self.stream.write(f"\r{self.label} {done:>{len(str(total))}}/{total} [{bar}]")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        """End the bar's line, if one was drawn."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def _progress() -> ProgressBar | None:
    return ProgressBar(sys.stderr, "indexing") if sys.stderr.isatty() else None


def search_library(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Sync the index, then answer the query (or each line of stdin)."""
    if args.stdin and args.query:
        parser.error("give a QUERY or --stdin, not both")
    if not args.stdin and not args.query:
        parser.error("a QUERY is required (or --stdin)")
    from spacereader.core.library import Library
    from spacereader.core.search import SearchIndex

    _quiet_logging()
    library = Library()
    index = SearchIndex(procs=_procs())
    try:
        doc_id = library.info(args.doc).id if args.doc else None
        bar = _progress()
        index.sync(library, progress=bar)
        if bar is not None:
            bar.finish()
        queries = (
            (line.rstrip("\r\n") for line in sys.stdin) if args.stdin else [" ".join(args.query)]
        )
        styled = sys.stdout.isatty()
        for query in queries:
            result = index.search(query, limit=args.limit, doc_id=doc_id)
            if args.json and args.stdin:
                print_json_line(result_json(result))
            elif args.json:
                print_json(result_json(result))
            else:
                print_readable(result, styled)
                sys.stdout.flush()
    finally:
        index.close()
        library.close()
    return 0


def reindex_library(args: argparse.Namespace) -> int:
    """Rebuild the index; a progress bar and a summary on a terminal, silence otherwise."""
    from spacereader.core.library import Library
    from spacereader.core.search import SearchIndex

    _quiet_logging()
    library = Library()
    index = SearchIndex(procs=_procs())
    started = time.monotonic()
    try:
        bar = _progress()
        report = index.rebuild(library, progress=bar)
        if bar is not None:
            bar.finish()
        if report.busy:
            # Another SpaceReader kept building for minutes; its index will be current.
            warn("another SpaceReader process is still building the index; not rebuilt")
        elif bar is not None:
            seconds = time.monotonic() - started
            indexed = counted(report.added, "document")
            print(f"indexed {indexed} in {seconds:.1f} s", file=sys.stderr)
    finally:
        index.close()
        library.close()
    return 0


# -- output ---------------------------------------------------------------------


def marked(text: str, marks: tuple[tuple[int, int], ...], before: str, after: str) -> str:
    """The text with each marked span wrapped in `before` … `after`."""
    pieces: list[str] = []
    position = 0
    for start, end in marks:
        pieces += [text[position:start], before, text[start:end], after]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def hit_json(hit: Hit) -> dict[str, Any]:
    """A hit as `search --json` prints it; the snippet marks hits as **word**."""
    return {
        "doc_id": hit.doc_id,
        "title": hit.title,
        "start": hit.start,
        "end": hit.end,
        "text": hit.text,
        "snippet": marked(hit.snippet, hit.snippet_marks, "**", "**"),
        "score": round(hit.score, 4),
    }


def result_json(result: SearchResult) -> dict[str, Any]:
    """A query's answer as `search --json` prints it."""
    return {
        "query": result.query,
        "elapsed_ms": round(result.elapsed_ms, 2),
        "total": result.total,
        "suggestion": result.suggestion,
        "hits": [hit_json(hit) for hit in result.hits],
    }


def print_readable(result: SearchResult, styled: bool) -> None:
    """Hits grouped by document: the title, then each passage's snippet, the hit marked."""
    before, after = (BOLD, PLAIN) if styled else ("«", "»")
    groups = result.grouped()
    noun = "passage" if result.total == 1 else "passages"
    shown = f" (showing {len(result.hits)})" if len(result.hits) < result.total else ""
    print(f"{result.total} {noun} for {result.query!r}{shown} · {result.elapsed_ms:.0f} ms")
    if result.suggestion:
        print(f"Did you mean: {result.suggestion}?")
    for doc_id, hits in groups:
        print()
        print(
            f"{before}{hits[0].title}{after}  [{doc_id}]"
            if styled
            else f"{hits[0].title}  [{doc_id}]"
        )
        for hit in hits:
            snippet = marked(hit.snippet, hit.snippet_marks, before, after)
            print(f"  {hit.start}–{hit.end}  {snippet}")

"""`spacereader search` and `spacereader reindex`: the search index from the command line.

`search` brings the index up to date with the library first (incremental, and
cheap when nothing changed); if the app is writing the index at that moment,
it answers from the last committed index. A query is answered as the Search
dock answers it (core.search.answers): `note:word` searches the bookmarks.
When the index turns out damaged or removed, the command says so on stderr,
builds it again and answers. A progress bar appears on stderr only when
stderr is a terminal.
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
    from spacereader.core.bookmarks import Bookmark, BookmarkStore
    from spacereader.core.library import Library
    from spacereader.core.search import Hit, SearchIndex, SearchResult
    from spacereader.core.search.answers import Answer

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
        "its expansion, and the other way round. note:word, tag:word and quote:word "
        "search the bookmarks.",
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
        "--bookmarks",
        action="store_true",
        help="also search the bookmarks' quotes, notes and tags",
    )
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


class _Bookmarks:
    """The bookmark store, opened only when a query needs it."""

    def __init__(self) -> None:
        self.store: BookmarkStore | None = None

    def search(self, words: str) -> list[Bookmark]:
        if self.store is None:
            from spacereader.core.bookmarks import BookmarkStore

            self.store = BookmarkStore()
            if self.store.recovery is not None:
                warn(self.store.recovery.message)
        return self.store.search(words)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


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
    bookmarks = _Bookmarks()
    try:
        doc_id = library.info(args.doc).id if args.doc else None
        _sync(index, library)
        queries = (
            (line.rstrip("\r\n") for line in sys.stdin) if args.stdin else [" ".join(args.query)]
        )
        styled = sys.stdout.isatty()
        titles = _Titles(library)
        for query in queries:
            found = _ask(index, library, query, args=args, doc_id=doc_id, bookmarks=bookmarks)
            if args.json and args.stdin:
                print_json_line(answer_json(found, titles))
            elif args.json:
                print_json(answer_json(found, titles))
            else:
                print_readable(found, styled, titles)
                sys.stdout.flush()
    finally:
        index.close()
        bookmarks.close()
        library.close()
    return 0


def _sync(index: SearchIndex, library: Library) -> None:
    bar = _progress()
    index.sync(library, progress=bar)
    if bar is not None:
        bar.finish()


def _ask(
    index: SearchIndex,
    library: Library,
    query: str,
    *,
    args: argparse.Namespace,
    doc_id: str | None,
    bookmarks: _Bookmarks,
) -> Answer:
    """The answer; if the index turned out damaged or removed, say so, build it, ask again."""
    from spacereader.core.search.answers import answer

    def ask() -> Answer:
        return answer(
            query,
            index,
            limit=args.limit,
            doc_id=doc_id,
            bookmarks=bookmarks.search,
            include_bookmarks=args.bookmarks,
        )

    found = ask()
    if found.result is not None and found.result.error is not None:
        warn(found.result.error)
        if index.needs_sync:
            _sync(index, library)
            found = ask()
    return found


class _Titles:
    """Document titles by id, read once and only if a bookmark needs one."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._titles: dict[str, str] | None = None

    def get(self) -> dict[str, str]:
        if self._titles is None:
            self._titles = {info.id: info.title for info in self.library.documents()}
        return self._titles


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


def answer_json(found: Answer, titles: _Titles) -> dict[str, Any]:
    """A query's answer as `search --json` prints it."""
    from spacereader.core.bookmarks.exchange import to_json

    result = found.result
    return {
        "query": found.query,
        "elapsed_ms": round(result.elapsed_ms, 2) if result is not None else 0.0,
        "total": result.total if result is not None else 0,
        "partial": result.partial if result is not None else False,
        "suggestion": result.suggestion if result is not None else None,
        "notice": result.notice if result is not None else None,
        "error": result.error if result is not None else None,
        "hits": [hit_json(hit) for hit in result.hits] if result is not None else [],
        "bookmarks": [to_json(mark, titles.get()) for mark in found.bookmarks],
    }


def summary(result: SearchResult) -> str:
    """ "1,191 passages for 'space'", or "20 of 1,191 passages…" when the list is capped."""
    noun = "passage" if result.total == 1 else "passages"
    shown = len(result.hits)
    count = f"{shown:,} of {result.total:,}" if shown < result.total else f"{result.total:,}"
    if result.partial:
        count = f"{shown:,} of at least {result.total:,}"
    return f"{count} {noun} for {result.query!r}"


def print_readable(found: Answer, styled: bool, titles: _Titles) -> None:
    """Matching bookmarks, then hits grouped by document, the words marked."""
    from spacereader.cli.bookmark_commands import bookmark_line

    before, after = (BOLD, PLAIN) if styled else ("«", "»")
    result = found.result
    if result is not None:
        print(f"{summary(result)} · {result.elapsed_ms:.0f} ms")
        if result.partial:
            print("The time limit cut the search short: these are the best passages found in time.")
        if result.notice:
            print(result.notice)
        if result.suggestion:
            print(f"Did you mean: {result.suggestion}?")
    if found.bookmarks or result is None:
        noun = "bookmark" if len(found.bookmarks) == 1 else "bookmarks"
        print(f"{len(found.bookmarks)} {noun} for {found.query!r}")
        for mark in found.bookmarks:
            print(f"  {bookmark_line(mark, titles.get())}")
    for doc_id, hits in result.grouped() if result is not None else []:
        print()
        print(
            f"{before}{hits[0].title}{after}  [{doc_id}]"
            if styled
            else f"{hits[0].title}  [{doc_id}]"
        )
        for hit in hits:
            snippet = marked(hit.snippet, hit.snippet_marks, before, after)
            print(f"  {hit.start}–{hit.end}  {snippet}")

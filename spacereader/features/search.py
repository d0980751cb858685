"""Search: the index kept in step with the library, queries off the GUI thread,
hits shown in the Search dock and highlighted in the reader, F3 stepping.

The Whoosh index is opened and synced on its own thread at start (after the
first paint); queries run on a second thread so they never wait for indexing.
A query superseded by a newer one never reaches the screen.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence

from spacereader.core.wording import counted
from spacereader.features.shell import Shell
from spacereader.ui.background import BackgroundRunner, Progress
from spacereader.ui.hit_navigation import HitNavigator
from spacereader.ui.search_panel import SearchPanel

if TYPE_CHECKING:
    from spacereader.core.search import Hit, SearchIndex
    from spacereader.core.search.answers import Answer

log = logging.getLogger("spacereader.search")

RESULT_LIMIT = 200


class IndexHolder:
    """The one SearchIndex of the app, opened on first use by whichever thread needs it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: SearchIndex | None = None

    def get(self) -> SearchIndex:
        """The index, opened if need be (imports Whoosh on a worker thread)."""
        with self._lock:
            if self._index is None:
                from spacereader.core.search import SearchIndex

                self._index = SearchIndex()
            return self._index

    def needs_sync(self) -> bool:
        """True when a search found the index damaged and a sync should repair it."""
        with self._lock:
            return self._index is not None and bool(self._index.needs_sync)

    def close(self) -> None:
        """Close the index if it was opened."""
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None


class SearchFeature(QObject):
    """Connects the Search dock, the reader and the index."""

    def __init__(self, shell: Shell, panel: SearchPanel) -> None:
        super().__init__()
        self.shell = shell
        self.panel = panel
        self.index = IndexHolder()
        self.indexer = BackgroundRunner("spacereader-indexer", self)
        self.searcher = BackgroundRunner("spacereader-searcher", self)
        self.navigator: HitNavigator[Hit] = HitNavigator()
        self.bookmark_matches: Callable[[str], list[Any]] = lambda _query: []
        self.indexed = False
        self._query = ""
        self._shown_query = ""
        self._cleared = False  # Esc cleared the marks; they come back with the next search
        self._jump_when_found = False
        self._search_task = -1
        self._highlight_task = -1
        self._sync_task = -1
        self.indexer.progress.connect(self._sync_progress)
        self.indexer.finished.connect(self._synced)
        self.indexer.failed.connect(self._sync_failed)
        self.searcher.finished.connect(self._search_done)
        self.searcher.failed.connect(self._search_failed)
        panel.query_changed.connect(self._query_changed)
        panel.query_submitted.connect(self._query_submitted)
        panel.scope_changed.connect(lambda _library: self._query_changed(panel.query))
        panel.hit_activated.connect(self.go_to_hit)
        panel.include_bookmarks_changed.connect(lambda _on: self._query_changed(panel.query))
        panel.clear_requested.connect(self.clear)
        self._add_actions()

    def _add_actions(self) -> None:
        window = self.shell.window
        find = window.add_action("edit", "find", "&Find…", QKeySequence.StandardKey.Find)
        find.triggered.connect(self.panel.focus_field)
        next_hit = window.add_action("edit", "find-next", "Find &Next", QKeySequence("F3"))
        next_hit.triggered.connect(self.next_hit)
        previous = window.add_action(
            "edit", "find-previous", "Find &Previous", QKeySequence("Shift+F3")
        )
        previous.triggered.connect(self.previous_hit)
        # Esc clears the marks from where a reader looks at them: the text, the
        # results and the query field (elsewhere Esc keeps its own meaning).
        clear = QAction("&Clear Search Highlights", window)
        clear.setObjectName("clear-search")
        window.place_action("edit", clear)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        for widget in (self.shell.reader, self.panel.results, self.panel.field):
            widget.addAction(clear)
        clear.triggered.connect(self.clear)

    # -- indexing --------------------------------------------------------

    def sync(self) -> None:
        """Bring the index in step with the library, off the GUI thread."""
        root = self.shell.library

        def task(progress: Progress) -> Any:
            library = root.open_again()
            try:
                return self.index.get().sync(
                    library, progress=progress, cancelled=progress.cancelled
                )
            finally:
                library.close()

        self._sync_task = self.indexer.submit(task, key="sync")

    @Slot(int, int, int)
    def _sync_progress(self, task_id: int, done: int, total: int) -> None:
        if task_id == self._sync_task:
            self.shell.window.show_progress("Indexing the library…", done, total)

    @Slot(int, object)
    def _synced(self, task_id: int, report: Any) -> None:
        if task_id != self._sync_task:
            return
        self.indexed = True
        self.shell.window.hide_progress()
        if report.rebuilt:
            # Incremental updates stay quiet; a full build is worth a word.
            self.shell.window.show_status(
                f"Search index ready ({counted(report.added, 'document')})."
            )
        if self._query:
            # An Enter pressed before the index was ready still jumps once results come.
            self._run_query(self._query, jump=self._jump_when_found)

    @Slot(int, str)
    def _sync_failed(self, task_id: int, message: str) -> None:
        self.shell.window.hide_progress()
        self.shell.window.show_status(f"Search index: {message}", 12000)

    # -- querying --------------------------------------------------------

    @Slot(str)
    def _query_changed(self, query: str) -> None:
        self._run_query(query, jump=False)

    @Slot(str)
    def _query_submitted(self, query: str) -> None:
        if query and query == self._shown_query and self.navigator.hits:
            self.go_to_hit(self.navigator.go_to(0))
            return
        self._run_query(query, jump=True)

    def _run_query(self, query: str, jump: bool) -> None:
        self._query = query
        self._cleared = False
        self._jump_when_found = jump
        if not query:
            self.searcher.cancel(self._search_task)
            self.panel.clear_results()
            self._shown_query = ""
            self.navigator.set_hits([])
            self.clear_highlights()
            return
        document = self.shell.reader.current_document
        doc_id = None if self.panel.library_scope or document is None else document.id
        include_bookmarks = self.panel.include_bookmarks.isChecked()
        matches = self.bookmark_matches
        limit = RESULT_LIMIT

        def task(progress: Progress) -> Any:
            from spacereader.core.search.answers import answer

            # The command line asks the same way (core.search.answers).
            return answer(
                query,
                self.index.get(),
                limit=limit,
                doc_id=doc_id,
                bookmarks=matches,
                include_bookmarks=include_bookmarks,
            )

        self._search_task = self.searcher.submit(task, key="search")

    @Slot(int, object)
    def _search_done(self, task_id: int, result: Any) -> None:
        if task_id == self._search_task:
            self._show_result(result)
            if self.index.needs_sync():
                # A search met a damaged or removed index: rebuild it; results come after.
                error = result.result.error if result.result is not None else None
                reason = error or "the search index is damaged; it will be rebuilt"
                self.shell.window.show_status(f"{reason[:1].upper()}{reason[1:]}.")
                self.sync()
        elif task_id == self._highlight_task:
            self._show_document_highlights(result)

    def _show_result(self, found: Answer) -> None:
        query, result = found.query, found.result
        if query != self._query:
            return
        self._shown_query = query
        hits = self.panel.show_result(result, self.shell.titles(), list(found.bookmarks))
        self.navigator.set_hits(hits)
        # The previous query's current hit, marks and "hit n of N" are stale now.
        self.shell.reader.clear_highlights("current")
        if self.shell.window.statusBar().currentMessage().startswith("hit "):
            self.shell.window.statusBar().clearMessage()
        first = self.navigator.go_to(0) if self._jump_when_found else None
        if first is not None:
            self._jump_when_found = False
            self.go_to_hit(first)
            return
        if self.indexed:
            self._jump_when_found = False
        self.navigator.set_hits(hits)
        if hits:
            self.highlight_document()
        else:
            self.shell.reader.clear_highlights("search")

    @Slot(int, str)
    def _search_failed(self, task_id: int, message: str) -> None:
        if task_id == self._search_task:
            self.shell.window.show_status(f"Search failed: {message}", 10000)

    # -- hits in the reader ---------------------------------------------

    @Slot(object)
    def go_to_hit(self, hit: Hit | None) -> None:
        """Open the hit's document, scroll to its passage, highlight every hit there."""
        if hit is None:
            return
        self._cleared = False
        self.navigator.select(hit)
        reader = self.shell.reader
        current = reader.current_document
        if (current is None or current.id != hit.doc_id) and not self.shell.open_document(
            hit.doc_id
        ):
            return
        reader.scroll_to_offset(hit.start, hit.end)
        spans = list(hit.matches) or [(hit.start, hit.end)]
        reader.set_highlights("current", spans)
        self.panel.select_hit(hit)
        self.highlight_document()
        number, total = self.navigator.position()
        self.shell.window.show_status(f"hit {number} of {total}", 0)

    @Slot()
    def next_hit(self) -> None:
        """F3: the next hit, crossing documents; after the last, the first again."""
        number, total = self.navigator.position()
        self.go_to_hit(self.navigator.next())
        if total > 1 and number == total:
            self._say_wrapped("back to the first hit")

    @Slot()
    def previous_hit(self) -> None:
        """Shift+F3: the previous hit; before the first, the last again."""
        number, total = self.navigator.position()
        self.go_to_hit(self.navigator.previous())
        if total > 1 and number == 1:
            self._say_wrapped("back to the last hit")

    def _say_wrapped(self, where: str) -> None:
        # Added to what go_to_hit said ("hit 1 of 12"), so the two never disagree.
        said = self.shell.window.statusBar().currentMessage()
        self.shell.window.show_status(f"{said} ({where})" if said else where.capitalize(), 0)

    def highlight_document(self) -> None:
        """Mark every hit of the current query in the document on show."""
        document = self.shell.reader.current_document
        if document is None or not self._query:
            return
        query, doc_id = self._query, document.id
        language = document.info.language or None

        def task(progress: Progress) -> Any:
            from spacereader.core.shown import shown_text

            # Only what the reader shows is marked: a link's address in Markdown is not.
            text = shown_text(document)
            spans = self.index.get().match_spans(query, doc_id, text, language)
            return doc_id, query, spans

        self._highlight_task = self.searcher.submit(task, key="highlight")

    def _show_document_highlights(self, result: tuple[str, str, list[tuple[int, int]]]) -> None:
        doc_id, query, spans = result
        document = self.shell.reader.current_document
        if document is None or document.id != doc_id or query != self._query:
            return
        reader = self.shell.reader
        reader.set_highlights("search", spans)

    @Slot()
    def clear(self) -> None:
        """Esc: clear the highlights and forget the current hit."""
        if not (self.shell.reader.highlights("search") or self.shell.reader.highlights("current")):
            return
        self.clear_highlights()
        self.navigator.set_hits(self.navigator.hits)
        self._cleared = True
        self.shell.window.show_status("Highlights cleared.", 3000)

    def clear_highlights(self) -> None:
        """Remove the search layers from the reader."""
        self.shell.reader.clear_highlights("search")
        self.shell.reader.clear_highlights("current")

    def document_opened(self) -> None:
        """A document came on show: search it again if the scope is this document,
        else mark the current query's hits in it (unless Esc cleared them)."""
        self.shell.reader.clear_highlights("current")
        if self._query and not self.panel.library_scope:
            self._run_query(self._query, jump=False)
        elif not self._cleared:
            self.highlight_document()

    def stop(self) -> None:
        """Stop both threads, then close the index."""
        self.indexer.stop()
        self.searcher.stop()
        self.index.close()

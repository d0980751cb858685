"""The reading view: one document set as an article, with highlight layers.

Every position it takes and gives is a document offset (code points of the
document's text); the TextMap converts to and from Qt's positions.

A large document is set a slice at a time (see render_job.py): the first screen
at once, the rest on a zero-delay timer, so the window never freezes. A jump to
text not yet set waits for it, and `top_offset` already answers with its target.

Signals:
    position_changed(str, int): the document id and the offset at the top of the view.
    link_activated(QUrl): the user clicked a link (the app decides what to open).
    render_finished(): the whole document on show is set.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from spacereader.core.document import Document, DocumentFormat
from spacereader.core.loaders import Link
from spacereader.ui import typography
from spacereader.ui.article_renderer import ArticleRenderer
from spacereader.ui.dense_marks import LAYOUT_LAYERS, BlockFormats, Piece, dense_blocks
from spacereader.ui.highlight_formats import LAYER_KINDS, SpanLayer, highlight_format
from spacereader.ui.render_job import RenderJob
from spacereader.ui.textmap import TextMap
from spacereader.ui.view_geometry import block_pieces, first_position_from, last_position_to

Span = tuple[int, int]
MIN_SIDE_MARGIN = 12
# Below this many characters a line, the panels give way (see panel_fit.py).
MIN_READABLE_CHARACTERS = 34
# Highlights are made for the visible text plus this many characters either side,
# and remade as the view scrolls: a 10 MB document may carry 100,000 marks.
HIGHLIGHT_WINDOW = 6000
HIGHLIGHT_REFRESH_MS = 15
FLASH_MS = 900
POSITION_DEBOUNCE_MS = 400
# Between slices of a large document; longer while a Markdown parse is running.
RENDER_PAUSE_MS = 0
PARSE_POLL_MS = 20
# A text laid out in the view beyond this size is set anew when the measure changes.
REFLOW_BY_SLICES = 200_000
REFLOW_DELAY_MS = 150


class ReaderView(QTextBrowser):
    """Shows a Document as an article; see the module docstring."""

    position_changed = Signal(str, int)
    link_activated = Signal(QUrl)
    render_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setAccessibleName("Article")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFont(typography.body_font())
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        # The side margins around the page show the page's colour.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self._document: Document | None = None
        self._links: tuple[Link, ...] = ()
        self._map = TextMap("")
        # Each layer's spans sorted by start, with their starts and longest length,
        # kept so a re-render (zoom, theme) or a scroll paints them again.
        self._layers: dict[str, SpanLayer] = {}
        self._block_formats = BlockFormats()  # marks of dense blocks (see dense_marks.py)
        self.custom_colors: dict[str, QColor] = {}
        self.context_actions: list[QAction] = []
        self.anchorClicked.connect(self.link_activated)
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(POSITION_DEBOUNCE_MS)
        self._position_timer.timeout.connect(self._emit_position)
        # Not connected to start() itself: the scroll value would become the interval.
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._position_timer.start())
        self._highlight_timer = QTimer(self)
        self._highlight_timer.setSingleShot(True)
        self._highlight_timer.setInterval(HIGHLIGHT_REFRESH_MS)
        self._highlight_timer.timeout.connect(self._apply_layers)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._highlight_timer.start())
        # Owned by the view, so a pending flash dies with it.
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(lambda: self.clear_highlights("flash"))
        self._job: RenderJob | None = None
        self._links_set = 0  # links before this index are set in the view
        # The last jump, (offset, margin): made once its text is set, and made again
        # when Qt's layout changes the scroll range, until the user moves the view.
        self._scroll_target: tuple[int, bool] | None = None
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.timeout.connect(self._render_more)
        self._reflow_timer = QTimer(self)
        self._reflow_timer.setSingleShot(True)
        self._reflow_timer.setInterval(REFLOW_DELAY_MS)
        self._reflow_timer.timeout.connect(self.rerender)
        self._placing = False  # the view is being put at the scroll target
        self.verticalScrollBar().actionTriggered.connect(self._forget_scroll_target)
        self.verticalScrollBar().rangeChanged.connect(self._scroll_to_target)
        self.verticalScrollBar().valueChanged.connect(self._view_moved)

    # -- showing ---------------------------------------------------------

    @property
    def current_document(self) -> Document | None:
        """The document on show, if any."""
        return self._document

    @property
    def text_map(self) -> TextMap:
        """The offset map of the document on show."""
        return self._map

    @property
    def rendering(self) -> bool:
        """True while part of the document on show is still to be set."""
        return self._job is not None and not self._job.done

    def set_to(self) -> int:
        """The document offset up to which the text is set (all of it when done)."""
        if self._job is None or self._job.done:
            return len(self._document.text) if self._document is not None else 0
        return self._job.reached

    def show_document(self, document: Document, links: Sequence[Link] = ()) -> None:
        """Set the document as an article and scroll to its top.

        `links` (from an HTML page) become clickable; the app decides what opens.
        """
        self._document = document
        self._links = tuple(links)
        self._layers.clear()
        self.setExtraSelections([])
        self._render(document)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)

    def show_nothing(self, message: str) -> None:
        """No document: a quiet line saying what to do."""
        self._stop_rendering()
        self._document = None
        self._links = ()
        self._layers.clear()
        self.setExtraSelections([])
        self._map = TextMap("")
        empty = QTextDocument(self)
        empty.setDefaultFont(self.font())
        empty.setDocumentMargin(32)
        empty.setPlainText(message)
        _set_side_margins(empty)
        self._block_formats.forget()
        self.setDocument(empty)
        self._update_measure()

    def rerender(self) -> None:
        """Set the document again (after a font or theme change), keeping place and marks."""
        if self._document is None:
            return
        top = self.top_offset()
        self._render(self._document)
        self.scroll_to_offset(top, margin=False)
        self._apply_layers()

    def _render(self, document: Document) -> None:
        self._stop_rendering()
        # The opening is set detached from the view, then swapped in; the rest is
        # appended a slice at a time (render_job.py).
        target = QTextDocument(self)
        target.setUndoRedoEnabled(False)
        if document.info.format is DocumentFormat.MARKDOWN:
            from spacereader.ui.markdown_renderer import MarkdownRenderer

            renderer: ArticleRenderer | MarkdownRenderer = MarkdownRenderer(
                self.font(), self.palette()
            )
        else:
            renderer = ArticleRenderer(self.font(), self.palette())
        self._map, steps = renderer.render_steps(document, target)
        self._job = RenderJob(target, steps)
        self._job.first_slice()
        self._links_set = 0
        self._apply_links(target)
        _set_side_margins(target)
        self._block_formats.forget()
        self.setDocument(target)  # the previous document, a child of the view, is deleted
        self._update_measure()  # after the swap: only the opening is laid out again
        self._finish_or_continue()

    def _stop_rendering(self) -> None:
        self._render_timer.stop()
        self._job = None
        self._scroll_target = None

    @Slot()
    def _render_more(self) -> None:
        job = self._job
        if job is None:
            return
        before = job.reached
        job.slice(hurried=self._waiting_scroll() is not None)
        self._apply_links(job.target)
        if self._visible_window()[1] >= before:
            self._highlight_timer.start()
        self._finish_or_continue()

    def _finish_or_continue(self) -> None:
        job = self._job
        if job is None:
            return
        waiting = self._waiting_scroll()
        if waiting is not None and (job.done or job.reached > waiting):
            if job.done:
                self._job = None
            self._scroll_to_target()
            if self._layers.get("flash"):
                self._flash_timer.start()
        if job.done:
            self._job = None
            self.render_finished.emit()
        else:
            self._render_timer.start(PARSE_POLL_MS if job.waiting else RENDER_PAUSE_MS)

    @Slot()
    @Slot(int)
    def _forget_scroll_target(self, _action: int = 0) -> None:
        self._scroll_target = None

    @Slot(int)
    def _view_moved(self, value: int) -> None:
        # Moved by anything but the jump (a cursor shown, a scroll by code) ends
        # the jump; Qt shrinking the range under it (value at the end) does not.
        if not self._placing and value != self.verticalScrollBar().maximum():
            self._scroll_target = None

    def _waiting_scroll(self) -> int | None:
        """The offset of a jump still waiting for its text to be set."""
        target, job = self._scroll_target, self._job
        if target is None or job is None or job.done or target[0] < job.reached:
            return None
        return target[0]

    def _apply_links(self, target: QTextDocument) -> None:
        link_color = self.palette().color(QPalette.ColorRole.Link)
        set_to = self._job.reached if self._job is not None and not self._job.done else None
        while self._links_set < len(self._links):
            link = self._links[self._links_set]
            if set_to is not None and link.end > set_to:
                return
            self._links_set += 1
            start, end = self._map.view_span(link.start, link.end)
            if end <= start:
                continue
            cursor = QTextCursor(target)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            char_format = QTextCharFormat()
            char_format.setAnchor(True)
            char_format.setAnchorHref(link.href)
            char_format.setToolTip(link.href)
            char_format.setFontUnderline(True)
            char_format.setForeground(link_color)
            cursor.mergeCharFormat(char_format)

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        """Load nothing a document names: no remote fetches, no local files."""
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys move the view: the last jump is done with."""
        self._forget_scroll_target()
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel moves the view: the last jump is done with."""
        self._forget_scroll_target()
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click (a selection, a drag) takes over from the last jump."""
        self._forget_scroll_target()
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The standard menu (Copy, Select All) with the app's actions on top."""
        menu = self.createStandardContextMenu(event.pos())
        if self.context_actions and menu.actions():
            first = menu.actions()[0]
            menu.insertActions(first, self.context_actions)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- positions -------------------------------------------------------

    def cursor_for(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting a document span."""
        view_start, view_end = self._map.view_span(start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(view_start)
        cursor.setPosition(view_end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def scroll_to_offset(self, offset: int, end: int | None = None, margin: bool = True) -> None:
        """Bring a document offset into view: a quarter down the view, or at the top.

        Text not yet set is waited for: the view goes there once it is.
        """
        del end  # the span starts where it starts; its length does not move the view
        self._scroll_target = (offset, margin)
        self._scroll_to_target()

    @Slot()
    def _scroll_to_target(self) -> None:
        if self._scroll_target is None or self._waiting_scroll() is not None:
            return
        offset, margin = self._scroll_target
        position = self._map.to_view(offset)
        document = self.document()
        block = document.findBlock(position)
        # blockBoundingRect lays the document out up to this block; a cursor
        # rectangle far below what is laid out would only be an estimate.
        rect = document.documentLayout().blockBoundingRect(block)
        line = block.layout().lineForTextPosition(position - block.position())
        y = rect.top() + (line.y() if line.isValid() else 0.0)
        lead = self.viewport().height() // 4 if margin else 0
        value = max(0, int(y) - lead)
        scrollbar = self.verticalScrollBar()
        # Qt sets the range as its layout goes; until it passes this point the
        # range is widened here, and rangeChanged brings the view back.
        self._placing = True
        try:
            if value > scrollbar.maximum():
                scrollbar.blockSignals(True)
                scrollbar.setMaximum(value)
                scrollbar.blockSignals(False)
            scrollbar.setValue(value)
        finally:
            self._placing = False

    def top_offset(self) -> int:
        """The document offset of the first text visible at the top of the view
        (or where the view is about to go, once its text is set)."""
        waiting = self._waiting_scroll()
        return waiting if waiting is not None else self._visible_top()

    def _visible_top(self) -> int:
        top = self.verticalScrollBar().value()
        return self._map.to_document(first_position_from(self.document(), top))

    def bottom_offset(self) -> int:
        """The document offset of the last text visible at the bottom of the view."""
        bottom = self.verticalScrollBar().value() + self.viewport().height() - 1
        return self._map.to_document(last_position_to(self.document(), bottom), end=True)

    def selected_span(self) -> Span | None:
        """The selected document span, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._map.to_document(cursor.selectionStart())
        end = self._map.to_document(cursor.selectionEnd(), end=True)
        return (start, end) if end > start else None

    def caret_offset(self) -> int:
        """The document offset of the caret."""
        return self._map.to_document(self.textCursor().position())

    # -- highlights ------------------------------------------------------

    def set_highlights(self, layer: str, spans: Sequence[Span] | SpanLayer) -> None:
        """Replace one layer (a LAYER_KINDS key); later layers paint over earlier ones.

        Tens of thousands of spans can come as a SpanLayer, sorted off the GUI thread.
        """
        self._layers[layer] = spans if isinstance(spans, SpanLayer) else SpanLayer(spans)
        self._apply_layers()

    def highlights(self, layer: str) -> list[Span]:
        """The spans of one layer, as document offsets, in text order."""
        found = self._layers.get(layer)
        return list(found.spans) if found else []

    def clear_highlights(self, layer: str) -> None:
        """Remove one layer of highlights."""
        if self._layers.pop(layer, None) is not None:
            self._apply_layers()

    def flash(self, start: int, end: int) -> None:
        """Briefly mark a span, to show where a jump landed (once it has landed)."""
        self.set_highlights("flash", [(start, end)])
        if self._waiting_scroll() is None:
            self._flash_timer.start()

    def _visible_window(self) -> Span:
        top, bottom = self._visible_top(), self.bottom_offset()
        return max(0, min(top, bottom) - HIGHLIGHT_WINDOW), max(top, bottom) + HIGHLIGHT_WINDOW

    def _apply_layers(self) -> None:
        palette = self.palette()
        window_start, window_end = self._visible_window()
        window_end = min(window_end, self.set_to())
        document = self.document()
        pieces: list[tuple[int, Piece]] = []  # (block number, piece), in layer order
        for layer, kind in LAYER_KINDS.items():
            found = self._layers.get(layer)
            if not found:
                continue
            char_format = highlight_format(kind, palette, self.custom_colors)
            spans = (
                self._map.view_span(start, min(end, window_end))
                for start, end in found.within(window_start, window_end)
            )
            for number, (start, end) in block_pieces(document, spans):
                pieces.append((number, (layer, start, end, char_format)))
        dense = dense_blocks(pieces)
        self._block_formats.show(document, dense)
        selections = []
        for number, (layer, start, end, char_format) in pieces:
            if number in dense and layer in LAYOUT_LAYERS:
                continue  # drawn with the block's text
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(document)
            selection.cursor.setPosition(start)
            selection.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.format = char_format
            selections.append(selection)
        self.setExtraSelections(selections)

    # -- layout ----------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the reading column at a comfortable measure, centred."""
        super().resizeEvent(event)
        self._update_measure()
        self._highlight_timer.start()

    def readable_width(self) -> int:
        """The narrowest the view may get and still set a readable line."""
        sample = typography.MEASURE_SAMPLE
        per_char = self.fontMetrics().horizontalAdvance(sample) / len(sample)
        scrollbar = self.verticalScrollBar().sizeHint().width()
        return int(per_char * MIN_READABLE_CHARACTERS) + 2 * MIN_SIDE_MARGIN + scrollbar

    def _update_measure(self) -> None:
        # The page is as wide as the measure, centred by the viewport's side margins,
        # and the text wraps at that fixed width: a resize that leaves the measure
        # alone lays nothing out again (on a large text, a relayout takes seconds).
        sample = typography.MEASURE_SAMPLE
        per_char = self.fontMetrics().horizontalAdvance(sample) / len(sample)
        column = int(per_char * typography.MEASURE_CHARACTERS)
        margins = self.viewportMargins()
        available = self.viewport().width() + margins.left() + margins.right()
        page = max(1, min(column + 2 * MIN_SIDE_MARGIN, available))
        left = (available - page) // 2
        right = available - page - left
        if (left, right) != (margins.left(), margins.right()):
            self.setViewportMargins(left, 0, right, 0)
        if self.lineWrapColumnOrWidth() == page:
            return
        if self.document().characterCount() > REFLOW_BY_SLICES:
            # Qt would lay the whole text out again in steps of a fifth of a second:
            # the document is set anew instead, a slice at a time, once resizing stops.
            self._reflow_timer.start()
        else:
            self.setLineWrapColumnOrWidth(page)

    @Slot()
    def _emit_position(self) -> None:
        if self._document is not None:
            self.position_changed.emit(self._document.id, self.top_offset())


def _set_side_margins(document: QTextDocument) -> None:
    """The page's own margins left and right, narrower than at the top: the
    view's margins centre the page, and lines run as wide as the measure."""
    root = document.rootFrame()
    frame_format = root.frameFormat()
    frame_format.setLeftMargin(MIN_SIDE_MARGIN)
    frame_format.setRightMargin(MIN_SIDE_MARGIN)
    root.setFrameFormat(frame_format)

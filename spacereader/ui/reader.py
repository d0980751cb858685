"""The reading view: one document set as an article, with highlight layers.

Signals:
    position_changed(str, int): the document id and the offset at the top of the view.
    link_activated(QUrl): the user clicked a link (the app decides what to open).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from spacereader.core.document import Document
from spacereader.ui import typography
from spacereader.ui.article_renderer import ArticleRenderer
from spacereader.ui.textmap import TextMap

Span = tuple[int, int]
MIN_SIDE_MARGIN = 12
FLASH_MS = 900


class ReaderView(QTextBrowser):
    """Shows a Document; all positions it takes and gives are document offsets."""

    position_changed = Signal(str, int)
    link_activated = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setAccessibleName("Article")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFont(typography.body_font())
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._document: Document | None = None
        self._map = TextMap("")
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._layer_order: list[str] = []
        self.anchorClicked.connect(self.link_activated)
        self._position_timer = QTimer(self, singleShot=True, interval=400)
        self._position_timer.timeout.connect(self._emit_position)
        self.verticalScrollBar().valueChanged.connect(self._position_timer.start)

    # -- showing ---------------------------------------------------------

    @property
    def current_document(self) -> Document | None:
        """The document on show, if any."""
        return self._document

    @property
    def text_map(self) -> TextMap:
        """The offset map of the document on show."""
        return self._map

    def show_document(self, document: Document) -> None:
        """Set the document as an article and scroll to its top."""
        self._document = document
        self._layers.clear()
        self.setExtraSelections([])
        renderer = ArticleRenderer(self.font(), self.palette())
        self._map = renderer.render(document, self.document())
        self._update_measure()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        """Load nothing a document names: no remote fetches, no local files."""
        return None

    # -- positions -------------------------------------------------------

    def cursor_for(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting a document span."""
        view_start, view_end = self._map.view_span(start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(view_start)
        cursor.setPosition(view_end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def scroll_to_offset(self, offset: int, end: int | None = None) -> None:
        """Bring a document span into view, a little below the top."""
        cursor = self.cursor_for(offset, offset if end is None else end)
        rect = self.cursorRect(QTextCursor(cursor.document().findBlock(cursor.selectionStart())))
        target = self.verticalScrollBar().value() + rect.top() - self.viewport().height() // 4
        self.verticalScrollBar().setValue(max(0, target))

    def top_offset(self) -> int:
        """The document offset of the first text visible at the top of the view."""
        position = self.cursorForPosition(self.viewport().rect().topLeft()).position()
        return self._map.to_document(position)

    def selected_span(self) -> Span | None:
        """The selected document span, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._map.to_document(cursor.selectionStart())
        end = self._map.to_document(cursor.selectionEnd())
        return (start, end) if end > start else None

    def caret_offset(self) -> int:
        """The document offset of the caret."""
        return self._map.to_document(self.textCursor().position())

    # -- highlights ------------------------------------------------------

    def set_highlights(
        self, layer: str, spans: Sequence[Span], char_format: QTextCharFormat
    ) -> None:
        """Replace one named layer of highlights; later layers paint over earlier ones."""
        selections = []
        for start, end in spans:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self.cursor_for(start, end)
            selection.format = char_format
            selections.append(selection)
        if layer not in self._layer_order:
            self._layer_order.append(layer)
        self._layers[layer] = selections
        self._apply_layers()

    def clear_highlights(self, layer: str) -> None:
        """Remove one layer of highlights."""
        if self._layers.pop(layer, None) is not None:
            self._apply_layers()

    def flash(self, start: int, end: int) -> None:
        """Briefly mark a span, to show where a jump landed."""
        flash_format = QTextCharFormat()
        flash_format.setBackground(QColor(255, 196, 0, 150))
        self.set_highlights("flash", [(start, end)], flash_format)
        QTimer.singleShot(FLASH_MS, lambda: self.clear_highlights("flash"))

    def _apply_layers(self) -> None:
        ordered = [s for name in self._layer_order for s in self._layers.get(name, [])]
        self.setExtraSelections(ordered)

    # -- layout ----------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the reading column at a comfortable measure, centred."""
        super().resizeEvent(event)
        self._update_measure()

    def _update_measure(self) -> None:
        # The column is centred with the root frame's side margins: the text
        # then wraps at the measure and the whole width still scrolls and selects.
        sample = typography.MEASURE_SAMPLE
        per_char = self.fontMetrics().horizontalAdvance(sample) / len(sample)
        column = int(per_char * typography.MEASURE_CHARACTERS)
        side = max(MIN_SIDE_MARGIN, (self.viewport().width() - column) // 2)
        root = self.document().rootFrame()
        frame_format = root.frameFormat()
        if int(frame_format.leftMargin()) != side:
            frame_format.setLeftMargin(side)
            frame_format.setRightMargin(side)
            root.setFrameFormat(frame_format)

    @Slot()
    def _emit_position(self) -> None:
        if self._document is not None:
            self.position_changed.emit(self._document.id, self.top_offset())

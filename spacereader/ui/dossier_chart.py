"""The dossier's time line, drawn with QPainter: mentions as bars, figure series as points.

Bars (left scale) count the program's mentions per month or year; each shown
series is a line of points (right scale) in its own colour, a ring marking a
point in conflict. The legend turns series on and off (the right scale follows
the series shown). Hovering tells what a bar or point is; clicking a point
asks for its passage, clicking a bar for the first document of that period.

Signals:
    point_activated(object): a SeriesPoint was clicked.
    period_activated(int, int): a bar was clicked (first day, day after the last).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from spacereader.core.dates import date_label, day_number
from spacereader.core.dossier.model import Series, SeriesPoint
from spacereader.core.dossier.timeline import Timeline
from spacereader.core.wording import counted
from spacereader.ui import typography

# Colour-blind-safe series colours (Okabe–Ito), then the bars' and conflicts'.
SERIES_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
CONFLICT_COLOR = QColor("#D7263D")
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 44, 48, 30, 24
POINT_RADIUS = 4.0
HIT_RADIUS = 8.0
SERIES_SHOWN_AT_FIRST = 1
# A series of more points is drawn as dots alone: a line through them would be a scribble.
LINE_UP_TO = 120


@dataclass(frozen=True)
class _LegendEntry:
    rect: QRectF
    series: int  # -1 for the bars


class TimelineChart(QWidget):
    """Draws a Timeline and the dossier's series; see the module docstring."""

    point_activated = Signal(object)
    period_activated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossier-chart")
        self.setAccessibleName("Time line: mentions and figures over time")
        self.setMouseTracking(True)
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.timeline = Timeline((), by_month=True)
        self.series: tuple[Series, ...] = ()
        self.shown: set[int] = set()
        self._conflicted: set[tuple[str, int]] = set()
        self._legend: list[_LegendEntry] = []
        # Per series: (what they were computed for, positions of its points).
        self._positions: dict[int, tuple[object, list[QPointF]]] = {}
        self._top: tuple[frozenset[int], float] | None = None

    def sizeHint(self) -> QSize:
        """Wide and low."""
        return QSize(720, 230)

    def set_data(
        self,
        timeline: Timeline,
        series: tuple[Series, ...],
        conflicted: set[tuple[str, int]] | None = None,
    ) -> None:
        """What to draw; `conflicted` holds (doc_id, figure start) of points in conflict."""
        self.timeline = timeline
        self.series = series
        self.shown = set(range(min(SERIES_SHOWN_AT_FIRST, len(series))))
        self._conflicted = conflicted or set()
        self._positions.clear()
        self._top = None
        self.update()

    def toggle_series(self, number: int) -> None:
        """Show or hide one series (as a click on its legend entry does)."""
        if 0 <= number < len(self.series):
            self.shown ^= {number}
            self.update()

    # -- geometry ------------------------------------------------------------

    def _plot(self) -> QRectF:
        return QRectF(self.rect()).adjusted(MARGIN_LEFT, MARGIN_TOP, -MARGIN_RIGHT, -MARGIN_BOTTOM)

    def _x(self, day: float) -> float:
        plot = self._plot()
        span = max(1, self.timeline.end - self.timeline.start)
        return plot.left() + (day - self.timeline.start) / span * plot.width()

    def _value_top(self) -> float:
        key = frozenset(self.shown)
        if self._top is None or self._top[0] != key:
            values = [p.value for n in self.shown for p in self.series[n].points]
            self._top = (key, _nice_ceiling(max(values) * 1.1) if values else 1.0)
        return self._top[1]

    def _mentions_top(self) -> float:
        return _nice_ceiling(max((b.mentions for b in self.timeline.bins), default=1))

    def positions(self, number: int) -> list[QPointF]:
        """Where a series' points are drawn, in the widget's current size (kept until then)."""
        key = (number, self.width(), self.height(), frozenset(self.shown))
        cached = self._positions.get(number)
        if cached is not None and cached[0] == key:
            return cached[1]
        plot = self._plot()
        top = self._value_top()
        start = self.timeline.start
        scale = plot.width() / max(1, self.timeline.end - start)
        found = [
            QPointF(
                plot.left() + ((day_number(point.date) or start) - start) * scale,
                plot.bottom() - point.value / top * plot.height(),
            )
            for point in self.series[number].points
        ]
        self._positions[number] = (key, found)
        return found

    # -- painting ------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """Axes, bars, series, legend."""
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        if not self.timeline.bins:
            painter.setPen(typography.subdued_color(palette))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, "No dated document names this program."
            )
            return
        # Axes and bars are straight lines: crisp (and quick) without antialiasing.
        self._draw_axes(painter, palette)
        self._draw_bars(painter, palette)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for number in sorted(self.shown):
            self._draw_series(painter, number)
        self._draw_legend(painter, palette)

    def _draw_axes(self, painter: QPainter, palette: QPalette) -> None:
        plot = self._plot()
        subdued = typography.subdued_color(palette)
        grid = QColor(subdued)
        grid.setAlpha(60)
        metrics = QFontMetrics(self.font())
        painter.setPen(QPen(grid, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.setPen(subdued)
        # Years along the bottom; every bin's start is a tick, years are labelled.
        years = [
            b for b in self.timeline.bins if not self.timeline.by_month or b.label[:3] == "Jan"
        ]
        if not years or years[0] is not self.timeline.bins[0]:
            years.insert(0, self.timeline.bins[0])  # the first year, whatever its first month
        every = max(1, math.ceil(len(years) * 44 / max(1.0, plot.width())))
        for number, found in enumerate(years):
            x = self._x(found.start)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom() + 3))
            if number % every == 0:
                painter.setPen(subdued)
                label = found.label[-4:]
                painter.drawText(QPointF(x + 3, plot.bottom() + metrics.ascent() + 4), label)
        mentions_top = self._mentions_top()
        painter.setPen(subdued)
        painter.drawText(
            QRectF(0, plot.top() - metrics.height() / 2, MARGIN_LEFT - 6, metrics.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{mentions_top:,.0f}",
        )
        painter.drawText(
            QRectF(0, plot.bottom() - metrics.height() / 2, MARGIN_LEFT - 6, metrics.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            "0",
        )
        if self.shown:
            right = QRectF(plot.right() + 6, 0, MARGIN_RIGHT - 6, metrics.height())
            for value, y in ((self._value_top(), plot.top()), (0.0, plot.bottom())):
                painter.drawText(
                    right.translated(0, y - metrics.height() / 2),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    f"{value:,.0f}",
                )

    def _draw_bars(self, painter: QPainter, palette: QPalette) -> None:
        plot = self._plot()
        top = self._mentions_top()
        color = QColor(typography.subdued_color(palette))
        color.setAlpha(110)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        for found in self.timeline.bins:
            if not found.mentions:
                continue
            left, right = self._x(found.start), self._x(found.end)
            height = found.mentions / top * plot.height()
            gap = 1.0 if right - left > 3 else 0.0
            painter.drawRect(
                QRectF(left + gap, plot.bottom() - height, max(1.0, right - left - 2 * gap), height)
            )

    def _draw_series(self, painter: QPainter, number: int) -> None:
        color = QColor(SERIES_COLORS[number % len(SERIES_COLORS)])
        positions = self.positions(number)
        faint = QColor(color)
        faint.setAlpha(120)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if 1 < len(positions) <= LINE_UP_TO:
            painter.setPen(QPen(faint, 1.2))
            painter.drawPolyline(QPolygonF(positions))
        # Points as round pen dots, in two calls: a ring of the background, then the colour.
        outline = QPen(self.palette().color(QPalette.ColorRole.Base), 2 * POINT_RADIUS + 2)
        outline.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(outline)
        painter.drawPoints(QPolygonF(positions))
        dot = QPen(color, 2 * POINT_RADIUS)
        dot.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(dot)
        painter.drawPoints(QPolygonF(positions))
        painter.setPen(QPen(CONFLICT_COLOR, 2))
        for point, position in zip(self.series[number].points, positions, strict=True):
            if (point.doc_id, point.figure_start) in self._conflicted:
                painter.drawEllipse(position, POINT_RADIUS + 3, POINT_RADIUS + 3)

    def _draw_legend(self, painter: QPainter, palette: QPalette) -> None:
        metrics = QFontMetrics(self.font())
        x, y = float(MARGIN_LEFT), 8.0
        height = float(metrics.height())
        self._legend = []
        bars = QColor(typography.subdued_color(palette))
        bars.setAlpha(110)
        unit = "month" if self.timeline.by_month else "year"
        entries = [(f"Mentions per {unit}", bars, -1)]
        entries += [
            (f"{s.what} ({len(s.points)})", QColor(SERIES_COLORS[n % len(SERIES_COLORS)]), n)
            for n, s in enumerate(self.series[: len(SERIES_COLORS)])
        ]
        for label, color, number in entries:
            width = metrics.horizontalAdvance(label) + 22
            if x + width > self.width() - MARGIN_RIGHT:
                break
            rect = QRectF(x, y, width, height)
            on = number < 0 or number in self.shown
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color if on else Qt.BrushStyle.NoBrush)
            if not on:
                painter.setPen(QPen(color, 1.5))
            if number < 0:
                painter.drawRect(QRectF(x, y + height / 2 - 5, 10, 10))
            else:
                painter.drawEllipse(QPointF(x + 5, y + height / 2), 5, 5)
            text = (
                palette.color(QPalette.ColorRole.Text) if on else typography.subdued_color(palette)
            )
            painter.setPen(text)
            painter.drawText(QPointF(x + 15, y + metrics.ascent()), label)
            self._legend.append(_LegendEntry(rect, number))
            x += width + 10

    # -- mouse ---------------------------------------------------------------

    def point_at(self, position: QPointF) -> SeriesPoint | None:
        """The shown point under a position, if any."""
        best: tuple[float, SeriesPoint] | None = None
        x, y = position.x(), position.y()
        for number in self.shown:
            for point, where in zip(
                self.series[number].points, self.positions(number), strict=True
            ):
                if abs(where.x() - x) > HIT_RADIUS or abs(where.y() - y) > HIT_RADIUS:
                    continue
                distance = math.hypot(where.x() - x, where.y() - y)
                if distance <= HIT_RADIUS and (best is None or distance < best[0]):
                    best = (distance, point)
        return best[1] if best else None

    def bin_at(self, position: QPointF) -> int | None:
        """The index of the bin under a position, if it is inside the plot."""
        plot = self._plot()
        if not plot.contains(position):
            return None
        for number, found in enumerate(self.timeline.bins):
            if self._x(found.start) <= position.x() < self._x(found.end):
                return number
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Tell what is under the pointer."""
        position = event.position()
        point = self.point_at(position)
        text = ""
        if point is not None:
            where = ", ".join(part for part in (point.source, date_label(point.date)) if part)
            text = f"<b>{point.figure_text} {point.unit}</b><br>{where}<br><i>{point.title}</i>"
            if (point.doc_id, point.figure_start) in self._conflicted:
                text += "<br>In conflict with a source close in time"
        else:
            number = self.bin_at(position)
            if number is not None:
                found = self.timeline.bins[number]
                mentions = counted(found.mentions, "mention")
                text = f"{found.label}: {mentions} in {counted(found.documents, 'document')}"
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if point is not None else Qt.CursorShape.ArrowCursor
        )
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A point opens its passage; a bar its period; a legend entry toggles its series."""
        if event.button() != Qt.MouseButton.LeftButton:
            return
        position = event.position()
        for entry in self._legend:
            if entry.rect.contains(position):
                if entry.series >= 0:
                    self.toggle_series(entry.series)
                return
        point = self.point_at(position)
        if point is not None:
            self.point_activated.emit(point)
            return
        number = self.bin_at(position)
        if number is not None and self.timeline.bins[number].documents:
            found = self.timeline.bins[number]
            self.period_activated.emit(found.start, found.end)


def _nice_ceiling(value: float) -> float:
    """The next round number at or above `value` (1, 2, 5 × 10^n)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)

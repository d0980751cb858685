"""A list delegate that draws two lines: a title and a subdued detail line, and a small
badge (a document's language, "FR") at the end of the title line."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from spacereader.ui import typography

DETAIL_ROLE = Qt.ItemDataRole.UserRole + 100
# A short tag drawn as a badge at the right of the title line ("EN", "FR"), or nothing.
BADGE_ROLE = Qt.ItemDataRole.UserRole + 102
PADDING = 6
BADGE_PADDING = 4
BADGE_GAP = 6

ModelIndex = QModelIndex | QPersistentModelIndex


class TwoLineDelegate(QStyledItemDelegate):
    """Title in the list's font, detail (DETAIL_ROLE) below it in a smaller grey.

    With `uniform`, every row is two lines high, as a view with uniform row
    heights needs (it sizes all rows from the first).
    """

    def __init__(self, parent: QObject | None = None, uniform: bool = False) -> None:
        super().__init__(parent)
        self._uniform = uniform

    def _detail_font(self, option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.88))
        return font

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        """Room for both lines."""
        title = QFontMetrics(option.font)
        detail = QFontMetrics(self._detail_font(option))
        height = title.height() + PADDING * 2
        if self._uniform or index.data(DETAIL_ROLE):
            height += detail.height() + 2
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        """Draw the selection background, then both lines elided to the width."""
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        text = option.text
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect: QRect = option.rect.adjusted(PADDING + 2, PADDING, -PADDING, -PADDING)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        title_font = QFont(option.font)
        title_metrics = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(palette.color(role))
        title_rect = QRect(rect.left(), rect.top(), rect.width(), title_metrics.height())
        badge = str(index.data(BADGE_ROLE) or "")
        if badge:
            width = self._paint_badge(painter, option, title_rect, badge, selected)
            title_rect.setRight(title_rect.right() - width - BADGE_GAP)
            painter.setFont(title_font)
            painter.setPen(palette.color(role))
        elided = title_metrics.elidedText(text, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
        )
        detail = str(index.data(DETAIL_ROLE) or "")
        if detail:
            detail_font = self._detail_font(option)
            metrics = QFontMetrics(detail_font)
            painter.setFont(detail_font)
            color = palette.color(role) if selected else typography.subdued_color(palette)
            painter.setPen(color)
            detail_rect = QRect(
                rect.left(), title_rect.bottom() + 2, rect.width(), metrics.height()
            )
            painter.drawText(
                detail_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(detail, Qt.TextElideMode.ElideRight, rect.width()),
            )
        painter.restore()

    def _paint_badge(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        line: QRect,
        badge: str,
        selected: bool,
    ) -> int:
        """Draw the badge at the right end of `line`, outlined in the detail colour;
        return its width."""
        font = self._detail_font(option)
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.9))
        font.setWeight(QFont.Weight.DemiBold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(badge) + 2 * BADGE_PADDING
        height = min(line.height(), metrics.height() + 2)
        box = QRect(line.right() - width + 1, line.center().y() - height // 2, width, height)
        palette: QPalette = option.palette
        color = (
            palette.color(QPalette.ColorRole.HighlightedText)
            if selected
            else typography.subdued_color(palette)
        )
        painter.setFont(font)
        painter.setPen(color)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.drawRoundedRect(box.adjusted(0, 0, -1, -1), 3, 3)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, badge)
        return width

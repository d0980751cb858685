"""Preferences: the reading font and size, the theme, and the highlight colours."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Slot
from PySide6.QtGui import QColor, QFont, QFontInfo, QPalette
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spacereader.ui import typography
from spacereader.ui.highlight_formats import highlight_text_color
from spacereader.ui.preferences import COLOR_KINDS, THEME_LABELS, Preferences
from spacereader.ui.theme import ThemeChoice
from spacereader.ui.typography import highlight_color


class ColorButton(QPushButton):
    """A button that shows a highlight colour, with text as the reader would set on
    it, and lets the user pick another (or go back to the theme's)."""

    def __init__(self, kind: str, label: str, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = kind
        self._label = label
        self.color = color
        self.setAccessibleName(f"{label} colour")
        self.clicked.connect(self._choose)
        self._show()

    def shown_color(self) -> QColor:
        """The colour in use: the user's, or the theme's tint."""
        return QColor(self.color) if self.color else highlight_color(self._kind, self.palette())

    def _show(self) -> None:
        background = self.shown_color()
        text = highlight_text_color(background, self.palette())
        self.setText(self.color or "Theme default")
        self.setStyleSheet(f"background-color: {background.name()}; color: {text.name()};")
        if text != self.palette().color(QPalette.ColorRole.Text):
            self.setToolTip("Text on this colour is set dark or light so that it stays readable.")
        else:
            self.setToolTip("")

    @Slot()
    def _choose(self) -> None:
        chosen = QColorDialog.getColor(self.shown_color(), self, f"{self._label} highlight")
        if chosen.isValid():
            self.color = chosen.name()
            self._show()

    def reset(self) -> None:
        """Back to the theme's colour."""
        self.color = ""
        self._show()


class PointSizeBox(QDoubleSpinBox):
    """A size in points as people write it: "12.5 pt", "14 pt"."""

    def textFromValue(self, value: float) -> str:
        """No trailing zeros."""
        return f"{value:g}"


class PreferencesDialog(QDialog):
    """Edits a Preferences; read the result with `preferences()` after accept."""

    def __init__(self, current: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setObjectName("preferences-dialog")
        self._current = current
        # The box always shows the face the reader uses: the chosen one, or the
        # serif the default resolves to on this system; picking one chooses it.
        self._family = current.font_family
        self.font_box = QFontComboBox(self)
        self.font_box.setAccessibleName("Reading font")
        self.font_box.setFontFilters(QFontComboBox.FontFilter.ScalableFonts)
        self.default_font = QPushButton("Default serif", self)
        self.default_font.setToolTip("Use the serif face SpaceReader picks for this system")
        self._show_family()
        self.font_box.currentFontChanged.connect(self._font_chosen)
        self.default_font.clicked.connect(self._default_chosen)
        self.size_box = PointSizeBox(self)
        self.size_box.setAccessibleName("Reading size in points")
        self.size_box.setRange(8.0, 32.0)
        self.size_box.setDecimals(1)
        self.size_box.setSingleStep(0.5)
        self.size_box.setSuffix(" pt")
        self.size_box.setValue(current.font_size)
        self.theme_box = QComboBox(self)
        self.theme_box.setAccessibleName("Theme")
        for choice, label in THEME_LABELS:
            self.theme_box.addItem(label, choice.value)
        self.theme_box.setCurrentIndex(
            [choice for choice, _label in THEME_LABELS].index(current.theme)
        )
        self.color_buttons = {
            kind: ColorButton(kind, label, current.colors.get(kind, ""), self)
            for kind, label in COLOR_KINDS
        }
        reset = QPushButton("Reset colours", self)
        reset.clicked.connect(self._reset_colors)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_box, 1)
        font_row.addWidget(self.default_font)
        form = QFormLayout()
        form.addRow("Reading font", font_row)
        form.addRow("Size", self.size_box)
        form.addRow("Theme", self.theme_box)
        for kind, label in COLOR_KINDS:
            form.addRow(f"{label} highlight", self.color_buttons[kind])
        form.addRow("", reset)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _show_family(self) -> None:
        shown = self._family or QFontInfo(typography.body_font()).family()
        self.font_box.blockSignals(True)
        self.font_box.setCurrentFont(QFont(shown))
        self.font_box.blockSignals(False)
        self.default_font.setEnabled(bool(self._family))

    @Slot(QFont)
    def _font_chosen(self, font: QFont) -> None:
        self._family = font.family()
        self.default_font.setEnabled(True)

    @Slot()
    def _default_chosen(self) -> None:
        self._family = ""
        self._show_family()

    @Slot()
    def _reset_colors(self) -> None:
        for button in self.color_buttons.values():
            button.reset()

    def preferences(self) -> Preferences:
        """The edited preferences."""
        family = self._family
        colors = {kind: b.color for kind, b in self.color_buttons.items() if b.color}
        return replace(
            self._current,
            font_family=family,
            font_size=self.size_box.value(),
            theme=ThemeChoice(self.theme_box.currentData()),
            colors=colors,
        )

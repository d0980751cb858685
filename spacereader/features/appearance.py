"""How the app looks and is driven by keyboard: zoom, theme, preferences, the
shortcuts list, the About box, and F6 to move between the panes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from spacereader.core import paths
from spacereader.features.shell import Shell
from spacereader.ui import typography
from spacereader.ui.focus_frame import FocusFrame
from spacereader.ui.preferences import COLOR_KINDS, THEME_LABELS, Preferences
from spacereader.ui.theme import ThemeChoice, apply_theme

ZOOM_STEP = 10
ZOOM_RANGE = (50, 300)


def load_preferences(settings: QSettings) -> Preferences:
    """The saved preferences, with defaults for anything missing or malformed."""
    try:
        size = float(str(settings.value("reader/font_size", typography.BODY_POINT_SIZE)))
        zoom = int(str(settings.value("reader/zoom_percent", 100)))
    except ValueError:
        size, zoom = typography.BODY_POINT_SIZE, 100
    try:
        theme = ThemeChoice(str(settings.value("appearance/theme", ThemeChoice.SYSTEM.value)))
    except ValueError:
        theme = ThemeChoice.SYSTEM
    colors = {}
    for kind, _label in COLOR_KINDS:
        value = str(settings.value(f"highlight/color/{kind}", "") or "")
        if value and QColor(value).isValid():
            colors[kind] = value
    return Preferences(
        font_family=str(settings.value("reader/font_family", "") or ""),
        font_size=min(max(size, 6.0), 48.0),
        zoom_percent=min(max(zoom, ZOOM_RANGE[0]), ZOOM_RANGE[1]),
        theme=theme,
        colors=colors,
    )


def save_preferences(settings: QSettings, preferences: Preferences) -> None:
    """Remember the preferences."""
    settings.setValue("reader/font_family", preferences.font_family)
    settings.setValue("reader/font_size", preferences.font_size)
    settings.setValue("reader/zoom_percent", preferences.zoom_percent)
    settings.setValue("appearance/theme", preferences.theme.value)
    for kind, _label in COLOR_KINDS:
        settings.setValue(f"highlight/color/{kind}", preferences.colors.get(kind, ""))


class AppearanceFeature(QObject):
    """Owns the preferences and applies them to the application and the reader."""

    def __init__(
        self, shell: Shell, settings: QSettings, focus_targets: Callable[[], list[QWidget]]
    ) -> None:
        super().__init__()
        self.shell = shell
        self.settings = settings
        self.preferences = load_preferences(settings)
        self.on_theme_changed: Callable[[], None] = lambda: None
        self._focus_targets = focus_targets
        window = shell.window
        for name, text, keys, slot in (
            ("zoom-in", "Zoom &In", ("Ctrl+=", "Ctrl++"), self.zoom_in),
            ("zoom-out", "Zoom &Out", ("Ctrl+-",), self.zoom_out),
            ("zoom-reset", "&Actual Size", ("Ctrl+0",), self.zoom_reset),
        ):
            action = window.add_action("view", name, text)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.triggered.connect(slot)
        self._theme_actions = self._theme_menu()
        for pane_name, pane_text, pane_key, pane_slot in (
            ("next-pane", "Next &Pane", "F6", self.next_pane),
            ("previous-pane", "Previous Pa&ne", "Shift+F6", self.previous_pane),
        ):
            window.add_action("view", pane_name, pane_text, pane_key).triggered.connect(pane_slot)
        # F6 must show where the keys now go: Fusion's own focus mark is faint.
        self.focus_frame = FocusFrame(window)
        self.focus_frame.track(focus_targets())
        preferences = window.add_action("edit", "preferences", "&Preferences…", "Ctrl+,")
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        preferences.triggered.connect(self.edit_preferences)
        shortcuts = window.add_action("help", "shortcuts", "&Keyboard Shortcuts", "Ctrl+/")
        shortcuts.triggered.connect(self.show_shortcuts)
        window.actions_by_name["about"].triggered.connect(self.show_about)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    def _theme_menu(self) -> dict[ThemeChoice, QAction]:
        menu = self.shell.window.add_submenu("view", "&Theme")
        group = QActionGroup(self)
        actions = {}
        for choice, label in THEME_LABELS:
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(choice is self.preferences.theme)
            action.setData(choice.value)
            group.addAction(action)
            action.triggered.connect(self._theme_chosen)
            actions[choice] = action
        return actions

    # -- applying ----------------------------------------------------------

    def apply(self, rerender: bool = True) -> None:
        """Theme, font and colours onto the app and the reader."""
        application = QApplication.instance()
        if isinstance(application, QApplication):
            apply_theme(application, self.preferences.theme)
        reader = self.shell.reader
        reader.setPalette(QApplication.palette())
        size = self.preferences.font_size * self.preferences.zoom_percent / 100
        font = typography.body_font(size)
        if self.preferences.font_family:
            font.setFamilies([self.preferences.font_family, *typography.SERIF_FAMILIES])
        reader.setFont(font)
        reader.custom_colors = {kind: QColor(c) for kind, c in self.preferences.colors.items()}
        if rerender:
            reader.rerender()
        self.on_theme_changed()

    def _update(self, preferences: Preferences) -> None:
        self.preferences = preferences
        save_preferences(self.settings, preferences)
        self._theme_actions[preferences.theme].setChecked(True)
        self.apply()

    # -- zoom --------------------------------------------------------------

    def _zoom_to(self, percent: int) -> None:
        percent = min(max(percent, ZOOM_RANGE[0]), ZOOM_RANGE[1])
        self._update(replace(self.preferences, zoom_percent=percent))
        self.shell.window.show_status(f"Zoom {percent}%", 2000)

    @Slot()
    def zoom_in(self) -> None:
        """Ctrl+=: larger text."""
        self._zoom_to(self.preferences.zoom_percent + ZOOM_STEP)

    @Slot()
    def zoom_out(self) -> None:
        """Ctrl+-: smaller text."""
        self._zoom_to(self.preferences.zoom_percent - ZOOM_STEP)

    @Slot()
    def zoom_reset(self) -> None:
        """Ctrl+0: the chosen size again."""
        self._zoom_to(100)

    # -- theme and preferences --------------------------------------------

    @Slot()
    def _theme_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self._update(replace(self.preferences, theme=ThemeChoice(str(action.data()))))

    @Slot(Qt.ColorScheme)
    def _system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.preferences.theme is ThemeChoice.SYSTEM:
            self.apply()

    @Slot()
    def edit_preferences(self) -> None:
        """Edit → Preferences…"""
        from spacereader.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.preferences, self.shell.window)
        if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
            self._update(dialog.preferences())

    @Slot()
    def show_shortcuts(self) -> None:
        """Help → Keyboard Shortcuts."""
        from spacereader.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.shell.window, self.shell.window).exec()

    @Slot()
    def show_about(self) -> None:
        """Help → About SpaceReader."""
        from spacereader.core.search import default_folder
        from spacereader.ui.about_dialog import AboutDialog

        AboutDialog(
            paths.data_dir(), default_folder(), self.shell.window.windowIcon(), self.shell.window
        ).exec()

    # -- keyboard focus ----------------------------------------------------

    def _cycle(self, step: int) -> None:
        targets = [w for w in self._focus_targets() if w.isVisible() and w.isEnabled()]
        if not targets:
            return
        focused = QApplication.focusWidget()
        index = next(
            (
                i
                for i, w in enumerate(targets)
                if focused is not None and (focused is w or w.isAncestorOf(focused))
            ),
            -1,
        )
        target = targets[(index + step) % len(targets)]
        target.setFocus(Qt.FocusReason.TabFocusReason)

    @Slot()
    def next_pane(self) -> None:
        """F6: focus the next pane (reader, search, library, programs, figures, bookmarks)."""
        self._cycle(1)

    @Slot()
    def previous_pane(self) -> None:
        """Shift+F6: focus the previous pane."""
        self._cycle(-1)

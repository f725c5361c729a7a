"""Edit > Preferences: language, theme, text size, library, reading and import settings.

Every setting takes effect when changed (no OK button to forget); the dialog says under
each one whether it applies at once or when Veille next starts. Settings live in
``window.settings`` (keys in docs/architecture.md); keeping the imported files' bytes is
a setting of the library itself (``Library.set_keep_originals``), written on the
window's writer. "Open another library" emits ``libraryChosen(path)``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader_app import theme
from reader_app.font_size import LARGEST, SMALLEST
from reader_app.menu_places import menu_named
from reader_app.state_controller import READ_DELAY_DEFAULT, READ_DELAY_KEY, read_delay
from reader_app.views.team_preferences import TeamSection
from reader_app.workers import ProgressFn

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow

LANGUAGE_KEY, THEME_KEY = "ui/language", "ui/theme"
ENTITIES_KEY = "entities/onImport"
RECENT_KEY = "library/recent"


def extract_on_import(settings: QSettings) -> bool:
    """Whether entities are found after each import (default: yes)."""
    value = settings.value(ENTITIES_KEY, True)
    return value not in (False, "false", "0", 0)


def recent_libraries(settings: QSettings) -> list[str]:
    stored = settings.value(RECENT_KEY, [])
    listed = [stored] if isinstance(stored, str) else stored if isinstance(stored, list) else []
    return [p for p in listed if isinstance(p, str) and p]


def _languages() -> list[tuple[str, str]]:
    """T1's list; the two languages by their own names if that module is not there."""
    try:
        from reader_app.i18n import available_languages
    except ImportError:  # pragma: no cover - the module ships with Veille
        return [("system", "System"), ("fr", "Français"), ("en", "English")]
    return list(available_languages())


def _install_language(code: str) -> None:
    app = QApplication.instance()
    try:
        from reader_app.i18n import install_translations
    except ImportError:  # pragma: no cover
        return
    if isinstance(app, QApplication):
        install_translations(app, code)


class PreferencesDialog(QDialog):
    """One form; each control writes its setting and applies it as soon as it changes."""

    libraryChosen = Signal(str)  # a library folder to open in a window of its own
    keepSaved = Signal(bool)  # the library stored the keep-originals setting

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.settings = window.settings
        self.setObjectName("preferences")
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(560)  # wrapped notes need the width to show whole
        layout = QVBoxLayout(self)
        layout.addWidget(self._appearance_group())
        layout.addWidget(self._library_group())
        layout.addWidget(self._reading_group())
        self.team = TeamSection(window, self)  # issue 13: the team server
        layout.addWidget(self.team)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self._load()
        self._connect()
        # The wrapped notes need their height: a dialog opened at its minimum clips them.
        layout.activate()
        fits = layout.totalHeightForWidth(self.minimumWidth()) if layout.hasHeightForWidth() \
            else -1
        self.resize(self.minimumWidth(), fits if fits > 0 else self.sizeHint().height())

    # --- building ------------------------------------------------------------------
    def _note(self, text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setObjectName("preferencesNote")
        label.setWordWrap(True)
        return label

    def _appearance_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Appearance"), self)
        form = QFormLayout(box)
        self.language = QComboBox(box)
        for code, name in _languages():
            self.language.addItem(name, code)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self._note(self.tr(
            "New dialogs, messages, dates and numbers use it at once; the window's menus "
            "and labels change when Veille next starts."), box))
        self.theme = QComboBox(box)
        for code, name in (("system", self.tr("Same as the system")),
                           ("light", self.tr("Light")), ("dark", self.tr("Dark"))):
            self.theme.addItem(name, code)
        form.addRow(self.tr("&Theme:"), self.theme)
        self.font_delta = QSpinBox(box)
        self.font_delta.setRange(SMALLEST, LARGEST)
        self.font_delta.setSuffix(self.tr(" pt"))
        form.addRow(self.tr("Text &size (larger +, smaller −):"), self.font_delta)
        form.addRow(self._note(self.tr(
            "The theme and the text size (list, sidebars and article) apply at once."), box))
        self.language.setAccessibleName(self.tr("Interface language"))
        self.theme.setAccessibleName(self.tr("Colour theme"))
        self.font_delta.setAccessibleName(self.tr("Text size, in points added"))
        return box

    def _library_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Library"), self)
        form = QFormLayout(box)
        self.library_path = QLabel(str(self.window_.library.path), box)
        self.library_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.library_path.setWordWrap(True)
        form.addRow(self.tr("Folder:"), self.library_path)
        self.recent = QComboBox(box)
        self.open_recent = QPushButton(self.tr("&Open"), box)
        row = QHBoxLayout()
        row.addWidget(self.recent, 1)
        row.addWidget(self.open_recent)
        recent_label = QLabel(self.tr("&Recent libraries:"), box)
        recent_label.setBuddy(self.recent)
        form.addRow(recent_label, row)
        self.open_other = QPushButton(self.tr("Open &another library…"), box)
        form.addRow("", self.open_other)
        self.keep_originals = QCheckBox(self.tr("&Keep a copy of each imported file"), box)
        form.addRow("", self.keep_originals)
        form.addRow(self._note(self.tr(
            "Another library opens in a window of its own. Keeping copies is a setting of "
            "this library and applies from the next import (without them, \"Open "
            "original\" is not available for new articles)."), box))
        self.library_path.setAccessibleName(self.tr("Library folder"))
        self.recent.setAccessibleName(self.tr("Recent libraries"))
        self.open_recent.setAccessibleName(self.tr("Open the recent library"))
        self.open_other.setAccessibleName(self.tr("Open another library"))
        self.keep_originals.setAccessibleName(self.tr("Keep a copy of each imported file"))
        return box

    def _reading_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Reading and importing"), self)
        form = QFormLayout(box)
        self.mark_read = QCheckBox(self.tr("&Mark an article as read after"), box)
        self.read_delay = QDoubleSpinBox(box)
        self.read_delay.setRange(0.0, 60.0)
        self.read_delay.setDecimals(1)
        self.read_delay.setSingleStep(0.5)
        self.read_delay.setSuffix(self.tr(" s"))
        row = QHBoxLayout()
        row.addWidget(self.mark_read)
        row.addWidget(self.read_delay)
        row.addStretch(1)
        form.addRow(row)
        self.entities = QCheckBox(self.tr("Find &entities (people, places…) after each "
                                          "import"), box)
        form.addRow(self.entities)
        form.addRow(self._note(self.tr(
            "Both apply at once. With entities off, View > Find entities now still finds "
            "them when you ask."), box))
        self.mark_read.setAccessibleName(self.tr("Mark articles as read when opened"))
        self.read_delay.setAccessibleName(self.tr("Seconds before an opened article counts "
                                                  "as read"))
        self.entities.setAccessibleName(self.tr("Find entities after each import"))
        return box

    # --- state ---------------------------------------------------------------------
    def _load(self) -> None:
        s = self.settings
        self._select(self.language, str(s.value(LANGUAGE_KEY, "system")))
        self._select(self.theme, str(s.value(THEME_KEY, theme.current_choice())))
        self.font_delta.setValue(getattr(self.window_, "_zoom", 0))
        current = str(Path(self.window_.library.path).expanduser().resolve())
        for path in recent_libraries(s):
            if path != current:
                self.recent.addItem(path, path)
        self.recent.setEnabled(self.recent.count() > 0)
        self.open_recent.setEnabled(self.recent.count() > 0)
        self.keep_originals.setChecked(bool(self.window_.library.keep_originals))
        delay = read_delay(s)
        self.mark_read.setChecked(delay >= 0)
        self.read_delay.setValue((delay if delay >= 0 else READ_DELAY_DEFAULT) / 1000)
        self.read_delay.setEnabled(delay >= 0)
        self.entities.setChecked(extract_on_import(s))

    @staticmethod
    def _select(combo: QComboBox, code: str) -> None:
        index = combo.findData(code)
        combo.setCurrentIndex(index if index >= 0 else 0)

    def _connect(self) -> None:
        self.language.currentIndexChanged.connect(self._language_changed)
        self.theme.currentIndexChanged.connect(self._theme_changed)
        self.font_delta.valueChanged.connect(self._font_changed)
        self.open_recent.clicked.connect(
            lambda: self._choose(str(self.recent.currentData() or "")))
        self.open_other.clicked.connect(self._browse)
        self.keep_originals.toggled.connect(self._keep_changed)
        self.mark_read.toggled.connect(self._delay_changed)
        self.read_delay.valueChanged.connect(self._delay_changed)
        self.entities.toggled.connect(lambda on: self.settings.setValue(ENTITIES_KEY, on))

    # --- applying ------------------------------------------------------------------
    def _language_changed(self) -> None:
        code = str(self.language.currentData())
        self.settings.setValue(LANGUAGE_KEY, code)
        _install_language(code)

    def _theme_changed(self) -> None:
        code = str(self.theme.currentData())
        self.settings.setValue(THEME_KEY, code)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, code)

    def _font_changed(self, value: int) -> None:
        self.window_.zoom_article(value - self.window_._zoom)

    def _delay_changed(self) -> None:
        on = self.mark_read.isChecked()
        self.read_delay.setEnabled(on)
        self.settings.setValue(READ_DELAY_KEY, round(self.read_delay.value() * 1000) if on else -1)

    def _keep_changed(self, keep: bool) -> None:
        lib, status = self.window_.library, self.window_.statusBar()

        def job(_p: ProgressFn, _c: threading.Event) -> bool:
            lib.set_keep_originals(keep)
            return keep

        def failed(message: str) -> None:
            status.showMessage(self.tr("The setting was not saved: {0}").format(message), 8000)

        self.window_.writer.start(job, lambda _k: self.keepSaved.emit(keep), failed)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open another library"))
        if folder:
            self._choose(folder)

    def _choose(self, path: str) -> None:
        if path:
            self.libraryChosen.emit(path)


class PreferencesAction(QObject):
    """Edit > Preferences… (Ctrl+,): one dialog, made when first asked for."""

    libraryChosen = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: PreferencesDialog | None = None
        self.action = QAction(self.tr("&Preferences…"), window)
        self.action.setObjectName("preferences")
        self.action.setMenuRole(QAction.MenuRole.PreferencesRole)
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        self.action.setShortcuts(keys or [QKeySequence("Ctrl+,")])
        self.action.setStatusTip(self.tr("Language, theme, text size, library and import "
                                         "settings"))
        self.action.triggered.connect(self.show)
        menu = menu_named(window, "Edit")
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.action)
        else:
            window.addAction(self.action)

    def show(self) -> PreferencesDialog:
        if self.dialog is None:
            self.dialog = PreferencesDialog(self.window)
            self.dialog.libraryChosen.connect(self.libraryChosen)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog


def install_preferences(window: MainWindow) -> PreferencesAction:
    """The menu entry, and the import setting honoured by the window's jobs. "Open
    another library" opens it in a process of its own (reader_app/app.py)."""
    window.jobs.auto_extract = lambda: extract_on_import(window.settings)
    prefs = PreferencesAction(window)
    prefs.libraryChosen.connect(lambda path: _open_library(window, path))
    return prefs


def _open_library(window: MainWindow, path: str) -> None:
    from reader_app.app import open_library_window

    if open_library_window(path, window.settings) is None:
        window.statusBar().showMessage(
            QApplication.translate("PreferencesAction", "Could not open {0}.").format(path), 8000)

"""Edit > Preferences: each setting is stored and takes effect (at once where it says so)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from index.library import Library
from reader_app import theme
from reader_app.i18n import install_translations
from reader_app.main_window import MainWindow
from reader_app.menu_places import action_named, menu_named
from reader_app.views.preferences import PreferencesDialog

WAIT = 30000


@pytest.fixture
def restored_app(qapp: QApplication) -> Iterator[QApplication]:
    palette, sheet, style = qapp.palette(), qapp.styleSheet(), qapp.style().name()
    yield qapp
    theme.apply_theme(qapp, "light")
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    install_translations(qapp, "en")


@pytest.fixture
def prefs(qtbot, window: MainWindow) -> Iterator[PreferencesDialog]:
    """The dialog on its own: "open another library" emits and nothing else (the menu's
    dialog would start a window process)."""
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    dialog.close()


def _choose(combo, code: str) -> None:
    combo.setCurrentIndex(combo.findData(code))


def test_edit_menu_opens_preferences_with_ctrl_comma(window: MainWindow) -> None:
    menu = menu_named(window, "Edit")
    assert menu is not None
    action = action_named(menu, "preferences")
    assert action is not None and QKeySequence("Ctrl+,") in action.shortcuts()
    action.trigger()
    dialog = window.preferences.dialog
    assert dialog is not None and dialog.isVisible()
    notes = [label.text() for label in dialog.findChildren(QLabel, "preferencesNote")]
    assert any("next starts" in n for n in notes) and any("at once" in n for n in notes)
    dialog.close()


def test_theme_applies_at_once(restored_app, prefs: PreferencesDialog,
                               settings: QSettings, window: MainWindow) -> None:
    _choose(prefs.theme, "dark")
    assert restored_app.property("veilleTheme") == "dark"
    assert settings.value("ui/theme") == "dark"
    base = window.article_list.palette().color(window.article_list.backgroundRole())
    assert base.lightness() < 60
    _choose(prefs.theme, "light")
    assert restored_app.property("veilleTheme") == "light"


def test_language_applies_to_new_text_at_once(restored_app, prefs: PreferencesDialog,
                                              settings: QSettings) -> None:
    _choose(prefs.language, "fr")
    assert settings.value("ui/language") == "fr"
    assert QLocale().language() == QLocale.Language.French
    assert QCoreApplication.translate("MainMenus", "&File") != "&File"
    _choose(prefs.language, "en")
    assert QCoreApplication.translate("MainMenus", "&File") == "&File"


def test_text_size_reaches_list_sidebars_and_article(
    qtbot, prefs: PreferencesDialog, window: MainWindow, library: Library, settings: QSettings
) -> None:
    base = QApplication.font().pointSizeF()
    article_base = window.article_view.font().pointSizeF()
    prefs.font_delta.setValue(3)
    assert window.article_list.font().pointSizeF() == base + 3
    assert window.sidebar.tree.font().pointSizeF() == base + 3  # inherited
    assert window.entity_panel.tree.font().pointSizeF() == base + 3
    assert window.article_view.font().pointSizeF() == article_base + 3
    assert int(settings.value("ui/fontDelta")) == 3
    window.actions_.zoom_out.trigger()  # the View menu moves the same size
    assert window.article_list.font().pointSizeF() == base + 2
    again = MainWindow(library, settings)  # remembered
    qtbot.addWidget(again)
    assert again.article_list.font().pointSizeF() == base + 2
    again.close()


def test_recent_and_other_libraries_are_offered(
    qtbot, window: MainWindow, library: Library, settings: QSettings, tmp_path: Path
) -> None:
    other = tmp_path / "other-lib"
    current = str(Path(library.path).resolve())
    settings.setValue("library/recent", [current, str(other)])
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    assert [dialog.recent.itemText(i) for i in range(dialog.recent.count())] == [str(other)]
    with qtbot.waitSignal(dialog.libraryChosen) as chosen:
        dialog.open_recent.click()
    assert chosen.args == [str(other)]
    assert dialog.library_path.text() == str(library.path)
    dialog.close()


def test_mark_read_delay(qtbot, prefs: PreferencesDialog, window: MainWindow,
                         library: Library, settings: QSettings, article_file: Path) -> None:
    prefs.mark_read.setChecked(False)
    assert int(settings.value("reading/markReadDelayMs")) == -1
    prefs.mark_read.setChecked(True)
    prefs.read_delay.setValue(0.0)
    assert int(settings.value("reading/markReadDelayMs")) == 0
    with qtbot.waitSignal(window.importFinished, timeout=WAIT):
        window.import_paths([article_file])
    qtbot.waitUntil(lambda: window.results_model.rowCount() == 1, timeout=WAIT)
    article_id = window.results_model.article_id(0)
    assert article_id is not None
    window.article_list.setCurrentIndex(window.results_model.index(0))
    qtbot.waitUntil(lambda: library.article(article_id).read, timeout=WAIT)


@pytest.mark.parametrize("on", [True, False])
def test_entity_extraction_on_import(qtbot, prefs: PreferencesDialog, window: MainWindow,
                                     library: Library, settings: QSettings,
                                     article_file: Path, on: bool) -> None:
    prefs.entities.setChecked(not on)
    prefs.entities.setChecked(on)
    assert settings.value("entities/onImport") in (on, str(on).lower())
    if on:
        with qtbot.waitSignal(window.jobs.entitiesFinished, timeout=WAIT):
            window.import_paths([article_file])
        assert library.pending_entities() == 0
    else:
        with qtbot.waitSignal(window.importFinished, timeout=WAIT):
            window.import_paths([article_file])
        QApplication.processEvents()
        assert not window.jobs.busy()
        assert library.pending_entities() == 1  # left for View > Find entities now


def test_keeping_originals_is_a_setting_of_the_library(
    qtbot, prefs: PreferencesDialog, window: MainWindow, library: Library, article_file: Path
) -> None:
    assert prefs.keep_originals.isChecked()
    with qtbot.waitSignal(prefs.keepSaved, timeout=WAIT):
        prefs.keep_originals.setChecked(False)
    assert library.keep_originals is False
    with qtbot.waitSignal(window.importFinished, timeout=WAIT) as done:
        window.import_paths([article_file])
    (article_id,) = done.args[0].article_ids
    assert library.original_bytes(article_id) is None
    reopened = Library.open(library.path)  # stored in the library, not in the settings
    try:
        assert reopened.keep_originals is False
    finally:
        reopened.close()

"""With French active, every menu, action, dialog and widget of the window speaks French.

The walk reads what a person (or a screen reader) meets: texts, tooltips, placeholders,
accessible names, window titles, status tips, combo items, header labels, menus and the
help page, in the main window and in every dialog the app opens (modal ones are read
from inside their own event loop, then closed). A text is English when it is one of the
catalogue's English sources, or when it holds a word only English has. Article text,
entity names and file names are the library's content, not the interface: not read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTextBrowser,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from index.models import FileReport, ImportReport
from reader_app import i18n
from reader_app.core_messages import translate_core
from reader_app.main_window import MainWindow
from tests.gui.conftest import ARTICLE_EN, ARTICLE_FR

ROOT = Path(__file__).resolve().parents[2]
# Names that stay as they are in French.
ALLOWED = ("Veille", "Markdown", "CSV", "JSON Lines", "JSON", "PDF", "HTML", "RSS", "Atom",
           "ZIP", "Ctrl", "Maj", "Alt", "MIT", "Qt", "PySide6", "Whoosh", "spaCy", "lxml",
           "SQLite", "Python", "is:unread", "is:starred", "has:note")
# Words French never uses (so "article", "date", "source", "type", "note" are not here).
ENGLISH_ONLY = frozenset("""
the of and with for is are your from by all show hide search file files import library
entities entity tags highlight highlights watch watches mark read unread starred new save
delete remove rename merge select find match matches next previous languages any
none cancel edit view help quit export print sidebar timeline related clear filters larger
smaller about undo load sample results found relevance newest oldest first here drop empty
nothing yet to in at not no it this these that what when name title language people
places other open close stop showing shown whole filter apply yes
""".split())
# Widgets whose text is the library's content (articles, entity and file names).
CONTENT = ("articleView", "articleList", "relatedList", "entityPanel", "importFiles",
           "noteText", "notePreview", "highlightsList", "navigationTree", "sourceFilter")


def english_sources() -> set[str]:
    """Every English source of the French catalogue whose French differs."""
    tree = ET.parse(ROOT / "resources" / "i18n" / "veille_fr.ts")
    found = set()
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text]
        if source.replace("&", "") not in {(f or "").replace("&", "") for f in forms}:
            found.add(source.replace("&", "").strip())
    return found


SOURCES = english_sources()


def english_in(text: str) -> str | None:
    """The English word or sentence in ``text``, or None."""
    plain = text.replace("&&", "&").replace("&", "").strip()
    if not plain:
        return None
    if plain in SOURCES and len(plain) > 3:
        return plain
    plain = re.sub(r"<[^>]+>", " ", plain)  # rich text
    plain = re.sub(r"`[^`]*`|\{\w*\}|%\w+|\*\.\w+|https?://\S+|\w+:\w+", " ", plain)
    for name in ALLOWED:
        plain = plain.replace(name, " ")
    for word in re.findall(r"[^\W\d_]+", plain):
        if word.lower() in ENGLISH_ONLY:
            return f"{word!r} in {text!r}"
    return None


def widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) for everything a person or a screen reader meets on ``widget``."""
    name = widget.objectName() or type(widget).__name__
    yield f"{name}.toolTip", widget.toolTip()
    yield f"{name}.accessibleName", widget.accessibleName()
    yield f"{name}.accessibleDescription", widget.accessibleDescription()
    yield f"{name}.statusTip", widget.statusTip()
    yield f"{name}.whatsThis", widget.whatsThis()
    if widget.isWindow():
        yield f"{name}.windowTitle", widget.windowTitle()
    if isinstance(widget, (QLabel, QAbstractButton)) and not _is_content(widget):
        yield f"{name}.text", widget.text()
    if isinstance(widget, QLineEdit):
        yield f"{name}.placeholderText", widget.placeholderText()
    if isinstance(widget, QTextEdit) and not isinstance(widget, QTextBrowser):
        yield f"{name}.placeholderText", widget.placeholderText()
    if isinstance(widget, QGroupBox):
        yield f"{name}.title", widget.title()
    if isinstance(widget, QAbstractSpinBox):
        yield f"{name}.specialValueText", widget.specialValueText()
    if isinstance(widget, QComboBox):
        items = range(1 if name in CONTENT else widget.count())
        for i in items:
            yield f"{name}[{i}]", widget.itemText(i)
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # a list model hides it: one column
            columns = 1
        for column in range(columns):
            yield f"{name}.header{column}", str(model.headerData(
                column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
    if isinstance(widget, QTreeWidget) and not _is_content(widget):
        for column in range(widget.columnCount()):
            yield f"{name}.header{column}", widget.headerItem().text(column)
    for action in widget.actions():
        yield from action_texts(action, name)


def _is_content(widget: QWidget) -> bool:
    w: QWidget | None = widget
    while w is not None:
        if w.objectName() in CONTENT or w.objectName() == "chip":
            return True
        w = w.parentWidget()
    return False


def action_texts(action, where: str = "") -> Iterator[tuple[str, str]]:
    label = f"{where}>{action.objectName() or action.text()}"
    yield f"{label}.text", action.text()
    yield f"{label}.toolTip", action.toolTip() if action.toolTip() != action.text().replace(
        "&", "") else ""
    yield f"{label}.statusTip", action.statusTip()
    if action.menu() is not None:
        yield from menu_texts(action.menu(), label)


def menu_texts(menu: QMenu, where: str = "") -> Iterator[tuple[str, str]]:
    yield f"{where}.title", menu.title()
    for action in menu.actions():
        if not action.isSeparator():
            yield from action_texts(action, f"{where}/{menu.title()}")


def english_left(root: QWidget) -> list[str]:
    """Every English text of ``root`` and its children, with where it was found."""
    found = []
    for widget in (root, *root.findChildren(QWidget)):
        if isinstance(widget, QMenu):
            texts: Iterator[tuple[str, str]] = menu_texts(widget, widget.objectName())
        else:
            texts = widget_texts(widget)
        for where, text in texts:
            english = english_in(text or "")
            if english:
                found.append(f"{where}: {english}")
    return sorted(set(found))


def read_modal(action: Callable[[], object]) -> list[str]:
    """Run ``action``, which opens a modal dialog; read that dialog from inside its event
    loop, close it, and return the English found in it."""
    found: list[str] = []

    def read() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, read)  # the dialog's loop has not started yet
            return
        found.extend(english_left(dialog))
        if isinstance(dialog, QMessageBox):
            found.extend(f"message: {e}" for e in filter(None, [english_in(dialog.text())]))
        dialog.reject() if isinstance(dialog, QDialog) else dialog.close()

    QTimer.singleShot(0, read)
    action()
    return found


@pytest.fixture
def french(qapp: QApplication) -> Iterator[str]:
    before = QLocale()
    code = i18n.install_translations(qapp, "fr")
    yield code
    i18n.install_translations(qapp, "en")
    QLocale.setDefault(before)


@pytest.fixture
def fr_window(qtbot, library, settings, french, tmp_path: Path) -> Iterator[MainWindow]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "camara-bamako.txt").write_text(ARTICLE_FR, encoding="utf-8")
    (inbox / "dakar-peche.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (inbox / "vide.txt").write_text("", encoding="utf-8")
    (inbox / "photo.bin").write_bytes(b"\x00\x01\x02binary\xff" * 50)
    win = MainWindow(library, settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.libraryCounted, timeout=10000):
        win.show()
    with qtbot.waitSignal(win.importFinished, timeout=30000):
        win.import_paths([inbox])
    qtbot.waitUntil(lambda: win.results_model.rowCount() == 2, timeout=10000)
    with qtbot.waitSignal(win.articleShown, timeout=10000):
        win.article_list.setCurrentIndex(win.results_model.index(0, 0))
    yield win
    win.close()


def test_french_is_installed_with_qt_own_translations(french: str) -> None:
    assert french == "fr"
    assert QLocale().language() == QLocale.Language.French
    # Qt's own dialogs speak French too (qtbase_fr.qm): its buttons, its file chooser.
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    assert QApplication.translate("QFileDialog", "Look in:") != "Look in:"


def test_the_window_its_menus_and_widgets_speak_french(qtbot, fr_window: MainWindow) -> None:
    win = fr_window
    win.keyboard.find_bar.open_bar()
    win.search_bar.set_count(2, 2)
    found = english_left(win)
    for action in win.menuBar().actions():
        found += [f"{w}: {e}" for w, t in action_texts(action, "menubar")
                  if (e := english_in(t or ""))]
    assert win.windowTitle() == "Veille — 2\u00a0articles" or "articles" in win.windowTitle()
    assert not found, "\n".join(found)


def test_every_dialog_speaks_french(qtbot, fr_window: MainWindow) -> None:
    from reader_app.help_dialogs import show_search_syntax, syntax_page
    from reader_app.views import dossier_dialogs, tag_dialogs, watch_dialogs
    from reader_app.views.curation_menu import MergeDialog, _ask_rename
    from reader_app.views.dossier_dialogs import DossierChooser
    from reader_app.views.edit_dialogs import EditMetadataDialog, TagsDialog
    from reader_app.views.export_dialog import ExportDialog
    from reader_app.views.highlights_list import CommentDialog
    from reader_app.views.import_dialog import ImportSummaryDialog
    from reader_app.views.watch_dialogs import SaveWatchDialog

    win = fr_window
    found: list[str] = []
    article = win.current_article
    assert article is not None
    help_page = show_search_syntax(win)
    found += english_left(help_page)
    # the page's prose, without its examples (`code` and *italic* words are the syntax)
    page = re.sub(r"\*[^*\n]+\*", " ", syntax_page())
    found += [f"help page: {e}" for e in filter(None, map(english_in, page.splitlines()))]
    report = win.last_report
    assert report is not None and any(f.status != "imported" for f in report.files)
    dialogs: list[QDialog] = [
        help_page,
        ImportSummaryDialog(report, win),
        ExportDialog(win, 2, 1, [("Sahel", 1)], [("Brief", 1)], query="sahel"),
        TagsDialog(2, ["Sahel"], win),
        EditMetadataDialog(article, win),
        DossierChooser(win, ["Brief"], 2),
        SaveWatchDialog(win, "sahel", None, []),
        CommentDialog("un passage", "", win),
        MergeDialog("person", "Sadio Camara", win),
        win.entity_hub.show_browser(),
    ]
    win.show_last_report()  # File > Last import report…, non-modal
    assert win.import_dialog is not None
    dialogs.append(win.import_dialog)
    for dialog in dialogs:
        dialog.show()
        found += english_left(dialog)
        if isinstance(dialog, ImportSummaryDialog):
            tree = dialog.files
            for row in range(tree.topLevelItemCount()):
                for column in (1, 2):
                    text = tree.topLevelItem(row).text(column)
                    english = english_in(text)
                    if english:
                        found.append(f"import report row {row}: {english}")
        dialog.close()
    modal = [
        lambda: tag_dialogs.ask_tag_rename(win, "Sahel", ["Sahel", "Mali"]),
        lambda: tag_dialogs.ask_tag_merge(win, "Sahel", ["Sahel", "Mali"]),
        lambda: tag_dialogs.confirm_tag_delete(win, "Sahel", 3),
        lambda: tag_dialogs.confirm_tag_merge(win, "Sahel", "Mali", 3),
        lambda: dossier_dialogs.ask_new_dossier(win, ["Brief"]),
        lambda: dossier_dialogs.ask_dossier_rename(win, "Brief", ["Brief"]),
        lambda: dossier_dialogs.confirm_dossier_delete(win, "Brief", 2),
        lambda: watch_dialogs.confirm_remove_watch(win, "sahel"),
        lambda: _ask_rename(win, ("person", "Sadio Camara"), "Sadio Camara",
                            win.entity_hub.curator),
    ]
    for open_dialog in modal:
        found += read_modal(open_dialog)
    assert not found, "\n".join(found)


def test_context_menus_speak_french(qtbot, fr_window: MainWindow) -> None:
    from reader_app.list_menu import build_result_menu
    from reader_app.views.curation_menu import add_curation_actions

    win = fr_window
    rect = win.article_list.visualRect(win.results_model.index(0, 0))
    menu = build_result_menu(win.article_list, rect.center(), win.search_bar,
                             win.current_article, win.states.actions)
    assert menu is not None
    win.navigation.extend_list_menu(menu)
    curation = QMenu(win)
    add_curation_actions(curation, ("person", "Sadio Camara"), "person", "Sadio Camara",
                         win.entity_hub.curator, win.entity_hub.merge_picker)
    found = [f"{w}: {e}" for m in (menu, curation) for w, t in menu_texts(m, "context")
             if (e := english_in(t or ""))]
    assert not found, "\n".join(found)


def test_navigation_labels_speak_french(qtbot, fr_window: MainWindow) -> None:
    model = fr_window.sidebar.model
    labels = []
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        labels.append(str(model.data(group) or ""))
        if row == 0:  # the library's own entries; the others are the person's names
            labels += [str(model.data(model.index(r, 0, group)) or "")
                       for r in range(model.rowCount(group))]
    found = [e for text in labels if (e := english_in(text))]
    assert "Bibliothèque" in " ".join(labels)
    assert not found, found


def test_import_report_reasons_are_translated(french: str) -> None:
    report = ImportReport(files=[
        FileReport(path="/tmp/big.txt", status="failed",
                   reason="not imported: file too large (over 64 MB)"),
        FileReport(path="/tmp/a.zip", status="skipped",
                   reason="too many files in the archive (12000; the limit is 10000)"),
        FileReport(path="/tmp/b.txt", status="duplicate",
                   reason="already in the library as article 12 (and 3 more)"),
    ])
    from reader_app.views.import_dialog import reason_text, summary_text

    reasons = [reason_text(f) for f in report.files]
    assert reasons[0] == "non importé\u00a0: fichier trop volumineux (plus de 64\u00a0Mo)"
    assert reasons[1] == ("trop de fichiers dans l’archive (12\u202f000\u202f; la limite est de "
                          "10\u202f000)")
    assert reasons[2] == "déjà dans la bibliothèque (article 12 et 3 autres)"
    assert summary_text(report) == ("Importation\u00a0: 1 déjà dans la bibliothèque, "
                                    "1 ignoré, 1 en échec")


def test_core_messages_keep_unknown_text_and_translate_plurals(french: str) -> None:
    assert translate_core("something the core never says") == "something the core never says"
    assert translate_core("removed 1 NUL characters") == "1 caractère NUL supprimé"
    assert translate_core("removed 3 NUL characters") == "3 caractères NUL supprimés"
    # a capital and a final full stop added by the window stay
    assert translate_core("There is no tag Sahel.") == "Il n’y a pas d’étiquette Sahel."
    # nested: the reason inside "not imported: ..." is translated too
    assert translate_core("not imported: empty file") == "non importé\u00a0: fichier vide"


def test_about_box_speaks_french(qtbot, fr_window: MainWindow) -> None:
    from reader_app.help_dialogs import show_about

    box = show_about(fr_window)
    found = [f for f in english_left(box) if not f.startswith("qt_msgbox_label")]
    text = re.sub(r"<table.*</table>", "", box.text(), flags=re.S)  # the licences' names
    text = re.sub(r"<code>.*?</code>", "", text, flags=re.S)  # the library's path
    found += [f"about: {e}" for e in filter(None, [english_in(text)])]
    box.close()
    assert not found, "\n".join(found)

"""Notes and highlights beside the article, through the window (issue 9, point 3).

A real library on disk with articles written for these tests (French and English), a
real window offscreen; every check reads the store back, not only what the pane shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QMenu

from index.entities import EntityExtractor
from index.library import Library
from reader_app.main_window import MainWindow
from reader_app.views.article_marks import highlight_colours
from reader_app.views.highlights_list import CommentDialog
from reader_app.views.note_editor import EDIT_PAGE, PREVIEW_PAGE

WAIT = 30000

ARTICLES = [
    ("Sadio Camara reçoit l'Alliance des États du Sahel à Bamako",
     "Le ministre Sadio Camara a reçu mercredi une délégation de l'Alliance des États du "
     "Sahel venue préparer le sommet.\nLes deux parties ont évoqué la sécurité des routes "
     "commerciales entre Gao et Niamey.\nL'Union africaine a salué une réunion constructive.",
     "2025-08-14", "Le Sahel", "fr"),
    ("Fishermen in Dakar report falling catches",
     "Fishermen in Dakar say catches have fallen sharply this season.\nAminata Diop, who "
     "leads a cooperative in the port, said the boats now go twice as far out.",
     "2025-09-02", "Coastal News", "en"),
    ("À Niamey, la société civile réclame un calendrier électoral",
     "Des associations ont demandé mardi un calendrier précis pour la transition au Niger.",
     "2025-07-21", "Le Sahel", "fr"),
]


def write_articles(folder: Path) -> Path:
    path = folder / "notes-tests.jsonl"
    rows = [{"title": t, "text": x, "date": d, "source": s, "lang": lang}
            for t, x, d, s, lang in ARTICLES]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def stocked(tmp_path: Path, shared_extractor: EntityExtractor) -> Iterator[Library]:
    lib = Library.open(tmp_path / "lib", extractor=shared_extractor)
    assert lib.import_paths([write_articles(tmp_path)]).count("imported") == 1
    lib.extract_pending()
    yield lib
    lib.close()


def open_window(qtbot, lib: Library, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("reading/markReadDelayMs", -1)
    win = MainWindow(lib, settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT):
        win.show()
    qtbot.waitUntil(lambda: win.results_model.rowCount() == len(ARTICLES), timeout=WAIT)
    return win


def close_window(win: MainWindow) -> None:
    win.close()
    assert win.readers.pool.activeThreadCount() == 0
    assert win.notes.lane.pool.activeThreadCount() == 0


@pytest.fixture
def reader(qtbot, stocked: Library, tmp_path: Path) -> Iterator[MainWindow]:
    win = open_window(qtbot, stocked, tmp_path)
    yield win
    close_window(win)


def article_id_of(lib: Library, words: str) -> int:
    return next(i for i in lib.search("*", limit=0).ids
                if words in lib.article(i).title)  # type: ignore[union-attr]


def open_article(qtbot, win: MainWindow, words: str) -> int:
    article_id = article_id_of(win.library, words)
    row = win.results_model.row_of(article_id)
    if win.article_view.article is not None and win.article_view.article.id == article_id:
        return article_id
    with qtbot.waitSignal(win.articleShown, timeout=WAIT):
        win.article_list.setCurrentIndex(win.results_model.index(row))
    return article_id


def settle(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: not win.notes.lane.busy(), timeout=WAIT)


def select_text(win: MainWindow, passage: str) -> tuple[int, int]:
    """Select ``passage`` in the article pane as a mouse would; returns its offsets."""
    view = win.article_view
    assert view.article is not None
    start = view.article.text.index(passage)
    end = start + len(passage)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.doc_position(start))
    cursor.setPosition(view.doc_position(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    return start, end


def press(qtbot, widget, key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow, timeout=WAIT)
    widget.setFocus()
    qtbot.keyClick(widget, key, mods)


def drawn_marks(win: MainWindow) -> list[str]:
    """The passages drawn with the highlight colour in the article pane."""
    background = highlight_colours(win.article_view.palette())[0]
    return [s.cursor.selectedText() for s in win.article_view.extraSelections()
            if s.format.background().color() == background]


# --- notes ------------------------------------------------------------------------------


def test_note_typed_is_saved_after_a_pause_and_survives_reopening_the_window(
        qtbot, stocked: Library, tmp_path: Path) -> None:
    win = open_window(qtbot, stocked, tmp_path)
    article_id = open_article(qtbot, win, "Sadio Camara")
    editor = win.article_pane.note_editor
    assert editor.isEnabled() and editor.text() == ""
    with qtbot.waitSignal(win.notes.noteSaved, timeout=WAIT) as saved:
        editor.editor.insertPlainText("À recouper ")  # accents: typed as an input method would
        qtbot.keyClicks(editor.editor, "avec le communique")
        assert stocked.article(article_id).note == ""  # not at each key: after a pause
    assert saved.args == [article_id]
    assert stocked.article(article_id).note == "À recouper avec le communique"
    assert editor.status.text() == "Saved"
    assert "has a note" in win.article_pane.notes_toggle.text()
    noted = win.sidebar.model.find(("note", ""))
    qtbot.waitUntil(lambda: win.sidebar.model.find(("note", "")).count == 1, timeout=WAIT)
    assert noted is not None
    qtbot.keyClicks(editor.editor, " de l'UA")  # typed, then the window closes at once
    close_window(win)
    assert stocked.article(article_id).note == "À recouper avec le communique de l'UA"
    again = open_window(qtbot, stocked, tmp_path)
    open_article(qtbot, again, "Sadio Camara")
    assert again.article_pane.note_editor.text() == "À recouper avec le communique de l'UA"
    close_window(again)


def test_switching_articles_quickly_loses_no_text(qtbot, reader: MainWindow) -> None:
    lib, editor = reader.library, reader.article_pane.note_editor
    first = open_article(qtbot, reader, "Sadio Camara")
    with lib.writing("a test holding the writer lock"):  # the saves wait their turn
        qtbot.keyClicks(editor.editor, "Premier article")
        second = open_article(qtbot, reader, "Fishermen")  # before the pause: on leaving
        assert editor.text() == ""
        qtbot.keyClicks(editor.editor, "Second article")
        open_article(qtbot, reader, "Sadio Camara")
        assert lib.article(first).note == ""  # its write has not landed...
        assert editor.text() == "Premier article"  # ...and the editor shows what was typed
        assert reader.notes.lane.busy()
    settle(qtbot, reader)
    assert lib.article(first).note == "Premier article"
    assert lib.article(second).note == "Second article"
    assert lib.search("has:note", limit=0).total == 2


def test_markdown_note_shows_formatted_when_not_editing(qtbot, reader: MainWindow) -> None:
    lib, editor = reader.library, reader.article_pane.note_editor
    article_id = open_article(qtbot, reader, "Niamey")
    editor.markdown.setChecked(True)
    editor.start_editing()
    editor.editor.insertPlainText("# Piste\n\nUn **calendrier** précis ; voir "
                                  "[RFI](https://rfi.fr)")
    assert editor.stack.currentIndex() == EDIT_PAGE
    with qtbot.waitSignal(reader.notes.noteSaved, timeout=WAIT):
        reader.article_list.setFocus()  # leaving the note renders it and saves it
    assert editor.stack.currentIndex() == PREVIEW_PAGE
    doc = editor.preview.document()
    assert doc.firstBlock().text() == "Piste"
    assert doc.firstBlock().blockFormat().headingLevel() == 1
    assert "**" not in doc.toPlainText() and "calendrier" in doc.toPlainText()
    stored = lib.article(article_id)
    assert (stored.note_format, stored.note.splitlines()[0]) == ("markdown", "# Piste")
    qtbot.mouseClick(editor.preview.viewport(), Qt.MouseButton.LeftButton,
                     pos=editor.preview.viewport().rect().bottomRight() - QPoint(5, 5))
    assert editor.stack.currentIndex() == EDIT_PAGE  # a click opens it for editing


# --- highlights --------------------------------------------------------------------------


def test_a_selected_passage_is_highlighted_listed_jumped_to_and_commented(
        qtbot, reader: MainWindow) -> None:
    lib, view, panel = reader.library, reader.article_view, reader.article_pane.highlights_list
    article_id = open_article(qtbot, reader, "Sadio Camara")
    start, end = select_text(reader, "la sécurité des routes commerciales")
    with qtbot.waitSignal(reader.notes.highlightsSaved, timeout=WAIT):
        press(qtbot, view, Qt.Key.Key_H)
    stored = lib.article(article_id).highlights
    assert [(h.start, h.end, h.quote, h.comment) for h in stored] == [
        (start, end, "la sécurité des routes commerciales", "")]
    assert drawn_marks(reader) == ["la sécurité des routes commerciales"]
    assert panel.list.count() == 1 and "la sécurité des routes" in panel.list.item(0).text()
    assert "1 highlight" in reader.article_pane.notes_toggle.text()

    # Shift+H: with a comment
    select_text(reader, "Sadio Camara a reçu")
    press(qtbot, view, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    dialog = reader.notes.dialog
    assert isinstance(dialog, CommentDialog) and dialog.isVisible()
    dialog.text.setPlainText("Première visite officielle")
    with qtbot.waitSignal(reader.notes.highlightsSaved, timeout=WAIT):
        dialog.accept()
    stored = lib.article(article_id).highlights
    assert [(h.quote, h.comment) for h in stored] == [
        ("Sadio Camara a reçu", "Première visite officielle"),
        ("la sécurité des routes commerciales", "")]
    assert sorted(drawn_marks(reader)) == ["Sadio Camara a reçu",
                                           "la sécurité des routes commerciales"]
    assert "Première visite officielle" in panel.list.item(0).text()

    # a click on the list jumps to the passage: drawn on top as the current one
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    item = panel.list.item(1)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.list.visualItemRect(item).center())
    assert view.extraSelections()[-1].cursor.selectedText() == (
        "la sécurité des routes commerciales")
    assert view.extraSelections()[-1].cursor.selectionStart() == view.doc_position(start)

    # F2 in the list edits the comment; Delete removes the highlight
    panel.list.setCurrentRow(1)
    press(qtbot, panel.list, Qt.Key.Key_F2)
    dialog = reader.notes.dialog
    assert isinstance(dialog, CommentDialog) and dialog.comment() == ""
    dialog.text.setPlainText("Axe Gao–Niamey")
    with qtbot.waitSignal(reader.notes.highlightsSaved, timeout=WAIT):
        dialog.accept()
    assert [h.comment for h in lib.article(article_id).highlights] == [
        "Première visite officielle", "Axe Gao–Niamey"]
    assert lib.search("Gao–Niamey has:highlight", limit=0).ids == (article_id,)
    panel.list.setCurrentRow(0)
    with qtbot.waitSignal(reader.notes.highlightsSaved, timeout=WAIT):
        press(qtbot, panel.list, Qt.Key.Key_Delete)
    assert [h.quote for h in lib.article(article_id).highlights] == [
        "la sécurité des routes commerciales"]
    assert drawn_marks(reader) == ["la sécurité des routes commerciales"]


def test_highlights_survive_reindex_and_reextraction_in_the_window(
        qtbot, reader: MainWindow) -> None:
    lib = reader.library
    article_id = open_article(qtbot, reader, "Fishermen")
    select_text(reader, "twice as far out")
    with qtbot.waitSignal(reader.notes.highlightsSaved, timeout=WAIT):
        reader.notes.actions["highlight"].trigger()
    lib.reindex()
    lib.reextract([article_id])
    lib.extract_pending()
    open_article(qtbot, reader, "Niamey")
    open_article(qtbot, reader, "Fishermen")
    assert drawn_marks(reader) == ["twice as far out"]
    assert [h.quote for h in reader.article_pane.highlights_list.highlights()] == [
        "twice as far out"]


def test_h_without_a_selection_says_what_to_do(qtbot, reader: MainWindow) -> None:
    open_article(qtbot, reader, "Niamey")
    press(qtbot, reader.article_view, Qt.Key.Key_H)
    assert "Select a passage" in reader.statusBar().currentMessage()
    settle(qtbot, reader)
    assert not reader.library.search("has:highlight", limit=0).total


def test_the_article_menu_offers_highlight_and_the_highlight_under_the_mouse(
        qtbot, reader: MainWindow) -> None:
    view = reader.article_view
    article_id = open_article(qtbot, reader, "Fishermen")
    menu = QMenu()
    reader.notes._extend_menu(menu, None)
    items = {a.text().replace("&", ""): a for a in menu.actions() if a.text()}
    assert not items["Highlight selection"].isEnabled()  # nothing selected
    assert items["Highlight selection"].shortcut().toString() == "H"
    select_text(reader, "Aminata Diop")
    selected = QMenu()  # the menu as a right click on the selection builds it
    reader.notes._extend_menu(selected, None)
    item = next(a for a in selected.actions() if a.text() == "&Highlight selection")
    assert item.isEnabled()
    with qtbot.waitSignal(reader.notes.highlightsSaved, timeout=WAIT):
        item.trigger()
    highlight = reader.library.article(article_id).highlights[0]
    assert highlight.quote == "Aminata Diop"
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.doc_position(highlight.start + 3))
    pos = view.cursorRect(cursor).center()
    assert view.highlight_at(pos) == highlight
    under = QMenu()
    reader.notes._extend_menu(under, view.highlight_at(pos))
    texts = [a.text().replace("&", "") for a in under.actions() if a.text()]
    assert texts[-2:] == ["Edit highlight comment…", "Remove highlight"]
    with qtbot.waitSignal(reader.notes.highlightsSaved, timeout=WAIT):
        under.actions()[-1].trigger()
    assert not reader.library.article(article_id).highlights
    for made in (menu, selected, under):
        made.deleteLater()


def test_highlight_colour_is_not_an_entity_or_match_colour() -> None:
    from PySide6.QtGui import QPalette

    from reader_app.style import ENTITY_COLOURS, MATCH_BACKGROUND, MATCH_CURRENT

    light = highlight_colours(QPalette(QColor("#ffffff")))[0]
    others = [QColor(c) for pair in ENTITY_COLOURS.values() for c in pair]
    others += [QColor(MATCH_BACKGROUND), QColor(MATCH_CURRENT)]
    for other in others:
        distance = sum(abs(a - b) for a, b in zip(light.getRgb()[:3], other.getRgb()[:3],
                                                   strict=True))
        assert distance > 60, other.name()
    assert light.lightness() > 180  # black text stays readable on it
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#202124"))
    assert highlight_colours(dark)[0].lightness() < 100  # and light text on a dark theme


def test_a_note_changed_elsewhere_shows_unless_the_person_is_typing(
        qtbot, reader: MainWindow) -> None:
    lib, editor = reader.library, reader.article_pane.note_editor
    article_id = open_article(qtbot, reader, "Niamey")
    reader.article_list.setFocus()
    lib.set_note(article_id, "Écrit par la ligne de commande", "plain")  # another writer
    lib.add_highlight(article_id, 0, 16, "")
    with qtbot.waitSignal(reader.notes.highlightsShown, timeout=WAIT):
        reader.open_article(article_id, refresh_only=True)  # what watch.changed leads to
    assert editor.text() == "Écrit par la ligne de commande"
    assert drawn_marks(reader) == ["Des associations"]
    editor.start_editing()
    qtbot.keyClicks(editor.editor, " (relu)")
    lib.set_note(article_id, "Encore ailleurs", "plain")
    with qtbot.waitSignal(reader.notes.highlightsShown, timeout=WAIT):
        reader.open_article(article_id, refresh_only=True)
    assert editor.text() == "Écrit par la ligne de commande (relu)"  # typing wins
    settle(qtbot, reader)
    qtbot.waitUntil(lambda: lib.article(article_id).note.endswith("(relu)"), timeout=WAIT)

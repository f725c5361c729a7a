"""Read state, stars, tags, keys and chips through the window's article list (issue 9).

A real library on disk with articles written for these tests (French and English), a
real window offscreen; every check reads the store back, not only what the list shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from index.entities import EntityExtractor
from index.library import Library
from reader_app.main_window import MainWindow
from reader_app.models.results_model import StateRole
from reader_app.views.edit_dialogs import TagsDialog
from reader_app.views.result_delegate import row_is_bold

WAIT = 30000

ARTICLES = [
    ("Le Mali et le Niger renforcent l'Alliance des États du Sahel",
     "Les ministres réunis à Bamako ont évoqué la sécurité des routes entre Gao et Niamey.",
     "2025-08-14", "Le Sahel", "fr"),
    ("Fishermen in Dakar report falling catches",
     "Fishermen in Dakar say catches have fallen sharply; the ministry promised an inquiry.",
     "2025-09-02", "Coastal News", "en"),
    ("À Niamey, la société civile réclame un calendrier électoral",
     "Des associations ont demandé mardi un calendrier précis pour la transition au Niger.",
     "2025-07-21", "Le Sahel", "fr"),
    ("Burkina Faso: a new road links Ouagadougou to the north",
     "The road, financed by a development bank, should open next year, officials said.",
     "2025-06-30", "Wire Service", "en"),
    ("Sécurité alimentaire : les semences promises se font attendre",
     "Les agriculteurs de la région de Kayes attendent toujours les semences promises.",
     "2025-05-12", "Radio Bamako", "fr"),
    ("CEDEAO : un sommet extraordinaire convoqué à Abuja",
     "Les chefs d'État se retrouveront à Abuja pour discuter de la crise régionale.",
     "2025-04-03", "Jeune Presse", "fr"),
]


def write_articles(folder: Path) -> Path:
    path = folder / "veille-tests.jsonl"
    rows = [{"title": t, "text": x, "date": d, "source": s, "lang": lang}
            for t, x, d, s, lang in ARTICLES]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def stocked(tmp_path: Path, shared_extractor: EntityExtractor) -> Iterator[Library]:
    """Six articles with their entities, before any window opens."""
    lib = Library.open(tmp_path / "lib", extractor=shared_extractor)
    assert lib.import_paths([write_articles(tmp_path)]).count("imported") == 1
    lib.extract_pending()
    yield lib
    lib.close()


@pytest.fixture
def reader(qtbot, stocked: Library, tmp_path: Path) -> Iterator[MainWindow]:
    """A window on the six articles, opened articles read at once (0 ms delay)."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("reading/markReadDelayMs", 0)
    win = MainWindow(stocked, settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT):
        win.show()
    qtbot.waitUntil(lambda: win.results_model.rowCount() == len(ARTICLES), timeout=WAIT)
    yield win
    win.close()
    assert win.readers.pool.activeThreadCount() == 0
    assert win.states.lane.pool.activeThreadCount() == 0


def row_of_title(win: MainWindow, words: str) -> int:
    lib = win.library
    target = next(i for i in lib.search("*", limit=0).ids
                  if words in lib.article(i).title)  # type: ignore[union-attr]
    return win.results_model.row_of(target)


def store_state(lib: Library, article_id: int) -> tuple[bool, bool, tuple[str, ...]]:
    return lib.rows_state([article_id])[article_id]


def shown_state(win: MainWindow, row: int):
    return win.results_model.index(row).data(StateRole)


def select(win: MainWindow, row: int, qtbot) -> int:
    """Make ``row`` current (opening its article) and return its article id."""
    with qtbot.waitSignal(win.articleShown, timeout=WAIT):
        win.article_list.setCurrentIndex(win.results_model.index(row))
    article_id = win.results_model.article_id(row)
    assert article_id is not None
    settle(qtbot, win)  # opened: marked read at once (0 ms)
    return article_id


def settle(qtbot, win: MainWindow) -> None:
    """Wait until every state write asked for so far has landed and been shown."""
    qtbot.waitUntil(lambda: not win.states.lane.busy(), timeout=WAIT)


def press(qtbot, widget, key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as a person presses it: in the active window (offscreen, a closed dialog
    leaves no window active, and shortcuts only work in the active one)."""
    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow, timeout=WAIT)
    widget.setFocus()
    qtbot.keyClick(widget, key, mods)


# --- read state ---------------------------------------------------------------------


def test_opened_article_becomes_read_and_its_row_is_not_bold(qtbot, reader) -> None:
    lib, model = reader.library, reader.results_model
    row = row_of_title(reader, "CEDEAO")
    qtbot.waitUntil(lambda: shown_state(reader, row) is not None, timeout=WAIT)
    assert row_is_bold(shown_state(reader, row))  # unread: bold
    article_id = select(reader, row, qtbot)
    qtbot.waitUntil(lambda: store_state(lib, article_id)[0], timeout=WAIT)
    qtbot.waitUntil(lambda: model.state_of(article_id) == (True, False, ()), timeout=WAIT)
    assert not row_is_bold(shown_state(reader, model.row_of(article_id)))
    others = [model.article_id(r) for r in range(model.rowCount()) if r != row]
    assert not any(read for read, _s, _t in lib.rows_state(others).values())


def test_read_delay_setting_is_read_at_use_and_minus_one_never_marks(qtbot, reader) -> None:
    lib = reader.library
    reader.settings.setValue("reading/markReadDelayMs", -1)
    article_id = select(reader, row_of_title(reader, "Fishermen"), qtbot)
    reader.settings.setValue("reading/markReadDelayMs", 0)
    first = select(reader, row_of_title(reader, "Burkina"), qtbot)
    qtbot.waitUntil(lambda: store_state(lib, first)[0], timeout=WAIT)
    assert not store_state(lib, article_id)[0]


def test_m_toggles_read_and_shift_m_marks_all_results(qtbot, reader) -> None:
    lib, view = reader.library, reader.article_list
    article_id = select(reader, row_of_title(reader, "Fishermen"), qtbot)
    qtbot.waitUntil(lambda: reader.results_model.state_of(article_id) == (True, False, ()),
                    timeout=WAIT)
    press(qtbot, view, Qt.Key.Key_M)
    settle(qtbot, reader)
    assert not store_state(lib, article_id)[0]
    qtbot.waitUntil(lambda: reader.results_model.state_of(article_id) == (False, False, ()),
                    timeout=WAIT)
    press(qtbot, view, Qt.Key.Key_M, Qt.KeyboardModifier.ShiftModifier)
    settle(qtbot, reader)
    all_ids = reader.results_model.ids()
    assert all(read for read, _s, _t in lib.rows_state(all_ids).values())
    assert "Marked 6 article" in reader.statusBar().currentMessage()


# --- stars and tags -------------------------------------------------------------------


def test_s_and_a_click_on_the_star_toggle_it(qtbot, reader) -> None:
    lib, view, model = reader.library, reader.article_list, reader.results_model
    article_id = select(reader, 0, qtbot)
    press(qtbot, view, Qt.Key.Key_S)
    settle(qtbot, reader)
    assert store_state(lib, article_id)[1]
    qtbot.waitUntil(lambda: (model.state_of(article_id) or (0, 0))[1] is True, timeout=WAIT)
    assert reader.states.actions.toggle_star.text().replace("&", "") == "Unstar"
    # a click on another row's star stars that row without opening it
    delegate = view.itemDelegate()
    other = model.article_id(2)
    rect = view.visualRect(model.index(2))
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(view)
    star = delegate.star_rect(option, rect.toRectF()).center().toPoint()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=star)
    settle(qtbot, reader)
    assert store_state(lib, other)[1]
    assert view.currentIndex().row() == 0  # the click did not open the other article


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion popup, offscreen
def test_t_tags_the_selection_with_completion(qtbot, reader) -> None:
    lib, view = reader.library, reader.article_list
    lib.tag([1], add=["Sahel central"])
    reader.states.load_tags()
    qtbot.waitUntil(lambda: any(t.name == "Sahel central" for t in reader.states.tags),
                    timeout=WAIT)
    article_id = select(reader, row_of_title(reader, "Niamey"), qtbot)
    press(qtbot, view, Qt.Key.Key_T)
    dialog = reader.states.dialog
    assert isinstance(dialog, TagsDialog) and dialog.isVisible()
    completer = dialog.input.completer_
    qtbot.keyClicks(dialog.input, "Mali, sah")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Sahel central"
    completer.activated[str].emit("Sahel central")  # chosen in the completion list
    assert dialog.tags() == ["Mali", "Sahel central"]
    dialog.ok_button.click()
    settle(qtbot, reader)
    assert store_state(lib, article_id)[2] == ("Mali", "Sahel central")
    row = reader.results_model.row_of(article_id)
    qtbot.waitUntil(lambda: shown_state(reader, row) is not None
                    and shown_state(reader, row)[2] == ("Mali", "Sahel central"), timeout=WAIT)


def test_select_all_then_tag_applies_to_every_result(qtbot, reader) -> None:
    lib, view = reader.library, reader.article_list
    select(reader, 0, qtbot)
    press(qtbot, view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    ids = reader.states.selected_ids()
    assert sorted(ids) == sorted(reader.results_model.ids()) and len(ids) == len(ARTICLES)
    press(qtbot, view, Qt.Key.Key_T)
    dialog = reader.states.dialog
    qtbot.keyClicks(dialog.input, "Revue de presse")
    dialog.ok_button.click()
    settle(qtbot, reader)
    assert all(tags == ("Revue de presse",) for _r, _s, tags in lib.rows_state(ids).values())
    # the window searches again (its library changed): the selection stays whole
    with qtbot.waitSignal(reader.searchFinished, timeout=WAIT):
        reader.search.search_now()
    assert sorted(reader.states.selected_ids()) == sorted(ids)
    press(qtbot, view, Qt.Key.Key_S)
    settle(qtbot, reader)
    assert all(starred for _r, starred, _t in lib.rows_state(ids).values())


def test_context_menu_acts_on_the_selection(qtbot, reader) -> None:
    lib, view, model = reader.library, reader.article_list, reader.results_model
    lib.tag([model.article_id(0), model.article_id(1)], add=["Mali"])
    reader.states.refresh()
    select(reader, 0, qtbot)
    view.selectionModel().select(model.index(1), view.selectionModel().SelectionFlag.Select)
    qtbot.waitUntil(lambda: all(shown_state(reader, r) is not None
                                and "Mali" in shown_state(reader, r)[2] for r in (0, 1)),
                    timeout=WAIT)
    from reader_app.list_menu import build_result_menu

    menu = build_result_menu(view, view.visualRect(model.index(0)).center(),
                             reader.search_bar, reader.current_article, reader.states.actions)
    texts = [a.text().replace("&", "") for a in menu.actions()]
    for wanted in ("Mark as read", "Mark as unread", "Star", "Unstar", "Tags…",
                   "Remove tag", "Add to dossier…", "Export selection…", "Delete",
                   "Copy title", "Open original"):
        assert wanted in texts, wanted
    assert not reader.states.actions.edit_metadata.isEnabled()  # one article at a time
    untag = next(a.menu() for a in menu.actions() if a.text() == "Remove tag")
    assert [a.text() for a in untag.actions()] == ["Mali"]
    untag.actions()[0].trigger()
    settle(qtbot, reader)
    assert lib.rows_state([model.article_id(0), model.article_id(1)]) == {
        model.article_id(r): (r == 0, False, ()) for r in (0, 1)}
    select(reader, 1, qtbot)  # one article again
    assert reader.states.actions.edit_metadata.isEnabled()
    menu.deleteLater()


def test_d_adds_the_selection_to_a_dossier(qtbot, reader) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from reader_app.views.dossier_dialogs import DossierChooser

    lib, view, model = reader.library, reader.article_list, reader.results_model
    select(reader, 3, qtbot)
    view.selectionModel().select(model.index(1), view.selectionModel().SelectionFlag.Select)
    press(qtbot, view, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: isinstance(reader.states.dialog, DossierChooser)
                    and reader.states.dialog.isVisible(), timeout=WAIT)
    dialog = reader.states.dialog
    dialog.choose("Brief Sahel")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, reader)
    assert lib.dossier_articles("Brief Sahel") == [model.article_id(1), model.article_id(3)]


# --- keys -----------------------------------------------------------------------------


def test_j_k_n_p_move_through_the_list_but_the_search_box_keeps_its_letters(
        qtbot, reader) -> None:
    view = reader.article_list
    select(reader, 0, qtbot)
    for key, row in ((Qt.Key.Key_J, 1), (Qt.Key.Key_N, 2), (Qt.Key.Key_K, 1),
                     (Qt.Key.Key_P, 0)):
        with qtbot.waitSignal(reader.articleShown, timeout=WAIT):
            press(qtbot, view, key)
        assert view.currentIndex().row() == row
    with qtbot.waitSignal(reader.articleShown, timeout=WAIT):
        press(qtbot, reader.article_view, Qt.Key.Key_J)  # from the article too
    assert view.currentIndex().row() == 1
    reader.search_box.setFocus()
    qtbot.keyClicks(reader.search_box, "jknpmst")
    qtbot.keyClick(reader.search_box, Qt.Key.Key_Home)
    qtbot.keyClick(reader.search_box, Qt.Key.Key_Delete)  # deletes a letter, no article
    settle(qtbot, reader)
    assert reader.search_box.text() == "knpmst"
    assert reader.library.article_count() == len(ARTICLES)
    assert view.currentIndex().row() == 1
    assert not reader.states.dialog  # T typed in the box opened no tag dialog


def test_space_pages_the_article_then_opens_the_next(qtbot, reader) -> None:
    view, article = reader.article_list, reader.article_view
    select(reader, 0, qtbot)
    bar = article.verticalScrollBar()
    article.setFixedHeight(70)  # a short pane: the article needs paging
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=WAIT)
    press(qtbot, article, Qt.Key.Key_Space)
    assert bar.value() > 0 and view.currentIndex().row() == 0
    bar.setValue(bar.maximum())
    with qtbot.waitSignal(reader.articleShown, timeout=WAIT):
        press(qtbot, article, Qt.Key.Key_Space)
    assert view.currentIndex().row() == 1


# --- chips ----------------------------------------------------------------------------


def test_chips_and_query_never_disagree(qtbot, reader) -> None:
    lib, chips = reader.library, reader.search_bar.state_chips
    unread = chips.buttons["unread"]
    assert unread.accessibleName() == "Show only unread articles"
    first = reader.results_model.article_id(0)
    lib.mark_read([first])
    with qtbot.waitSignal(reader.searchFinished, timeout=WAIT) as searched:
        qtbot.mouseClick(unread, Qt.MouseButton.LeftButton)
    assert reader.search_box.text() == "is:unread" and unread.isChecked()
    assert first not in searched.args[0].ids and searched.args[0].total == len(ARTICLES) - 1
    with qtbot.waitSignal(reader.searchFinished, timeout=WAIT):
        qtbot.mouseClick(chips.buttons["starred"], Qt.MouseButton.LeftButton)
    assert reader.search_box.text() == "is:unread is:starred"
    reader.search_box.setFocus()
    reader.search_box.selectAll()
    qtbot.keyClicks(reader.search_box, "sahel tag:Mali est:nonlu")  # typed, in French
    assert unread.isChecked() and not chips.buttons["starred"].isChecked()
    assert list(chips.tag_buttons) == ["Mali"]
    tag_chip = chips.tag_buttons["Mali"]
    qtbot.keyClick(reader.search_box, Qt.Key.Key_Tab)  # tab order: box, chips, sort
    assert QApplication.focusWidget() is unread
    qtbot.keyClick(unread, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is chips.buttons["starred"]
    qtbot.keyClick(chips.buttons["starred"], Qt.Key.Key_Tab)
    qtbot.keyClick(chips.buttons["note"], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is tag_chip
    qtbot.keyClick(tag_chip, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is reader.search_bar.sort
    with qtbot.waitSignal(reader.searchFinished, timeout=WAIT):
        qtbot.mouseClick(tag_chip, Qt.MouseButton.LeftButton)
    assert reader.search_box.text() == "sahel est:nonlu"
    assert chips.tag_buttons == {}
    with qtbot.waitSignal(reader.searchFinished, timeout=WAIT):
        qtbot.mouseClick(unread, Qt.MouseButton.LeftButton)
    assert reader.search_box.text() == "sahel" and not unread.isChecked()



# --- delete, edit, export ---------------------------------------------------------------


def test_delete_then_undo_restores_the_article_with_its_state(qtbot, reader) -> None:
    lib, view, model = reader.library, reader.article_list, reader.results_model
    row = row_of_title(reader, "Burkina")
    article_id = select(reader, row, qtbot)
    lib.set_starred([article_id])
    lib.tag([article_id], add=["Routes"])
    lib.add_to_dossier("Brief Sahel", [article_id])
    press(qtbot, view, Qt.Key.Key_Delete)
    settle(qtbot, reader)
    assert lib.article(article_id) is None and model.row_of(article_id) == -1
    assert model.rowCount() == len(ARTICLES) - 1
    notice = reader.states.housekeeping.notice
    assert notice.isVisible() and "Deleted 1 article" in notice.label.text()
    undo = reader.states.actions.undo_delete
    assert undo.isEnabled() and undo.shortcut().toString() == "Ctrl+Z"
    assert reader.actions_.undo_entity_edit.shortcut().isEmpty()  # one owner of Ctrl+Z
    with qtbot.waitSignal(reader.searchFinished, timeout=WAIT):
        press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, reader)
    restored = lib.article(article_id)
    assert restored is not None and restored.starred and restored.read
    assert restored.tags == ("Routes",) and restored.dossiers == ("Brief Sahel",)
    assert model.row_of(article_id) >= 0 and article_id in reader.states.selected_ids()
    assert lib.search("tag:Routes").ids == (article_id,)
    assert reader.actions_.undo_entity_edit.shortcut().toString() == "Ctrl+Z"
    assert not undo.isEnabled()


def test_deletes_are_purged_when_the_window_closes(qtbot, reader) -> None:
    lib, view = reader.library, reader.article_list
    article_id = select(reader, 0, qtbot)
    press(qtbot, view, Qt.Key.Key_Delete)
    settle(qtbot, reader)
    trash = "SELECT count(*) FROM trash"
    assert lib.store.conn.execute(trash).fetchone()[0] == 1
    reader.close()
    assert lib.store.conn.execute(trash).fetchone()[0] == 0
    assert lib.article(article_id) is None


def test_edit_metadata_shows_in_the_row_and_in_search(qtbot, reader) -> None:
    lib, view, model = reader.library, reader.article_list, reader.results_model
    reader.watch.stop()  # no search again on the library's change: the row follows alone
    article_id = select(reader, row_of_title(reader, "Fishermen"), qtbot)
    house = reader.states.housekeeping
    press(qtbot, view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: house.edit_dialog is not None and house.edit_dialog.isVisible(),
                    timeout=WAIT)
    dialog = house.edit_dialog
    assert dialog.edits["title"].text() == "Fishermen in Dakar report falling catches"
    dialog.edits["date"].setText("le 3 mars")
    dialog.save_button.click()
    qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT)
    assert "is not a date" in dialog.error.text() and "Traceback" not in dialog.error.text()
    dialog.edits["date"].setText("2025-09-03")
    dialog.edits["title"].setText("Pêcheurs de Dakar : les prises s'effondrent")
    with qtbot.waitSignal(reader.states.stateWritten, timeout=WAIT):
        dialog.save_button.click()
    row = model.row_of(article_id)
    qtbot.waitUntil(lambda: model.index(row).data() ==
                    "Pêcheurs de Dakar : les prises s'effondrent", timeout=WAIT)
    assert lib.search("pecheurs effondrent").ids == (article_id,)
    assert (lib.article(article_id).date or "").startswith("2025-09-03")


def test_export_selection_writes_a_csv_the_csv_module_reads(qtbot, reader, tmp_path,
                                                            monkeypatch) -> None:
    import csv

    from PySide6.QtWidgets import QFileDialog

    lib, view, model = reader.library, reader.article_list, reader.results_model
    first = select(reader, row_of_title(reader, "Niamey"), qtbot)
    second = model.article_id(row_of_title(reader, "Sécurité alimentaire"))
    view.selectionModel().select(model.index(model.row_of(second)),
                                 view.selectionModel().SelectionFlag.Select)
    lib.tag([first], add=["Élections"])
    out = tmp_path / "sélection"
    asked: list[str] = []

    def save_name(_parent, title, _start, filters):  # the file dialog, answered
        asked.append(title)
        return str(out), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    with qtbot.waitSignal(reader.states.stateWritten, timeout=WAIT):
        press(qtbot, view, Qt.Key.Key_E,
              Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    written = tmp_path / "sélection.csv"
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read UTF-8
    with written.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["id"]) for r in rows] == sorted([first, second], key=model.row_of)
    titles = {r["title"] for r in rows}
    assert "À Niamey, la société civile réclame un calendrier électoral" in titles
    assert "Sécurité alimentaire : les semences promises se font attendre" in titles
    assert next(r for r in rows if int(r["id"]) == first)["tags"] == "Élections"
    assert asked and "2 article" in asked[0]


def test_file_names_of_exports_and_originals() -> None:
    from reader_app.article_files import export_format, origin_name, origin_path

    assert export_format("/tmp/brief.MD", "CSV, for spreadsheets (*.csv)") == "md"
    assert export_format("/tmp/brief", "PDF brief (*.pdf)") == "pdf"
    assert origin_name("/data/presse.zip!/2025/août/le-monde.html", 7) == "le-monde.html"
    assert origin_name("/data/fil.jsonl#line-3", 7) == "fil.jsonl"
    assert origin_name("", 7) == "article-7"
    assert origin_path("/data/presse.zip!/a.html") == Path("/data/presse.zip")
    assert origin_path("pasted text") is None

"""Watches through the window: save the search, count an import's new matches, say so,
show them first, mark them as seen, load a list of names, remove one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QToolButton

from index.library import Library
from index.models import SearchFilters
from reader_app.main_window import MainWindow
from reader_app.views.watch_dialogs import SaveWatchDialog
from tests.gui.navigation_support import (
    NEWS,
    WAIT,
    click_entry,
    entry,
    fill_library,
    open_window,
    refreshed,
    shown_ids,
    write_articles,
)


@pytest.fixture
def nav_library(library: Library, tmp_path: Path) -> Library:
    return fill_library(library, tmp_path)


@pytest.fixture
def nav_window(qtbot, nav_library: Library, settings: QSettings) -> Iterator[MainWindow]:
    win = open_window(qtbot, nav_library, settings)
    yield win
    win.close()


def _write(qtbot, win: MainWindow, call) -> object:
    with qtbot.waitSignal(win.navigation.edits.writeDone, timeout=WAIT) as done:
        call()
    return done.args[1]


def test_a_watch_counts_an_imports_new_articles_shows_them_first_and_is_marked_seen(
        qtbot, nav_window: MainWindow, tmp_path: Path) -> None:
    win, lib = nav_window, nav_window.library
    _write(qtbot, win, lambda: win.navigation.edits.save_watch("Sahel", "sahel", None))
    qtbot.waitUntil(lambda: entry(win, "watch", "Sahel") is not None, timeout=WAIT)
    assert entry(win, "watch", "Sahel").new == 0
    before = set(lib.search("sahel", limit=50).ids)
    with qtbot.waitSignal(win.importFinished, timeout=WAIT) as imported:
        win.import_paths([write_articles(tmp_path / "news", NEWS)])
    assert imported.args[0].watches == {"Sahel": 2}
    news = win.findChild(QToolButton, "watchNews")
    assert news.isVisible() and news.text() == "2 new for Sahel"  # stays after the message
    qtbot.waitUntil(lambda: entry(win, "watch", "Sahel").new == 2, timeout=WAIT)
    index = win.navigation.model.index_of(("watch", "Sahel"), 1)
    assert index.data() == "2" and index.data(Qt.ItemDataRole.FontRole).bold()
    with qtbot.waitSignal(win.navigation.viewShown, timeout=WAIT):
        news.click()  # the status bar's news opens the watch
    fresh = set(lib.watch_new_ids("Sahel"))
    ids = shown_ids(win)
    assert set(ids[:2]) == fresh and set(ids[2:]) == before  # new ones first
    hits = [win.results_model.hit(row) for row in range(len(ids))]
    assert all(h.snippet.startswith("<mark>New</mark>") for h in hits[:2])
    assert not any("<mark>New</mark>" in h.snippet for h in hits[2:])
    assert win.view_bar.isVisible() and win.view_bar.mark_seen.isEnabled()
    assert win.search_box.text() == "sahel"
    with qtbot.waitSignal(win.navigation.viewShown, timeout=WAIT):
        win.view_bar.mark_seen.click()  # the list shows the watch again, nothing new
    qtbot.waitUntil(lambda: entry(win, "watch", "Sahel").new == 0, timeout=WAIT)
    assert lib.watch_new_ids("Sahel") == []
    assert not any("<mark>New</mark>" in (win.results_model.hit(r).snippet or "")
                   for r in range(2))
    assert not news.isVisible() and not win.view_bar.mark_seen.isEnabled()


def test_saving_the_current_search_keeps_its_filters(qtbot, nav_window: MainWindow) -> None:
    win, lib = nav_window, nav_window.library
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT):
        win.search_bar.lang.select_value("fr")
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT):
        win.search.search_now("alliance")
    dialog = SaveWatchDialog(win, win.search.query, win.search.filters, ["Sahel"])
    assert dialog.name() == "alliance" and "language fr" in dialog.filters_label.text()
    dialog.name_edit.setText("sahel")  # taken, ignoring case: Save is refused, and why
    assert not dialog.buttons.buttons()[0].isEnabled() and dialog.problem()
    dialog.close()
    watch = _write(qtbot, win, lambda: win.navigation.edits.save_watch(
        "Alliance FR", win.search.query, win.search.filters))
    assert watch.filters == SearchFilters(langs=("fr",))
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT):  # elsewhere, then back
        win.search_bar.lang.setCurrentIndex(0)
    qtbot.waitUntil(lambda: entry(win, "watch", "Alliance FR") is not None, timeout=WAIT)
    click_entry(qtbot, win, "watch", "Alliance FR")
    assert win.search_bar.lang.value() == "fr"  # the watch's filters show in the bar
    assert set(shown_ids(win)) == set(lib.search("alliance", filters=watch.filters).ids)


def test_save_watch_without_a_search_says_what_to_do(qtbot, nav_window: MainWindow) -> None:
    nav_window.navigation.actions["save_watch"].trigger()  # no query, no filter: no dialog
    assert "Search first" in nav_window.statusBar().currentMessage()
    assert nav_window.navigation.actions["save_watch"].shortcut().toString() == "Ctrl+Shift+S"


def test_a_list_of_names_becomes_watches_and_says_how_many(
        qtbot, nav_window: MainWindow, tmp_path: Path) -> None:
    win, lib = nav_window, nav_window.library
    names = tmp_path / "noms.csv"
    names.write_text("nom;requête\nSadio Camara;\nAlliance du Sahel;alliance sahel\n"
                     "Pêcheurs de Dakar;dakar\n", encoding="cp1252")
    _write(qtbot, win, lambda: win.navigation.edits.load_watch_list(names))
    assert win.statusBar().currentMessage() == "3 watches added from noms.csv."
    qtbot.waitUntil(lambda: len(win.navigation.model.names(1)) == 3, timeout=WAIT)
    assert {w.name for w in lib.watches()} == {"Sadio Camara", "Alliance du Sahel",
                                               "Pêcheurs de Dakar"}
    _write(qtbot, win, lambda: win.navigation.edits.load_watch_list(names))
    assert "3 names were already watched" in win.statusBar().currentMessage()
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with qtbot.waitSignal(win.navigation.edits.writeFailed, timeout=WAIT):
        win.navigation.edits.load_watch_list(binary)
    assert win.statusBar().currentMessage() == (
        "The file photo.png is not a text or CSV list of names")


def test_removing_a_watch_takes_it_out_of_the_sidebar(qtbot, nav_library: Library,
                                                      nav_window: MainWindow) -> None:
    win = nav_window
    nav_library.add_watch("Dakar", "dakar")
    refreshed(qtbot, win)
    click_entry(qtbot, win, "watch", "Dakar")
    assert win.view_bar.isVisible()
    _write(qtbot, win, lambda: win.navigation.edits.remove_watch("Dakar"))
    qtbot.waitUntil(lambda: entry(win, "watch", "Dakar") is None, timeout=WAIT)
    qtbot.waitUntil(lambda: not win.view_bar.isVisible(), timeout=WAIT)  # a plain search now
    assert nav_library.watches() == []

"""The navigation sidebar through the window: library entries, tags, remembering its
state, following other processes. Real library, real widgets (pytest-qt, offscreen)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QApplication

from index.library import Library
from reader_app.main_window import MainWindow
from reader_app.views.navigation import WATCHES, articles_mime
from reader_app.views.tag_dialogs import NameDialog
from tests.gui.navigation_support import (
    WAIT,
    answer_question,
    article_id,
    click_entry,
    entry,
    entry_center,
    fill_library,
    open_window,
    refreshed,
    send_drop,
    shown_ids,
)


@pytest.fixture
def nav_library(library: Library, tmp_path: Path) -> Library:
    return fill_library(library, tmp_path)


@pytest.fixture
def nav_window(qtbot, nav_library: Library, settings: QSettings) -> Iterator[MainWindow]:
    win = open_window(qtbot, nav_library, settings)
    yield win
    win.close()

REPO = Path(__file__).resolve().parents[2]


def test_library_section_counts_and_clicking_unread_shows_only_unread(
        qtbot, nav_library: Library, settings: QSettings) -> None:
    camara, dakar = article_id(nav_library, "camara"), article_id(nav_library, "dakar")
    nav_library.mark_read([camara, dakar])
    nav_library.set_starred([dakar])
    nav_library.set_note(camara, "À citer dans le brief.")
    win = open_window(qtbot, nav_library, settings)
    assert entry(win, "all").count == 4
    assert entry(win, "unread").count == 2
    assert entry(win, "starred").count == 1
    assert entry(win, "note").count == 1
    click_entry(qtbot, win, "unread")
    unread = set(nav_library.search("*", limit=10).ids) - {camara, dakar}
    assert set(shown_ids(win)) == unread
    assert win.search_box.text() == "is:unread"  # the box says what is searched
    assert win.search_bar.count.text() == "2 articles"
    click_entry(qtbot, win, "starred")
    assert shown_ids(win) == [dakar]
    click_entry(qtbot, win, "all")
    assert len(shown_ids(win)) == 4 and win.search_box.text() == ""
    win.close()


def test_opening_an_entry_replaces_the_side_filters(qtbot, nav_window: MainWindow) -> None:
    win = nav_window
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT):
        win.search_bar.lang.select_value("en")
    assert len(shown_ids(win)) == 1
    click_entry(qtbot, win, "unread")
    assert win.search_bar.filters() is None and win.search.filters is None
    assert len(shown_ids(win)) == 4


def test_typing_an_entrys_query_selects_it_and_another_clears_it(
        qtbot, nav_window: MainWindow) -> None:
    win = nav_window
    tree, model = win.sidebar.tree, win.navigation.model
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT):
        win.search.search_now("is:starred")
    assert model.entry(tree.currentIndex()).key == ("starred", "")
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT):
        win.search.search_now("sahel")
    assert not tree.selectionModel().hasSelection()


def test_tags_show_counts_and_colours_and_a_rename_follows_everywhere(
        qtbot, nav_window: MainWindow) -> None:
    win, lib = nav_window, nav_window.library
    camara, niamey = article_id(lib, "camara"), article_id(lib, "sommet")
    lib.tag([camara, niamey], add=["Mali"])
    refreshed(qtbot, win)
    assert entry(win, "tag", "Mali").count == 2
    click_entry(qtbot, win, "tag", "Mali")
    assert set(shown_ids(win)) == {camara, niamey}
    assert win.search_box.text() == 'tag:"Mali"'
    with qtbot.waitSignal(win.navigation.edits.writeDone, timeout=WAIT):
        win.navigation.edits.set_tag_color("Mali", "#e07b39")
    qtbot.waitUntil(lambda: entry(win, "tag", "Mali").color == "#e07b39", timeout=WAIT)
    icon = win.navigation.model.index_of(("tag", "Mali")).data(Qt.ItemDataRole.DecorationRole)
    assert icon.pixmap(12, 12).toImage().pixelColor(6, 6) == QColor("#e07b39")
    win.navigation.edits.rename_tag("Mali", "Sahel central")  # the open tag reopens renamed
    qtbot.waitUntil(lambda: win.search_box.text() == 'tag:"Sahel central"'
                    and win.results_model.query == 'tag:"Sahel central"', timeout=WAIT)
    assert entry(win, "tag", "Mali") is None
    assert entry(win, "tag", "Sahel central").count == 2
    assert win.search_box.text() == 'tag:"Sahel central"'
    assert set(shown_ids(win)) == {camara, niamey}
    assert set(lib.search('tag:"sahel central"').ids) == {camara, niamey}
    tree = win.sidebar.tree
    assert win.navigation.model.entry(tree.currentIndex()).name == "Sahel central"


def test_dragging_a_tag_onto_another_merges_them_once_confirmed(
        qtbot, nav_window: MainWindow) -> None:
    win, lib = nav_window, nav_window.library
    camara, dakar = article_id(lib, "camara"), article_id(lib, "dakar")
    lib.tag([camara], add=["Sécurité"])
    lib.tag([dakar], add=["Securite maritime"])
    refreshed(qtbot, win)
    model = win.navigation.model
    mime = model.mimeData([model.index_of(("tag", "Sécurité"))])
    answer_question(yes=False)
    assert send_drop(win.sidebar.tree.viewport(), entry_center(win, "tag", "Securite maritime"),
                     mime)
    qtbot.wait(50)  # the question was answered No: nothing may change
    refreshed(qtbot, win)
    assert entry(win, "tag", "Sécurité").count == 1
    answer_question(yes=True)
    with qtbot.waitSignal(win.navigation.edits.writeDone, timeout=WAIT):
        send_drop(win.sidebar.tree.viewport(), entry_center(win, "tag", "Securite maritime"),
                  mime)
    qtbot.waitUntil(lambda: entry(win, "tag", "Sécurité") is None, timeout=WAIT)
    assert entry(win, "tag", "Securite maritime").count == 2
    assert set(lib.search('tag:"securite maritime"').ids) == {camara, dakar}


def test_articles_dropped_on_a_tag_or_a_dossier_are_tagged_or_added(
        qtbot, nav_window: MainWindow) -> None:
    win, lib = nav_window, nav_window.library
    camara, niamey = article_id(lib, "camara"), article_id(lib, "sommet")
    lib.tag([article_id(lib, "dakar")], add=["Pêche"])
    lib.add_to_dossier("Brief", [])
    refreshed(qtbot, win)
    viewport = win.sidebar.tree.viewport()
    with qtbot.waitSignal(win.navigation.edits.writeDone, timeout=WAIT):
        assert send_drop(viewport, entry_center(win, "tag", "Pêche"),
                         articles_mime([camara, niamey]))
    with qtbot.waitSignal(win.navigation.edits.writeDone, timeout=WAIT):
        assert send_drop(viewport, entry_center(win, "dossier", "Brief"),
                         articles_mime([niamey]))
    qtbot.waitUntil(lambda: entry(win, "dossier", "Brief").count == 1, timeout=WAIT)
    assert entry(win, "tag", "Pêche").count == 3
    assert lib.dossier_articles("Brief") == [niamey]
    # a drop on "Unread" is refused: it is not a tag or a dossier
    assert not send_drop(viewport, entry_center(win, "unread"), articles_mime([camara]))


def test_deleting_the_open_tag_shows_every_article_again(qtbot, nav_window: MainWindow) -> None:
    win, lib = nav_window, nav_window.library
    lib.tag([article_id(lib, "dakar")], add=["Pêche"])
    refreshed(qtbot, win)
    click_entry(qtbot, win, "tag", "Pêche")
    win.navigation.edits.delete_tag("Pêche")
    qtbot.waitUntil(lambda: win.search_box.text() == "" and len(shown_ids(win)) == 4,
                    timeout=WAIT)
    assert entry(win, "tag", "Pêche") is None
    assert lib.tags() == []


def test_sidebar_width_visibility_and_entry_are_remembered(
        qtbot, nav_library: Library, settings: QSettings) -> None:
    first = open_window(qtbot, nav_library, settings)
    first.resize(1280, 800)  # wider than the offscreen screen, which restoring clamps to
    toggle = first.navigation.actions["toggle"]
    assert toggle.shortcut() == QKeySequence("F9")
    view_menu = next(a.menu() for a in first.menuBar().actions() if a.text() == "&View")
    assert toggle in view_menu.actions()
    click_entry(qtbot, first, "unread")
    sizes = first.splitter.sizes()
    first.splitter.setSizes([260, sizes[1] + sizes[0] - 260, *sizes[2:]])
    first.splitter.splitterMoved.emit(260, 1)
    toggle.trigger()
    assert not first.sidebar.isVisible() and not toggle.isChecked()
    first.close()
    second = open_window(qtbot, nav_library, settings)
    second.resize(1280, 800)
    assert not second.sidebar.isVisible()
    assert not second.navigation.actions["toggle"].isChecked()
    qtbot.waitUntil(lambda: second.search_box.text() == "is:unread", timeout=WAIT)  # reopened
    assert second.navigation.model.entry(second.sidebar.tree.currentIndex()).kind == "unread"
    second.navigation.actions["toggle"].trigger()
    assert second.sidebar.isVisible()
    qtbot.waitUntil(lambda: second.sidebar.width() == 260, timeout=WAIT)
    second.close()
    third = open_window(qtbot, nav_library, settings)
    assert third.sidebar.isVisible() and third.navigation.actions["toggle"].isChecked()
    third.close()


def test_counts_follow_a_tag_added_by_another_process(qtbot, nav_window: MainWindow) -> None:
    win, lib = nav_window, nav_window.library
    camara = article_id(lib, "camara")
    command = [sys.executable, "-m", "reader_app", "tag", str(camara), "--add", "Urgent",
               "--library", str(lib.path)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: entry(win, "tag", "Urgent") is not None, timeout=WAIT)
    assert entry(win, "tag", "Urgent").count == 1


def test_empty_sections_say_how_to_fill_them(nav_window: MainWindow) -> None:
    model = nav_window.navigation.model
    hint = model.index(0, 0, model.index(WATCHES, 0))
    assert "watch" in hint.data().lower() and model.entry(hint) is None
    assert not model.flags(hint) & Qt.ItemFlag.ItemIsSelectable


def test_f2_renames_and_delete_deletes_the_current_tag_from_the_keyboard(
        qtbot, nav_window: MainWindow) -> None:
    win, lib = nav_window, nav_window.library
    lib.tag([article_id(lib, "dakar")], add=["Pêche"])
    refreshed(qtbot, win)
    tree = win.sidebar.tree
    click_entry(qtbot, win, "tag", "Pêche")
    win.activateWindow()
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus, timeout=WAIT)

    def rename() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NameDialog):
            QTimer.singleShot(10, rename)
            return
        dialog.edit.setText("Pêche artisanale")
        dialog.accept()

    QTimer.singleShot(0, rename)
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: entry(win, "tag", "Pêche artisanale") is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: win.search_box.text() == 'tag:"Pêche artisanale"', timeout=WAIT)
    answer_question(yes=True)
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: lib.tags() == [], timeout=WAIT)
    assert lib.article_count() == 4  # Delete in the sidebar never deletes articles

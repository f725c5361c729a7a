"""Dossiers through the window: their own order, notes in the rows, drag to reorder
(kept across a restart), remove from a dossier, create, rename, delete."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QSettings, Qt, QUrl
from PySide6.QtWidgets import QMenu

from index.library import Library
from reader_app.main_window import MainWindow
from reader_app.views.list_drag import move_ids
from reader_app.views.navigation import articles_mime
from tests.gui.navigation_support import (
    NEWS,
    WAIT,
    article_id,
    click_entry,
    entry,
    fill_library,
    open_window,
    refreshed,
    send_drop,
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


def _dossier(lib: Library) -> list[int]:
    order = [article_id(lib, w) for w in ("dakar", "camara", "bruxelles")]
    lib.add_to_dossier("Brief Sahel", order)
    lib.set_note(order[1], "À citer : la route Gao–Niamey.\nVérifier la date.")
    return order


def _row_point(win: MainWindow, row: int, upper: bool) -> QPoint:
    rect = win.article_list.visualRect(win.results_model.index(row))
    return QPoint(rect.center().x(), rect.top() + 3 if upper else rect.bottom() - 3)


def test_a_dossier_shows_its_order_and_notes_and_a_drag_reorders_it_for_good(
        qtbot, nav_library: Library, settings: QSettings) -> None:
    dakar, camara, bruxelles = _dossier(nav_library)
    win = open_window(qtbot, nav_library, settings)
    assert entry(win, "dossier", "Brief Sahel").count == 3
    click_entry(qtbot, win, "dossier", "Brief Sahel")
    assert shown_ids(win) == [dakar, camara, bruxelles]  # its order, not relevance
    assert win.search_box.text() == 'dossier:"Brief Sahel"'
    note_row = win.results_model.hit(1)
    assert note_row.snippet.startswith("✎ À citer : la route Gao–Niamey. Vérifier")
    assert win.view_bar.isVisible() and "drag to reorder" in win.view_bar.label.text()
    # drag Bruxelles (last) above the first row
    with qtbot.waitSignal(win.navigation.viewShown, timeout=WAIT):
        assert send_drop(win.article_list.viewport(), _row_point(win, 0, upper=True),
                         articles_mime([bruxelles]))
    assert shown_ids(win) == [bruxelles, dakar, camara]
    assert nav_library.dossier_articles("Brief Sahel") == [bruxelles, dakar, camara]
    # and Dakar below Camara
    with qtbot.waitSignal(win.navigation.viewShown, timeout=WAIT):
        send_drop(win.article_list.viewport(), _row_point(win, 2, upper=False),
                  articles_mime([dakar]))
    assert shown_ids(win) == [bruxelles, camara, dakar]
    win.close()
    again = open_window(qtbot, nav_library, settings)  # a restart opens it again
    qtbot.waitUntil(lambda: shown_ids(again) == [bruxelles, camara, dakar]
                    and again.view_bar.isVisible(), timeout=WAIT)
    assert again.navigation.model.entry(again.sidebar.tree.currentIndex()).name == "Brief Sahel"
    again.close()


def test_move_ids_puts_the_moved_articles_next_to_the_target() -> None:
    assert move_ids([1, 2, 3, 4], [4], 1, after=False) == [4, 1, 2, 3]
    assert move_ids([1, 2, 3, 4], [1, 3], 4, after=True) == [2, 4, 1, 3]
    assert move_ids([1, 2, 3, 4], [2], 2, after=True) == [1, 2, 3, 4]  # onto itself
    assert move_ids([1, 2, 3], [9], 1, after=False) == [1, 2, 3]  # not in the dossier


def test_another_sort_shows_the_dossier_without_reordering(qtbot, nav_library: Library,
                                                          nav_window: MainWindow) -> None:
    win = nav_window
    order = _dossier(nav_library)
    refreshed(qtbot, win)
    click_entry(qtbot, win, "dossier", "Brief Sahel")
    assert win.navigation.drag.reordering
    with qtbot.waitSignal(win.navigation.viewShown, timeout=WAIT):
        win.search_bar.sort.setCurrentIndex(win.search_bar.sort.findData("oldest"))
    assert not win.navigation.drag.reordering
    assert "drag to reorder" not in win.view_bar.label.text()
    assert shown_ids(win) == sorted(order, key=lambda i: nav_library.article(i).date)
    assert not send_drop(win.article_list.viewport(), QPoint(20, 5), articles_mime([order[2]]))


def test_files_dropped_on_an_open_dossier_are_still_imported(
        qtbot, nav_library: Library, nav_window: MainWindow, tmp_path: Path) -> None:
    win = nav_window
    _dossier(nav_library)
    refreshed(qtbot, win)
    click_entry(qtbot, win, "dossier", "Brief Sahel")
    assert win.navigation.drag.reordering  # the list takes drops of articles now
    folder = write_articles(tmp_path / "more", {"gao.txt": NEWS["gao.txt"]})
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder / "gao.txt"))])
    viewport = win.article_list.viewport()
    with qtbot.waitSignal(win.importFinished, timeout=WAIT) as imported:
        assert send_drop(viewport, viewport.rect().center(), mime)
    assert imported.args[0].count("imported") == 1


def test_removing_the_selection_from_the_open_dossier(qtbot, nav_library: Library,
                                                      nav_window: MainWindow) -> None:
    win = nav_window
    dakar, camara, bruxelles = _dossier(nav_library)
    refreshed(qtbot, win)
    click_entry(qtbot, win, "dossier", "Brief Sahel")
    with qtbot.waitSignal(win.articleShown, timeout=WAIT):
        win.article_list.setCurrentIndex(win.results_model.index(1))
    with qtbot.waitSignal(win.navigation.viewShown, timeout=WAIT):
        win.view_bar.remove.click()
    assert shown_ids(win) == [dakar, bruxelles]
    qtbot.waitUntil(lambda: entry(win, "dossier", "Brief Sahel").count == 2, timeout=WAIT)
    menu = QMenu(win)  # the list's context menu gets the same action while a dossier shows
    win.navigation.extend_list_menu(menu)
    assert any(a.text() == "Remove from dossier “Brief Sahel”" for a in menu.actions())
    assert camara not in nav_library.dossier_articles("Brief Sahel")


def test_create_rename_and_delete_a_dossier(qtbot, nav_window: MainWindow) -> None:
    win, lib = nav_window, nav_window.library
    nav = win.navigation
    with qtbot.waitSignal(nav.viewShown, timeout=WAIT,  # a new dossier opens, empty
                          check_params_cb=lambda _k, name: name == "Brief Mali"):
        nav.edits.new_dossier("Brief Mali")
    assert entry(win, "dossier", "Brief Mali").count == 0 and shown_ids(win) == []
    with qtbot.waitSignal(nav.viewShown, timeout=WAIT,
                          check_params_cb=lambda _k, name: name == "Brief Sahel"):
        nav.edits.rename_dossier("Brief Mali", "Brief Sahel")
    assert entry(win, "dossier", "Brief Mali") is None
    assert win.search_box.text() == 'dossier:"Brief Sahel"'
    with qtbot.waitSignal(nav.edits.writeFailed, timeout=WAIT):
        nav.edits.rename_dossier("Brief Sahel", "")  # one sentence, no change
    assert "needs a name" in win.statusBar().currentMessage()
    assert [d.name for d in lib.dossiers()] == ["Brief Sahel"]
    nav.edits.delete_dossier("Brief Sahel")
    qtbot.waitUntil(lambda: win.search_box.text() == "" and len(shown_ids(win)) == 4,
                    timeout=WAIT)
    assert lib.dossiers() == [] and entry(win, "dossier", "Brief Sahel") is None


def test_a_press_on_the_selection_and_a_small_move_keep_every_selected_row(
        qtbot, nav_window: MainWindow) -> None:
    """What the list drags to the sidebar is the whole selection, not the row pressed."""
    win = nav_window
    view, model = win.article_list, win.results_model
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=WAIT)
    selection = view.selectionModel()
    for row in (0, 2):
        selection.select(model.index(row), selection.SelectionFlag.Select)
    pos = view.visualRect(model.index(2)).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseMove(view.viewport(), pos + QPoint(0, 2))
    assert sorted(i.row() for i in selection.selectedRows()) == [0, 2]
    assert win.navigation.drag.dragged_ids(2) == [model.article_id(0), model.article_id(2)]
    assert win.navigation.drag.dragged_ids(1) == [model.article_id(1)]
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=pos + QPoint(0, 2))

"""Filters, settings, help and drops on child widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import QDialog, QTextBrowser

from index.library import Library
from reader_app.main_window import MainWindow
from reader_app.style import SAMPLES
from tests.gui.conftest import drop_files

LONG = 60000


def _import_samples(qtbot, window: MainWindow, extra: list[Path] = ()) -> int:
    with qtbot.waitSignal(window.importFinished, timeout=LONG) as imported:
        window.import_paths([SAMPLES, *extra])
    n = imported.args[0].count("imported")
    qtbot.waitUntil(lambda: window.results_model.rowCount() == n, timeout=LONG)
    return n


def test_drop_on_the_search_box_imports_instead_of_typing(qtbot, window, article_file) -> None:
    with qtbot.waitSignal(window.importFinished, timeout=LONG):
        assert drop_files(window.search_box, [article_file])
    assert window.search_box.text() == ""
    assert not window.drop_overlay.isVisible()


def test_entity_and_date_filters_narrow_the_results(qtbot, window: MainWindow) -> None:
    total = _import_samples(qtbot, window)
    qtbot.waitUntil(lambda: not window.jobs.busy(), timeout=LONG)  # entities stored
    with qtbot.waitSignal(window.searchFinished, timeout=LONG) as filtered:
        window.entity_panel.filterRequested.emit("Niamey")  # as a click in "All results" does
    narrowed = filtered.args[0].total
    assert 0 < narrowed < total
    assert window.search_bar.entity_filters() == ["Niamey"]
    with qtbot.waitSignal(window.searchFinished, timeout=LONG) as dated:
        window.search_bar.date_from.setDate(QDate(2025, 9, 1))
    assert all((h.date or "") >= "2025-09-01" for h in dated.args[0].hits)
    assert dated.args[0].total <= narrowed
    with qtbot.waitSignal(window.searchFinished, timeout=LONG):
        window.reset_filters()
    qtbot.waitUntil(lambda: window.results_model.rowCount() == total, timeout=LONG)
    assert window.search_bar.filters() is None


def test_sort_newest_first(qtbot, window: MainWindow) -> None:
    _import_samples(qtbot, window)
    with qtbot.waitSignal(window.searchFinished, timeout=LONG) as searched:
        window.search_bar.sort.setCurrentIndex(window.search_bar.sort.findData("newest"))
    dates = [h.date for h in searched.args[0].hits if h.date]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 2


def test_splitter_sizes_are_remembered(qtbot, library: Library, settings: QSettings) -> None:
    first = MainWindow(library, settings)
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.libraryCounted):
        first.show()
    first.resize(780, 560)  # smaller than the offscreen screen, so restoring needs no clamping
    first.splitter.setSizes([250, 330, 190])
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(library, settings)
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.libraryCounted):
        second.show()
    assert second.size().width() == 780
    assert second.splitter.sizes() == sizes
    second.close()


def test_help_shows_search_syntax(qtbot, window: MainWindow) -> None:
    window.actions_.search_syntax.trigger()
    dialog = window.findChild(QDialog, "searchSyntax")
    assert dialog is not None and dialog.isVisible()
    text = dialog.findChild(QTextBrowser).toPlainText()
    assert "Search syntax" in text and "date:2025-08" in text
    dialog.close()


def test_related_articles_open_in_the_reader(qtbot, window: MainWindow) -> None:
    _import_samples(qtbot, window)
    with qtbot.waitSignal(window.relatedShown, timeout=LONG) as related:
        window.article_list.setCurrentIndex(window.results_model.index(0))
    results = related.args[0]
    assert results.ids or results.hits
    pane = window.article_pane
    target = pane.related_model.article_id(0)
    assert target is not None and target != window.current_article.id
    with qtbot.waitSignal(window.articleShown, timeout=LONG) as shown:
        pane.related_list.clicked.emit(pane.related_model.index(0))
    assert shown.args[0] == target

"""Filters, settings, help and drops on child widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import QDialog, QTextBrowser

from index.library import Library
from reader_app.main_window import MainWindow
from reader_app.models.results_model import HitRole
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


def _entities_indexed(window: MainWindow) -> bool:
    """Extraction starts only after the import ends, and each batch's mentions are
    stored before the search index is rewritten: wait for both."""
    lib = window.library
    return (
        not window.jobs.busy()
        and lib.pending_entities() == 0
        and bool(lib.facets("").get("entity"))
    )


def test_entity_and_date_filters_narrow_the_results(qtbot, window: MainWindow) -> None:
    total = _import_samples(qtbot, window)
    qtbot.waitUntil(lambda: _entities_indexed(window), timeout=LONG)
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


def test_splitter_sizes_and_text_size_are_remembered(
    qtbot, library: Library, settings: QSettings
) -> None:
    first = MainWindow(library, settings)
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.libraryCounted):
        first.show()
    first.navigation.set_sidebar_visible(False)  # the offscreen screen may be 800 px wide
    screen = first.screen().availableGeometry().width()
    # The window's minimum follows its visible panes once the hidden one's layout request
    # has been handled; then a size smaller than the screen needs no clamping on restore.
    qtbot.waitUntil(lambda: first.minimumWidth() < screen - 20)
    first.resize(screen - 20, 560)
    qtbot.waitUntil(lambda: first.size().width() == screen - 20)
    first.splitter.setSizes([0, 250, 330, 190])
    width = first.size().width()
    base_size = first.article_view.font().pointSizeF()
    first.actions_.zoom_in.trigger()
    first.actions_.zoom_in.trigger()
    assert first.article_view.font().pointSizeF() == base_size + 2
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(library, settings)
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.libraryCounted):
        second.show()
    assert second.size().width() == width
    # Within a handle's width (the hidden sidebar's handle is given back to a neighbour).
    assert all(abs(a - b) <= 8 for a, b in zip(second.splitter.sizes(), sizes, strict=True))
    assert second.article_view.font().pointSizeF() == base_size + 2  # text size remembered
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


def test_facets_fill_filters_and_results_entities(qtbot, window: MainWindow) -> None:
    total = _import_samples(qtbot, window)
    qtbot.waitUntil(lambda: _entities_indexed(window), timeout=LONG)
    with qtbot.waitSignal(window.facetsShown, timeout=LONG) as shown:
        window.entity_panel.set_mode(1)  # "All results": counts of articles per entity
    facets = shown.args[0]
    langs = {window.search_bar.lang.itemData(i) for i in range(window.search_bar.lang.count())}
    assert {"fr", "en"} <= langs
    assert dict(facets["lang"])["fr"] + dict(facets["lang"]).get("en", 0) == total
    model = window.entity_panel.results_model
    # A facet request already in flight when the last entities were indexed may answer
    # first; the sidebar must end up with the entities (it refreshes when they arrive).
    qtbot.waitUntil(lambda: model.entity_count() > 0, timeout=LONG)
    places = model.group_index("place")
    top = model.entity_at(model.index(0, 0, places))
    assert top is not None and top.count >= 2
    with qtbot.waitSignal(window.searchFinished, timeout=LONG) as narrowed:
        window.entity_panel.tree.clicked.emit(model.index(0, 0, places))
    assert narrowed.args[0].total == top.count
    assert window.search_bar.entity_filters() == [top.name]
    with qtbot.waitSignal(window.searchFinished, timeout=LONG) as english:
        window.search_bar.lang.setCurrentIndex(window.search_bar.lang.findData("en"))
    assert all(h.lang == "en" for h in english.args[0].hits)


def test_banners_for_corrected_and_partial_queries(qtbot, window: MainWindow) -> None:
    _import_samples(qtbot, window)
    with qtbot.waitSignal(window.searchFinished, timeout=LONG) as fixed:
        window.search.search_now("Ouagadougu")
    assert fixed.args[0].corrected
    assert window.banner.isVisible() and "Showing results for" in window.banner.text()
    with qtbot.waitSignal(window.searchFinished, timeout=LONG) as exact:
        window.banner.linkActivated.emit("keep")  # "Search exactly what I typed"
    assert exact.args[0].total == 0 and exact.args[0].corrected is None
    assert window.list_stack.currentWidget() is window.no_results
    assert "No article matches" in window.no_results.text()
    with qtbot.waitSignal(window.searchFinished, timeout=LONG) as partial:
        window.search.search_now("Niamey Varsovie")
    assert partial.args[0].partial
    assert "No article has all the words" in window.banner.text()
    with qtbot.waitSignal(window.searchFinished, timeout=LONG):
        window.search.search_now("Niamey")
    assert not window.banner.isVisible()


def test_rows_beyond_the_first_page_get_snippets_when_scrolled_to(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(70):
        text = f" date 2025-07-{i % 28 + 1:02} Dépêche {i} : le convoi est arrivé à Kidal.\nFin."
        (folder / f"depeche-{i:02}.txt").write_text(text, encoding="utf-8")
    with qtbot.waitSignal(window.importFinished, timeout=LONG):
        window.import_paths([folder])
    with qtbot.waitSignal(window.searchFinished, timeout=LONG) as searched:
        window.search.search_now("convoi Kidal")
    results = searched.args[0]
    assert results.total == 70 and len(results.hits) < 70  # only the first page has snippets
    model = window.results_model
    window.article_list.scrollToBottom()
    window.article_list.viewport().repaint()
    # Pages of rows arrive one by one (each a dataChanged): wait for the last row's.
    qtbot.waitUntil(lambda: model.index(69).data(HitRole) is not None, timeout=LONG)
    hit = model.index(69).data(HitRole)
    assert "<mark>" in hit.snippet


def test_result_menu_copies_and_filters(qtbot, window: MainWindow) -> None:
    from PySide6.QtGui import QGuiApplication

    from reader_app.list_menu import build_result_menu

    _import_samples(qtbot, window)
    view = window.article_list
    row = next(
        r
        for r in range(window.results_model.rowCount())
        if window.results_model.hit(r) and window.results_model.hit(r).lang == "en"
    )
    pos = view.visualRect(window.results_model.index(row)).center()
    menu = build_result_menu(view, pos, window.search_bar, window.current_article)
    assert menu is not None
    actions = {a.text(): a for a in menu.actions() if a.text()}
    actions["Copy title"].trigger()
    assert QGuiApplication.clipboard().text() == window.results_model.hit(row).title
    with qtbot.waitSignal(window.searchFinished, timeout=LONG) as filtered:
        actions["Only articles in English"].trigger()
    assert filtered.args[0].total >= 1
    assert all(h.lang == "en" for h in filtered.args[0].hits)
    menu.deleteLater()

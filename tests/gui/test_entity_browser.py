"""The entity browser: listing, filtering, merging, un-hiding, the chart, opening articles."""

from __future__ import annotations

from PySide6.QtCore import Qt

from index.library import Library
from reader_app.main_window import MainWindow
from reader_app.models.entity_browser_model import EntityTableModel
from reader_app.views.entity_browser import EntityBrowser
from reader_app.views.month_chart import MonthChart, bucket_dates
from tests.gui import test_curation as curation
from tests.gui.test_curation import WAIT, article_about, entity_id

# The same real library and reading window as the curation tests.
filled_library = curation.filled_library
reader = curation.reader


def open_browser(qtbot, win: MainWindow) -> EntityBrowser:
    win.actions_.entity_browser.trigger()
    browser = win.entity_hub.browser
    assert browser is not None and browser.isVisible() and not browser.isModal()
    qtbot.waitUntil(lambda: browser.model.rowCount() > 0, timeout=WAIT)
    return browser


def names(browser: EntityBrowser) -> list[str]:
    model = browser.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def select(qtbot, browser: EntityBrowser, name: str) -> int:
    row = names(browser).index(name)
    info = browser.model.entity_at(row)
    assert info is not None
    with qtbot.waitSignal(browser.articlesLoaded, timeout=WAIT):
        browser.table.selectRow(row)
    return info.id


def test_menu_and_shortcut(reader: MainWindow) -> None:
    action = reader.actions_.entity_browser
    assert action.shortcut().toString() == "Ctrl+E"
    assert action.text() == "&Entities…"


def test_lists_filters_and_sorts(qtbot, reader: MainWindow, filled_library: Library) -> None:
    browser = open_browser(qtbot, reader)
    everything = len(filled_library.entities())
    assert browser.model.rowCount() == everything
    assert names(browser)[:3] == ["Bamako", "Niamey", "Sadio Camara"]  # 2 articles each
    with qtbot.waitSignal(browser.entitiesLoaded, timeout=WAIT) as loaded:
        qtbot.keyClicks(browser.search, "nia")
    assert loaded.args == [1] and names(browser) == ["Niamey"]
    browser.search.clear()
    with qtbot.waitSignal(browser.entitiesLoaded, timeout=WAIT):
        browser.sort.setCurrentIndex(browser.sort.findData("name"))
    assert names(browser) == sorted(names(browser), key=str.casefold)
    browser.type_filter.setCurrentIndex(browser.type_filter.findData("person"))
    assert names(browser) == ["Aminata Diop", "Sadio Camara"]
    type_index = browser.model.index(0, 1)
    assert type_index.data() == "Person"
    assert type_index.data(Qt.ItemDataRole.ForegroundRole).name() == "#1f5fbf"


def test_selecting_shows_articles_over_time_and_opens_them(
    qtbot, reader: MainWindow, filled_library: Library
) -> None:
    browser = open_browser(qtbot, reader)
    select(qtbot, browser, "Sadio Camara")
    assert browser.chart.buckets == [("2025-08", 1), ("2025-09", 0), ("2025-10", 1)]
    assert browser.articles.rowCount() == 2
    from reader_app.i18n import format_date

    when = format_date("2025-10-03", short=True)  # "Oct 3, 2025", "3 oct. 2025"
    assert browser.articles.item(0).text().startswith(f"{when}  Sadio Camara s'est rendu")
    later = article_about(filled_library, "rencontrer les responsables")
    index = browser.articles.index(0, 0)
    with qtbot.waitSignal(reader.articleShown, timeout=WAIT) as shown:
        browser.article_list.doubleClicked.emit(index)
    assert shown.args == [later] and reader.current_article.id == later

    with qtbot.waitSignal(reader.searchFinished, timeout=WAIT) as searched:
        qtbot.mouseClick(browser.filter_button, Qt.MouseButton.LeftButton)
    assert reader.search_bar.entity_filters() == ["Sadio Camara"]
    assert searched.args[0].total == 2


def test_merge_from_the_browser_reduces_the_count(
    qtbot, reader: MainWindow, filled_library: Library
) -> None:
    browser = open_browser(qtbot, reader)
    before = browser.model.rowCount()
    source = select(qtbot, browser, "Gao")
    dialog = browser._merge.pick(source, "place", "Gao")
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT) as listed:
        pass
    assert listed.args == [before - 1]  # every entity but Gao itself
    dialog.filter.setText("etats")  # accents and case do not matter; types are not matched
    assert dialog.proxy.rowCount() == 1
    assert dialog.proxy.index(0, 0).data().startswith("Alliance des États du Sahel — ")
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, "BAMA")
    assert dialog.proxy.rowCount() == 1
    with qtbot.waitSignal(browser.entitiesLoaded, timeout=WAIT) as loaded:
        dialog.accept()
    assert loaded.args == [before - 1]
    assert "Gao" not in names(browser)
    bamako = filled_library.entity(entity_id(filled_library, "place", "Bamako"))
    assert bamako is not None and "Gao" in bamako.aliases
    assert reader.statusBar().currentMessage() == "Merged “Gao” into “Bamako”"
    qtbot.waitUntil(lambda: browser.current is None, timeout=WAIT)  # Gao is gone


def test_show_hidden_lets_a_hidden_entity_be_shown_again(
    qtbot, reader: MainWindow, filled_library: Library
) -> None:
    browser = open_browser(qtbot, reader)
    with qtbot.waitSignal(browser.entitiesLoaded, timeout=WAIT):
        reader.entity_hub.curator.hide(entity_id(filled_library, "place", "Niger"))
    assert "Niger" not in names(browser)
    with qtbot.waitSignal(browser.entitiesLoaded, timeout=WAIT):
        browser.show_hidden.setChecked(True)
    assert "Niger (hidden)" in names(browser)
    with qtbot.waitSignal(browser.entitiesLoaded, timeout=WAIT):
        reader.entity_hub.curator.hide(entity_id(filled_library, "place", "Niger"), False)
    assert "Niger" in names(browser)


def test_table_model_passes_the_model_tester(qtmodeltester, filled_library: Library) -> None:
    model = EntityTableModel()
    model.set_entities(filled_library.entities(include_hidden=True))
    qtmodeltester.check(model, force_py=True)
    assert model.columnCount() == 5 and model.rowCount() == len(filled_library.entities())


def test_month_buckets_fill_gaps_and_switch_to_years() -> None:
    buckets, undated = bucket_dates(["2024-11-30", "2025-01-02T10:00", None, "bad", "2025-01-9"])
    assert buckets == [("2024-11", 1), ("2024-12", 0), ("2025-01", 2)]
    assert undated == 2
    years, _ = bucket_dates(["2019-03-01", "2024-05-01", "2024-06-01"])
    assert years == [("2019", 1), ("2020", 0), ("2021", 0), ("2022", 0), ("2023", 0), ("2024", 2)]


def test_chart_paints_without_warnings(qtbot) -> None:
    chart = MonthChart()
    qtbot.addWidget(chart)
    chart.resize(320, 110)
    empty = chart.grab().toImage()
    chart.set_dates(["2025-01-05", "2025-03-01", "2025-03-20", None], "#1f5fbf")
    image = chart.grab().toImage()
    assert image.width() == 320 and image != empty
    bar_colour = image.pixelColor(int(320 * 5 / 6), 70).name()  # inside March's tall bar
    assert bar_colour == "#1f5fbf"
    assert "undated: 1" in chart.toolTip()


def test_seen_with_lists_companions_and_filters_by_both(
    qtbot, reader: MainWindow, filled_library: Library
) -> None:
    browser = open_browser(qtbot, reader)
    with qtbot.waitSignal(browser.companionsLoaded, timeout=WAIT):
        select(qtbot, browser, "Sadio Camara")
    browser.tabs.setCurrentWidget(browser.companions)
    rows = [browser.companions.model.item(r).text()
            for r in range(browser.companions.model.rowCount())]
    # First, with their count: what both Sadio Camara articles also name (read from the
    # store directly).
    camara = {a.id for a in filled_library.entity_articles(entity_id(
        filled_library, "person", "Sadio Camara"))}
    both = {e.name for e in filled_library.entities() if e.name != "Sadio Camara" and camara
            <= {a.id for a in filled_library.entity_articles(e.id)}}
    together = {r.split(" — ")[0] for r in rows if r.endswith("2 articles together")}
    assert len(camara) == 2 and together == both and "Niamey" in both
    assert rows[0].endswith("2 articles together")
    assert all(not r.startswith("Sadio Camara") for r in rows)
    index = browser.companions.model.index(0, 0)
    first = rows[0].split(" — ")[0]
    with qtbot.waitSignal(reader.searchFinished, timeout=WAIT):
        browser.companions.list.activated.emit(index)
    assert reader.search_bar.entity_filters() == ["Sadio Camara", first]


def test_network_of_the_results_draws_who_meets_whom(
    qtbot, reader: MainWindow, filled_library: Library
) -> None:
    browser = open_browser(qtbot, reader)
    with qtbot.waitSignal(browser.networkLoaded, timeout=WAIT) as loaded:
        browser.tabs.setCurrentWidget(browser.network)
    network = loaded.args[0]
    names_in = {n.name: n for n in network.nodes}
    assert names_in["Sadio Camara"].articles == 2
    ids = {n.name: n.entity_id for n in network.nodes}
    pair = tuple(sorted((ids["Sadio Camara"], ids["Niamey"])))
    assert (*pair, 2) in network.edges
    image = browser.network.grab()  # painted without error, dots where positions() says
    spot = next(c for e, c, _r in browser.network.positions() if e == ids["Niamey"])
    assert image.toImage().pixelColor(spot.toPoint()).name() != "#000000"
    with qtbot.waitSignal(browser.articlesLoaded, timeout=WAIT):
        qtbot.mouseClick(browser.network, Qt.MouseButton.LeftButton, pos=spot.toPoint())
    assert browser.current is not None and browser.current.name == "Niamey"

"""The timeline above the result list (issue 9, point 9): counts per month of the
current results, a drag or a click sets the search bar's date filter and the results
follow, hidden when nothing is dated."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from index.library import Library
from reader_app.i18n import format_date
from reader_app.main_window import MainWindow
from reader_app.views.timeline import TimelineChart
from reader_app.views.timeline_buckets import build_timeline

WAIT = 30000

# date -> how many articles (written for this test; one more without a date)
DATES = {"2025-01-15": 2, "2025-03-10": 1, "2025-03-22": 1, "2025-06-05": 3, "2025-09-30": 1}
MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07",
          "2025-08", "2025-09"]
COUNTS = [2, 0, 2, 0, 0, 3, 0, 0, 1]


def write_articles(folder: Path) -> Path:
    rows = []
    topics = ["Sahel", "Dakar", "Niamey", "Bamako", "Accra", "Abuja", "Kano", "Mopti"]
    n = 0
    for date, count in DATES.items():
        for _ in range(count):
            place = topics[n % len(topics)]
            rows.append({"title": f"Chronique de {place} n° {n}", "date": date,
                         "text": f"Marché de {place} : la sécurité des routes, épisode {n}.",
                         "source": "Le Relais", "lang": "fr"})
            n += 1
    rows.append({"title": "Undated wire note", "text": "A zanzibarian note without a date.",
                 "source": "Wire", "lang": "en"})
    path = folder / "timeline.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def win(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    lib = Library.open(tmp_path / "lib")
    assert lib.import_paths([write_articles(tmp_path)]).count("imported") == 1
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("reading/markReadDelayMs", -1)
    window = MainWindow(lib, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.timeline_control.timelineShown, timeout=WAIT):
        window.show()
    yield window
    window.close()
    assert window.readers.pool.activeThreadCount() == 0
    lib.close()


def bar_point(chart: TimelineChart, i: int) -> QPoint:
    return chart.bar_rect(i).center().toPoint()


def counts(chart: TimelineChart) -> list[int]:
    return [b.count for b in chart.buckets()]


def search_again(qtbot, win: MainWindow, action) -> None:
    """Do ``action`` and wait until the results and then the timeline have followed."""
    with qtbot.waitSignal(win.timeline_control.timelineShown, timeout=WAIT):
        action()


def test_timeline_counts_the_results_per_month(qtbot, win: MainWindow) -> None:
    chart = win.timeline
    assert chart.isVisible() and chart.accessibleName() == "Timeline of the results"
    assert chart.timeline.unit == "month"
    assert [b.label for b in chart.buckets()] == MONTHS
    assert counts(chart) == COUNTS
    assert chart.undated == 1
    assert "1 without a precise date" in chart.caption()
    june = format_date("2025-06", short=True)  # as the reader's language writes it
    assert f"most in {june} (3)" in chart.accessibleDescription()
    # the results change: the timeline follows (one word of three articles)
    search_again(qtbot, win, lambda: win.search.search_now("Bamako OR Niamey OR Mopti"))
    dated = sorted(a.date for i in win.results_model.ids()
                   if (a := win.library.article(i)) is not None and a.date)
    assert chart.timeline.placed == len(dated)


def test_a_drag_sets_the_date_filter_and_the_results_follow(qtbot, win: MainWindow) -> None:
    chart, bar = win.timeline, win.search_bar
    qtbot.mousePress(chart, Qt.MouseButton.LeftButton, pos=bar_point(chart, 2))
    qtbot.mouseMove(chart, bar_point(chart, 4))
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT) as found:
        qtbot.mouseRelease(chart, Qt.MouseButton.LeftButton, pos=bar_point(chart, 5))
    assert bar.date_from.date().toString("yyyy-MM-dd") == "2025-03-01"
    assert bar.date_to.date().toString("yyyy-MM-dd") == "2025-06-30"
    assert found.args[0].total == 5  # March (2) and June (3)
    assert win.search.current.filters.date_from == "2025-03-01"
    qtbot.waitUntil(lambda: chart.timeline.unit == "week", timeout=WAIT)  # 3 months: weeks
    assert chart.timeline.placed == 5
    assert chart.clear_button.isVisible()
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT) as found:
        qtbot.mouseClick(chart.clear_button, Qt.MouseButton.LeftButton)
    assert found.args[0].total == 9
    assert bar.filters() is None


def test_a_click_on_a_bar_selects_that_month(qtbot, win: MainWindow) -> None:
    chart, bar = win.timeline, win.search_bar
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT) as found:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=bar_point(chart, 0))
    assert (bar.date_from.date().toString("yyyy-MM-dd"),
            bar.date_to.date().toString("yyyy-MM-dd")) == ("2025-01-01", "2025-01-31")
    assert found.args[0].total == 2


def test_keys_choose_bars_too(qtbot, win: MainWindow) -> None:
    chart, bar = win.timeline, win.search_bar
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_End)  # September
    qtbot.keyClick(chart, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)  # and August
    with qtbot.waitSignal(win.searchFinished, timeout=WAIT) as found:
        qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert bar.date_from.date().toString("yyyy-MM-dd") == "2025-08-01"
    assert bar.date_to.date().toString("yyyy-MM-dd") == "2025-09-30"
    assert found.args[0].total == 1


def test_hidden_when_the_results_have_no_dates(qtbot, win: MainWindow) -> None:
    search_again(qtbot, win, lambda: win.search.search_now("zanzibarian"))
    assert win.results_model.rowCount() == 1
    assert not win.timeline.isVisible()
    search_again(qtbot, win, lambda: win.search.search_now(""))
    assert win.timeline.isVisible()
    win.timeline_control.action.trigger()  # View > Timeline off
    assert not win.timeline.isVisible()
    assert win.settings.value("view/timeline") in (False, "false")
    with (qtbot.assertNotEmitted(win.timeline_control.timelineShown, wait=300),
          qtbot.waitSignal(win.searchFinished, timeout=WAIT)):
        win.search.search_now("Mopti")  # hidden: nothing counted
    with qtbot.waitSignal(win.timeline_control.timelineShown, timeout=WAIT):
        win.timeline_control.action.trigger()  # on again: the current results
    assert win.timeline.isVisible() and win.timeline.timeline.placed == 1


# --- the bars -------------------------------------------------------------------------


def test_short_ranges_get_weeks_or_days_and_long_ones_years() -> None:
    days = build_timeline([(20250602, 1), (20250604, 2), (20250610, 1)])
    assert days.unit == "day" and len(days.buckets) == 9
    assert [b.count for b in days.buckets][:3] == [1, 0, 2]
    weeks = build_timeline([(20250602, 1), (20250604, 2), (20250801, 4)])
    assert weeks.unit == "week"
    assert weeks.buckets[0].first == dt.date(2025, 6, 2)  # a Monday
    assert weeks.buckets[0].last == dt.date(2025, 6, 8)
    assert weeks.buckets[0].count == 3 and weeks.buckets[-1].count == 4
    years = build_timeline([(20010101, 1), (20250101, 2)])
    assert years.unit == "year" and len(years.buckets) == 25
    partial = build_timeline([(20250600, 2), (20250103, 1), (20250000, 1)])
    assert partial.unit == "month" and partial.imprecise == 1  # the year-only date
    assert [b.count for b in partial.buckets] == [1, 0, 0, 0, 0, 2]
    assert build_timeline([]).buckets == ()

"""The timeline's behaviour: read the current results' dates whenever they change, and
turn a drag across it into the search bar's date filter.

``Library.timeline`` and the bucketing run on a reader thread; an answer for an older
search is dropped (sequence numbers), so typing fast never shows a stale histogram.
The histogram is of the results as shown, date filter included: dragging across it
narrows the dates (months become weeks, then days) and "All dates" widens them again.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import QWidget

from index.models import SearchResults
from reader_app.i18n import translate as _tr
from reader_app.menu_places import make_action, menu_named
from reader_app.views.search_bar import ANY_DATE
from reader_app.views.timeline_buckets import Timeline, build_timeline
from reader_app.workers import ProgressFn

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow

SETTING_VISIBLE = "view/timeline"


class TimelineController(QObject):
    timelineShown = Signal(object)  # the Timeline drawn (or empty: the chart is hidden)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library: Any = window.library
        self.chart = window.timeline
        self.bar = window.search_bar
        self._seq = 0
        self._results: SearchResults | None = None  # the last results shown in the list
        self._has_dates = False
        self.action = make_action(window, _tr("&Timeline"), lambda: None, "Ctrl+Shift+T",
                                  _tr("Show the results per month above the list"))
        self.action.setCheckable(True)
        self.action.setChecked(bool(window.settings.value(SETTING_VISIBLE, True, bool)))
        self.action.toggled.connect(self._toggled)
        view = menu_named(window, "View")
        if view is not None:
            view.addAction(self.action)
        self.chart.hide()
        QWidget.setTabOrder(self.chart, window.article_list)  # above the list, before it
        window.searchFinished.connect(self.refresh)
        self.chart.rangeChosen.connect(self.choose)
        self.chart.clearRequested.connect(self.clear_dates)
        self.bar.filtersChanged.connect(self._show_chosen)

    def refresh(self, results: SearchResults | None = None) -> None:
        """Count the current results per day on a reader, then draw them (nothing is
        counted while the person keeps the timeline hidden)."""
        request = self.window.search.current
        self._seq += 1
        self._results = results
        if not self.action.isChecked():
            return
        if request is None or self.window._closing or (results is not None and not
                                                       results.total):
            self._shown(Timeline("month", ()), 0)
            return
        seq, lib, total = self._seq, self.library, results.total if results else 0

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[int, Timeline, int]:
            days = lib.timeline(request.query, request.filters, by_story=request.by_story)
            timeline = build_timeline(days)
            return seq, timeline, max(0, total - sum(n for _d, n in days))

        self.window.readers.start(job, self._landed, lambda _m: self._shown(
            Timeline("month", ()), 0))

    def _landed(self, payload: tuple[int, Timeline, int]) -> None:
        seq, timeline, undated = payload
        if seq == self._seq and not self.window._closing:
            self._shown(timeline, undated)

    def _shown(self, timeline: Timeline, undated: int) -> None:
        self.chart.set_timeline(timeline, undated)
        self._has_dates = bool(timeline.buckets)
        self._show_chosen()
        self.chart.setVisible(self._has_dates and self.action.isChecked())
        self.timelineShown.emit(timeline)

    def _toggled(self, on: bool) -> None:
        self.window.settings.setValue(SETTING_VISIBLE, on)
        if on:
            self.refresh(self._results)
        else:
            self.chart.hide()

    # --- the date filter -------------------------------------------------------------
    def _show_chosen(self) -> None:
        filters = self.bar.filters()
        low = _day(filters.date_from) if filters else None
        high = _day(filters.date_to) if filters else None
        if low is None and high is None:
            self.chart.set_chosen(None)
        else:
            self.chart.set_chosen((low or dt.date.min, high or dt.date.max))

    def choose(self, first: dt.date, last: dt.date) -> None:
        """Dates chosen on the chart: into the search bar's date fields, one search."""
        self._set_dates(QDate(first.year, first.month, first.day),
                        QDate(last.year, last.month, last.day))
        n_days = (last - first).days + 1
        self.window.statusBar().showMessage(
            _tr("Results from %1 to %2 (%n day(s)).", "", n_days).replace(
                "%1", first.isoformat()).replace("%2", last.isoformat()), 6000)

    def clear_dates(self) -> None:
        self._set_dates(ANY_DATE, ANY_DATE)

    def _set_dates(self, first: QDate, last: QDate) -> None:
        edits = (self.bar.date_from, self.bar.date_to)
        for edit, value in zip(edits, (first, last), strict=True):
            edit.blockSignals(True)
            try:
                edit.setDate(value)
            finally:
                edit.blockSignals(False)
        self.bar.filtersChanged.emit()  # the window searches once with both dates


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None

"""Search as you type: debounce, run in a worker, drop stale answers.

Each request gets a sequence number; an answer is applied only when it carries the
latest number, so a slow search for an old query never replaces a newer one.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, QTimer, Signal

from index.errors import VeilleError
from index.models import SearchFilters, SearchResults
from reader_app.i18n import translate as _tr
from reader_app.workers import ProgressFn, TaskRunner

if TYPE_CHECKING:
    from index.library import Library

DEBOUNCE_MS = 200
FIRST_PAGE = 50


@dataclass(frozen=True)
class SearchRequest:
    seq: int
    query: str
    sort: str
    filters: SearchFilters | None
    by_story: bool = True  # one row per story (its best-ranked version)


class SearchController(QObject):
    """Owns the current query, sort and filters; emits ``resultsReady`` for the latest."""

    resultsReady = Signal(object, object)  # SearchRequest, SearchResults
    searchFailed = Signal(str)
    searchStarted = Signal()

    def __init__(self, library: Library, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self._library = library
        self._runner = runner
        self._seq = 0
        self.query = ""
        self.sort = "relevance"
        self.filters: SearchFilters | None = None
        self.by_story = True
        self.current: SearchRequest | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)

    @property
    def latest_seq(self) -> int:
        return self._seq

    def set_query(self, text: str) -> None:
        """Typing: wait for a pause of ``DEBOUNCE_MS`` before searching."""
        self.query = text
        self._timer.start()

    def stop(self) -> None:
        """Forget a pending debounced search (the window is closing)."""
        self._timer.stop()

    def set_sort(self, sort: str) -> None:
        self.sort = sort
        self.search_now()

    def set_filters(self, filters: SearchFilters | None) -> None:
        self.filters = filters
        self.search_now()

    def set_by_story(self, on: bool) -> None:
        """One row per story, or every version: the list, its count and the facets."""
        if on != self.by_story:
            self.by_story = on
            self.search_now()

    def search_now(self, query: str | None = None) -> int:
        """Run the current query at once (Enter, sort or filter change, after an import)."""
        self._timer.stop()
        if query is not None:
            self.query = query
        self._seq += 1
        req = SearchRequest(self._seq, self.query.strip(), self.sort, self.filters,
                            self.by_story)
        lib = self._library

        def job(_progress: ProgressFn, _cancel: threading.Event) -> tuple:
            try:
                res = lib.search(req.query, limit=FIRST_PAGE, sort=cast(Any, req.sort),
                                 filters=req.filters, by_story=req.by_story)
            except VeilleError as exc:  # e.g. the index is being rebuilt: one sentence
                return req, str(exc)
            except Exception as exc:  # shown in the window, for the latest query only
                return req, _tr("Search failed ({0}: {1})").format(type(exc).__name__, exc)
            return req, res

        self.searchStarted.emit()
        self._runner.start(job, self._on_done, self.searchFailed.emit, tag=req.seq)
        return req.seq

    def deliver(self, request: SearchRequest, results: SearchResults) -> bool:
        """Apply an answer if it is the latest one; returns whether it was applied."""
        if request.seq != self._seq:
            return False
        self.current = request
        self.resultsReady.emit(request, results)
        return True

    def _on_done(self, payload: tuple) -> None:
        request, results = payload
        if isinstance(results, str):
            if request.seq == self._seq:
                self.searchFailed.emit(results)
            return
        self.deliver(request, results)

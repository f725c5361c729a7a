"""Counts beside the results: per source and language (filters), per entity (sidebar).

Runs on a reader thread after each search; skips the work when a newer search has
started, and drops an answer that arrives after a newer one.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from index.models import EntityType
from reader_app.models.entity_model import EntityRow
from reader_app.search_controller import SearchController
from reader_app.workers import ProgressFn, TaskRunner

if TYPE_CHECKING:
    from index.library import Library

Facets = dict[str, list[tuple[str, int]]]


class FacetsController(QObject):
    facetsReady = Signal(object)  # Facets
    entitiesReady = Signal(object)  # list[EntityRow] of the current results
    failed = Signal(str)

    def __init__(
        self, library: Library, runner: TaskRunner, search: SearchController, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._runner = runner
        self._search = search
        self._labels: dict[str, EntityType] | None = None  # entity name -> type, cached

    def invalidate(self) -> None:
        """New entities were stored: their types must be read again."""
        self._labels = None

    def refresh(self, with_entities: bool) -> None:
        req = self._search.current
        if req is None:
            return
        lib, search, labels = self._library, self._search, self._labels

        def job(_p: ProgressFn, _c: threading.Event) -> tuple:
            if req.seq != search.latest_seq:
                return req.seq, None, None  # the person typed on: do not count for nothing
            facets = lib.facets(req.query, req.filters, by_story=req.by_story)
            names = labels
            if with_entities and names is None:
                names = {e.name: e.label for e in lib.entities()}
            return req.seq, facets, names

        self._runner.start(job, self._done, self.failed.emit)

    def _done(self, payload: tuple) -> None:
        seq, facets, labels = payload
        if seq != self._search.latest_seq or facets is None:
            return
        self.facetsReady.emit(facets)
        if labels is not None:
            self._labels = labels
            rows = [EntityRow(labels.get(n, "other"), n, c) for n, c in facets.get("entity", [])]
            self.entitiesReady.emit(rows)

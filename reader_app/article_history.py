"""Keeps the article pane's History section in step with the open article.

The history is read on a reader each time an article is shown or re-read (after a sync,
another process's write, or new entities), and dropped when a newer article was opened
meanwhile.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from index.sync.history import HistoryEntry, history
from reader_app.views.history_section import HistorySection
from reader_app.workers import ProgressFn

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow


class ArticleHistory(QObject):
    historyShown = Signal(int, int)  # article id, number of changes

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.section = HistorySection(window.article_pane)
        pane_layout = window.article_pane.layout()
        assert pane_layout is not None  # the pane lays out its own children
        pane_layout.addWidget(self.section)  # at the foot of the pane
        self._seq = 0
        window.articleShown.connect(self.load)
        window.entitiesRefreshed.connect(self.load)
        # this window's own writes: the change joins the history at once
        window.states.statesChanged.connect(self._states_changed)
        window.notes.noteSaved.connect(self._changed)
        window.notes.highlightsSaved.connect(self._changed)

    def _states_changed(self, ids: object) -> None:
        article = self.window.current_article
        if article is not None and (ids is None or article.id in ids):  # type: ignore[operator]
            self.load(article.id)

    def _changed(self, article_id: int) -> None:
        article = self.window.current_article
        if article is not None and article.id == article_id:
            self.load(article_id)

    def reload(self) -> None:
        article = self.window.current_article
        if article is not None:
            self.load(article.id)

    def load(self, article_id: int) -> None:
        self._seq += 1
        seq, lib = self._seq, self.window.library

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[int, int, list[HistoryEntry]]:
            return seq, article_id, history(lib, article_id)

        self.window.readers.start(job, self._loaded, lambda _m: None)

    def _loaded(self, payload: tuple[int, int, list[HistoryEntry]]) -> None:
        seq, article_id, entries = payload
        if seq != self._seq or self.window._closing:
            return
        self.section.set_entries(article_id, entries)
        self.historyShown.emit(article_id, len(entries))

"""The "Team archive" switch: each search also asks the team server, on a reader.

Only what this library does not hold is listed (a held article is already in the
results), under the local results in a group of its own. Opening one fetches it into
the library on the writer, then shows it as any local article. The server is asked
again only when the words or dates change, never on a sort or a scroll; a server that
cannot be reached is one sentence in the group's header, and the local search is
untouched.
"""

from __future__ import annotations

import functools
import re
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QToolButton

from index.models import SearchResults
from index.sync.remote_search import RemoteResults, search
from index.sync.session import fetch_article
from reader_app.i18n import translate as _tr
from reader_app.search_controller import SearchRequest
from reader_app.team_settings import server_url
from reader_app.views.search_bar import CHIP_STYLE
from reader_app.views.team_hits import TeamHitsPanel
from reader_app.workers import ProgressFn

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow

REMOTE_LIMIT = 20
# is:unread, tag:x, date:2025-08, source:…: the library's own terms, not the server's
_FIELD_TERM = re.compile(r"(?<!\S)-?[\w.]+:(\"[^\"]*\"|\S+)")


def remote_words(query: str) -> str:
    return " ".join(_FIELD_TERM.sub(" ", query).split())


class TeamSearch(QObject):
    remoteShown = Signal(object)  # RemoteResults (all hits, held ones included)
    remoteFailed = Signal(str)
    fetched = Signal(int)  # the fetched article's id in this library

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._seq = 0
        self._asked: tuple[str, str | None, str | None] | None = None
        self.switch = QToolButton(window.search_bar)
        self.switch.setObjectName("teamArchive")
        self.switch.setCheckable(True)
        self.switch.setText(_tr("Team archive"))
        self.switch.setToolTip(_tr("Include the team archive: also search every article on "
                                   "the team server"))
        self.switch.setAccessibleName(_tr("Include the team archive"))
        self.switch.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Unusable until a server is set: it must look so (the chips' style has no
        # disabled look of its own).
        self.switch.setStyleSheet(CHIP_STYLE.replace("#stateChip", "#teamArchive")
                                  + "QToolButton#teamArchive:disabled { color: palette(mid);"
                                  " border-style: dashed; }")
        self.switch.toggled.connect(self._toggled)
        window.search_bar.top_row.addWidget(self.switch)
        self.panel = TeamHitsPanel(window)
        holder = window.list_stack.parentWidget()
        column = holder.layout() if holder is not None else None
        assert column is not None  # the list column is laid out by window_layout.py
        column.addWidget(self.panel)  # under the list
        self.panel.hitActivated.connect(self.open_hit)
        window.search.resultsReady.connect(self._local_results)
        self.set_available(server_url(window.settings) is not None)

    def set_available(self, available: bool) -> None:
        """Enabled only when a team server is configured."""
        self.switch.setEnabled(available)
        if not available:
            self.switch.setChecked(False)
            self.switch.setToolTip(_tr("Include the team archive (give the team server's "
                                       "address in Preferences first)"))
        else:
            self.switch.setToolTip(_tr("Include the team archive: also search every article "
                                       "on the team server"))

    def _toggled(self, on: bool) -> None:
        self._asked = None
        if on:
            self.ask(self.window.search.current)
        else:
            self._seq += 1  # an answer on its way is dropped
            self.panel.hide()

    def _local_results(self, request: SearchRequest, _results: SearchResults) -> None:
        if self.switch.isChecked():
            self.ask(request)

    def ask(self, request: SearchRequest | None) -> None:
        url = server_url(self.window.settings)
        words = remote_words(request.query) if request is not None else ""
        filters = request.filters if request is not None else None
        key = (words, filters.date_from if filters else None, filters.date_to if filters else None)
        if url is None or not words:
            self._seq += 1
            self._asked = None
            self.panel.hide()
            return
        if key == self._asked:
            return  # same words and dates: the hits shown still hold
        self._asked = key
        self._seq += 1
        seq, lib = self._seq, self.window.library

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[int, RemoteResults]:
            return seq, search(url, words, limit=REMOTE_LIMIT, date_from=key[1],
                               date_to=key[2], library=lib)

        self.panel.show_message(_tr("Searching the team archive…"))
        self.window.readers.start(job, self._shown, functools.partial(self._failed, seq))

    def _shown(self, payload: tuple[int, RemoteResults]) -> None:
        seq, results = payload
        if seq != self._seq or self.window._closing:
            return
        remote_only = [h for h in results.hits if h.local_id is None]
        self.panel.show_hits(remote_only, results.total)
        self.remoteShown.emit(results)

    def _failed(self, seq: int, message: str) -> None:
        if seq != self._seq or self.window._closing:
            return
        self._asked = None  # try again with the next search
        self.panel.show_message(message)
        self.remoteFailed.emit(message)

    def open_hit(self, content_hash: str) -> None:
        """Bring the article into the library (the writer), then open it."""
        url = server_url(self.window.settings)
        if url is None:
            return
        lib = self.window.library

        def job(_p: ProgressFn, _c: threading.Event) -> int | None:
            return fetch_article(lib, url, content_hash)

        self.window.statusBar().showMessage(_tr("Fetching the article from the team archive…"))
        self.window.writer.start(job, self._fetched, self._fetch_failed)

    def _fetched(self, article_id: int | None) -> None:
        if self.window._closing:
            return
        if article_id is None:
            self.window.statusBar().showMessage(
                _tr("The team archive no longer holds this article."), 8000)
            return
        self.window.statusBar().showMessage(_tr("Article added from the team archive."), 8000)
        self._asked = None  # it is held now: the next answer leaves it out
        self.window.watch.changed.emit()  # counts, list and sidebars, as after an import
        self.window.jobs.extract_automatically()
        self.window.open_article(article_id)
        self.fetched.emit(article_id)

    def _fetch_failed(self, message: str) -> None:
        if not self.window._closing:
            self.window.statusBar().showMessage(message, 15000)

"""What a person does to articles from the list: read, star, tag, file in a dossier.

The selection is read as ranges of rows (``selected_ids``), never row by row, so
"select all" on 100,000 results costs one slice. Writes run on a lane of their own (one
thread; the library's writer lock still makes every write wait its turn, across threads
and processes), so starring an article never waits behind an hour of entity extraction
on the window's writer; each write shows its effect on the rows at once
(``ResultsModel.apply_states``) and the rows read their state again once it landed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView

from index.models import TagInfo
from reader_app.article_files import ArticleFiles
from reader_app.article_housekeeping import Housekeeping
from reader_app.list_keys import ListKeys
from reader_app.models.results_model import RowState
from reader_app.selection import SelectionKeeper, selected_ids
from reader_app.state_actions import build_state_actions
from reader_app.views.dossier_dialogs import DossierChooser
from reader_app.views.edit_dialogs import TagsDialog
from reader_app.workers import ProgressFn, TaskRunner

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow

READ_DELAY_KEY = "reading/markReadDelayMs"
READ_DELAY_DEFAULT = 1500  # ms; 0 marks at once, -1 never
MESSAGE_MS = 8000


def read_delay(settings: Any) -> int:
    """The delay before an opened article counts as read, read at each use."""
    try:
        return int(settings.value(READ_DELAY_KEY, READ_DELAY_DEFAULT))
    except (TypeError, ValueError):
        return READ_DELAY_DEFAULT


class StateController(QObject):
    """Owns the list's state actions; ``stateWritten`` fires when a write has landed."""

    stateWritten = Signal(str)  # what was done, as said in the status bar
    writeFailed = Signal(str)
    statesChanged = Signal(object)  # article ids whose state changed (None: maybe all)
    tagsLoaded = Signal(object)  # list[TagInfo]

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library = window.library
        self.model = window.results_model
        self.view = window.article_list
        self.delegate = self.view.itemDelegate()
        self.lane = TaskRunner(1, self)
        self.tags: list[TagInfo] = []
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.timeout.connect(self._read_timer_fired)
        self._reading: int | None = None
        self.keeper = SelectionKeeper(self.view, self.model, self)
        self.files = ArticleFiles(self)
        self.housekeeping = Housekeeping(self)
        self.keys = ListKeys(window, self.step)
        self.dialog: Any = None  # the open tags or dossier dialog, for tests
        self.actions = build_state_actions(window, self)
        self._connect()
        self.load_tags()

    def _connect(self) -> None:
        w = self.window
        self.model.statesWanted.connect(self._fetch_states)
        self.delegate.starClicked.connect(self._star_clicked)  # type: ignore[attr-defined]
        self.delegate.watch_clicks(self.view)  # type: ignore[attr-defined]
        w.articleShown.connect(self._article_shown)
        w.watch.changed.connect(self.refresh)
        w.searchFinished.connect(lambda _r: self.keeper.restore())
        w.search_bar.state_chips.queryChanged.connect(w.search.search_now)
        self.view.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self.actions.update_texts())
        self.model.dataChanged.connect(lambda _a, _b, _r: self.actions.update_texts())
        self.view.selectionModel().selectionChanged.connect(
            lambda _s, _d: self.actions.update_enabled())

    def close(self) -> None:
        """The window closes: finish the writes, then forget its deleted articles."""
        self._read_timer.stop()
        self.lane.shutdown()
        self.housekeeping.close()
        self.files.close()

    # --- what is selected ---------------------------------------------------------
    def selected_ids(self) -> list[int]:
        """The selected articles in list order; the current one when none is selected."""
        ids = selected_ids(self.view, self.model)
        if not ids:
            current = self.current_id()
            ids = [current] if current is not None else []
        return ids

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.article_id(index.row()) if index.isValid() else None

    def current_state(self) -> RowState | None:
        current = self.current_id()
        return None if current is None else self.model.state_of(current)

    def step(self, delta: int) -> None:
        """Open the next (1) or previous (-1) article of the list."""
        rows = self.model.rowCount()
        if not rows:
            return
        index = self.view.currentIndex()
        row = (0 if delta > 0 else rows - 1) if not index.isValid() else index.row() + delta
        if 0 <= row < rows:
            target = self.model.index(row)
            self.view.setCurrentIndex(target)
            self.view.scrollTo(target)

    # --- states of rows -------------------------------------------------------------
    @property
    def closing(self) -> bool:
        return bool(getattr(self.window, "_closing", False))

    def _fetch_states(self, epoch: int, ids: list[int]) -> None:
        if self.closing:
            return
        lib = self.library

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[int, dict[int, Any]]:
            return epoch, lib.rows_state(ids)

        self.window.readers.start(job, lambda r: self.model.set_states(*r))

    def refresh(self) -> None:
        """The library changed (a write of ours, or another process): reread states."""
        self.model.invalidate_states()
        self.load_tags()

    def load_tags(self) -> None:
        if self.closing:
            return
        lib = self.library

        def job(_p: ProgressFn, _c: threading.Event) -> list[TagInfo]:
            return list(lib.tags())

        self.window.readers.start(job, self._tags_loaded)

    def _tags_loaded(self, tags: list[TagInfo]) -> None:
        self.tags = tags
        self.delegate.set_tag_colours({t.name: t.color for t in tags})  # type: ignore[attr-defined]
        self.view.viewport().update()
        self.tagsLoaded.emit(tags)

    # --- reading ------------------------------------------------------------------
    def _article_shown(self, article_id: int) -> None:
        self._read_timer.stop()
        article = self.window.current_article
        if article is None or article.id != article_id or article.read:
            return
        state = self.model.state_of(article_id)
        if state is not None and state[0] and self.model.row_of(article_id) >= 0:
            return
        delay = read_delay(self.window.settings)
        if delay < 0:
            return
        self._reading = article_id
        if delay == 0:
            self._read_timer_fired()
        else:
            self._read_timer.start(delay)

    def _read_timer_fired(self) -> None:
        article = self.window.current_article
        if self._reading is not None and article is not None and article.id == self._reading:
            self.set_read([self._reading], True, quiet=True)
        self._reading = None

    # --- writes ---------------------------------------------------------------------
    def write(self, message: str, ids: Sequence[int], work: Callable[[Any], object],
              change: Callable[[RowState], RowState] | None = None,
              busy: str = "") -> None:
        """Run ``work(library)`` on the lane; rows show ``change`` at once."""
        if change is not None and ids:
            self.model.apply_states(ids, change)
        if busy:
            self.window.statusBar().showMessage(busy, 0)
        lib = self.library
        changed = list(ids) if len(ids) <= 1000 else None

        def job(_p: ProgressFn, _c: threading.Event) -> object:
            return work(lib)

        def done(_result: object) -> None:
            if self.closing:
                return
            self.refresh()
            if message:
                self.window.statusBar().showMessage(message, MESSAGE_MS)
            self.statesChanged.emit(changed)
            self.stateWritten.emit(message)

        self.lane.start(job, done, self._failed)

    def _failed(self, message: str) -> None:
        if self.closing:
            return
        self.refresh()
        self.window.statusBar().showMessage(message, 0)
        self.writeFailed.emit(message)

    def set_read(self, ids: Sequence[int], read: bool, quiet: bool = False) -> None:
        if not ids:
            return
        if self._reading in ids:
            self._read_timer.stop()
            self._reading = None
        n = len(ids)
        if quiet:
            message = ""
        elif read:
            message = self.tr("Marked %n article(s) as read.", "", n)
        else:
            message = self.tr("Marked %n article(s) as unread.", "", n)
        busy = self.tr("Marking %n article(s)…", "", n) if n > 1000 else ""
        self.write(message, ids, lambda lib: lib.mark_read(ids, read),
                   lambda s: (read, s[1], s[2]), busy)

    def toggle_read(self) -> None:
        """M: the selection takes the opposite of the current article's state."""
        state = self.current_state()
        self.set_read(self.selected_ids(), not (state is not None and state[0]))

    def mark_all_read(self) -> None:
        self.set_read(self.model.ids(), True)

    def set_starred(self, ids: Sequence[int], starred: bool) -> None:
        if not ids:
            return
        n = len(ids)
        message = (self.tr("Starred %n article(s).", "", n) if starred
                   else self.tr("Unstarred %n article(s).", "", n))
        self.write(message, ids, lambda lib: lib.set_starred(ids, starred),
                   lambda s: (s[0], starred, s[2]))

    def toggle_star(self) -> None:
        state = self.current_state()
        self.set_starred(self.selected_ids(), not (state is not None and state[1]))

    def _star_clicked(self, row: int) -> None:
        article_id = self.model.article_id(row)
        if article_id is not None:
            state = self.model.state_of(article_id)
            self.set_starred([article_id], not (state is not None and state[1]))

    def add_tags(self, ids: Sequence[int], names: Sequence[str]) -> None:
        names = [n for n in names if n.strip()]
        if not ids or not names:
            return
        message = self.tr("Tagged %n article(s) with %1.", "", len(ids)).replace(
            "%1", ", ".join(f"“{n}”" for n in names))
        folded = {n.casefold() for n in names}

        def change(s: RowState) -> RowState:
            kept = tuple(t for t in s[2] if t.casefold() not in folded)
            return s[0], s[1], tuple(sorted((*kept, *names), key=str.casefold))

        busy = self.tr("Tagging %n article(s)…", "", len(ids)) if len(ids) > 1000 else ""
        self.write(message, ids, lambda lib: lib.tag(ids, add=names), change, busy)

    def remove_tag(self, ids: Sequence[int], name: str) -> None:
        if not ids:
            return
        message = self.tr("Removed the tag %1 from %n article(s).", "", len(ids)).replace(
            "%1", f"“{name}”")
        folded = name.casefold()
        self.write(message, ids, lambda lib: lib.tag(ids, remove=[name]),
                   lambda s: (s[0], s[1], tuple(t for t in s[2] if t.casefold() != folded)))

    def add_to_dossier(self, ids: Sequence[int], name: str) -> None:
        if not ids or not name:
            return
        message = self.tr("Added %n article(s) to the dossier %1.", "", len(ids)).replace(
            "%1", f"“{name}”")
        self.write(message, ids, lambda lib: lib.add_to_dossier(name, ids))

    # --- dialogs --------------------------------------------------------------------
    def ask_tags(self) -> TagsDialog | None:
        """T: a tag input for the selection (several tags, completed from existing ones)."""
        ids = self.selected_ids()
        if not ids:
            return None
        dialog = TagsDialog(len(ids), [t.name for t in self.tags], self.window)
        dialog.accepted.connect(lambda: self.add_tags(ids, dialog.tags()))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def ask_dossier(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        lib = self.library

        def job(_p: ProgressFn, _c: threading.Event) -> list[str]:
            return [d.name for d in lib.dossiers()]

        def show(names: list[str]) -> None:
            dialog = DossierChooser(self.window, names, len(ids))
            dialog.accepted.connect(lambda: self.add_to_dossier(ids, dialog.name()))
            dialog.finished.connect(dialog.deleteLater)
            self.dialog = dialog
            dialog.open()

        self.window.readers.start(job, show, self._failed)

    def selection_tags(self, ids: Sequence[int]) -> list[str]:
        """Tags to offer under "Remove tag": those of the selected rows when all are
        known, else every tag of the library (removing an absent tag changes nothing)."""
        names: dict[str, str] = {}
        for aid in ids[:2000]:
            state = self.model.state_of(aid)
            if state is None:
                return [t.name for t in self.tags if t.count]
            for tag in state[2]:
                names.setdefault(tag.casefold(), tag)
        if len(ids) > 2000:
            return [t.name for t in self.tags if t.count]
        return sorted(names.values(), key=str.casefold)

"""Keeping the window in step with its library.

- Upkeep (finishing an interrupted import, repairing or rebuilding the search index)
  runs on its own worker after the window shows, with progress in the status bar;
  imports are not held up by it (they wait only for the writer lock's short turns).
- Another process (the command line, another window) may write to the same library:
  a poll every second, on a reader thread, asks the library whether its generation or
  its index changed, and ``changed`` tells the window to show the new state.
- When a write waits for another process's, the status bar says what it waits for.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QStatusBar

from reader_app.i18n import translate as _tr
from reader_app.workers import ProgressFn, TaskRunner

if TYPE_CHECKING:
    from index.library import Library

POLL_MS = 1000
# Upkeep waits this long after the window shows: its work (merging an index of many
# segments, grouping stories) is Python in a thread, and started at once it held the
# interpreter's lock long enough to delay the launch's first results by 5-6 s at 100,000
# articles (issue 12, "launch to first result"). The first search needs about 0.1-0.3 s.
UPKEEP_DELAY_MS = 1500


class LibraryWatch(QObject):
    changed = Signal()  # the library changed under the window (another process, upkeep)
    upkeepFinished = Signal(list)  # lines saying what upkeep did
    upkeepProgress = Signal(int, int)  # done, total (-1: unknown)
    waiting = Signal(str)  # emitted from worker threads: "Waiting for ... to finish…"
    damaged = Signal(str)  # SQLite's quick_check found the store damaged (its first line)

    def __init__(self, library: Library, readers: TaskRunner, status: QStatusBar,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._readers = readers
        self._status = status
        self._maintenance = TaskRunner(1, self)
        self._polling = False
        self.upkeep_running = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self.waiting.connect(lambda text: self._status.showMessage(text, 10000))
        lock = getattr(library, "lock", None)
        if lock is not None:
            lock.on_wait = self.waiting.emit  # called on a worker thread: a queued signal

    def start(self) -> None:
        """After the window shows: follow other processes; upkeep once the first results
        are up."""
        self._timer.start()
        QTimer.singleShot(UPKEEP_DELAY_MS, self, self.run_upkeep)

    def stop(self) -> None:
        self._timer.stop()
        self._maintenance.shutdown()

    def run_upkeep(self) -> None:
        if self.upkeep_running:
            return
        lib = self._library
        self.upkeep_running = True

        def job(progress: ProgressFn, cancel: threading.Event) -> tuple[list[str], list[str]]:
            done: list[str] = []
            try:
                todo = lib.needs_upkeep()
                if todo:
                    progress(0, None, todo[0])
                    done = list(lib.upkeep(progress=progress, cancel=cancel))
                if not cancel.is_set():
                    # Deleted copies and small segments merged away beside the index; the
                    # writer lock is taken only for the swap (issue 12: a lean index).
                    lib.compact_index(cancel=cancel)
                if not cancel.is_set():
                    # Articles from before stories existed (or left by a kill) are grouped
                    # with their versions here, a batch at a time, never before the window.
                    lib.group_stories(cancel=cancel)
                if not cancel.is_set():
                    # Once, for a library from before entities were linked across it.
                    lib.relink_entities(cancel=cancel)
            except sqlite3.DatabaseError as exc:  # a damaged page read on the way
                return done, lib.store.quick_check() or [str(exc)]
            # The store's own check, here rather than before the window shows: it reads
            # the whole file (seconds at 100,000 articles), and a damaged page is
            # otherwise unseen by searches until a row on it is read.
            return done, ([] if cancel.is_set() else lib.store.quick_check())

        self._maintenance.start(job, self._upkeep_done, self._upkeep_failed, self._progress)

    def _progress(self, done: int, total: int, text: str) -> None:
        if text:
            self._status.showMessage(_sentence(text) + "…", 0)
        elif total > 0:
            self._status.showMessage(
                _tr("Updating the search index: {0} of %Ln article(s)…", "", total).format(
                    QLocale().toString(done)), 0)
        self.upkeepProgress.emit(done, total)

    def _upkeep_done(self, result: tuple[list[str], list[str]]) -> None:
        lines, problems = result
        self.upkeep_running = False
        if problems:
            message = _tr("The library's store is damaged ({0}). Close Veille and run "
                          "“reader-app check --repair” to mend it; nothing has been changed."
                          ).format(problems[0])
            self._status.showMessage(message, 0)
            box = QMessageBox(QMessageBox.Icon.Warning, _tr("Damaged library"), message,
                              QMessageBox.StandardButton.Ok, self._status.window())
            box.setObjectName("damagedLibrary")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.show()  # not modal: searching and reading what is sound still work
            self.damaged.emit(problems[0])
            self.upkeepFinished.emit(lines)
            return
        if lines:
            self._status.showMessage(_sentence(lines[-1]) + ".", 15000)
            self.changed.emit()
        self.upkeepFinished.emit(lines)

    def _upkeep_failed(self, message: str) -> None:
        self.upkeep_running = False
        self._status.showMessage(_tr("The library could not be checked: {0}").format(message), 0)
        self.upkeepFinished.emit([])

    def _poll(self) -> None:
        if self._polling:
            return
        self._polling = True
        lib = self._library

        def job(_p: ProgressFn, _c: threading.Event) -> bool:
            return bool(lib.refresh())

        self._readers.start(job, self._polled, lambda _m: self._polled(False))

    def _polled(self, changed: bool) -> None:
        self._polling = False
        if changed:
            self.changed.emit()
            problem = getattr(self._library, "index_problem", None)
            if problem and not self.upkeep_running:
                self.run_upkeep()  # damage found while reading: rebuild in the background


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] if text else text

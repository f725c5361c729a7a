"""File > Sync with team server: the sync on the writer, its progress, and "Last synced".

A sync writes to the library, so it runs on the window's single writer runner (after an
import or entity batch already queued, never beside it); the network waits happen there
too, so the GUI thread never does. A server that cannot be reached is one sentence in the
status bar and nothing else changes. After a sync that brought articles or changes, the
window refreshes as when another process changed the library (``LibraryWatch.changed``:
counts, list, sidebars, the open article) and finds the new articles' entities as after
an import.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QProgressBar, QToolButton

from index.sync.session import SyncReport, last_synced, sync
from reader_app.i18n import format_date
from reader_app.i18n import translate as _tr
from reader_app.menu_places import action_named, menu_named
from reader_app.team_settings import author_name, server_url, shown_server
from reader_app.workers import ProgressFn, Task

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow

SHORTCUT = "Ctrl+Shift+Y"
MESSAGE_MS = 15000
STEPS = {
    "sending articles": QT_TRANSLATE_NOOP("", "Sync: sending articles…"),
    "sending changes": QT_TRANSLATE_NOOP("", "Sync: sending changes…"),
    "receiving articles": QT_TRANSLATE_NOOP("", "Sync: receiving articles…"),
    "receiving changes": QT_TRANSLATE_NOOP("", "Sync: receiving changes…"),
}


def local_time(iso: str) -> str:
    """A stored UTC time ("2026-03-04T10:12:05+00:00", "...Z") in the reader's zone and
    words."""
    try:
        when = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if when.tzinfo is not None:
        when = when.astimezone()
    return format_date(when.strftime("%Y-%m-%dT%H:%M"), with_time=True)


def summary_text(report: SyncReport) -> str:
    """``SyncReport.summary`` in the interface language."""
    text = _tr("Synced with {0}: sent {1} and {2}; received {3} and {4}").format(
        shown_server(report.server),
        _tr("%Ln article(s)", "", report.sent_articles),
        _tr("%Ln change(s)", "", report.sent_changes),
        _tr("%Ln article(s)", "", report.received_articles),
        _tr("%Ln change(s)", "", report.received_changes))
    if report.conflicts:
        text += _tr("; %Ln note(s) edited on two desktops kept both ways", "",
                    report.conflicts)
    if report.cancelled:
        text += _tr("; stopped: the next sync goes on from here")
    return text + "."


class SyncController(QObject):
    """The Sync action and button, the sync's progress bar, and the last-synced line."""

    syncFinished = Signal(object)  # SyncReport
    syncFailed = Signal(str)  # one sentence
    lastSyncedShown = Signal(str)  # the line's text
    serverChanged = Signal(bool)  # whether a server is configured now

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.task: Task | None = None
        self.action = QAction(_tr("S&ync with team server"), window)
        self.action.setObjectName("syncTeam")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setStatusTip(_tr("Send your articles and work to the team server and "
                                     "bring back everyone else's"))
        self.action.triggered.connect(lambda _c=False: self.sync_or_stop())
        self._place_action()
        self._build_status()
        self.refresh_line()

    # --- widgets -------------------------------------------------------------------
    def _place_action(self) -> None:
        menu = menu_named(self.window, "File")
        if menu is None:
            self.window.addAction(self.action)
            return
        quit_action = action_named(menu, "quit")
        actions = menu.actions()
        at = actions.index(quit_action) if quit_action in actions else len(actions)
        before = actions[at - 1] if at and actions[at - 1].isSeparator() else quit_action
        if before is None:
            menu.addAction(self.action)
        else:
            menu.insertAction(before, self.action)
        menu.insertSeparator(self.action)

    def _build_status(self) -> None:
        status = self.window.statusBar()
        self.line = QLabel("", self.window)
        self.line.setObjectName("lastSynced")
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.line.hide()
        self.bar = QProgressBar(self.window)
        self.bar.setObjectName("syncProgress")
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.bar.hide()
        self.button = QToolButton(self.window)
        self.button.setObjectName("syncButton")
        self.button.setDefaultAction(self.action)
        self.button.setAutoRaise(True)
        self._idle_texts()
        for widget in (self.line, self.bar, self.button):
            status.addPermanentWidget(widget)
        self.line.setAccessibleName(_tr("Last sync with the team server"))
        self.bar.setAccessibleName(_tr("Sync progress"))

    def _idle_texts(self) -> None:
        self.action.setText(_tr("S&ync with team server"))
        self.button.setText(_tr("Sync"))
        self.button.setToolTip(_tr("Sync with the team server ({0})").format(
            QKeySequence(SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)))

    # --- the last-synced line ------------------------------------------------------
    def refresh_line(self) -> None:
        """Read when and where the library last synced (on a reader: it is the store)."""
        lib = self.window.library

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[str, str] | None:
            return last_synced(lib)

        self.window.readers.start(job, self._show_line, lambda _m: None)

    def _show_line(self, last: tuple[str, str] | None) -> None:
        if self.window._closing:
            return
        url = server_url(self.window.settings)
        if last is not None:
            when, where = last
            text = _tr("Last synced: {0} with {1}").format(local_time(when), shown_server(where))
        elif url is not None:
            text = _tr("Not synced yet with {0}").format(shown_server(url))
        else:
            text = ""
        self.line.setText(text)
        self.line.setVisible(bool(text))
        self.lastSyncedShown.emit(text)

    def server_changed(self, _url: str = "") -> None:
        self.refresh_line()
        self.serverChanged.emit(self.configured())

    def configured(self) -> bool:
        return server_url(self.window.settings) is not None

    # --- syncing -------------------------------------------------------------------
    def running(self) -> bool:
        return self.task is not None

    def sync_or_stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.window.statusBar().showMessage(_tr("Stopping the sync…"), 5000)
            return
        url = server_url(self.window.settings)
        if url is None:
            self.window.statusBar().showMessage(
                _tr("Give the team server's address first (Preferences > Team server)."),
                MESSAGE_MS)
            dialog = self.window.preferences.show()
            dialog.team.focus_server()
            return
        self.start(url)

    def start(self, url: str) -> None:
        lib = self.window.library
        author = author_name(self.window.settings)

        def job(progress: ProgressFn, cancel: threading.Event) -> SyncReport:
            return sync(lib, url, author=author, progress=progress, cancel=cancel)

        self._show_progress(0, -1, _tr("Sync: connecting to {0}…").format(shown_server(url)))
        self.action.setText(_tr("Stop the s&ync"))
        self.button.setText(_tr("Stop sync"))
        self.button.setToolTip(_tr("Stop the sync; what is done stays done"))
        self.task = self.window.writer.start(job, self._done, self._failed, self._progress)

    def _progress(self, done: int, total: int, label: str) -> None:
        text = _tr(STEPS[label]) if label in STEPS else _tr("Syncing…")
        self._show_progress(done, total, text)

    def _show_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)  # busy: the step's total is not known
        self.bar.setFormat(text)
        self.bar.setToolTip(text)
        self.bar.show()

    def _finish(self) -> None:
        self.task = None
        self.bar.hide()
        self._idle_texts()

    def _done(self, report: SyncReport) -> None:
        self._finish()
        if self.window._closing:
            return
        self.window.statusBar().showMessage(summary_text(report), MESSAGE_MS)
        self.refresh_line()
        if report.received_articles or report.received_changes or report.deleted:
            self.window.watch.changed.emit()  # counts, list, sidebars, the open article
        if report.received_articles:
            self.window.jobs.extract_automatically()  # as after an import
        self.syncFinished.emit(report)

    def _failed(self, message: str) -> None:
        self._finish()
        if self.window._closing:
            return
        self.window.statusBar().showMessage(message, MESSAGE_MS)
        self.button.setToolTip(message)
        self.syncFailed.emit(message)


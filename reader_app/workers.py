"""Background jobs for the GUI: QRunnable tasks that report back through signals.

The core library reports progress through plain callbacks and stops when a
``threading.Event`` is set; a :class:`Task` turns those into Qt signals so the GUI
thread never waits on disk, search or NLP (the pattern of Dangerzone and novelWriter).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from index.errors import VeilleError
from reader_app.core_messages import translate_core

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, "int | None", str], None]
Job = Callable[[ProgressFn, threading.Event], Any]


def user_message(exc: BaseException) -> str:
    """One sentence for the window: our own errors say it all; others name their kind."""
    if isinstance(exc, VeilleError):
        text = translate_core(str(exc))
        return text[:1].upper() + text[1:]
    if isinstance(exc, sqlite3.DatabaseError):
        return QCoreApplication.translate(
            "", "The library store cannot be read; run `reader-app check --repair` ({0})"
        ).format(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    return f"{type(exc).__name__}: {exc}"


class TaskSignals(QObject):
    """Lives on the GUI thread; emitted from the worker thread (queued connections)."""

    # done, total (-1 when unknown), current item
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """One job run on a pool. ``job(progress, cancel)`` returns the result object."""

    def __init__(self, job: Job, signals: TaskSignals, tag: int = 0,
                 on_shutdown: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it; the pool never touches it after run()
        self.job = job
        self.tag = tag
        self.cancel_event = threading.Event()
        self.signals = signals
        # Ends the job's work at once when its window closes (a Cancel waits for a
        # good stopping point instead): e.g. kill the entity process mid-batch.
        self.on_shutdown = on_shutdown

    def cancel(self) -> None:
        self.cancel_event.set()

    def _progress(self, done: int, total: int | None, current: str) -> None:
        if not self.cancel_event.is_set():
            self.signals.progress.emit(done, -1 if total is None else total, current)

    def run(self) -> None:
        try:
            result = self.job(self._progress, self.cancel_event)
        except Exception as exc:  # a job failure is shown to the user, never a crash
            if self.cancel_event.is_set() and isinstance(exc, VeilleError):
                log.info("background task stopped: %s", exc)  # its window closed
            else:
                log.exception("background task failed")
            self.signals.failed.emit(user_message(exc))
            return
        self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Owns a thread pool and keeps each running task alive until it reports back.

    Readers (search, article loading) share a pool of several threads; writers
    (imports, entity batches) get a runner with one thread, so writes are serialised
    as the design asks ("one writer, many readers").
    """

    def __init__(self, max_threads: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._active: set[Task] = set()

    def start(
        self,
        job: Job,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        tag: int = 0,
        on_shutdown: Callable[[], None] | None = None,
    ) -> Task:
        # Parented to the runner: the signals object is destroyed on the GUI thread (by
        # deleteLater once its answer is delivered), never by the worker that emits it.
        task = Task(job, TaskSignals(self), tag, on_shutdown)
        if on_progress is not None:
            task.signals.progress.connect(on_progress)
        if on_done is not None:
            task.signals.finished.connect(on_done)
        if on_error is not None:
            task.signals.failed.connect(on_error)
        task.signals.finished.connect(lambda _r, t=task: self._release(t))
        task.signals.failed.connect(lambda _e, t=task: self._release(t))
        self._active.add(task)
        self.pool.start(task)
        return task

    def _release(self, task: Task) -> None:
        self._active.discard(task)
        task.signals.deleteLater()

    def busy(self) -> bool:
        return bool(self._active)

    def cancel_all(self) -> None:
        for task in list(self._active):
            task.cancel()

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Cancel everything and wait for the threads; used when a window closes."""
        self.cancel_all()
        self.pool.clear()
        for task in list(self._active):
            if task.on_shutdown is not None:
                try:
                    task.on_shutdown()
                except Exception:  # closing goes on; the job itself reports its end
                    log.exception("stopping a background task failed")
        done = self.pool.waitForDone(timeout_ms)
        self._active.clear()
        return done

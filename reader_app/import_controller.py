"""Imports and entity extraction in the background, with progress and cancel.

Both write to the library, so both run on the single-thread writer runner: an import
dropped while entities are being found waits its turn instead of racing it. After
each import the extraction of the new articles' entities is queued automatically.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtWidgets import QProgressBar, QStatusBar, QToolButton

from index.entity_worker import ProcessExtractor
from index.models import ImportReport
from reader_app.i18n import translate as _tr
from reader_app.views.import_dialog import summary_text
from reader_app.workers import ProgressFn, TaskRunner


def _num(n: int) -> str:
    return QLocale().toString(n)

if TYPE_CHECKING:
    from index.library import Library


class ImportController(QObject):
    """Runs jobs on the writer runner and drives the progress bar and Cancel button."""

    importStarted = Signal()
    importFinished = Signal(object)  # ImportReport
    importFailed = Signal(str)
    entitiesProgress = Signal(int, int)  # done, total
    entitiesFinished = Signal(int)  # articles done

    def __init__(
        self,
        library: Library,
        runner: TaskRunner,
        progress: QProgressBar,
        cancel: QToolButton,
        status: QStatusBar,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._runner = runner
        self._bar = progress
        self._cancel = cancel
        self._status = status
        self._queued_imports = 0
        self._extracting = False
        self._extract_again = False
        # Preferences > "Find entities after each import" (setting entities/onImport)
        self.auto_extract: Callable[[], bool] = lambda: True
        cancel.clicked.connect(self.cancel)
        self._set_idle()

    # --- state of the bottom bar ---------------------------------------------------
    def busy(self) -> bool:
        return self._queued_imports > 0 or self._extracting

    def _set_idle(self) -> None:
        self._bar.hide()
        self._cancel.hide()

    def _show_progress(self, done: int, total: int, text: str) -> None:
        self._bar.show()
        self._cancel.show()
        if total > 0:
            self._bar.setRange(0, total)
            self._bar.setValue(min(done, total))
        else:
            self._bar.setRange(0, 0)  # busy indicator when the total is not known yet
        self._bar.setFormat(text)
        self._bar.setToolTip(text)

    def cancel(self) -> None:
        """Stop the running job; the part already done stays in the library."""
        self._runner.cancel_all()
        self._status.showMessage(_tr("Cancelling…"), 3000)

    # --- imports -----------------------------------------------------------------
    def import_paths(self, paths: Sequence[Path]) -> None:
        if not paths:
            return
        lib = self._library
        paths = list(paths)

        def job(progress: ProgressFn, cancel: threading.Event) -> ImportReport:
            return lib.import_paths(paths, progress=progress, cancel=cancel)

        self._queued_imports += 1
        self._show_progress(0, 0, _tr("Importing…"))
        self.importStarted.emit()
        self._runner.start(job, self._import_done, self._import_failed, self._import_progress)

    def _import_progress(self, done: int, total: int, current: str) -> None:
        name = current.rsplit("/", 1)[-1] if current else ""
        if not name:
            text = _tr("Importing…")
        elif total > 0:
            text = _tr("Importing {0} of {1} — {2}").format(_num(done), _num(total), name)
        else:
            text = _tr("Importing {0} — {1}").format(_num(done), name)
        self._show_progress(done, total, text)

    def _import_done(self, report: ImportReport) -> None:
        self._queued_imports -= 1
        self._status.showMessage(summary_text(report), 15000)
        self._finish_job()
        self.importFinished.emit(report)
        if report.article_ids:
            self.extract_automatically()

    def _import_failed(self, message: str) -> None:
        self._queued_imports -= 1
        self._status.showMessage(_tr("Import failed: {0}").format(message), 15000)
        self._finish_job()
        self.importFailed.emit(message)

    def _finish_job(self) -> None:
        if self._queued_imports == 0 and not self._extracting:
            self._set_idle()

    # --- entities ----------------------------------------------------------------
    def extract_automatically(self) -> None:
        """After an import or at start: only when the person has not turned it off
        (View > Find entities now still runs it)."""
        if self.auto_extract():
            self.extract_entities()

    def extract_entities(self) -> None:
        """Queue entity extraction for every article that has none yet."""
        if self._extracting:
            self._extract_again = True  # articles imported meanwhile: one more pass
            return
        self._extracting = True
        lib = self._library

        def job(progress: ProgressFn, cancel: threading.Event) -> int:
            pending = lib.pending_entities()
            progress(0, pending, "")
            return lib.extract_pending(progress=progress, cancel=cancel) if pending else 0

        self._runner.start(job, self._entities_done, self._entities_failed, self._entity_progress,
                           on_shutdown=lambda: _stop_entity_process(lib))

    def _entity_progress(self, done: int, total: int, _current: str) -> None:
        if done == 0:
            self._status.showMessage(_tr("Entities: %Ln article(s) queued", "", total), 10000)
        self._show_progress(done, total, _tr("Finding entities: {0} of %Ln article(s)", "",
                                             total).format(_num(done)))
        self.entitiesProgress.emit(done, total)

    def _entities_done(self, count: int) -> None:
        self._extracting = False
        if count:
            self._status.showMessage(_tr("Entities found in %Ln article(s)", "", count), 8000)
        self._finish_job()
        self.entitiesFinished.emit(count)
        if self._extract_again:
            self._extract_again = False
            self.extract_entities()

    def _entities_failed(self, message: str) -> None:
        self._extracting = False
        self._status.showMessage(_tr("Entity extraction failed: {0}").format(message), 15000)
        self._finish_job()


def _stop_entity_process(library: Library) -> None:
    """The window is closing: end the entity process now rather than after its batch
    (the next extraction starts a new one; ``Library.close`` ends it for good)."""
    extractor = getattr(library, "extractor", None)
    if isinstance(extractor, ProcessExtractor):
        extractor.stop()

"""Importing from the window: drag and drop, File > Import, samples, the report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from index.models import ImportReport
from reader_app.i18n import translate as _tr
from reader_app.style import SAMPLES
from reader_app.views.import_dialog import ImportSummaryDialog, summary_text

if TYPE_CHECKING:
    from reader_app.window_parts import WindowParts as _Base
else:
    _Base = object


class ImportMixin(_Base):
    """Mixed into MainWindow (which owns the widgets and controllers used here)."""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
            self.drop_overlay.cover()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_overlay.hide()
        super().dragLeaveEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_overlay.hide()
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def import_paths(self, paths: list[Path]) -> None:
        """Import in the background; the window stays usable meanwhile."""
        self.statusBar().showMessage(_tr("Importing %n item(s)…", "", len(paths)))
        self.jobs.import_paths(paths)

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, _tr("Import news files"))
        self.import_paths([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _tr("Import a folder of news files"))
        if folder:
            self.import_paths([Path(folder)])

    def load_samples(self) -> None:
        if SAMPLES.is_dir():
            self.import_paths([SAMPLES])
        else:
            self.statusBar().showMessage(_tr("The sample articles are not installed."), 8000)

    def _import_finished(self, report: ImportReport) -> None:
        if self._closing:
            return
        self.last_report = report
        self.report_button.setText(_tr("{0} — details…").format(summary_text(report)))
        self.report_button.setToolTip(_tr("Show what happened to each file of the last import"))
        self.report_button.show()
        self.facets.invalidate()
        self.library_size += report.count("imported")
        self._update_title()
        if report.stopped:
            QMessageBox.warning(self, "Veille", self.tr("The import stopped: {0}").format(
                report.stopped[:1].upper() + report.stopped[1:]))
        elif report.count("failed") or report.count("skipped"):
            self.show_last_report()
        self.search.search_now()
        self.importFinished.emit(report)

    def show_last_report(self) -> None:
        if self.last_report is None:
            self.statusBar().showMessage(_tr("Nothing imported yet in this session."), 5000)
            return
        if self.import_dialog is not None:
            self.import_dialog.close()
            self.import_dialog.deleteLater()
        self.import_dialog = ImportSummaryDialog(self.last_report, self)
        self.import_dialog.show()

"""The import summary: one line per file with what happened to it and why."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from index.models import FileReport, ImportReport
from reader_app.core_messages import translate_core
from reader_app.i18n import translate as _tr
from reader_app.theme import colour as theme_colour

STATUS_TEXT = {
    "imported": QT_TRANSLATE_NOOP("", "Imported"),
    "duplicate": QT_TRANSLATE_NOOP("", "Already in library"),
    "skipped": QT_TRANSLATE_NOOP("", "Skipped"),
    "failed": QT_TRANSLATE_NOOP("", "Failed"),
}
STATUS_COLOUR = {
    "imported": "status_imported",  # colours of the theme (reader_app/theme_colours.py)
    "duplicate": "status_duplicate",
    "skipped": "status_skipped",
    "failed": "status_failed",
}
# failures first: they are what the person has to act on
STATUS_ORDER = {"failed": 0, "skipped": 1, "duplicate": 2, "imported": 3}


def summary_text(report: ImportReport) -> str:
    """One status-bar sentence, e.g. "Import: 3 imported, 1 failed"."""
    counts = {s: report.count(s) for s in ("imported", "duplicate", "skipped", "failed")}
    words = {
        "imported": _tr("%Ln imported", "files", counts["imported"]),
        "duplicate": _tr("%Ln already in library", "files", counts["duplicate"]),
        "skipped": _tr("%Ln skipped", "files", counts["skipped"]),
        "failed": _tr("%Ln failed", "files", counts["failed"]),
    }
    parts = [words[s] for s, n in counts.items() if n]
    text = _tr("Import: {0}").format(", ".join(parts) if parts else _tr("nothing to import"))
    return _tr("{0} (cancelled)").format(text) if report.cancelled else text


def reason_text(f: FileReport) -> str:
    """What happened to a file and why, in the interface language."""
    reason = translate_core(f.reason)
    if f.status == "imported":
        reason = reason or _tr("%Ln article(s)", "", len(f.article_ids))
    if f.warnings:
        reason = "; ".join([p for p in (reason, *map(translate_core, f.warnings)) if p])
    return reason


class ImportSummaryDialog(QDialog):
    """Non-modal so the person can keep reading while it is open."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importSummary")
        self.setWindowTitle(_tr("Import summary"))
        self.setModal(False)
        self.resize(720, 420)
        self.headline = QLabel(summary_text(report), self)
        self.headline.setObjectName("importHeadline")
        self.files = QTreeWidget(self)
        self.files.setObjectName("importFiles")
        self.files.setRootIsDecorated(False)
        self.files.setHeaderLabels([_tr("File"), _tr("Result"), _tr("Reason")])
        self.files.setAccessibleName(_tr("What happened to each file"))
        self.files.setUniformRowHeights(True)
        self.files.setWordWrap(False)
        self._fill(report)
        header = self.files.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 300)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.files, 1)
        layout.addWidget(buttons)

    def _fill(self, report: ImportReport) -> None:
        for f in sorted(report.files, key=lambda f: (STATUS_ORDER.get(f.status, 9), f.path)):
            reason = reason_text(f)
            name = f.path.rsplit("/", 1)[-1] or f.path
            item = QTreeWidgetItem([name, _tr(STATUS_TEXT.get(f.status, f.status)), reason])
            item.setToolTip(0, f.path)
            item.setToolTip(2, reason)
            item.setForeground(1, QColor(theme_colour(STATUS_COLOUR.get(f.status, "text"))))
            item.setData(0, Qt.ItemDataRole.UserRole, f.status)
            self.files.addTopLevelItem(item)

    def rows(self) -> list[tuple[str, str, str]]:
        """(file, result, reason) as shown; for tests and accessibility checks."""
        out = []
        for i in range(self.files.topLevelItemCount()):
            item = self.files.topLevelItem(i)
            if item is None:
                continue
            out.append((item.toolTip(0), item.text(1), item.text(2)))
        return out

"""File > Export… and File > Print…: the current results, the selection, a tag or a
dossier, out as CSV, Markdown, JSON Lines or PDF, or onto paper.

Everything that reads the library or writes a file runs on a reader thread with
progress, and stops at the next article when Cancel is pressed (the writers of
``index.export`` and ``reader_app.pdf_export`` write to a temporary file renamed at the
end, so a cancelled export leaves no half file). Printing asks for the printer with
QPrintDialog on the GUI thread, then lays out and prints the brief on the reader.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from index.errors import VeilleError
from index.export import export_articles
from reader_app.i18n import translate as _tr
from reader_app.menu_places import action_named, make_action, menu_named
from reader_app.pdf_export import brief_document, write_pdf
from reader_app.selection import selected_ids
from reader_app.state_terms import tag_term
from reader_app.views.export_dialog import ExportChoice, ExportDialog
from reader_app.workers import ProgressFn, Task

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow

MESSAGE_MS = 8000
Report = Callable[[int, "int | None", str], None]
Named = list[tuple[str, int]]  # tag or dossier names with their article counts


class ExportCancelled(VeilleError):
    """The person pressed Cancel; the file was not written."""


class _Counting:
    """The library as the PDF brief reads it, counting the articles it reads so the
    brief reports progress and stops on Cancel (``export_records`` reads each article
    with ``article``); everything else is the library's own."""

    def __init__(self, lib: Any, report: Report, total: int) -> None:
        self._lib, self._report, self._total, self._done = lib, report, total, 0

    def article(self, article_id: int) -> Any:
        self._done += 1
        if self._done % 20 == 0 or self._done == self._total:
            self._report(self._done, self._total, "")
        return self._lib.article(article_id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._lib, name)


def export_ids(lib: Any, ids: Sequence[int], fmt: str, out: Path, title: str,
               progress: ProgressFn, cancel: threading.Event) -> int:
    """Write ``ids`` to ``out``; raises ExportCancelled at the next article after Cancel."""
    def report(done: int, total: int | None, current: str) -> None:
        if cancel.is_set():
            raise ExportCancelled(_tr("The export was cancelled; no file was written."))
        progress(done, total, current)

    if fmt == "pdf":
        counting: Any = _Counting(lib, report, len(ids))
        return write_pdf(counting, ids, out, title)
    return export_articles(lib, ids, fmt, out, report, title)


def scope_ids(lib: Any, scope: str, name: str, shown: Sequence[int],
              selected: Sequence[int]) -> list[int]:
    """The articles of a scope, in the order to write them (on a reader thread)."""
    if scope == "results":
        return list(shown)
    if scope == "selection":
        return list(selected)
    if scope == "dossier":
        return list(lib.dossier_articles(name))
    tagged = lib.state_ids("tag", name)
    ids = list(lib.search(tag_term(name), limit=0, sort="newest").ids)
    return ids if len(ids) == len(tagged) else [int(i) for i in tagged]


class ExportController(QObject):
    exportFinished = Signal(object)  # Path written
    exportFailed = Signal(str)
    printFinished = Signal(int)  # articles printed
    printFailed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library: Any = window.library
        self.dialog: ExportDialog | None = None
        self.task: Task | None = None
        self.printer: QPrinter | None = None
        self.print_dialog: QPrintDialog | None = None
        self.actions = {
            "export": make_action(window, _tr("&Export…"), self.open_dialog, "Ctrl+Alt+E",
                                  _tr("Save these results, the selection, a tag or a dossier "
                                      "as CSV, Markdown, JSON Lines or PDF")),
            "print": make_action(window, _tr("&Print…"), self.print_brief,
                                 QKeySequence.StandardKey.Print,
                                 _tr("Print a brief of the selected articles, or of these "
                                     "results")),
        }
        menu = menu_named(window, "File")
        if menu is not None:
            quit_action = action_named(menu, "Quit")
            if quit_action is None:
                menu.addActions(list(self.actions.values()))
            else:
                menu.insertActions(quit_action, list(self.actions.values()))
                menu.insertSeparator(quit_action)

    def _say(self, text: str, ms: int = MESSAGE_MS) -> None:
        self.window.statusBar().showMessage(text, ms)

    def _ids(self) -> tuple[list[int], list[int]]:
        """(the list's article ids, the selected ones), in list order."""
        w = self.window
        return w.results_model.ids(), selected_ids(w.article_list, w.results_model)

    # --- export ------------------------------------------------------------------------
    def open_dialog(self) -> None:
        """Read the tags and dossiers on a reader, then show the dialog."""
        lib = self.library

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[Named, Named]:
            return ([(t.name, t.count) for t in lib.tags() if t.count],
                    [(d.name, d.count) for d in lib.dossiers() if d.count])

        self.window.readers.start(job, self._show_dialog, lambda m: self._say(m, 0))

    def _show_dialog(self, lists: tuple[Named, Named]) -> None:
        if self.window._closing:
            return
        shown, selected = self._ids()
        current = getattr(self.window.navigation, "current", None) or ("", "")
        dialog = ExportDialog(self.window, len(shown), len(selected), lists[0], lists[1],
                              self.window.search.query.strip(), current=current)
        dialog.exportRequested.connect(self.start)
        dialog.cancelRequested.connect(self.cancel)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        self.cancel()
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def start(self, choice: ExportChoice) -> None:
        """Run the export the dialog asks for, on a reader thread."""
        dialog = self.dialog
        shown, selected = self._ids()
        lib, title = self.library, self._title(choice.scope, choice.name)
        count = {"results": len(shown), "selection": len(selected)}.get(choice.scope, 0)
        if dialog is not None:
            dialog.set_running(count)

        def job(progress: ProgressFn, cancel: threading.Event) -> tuple[int, Path]:
            ids = scope_ids(lib, choice.scope, choice.name, shown, selected)
            progress(0, len(ids), "")
            return export_ids(lib, ids, choice.fmt, choice.out, title, progress, cancel), \
                choice.out

        self.task = self.window.readers.start(job, self._exported, self._export_failed,
                                              self._progress)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progress(self, done: int, total: int, _current: str) -> None:
        if self.dialog is not None and total >= 0:
            self.dialog.set_progress(done, total)

    def _exported(self, result: tuple[int, Path]) -> None:
        self.task = None
        count, out = result
        text = _tr("Exported %n article(s) to %1.", "", count).replace("%1", str(out))
        self._say(text)
        if self.dialog is not None:
            self.dialog.finish(text)
        self.exportFinished.emit(out)

    def _export_failed(self, message: str) -> None:
        self.task = None
        text = message if message.startswith(_tr("The export was cancelled")) else \
            _tr("The export failed: %1").replace("%1", message)
        self._say(text)
        if self.dialog is not None:
            self.dialog.fail(text)
        self.exportFailed.emit(text)

    def _title(self, scope: str, name: str) -> str:
        query = self.window.search.query.strip()
        return {
            "tag": _tr("Tag: %1").replace("%1", name),
            "dossier": _tr("Dossier: %1").replace("%1", name),
            "selection": _tr("Selected articles"),
        }.get(scope, _tr("Search: %1").replace("%1", query) if query else _tr("All articles"))

    # --- print -------------------------------------------------------------------------
    def print_brief(self, printer: QPrinter | None = None) -> None:
        """Print the selection when several articles are selected, else these results.
        Given a printer (tests: one writing a PDF file), print without asking."""
        shown, selected = self._ids()
        ids, scope = (selected, "selection") if len(selected) > 1 else (shown, "results")
        if not ids:
            self._say(_tr("There is nothing to print: search or select articles first."))
            return
        if printer is not None:
            self._print(printer, ids, self._title(scope, ""))
            return
        chosen = self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(chosen, self.window)
        dialog.setWindowTitle(_tr("Print %n article(s)", "", len(ids)))
        dialog.accepted.connect(lambda: self._print(chosen, ids, self._title(scope, "")))
        dialog.finished.connect(dialog.deleteLater)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()  # QPrintDialog.open() wants a receiver: shown window-modal instead
        self.print_dialog = dialog

    def _print(self, printer: QPrinter, ids: list[int], title: str) -> None:
        lib = self.library
        printer.setDocName(title)

        def job(progress: ProgressFn, cancel: threading.Event) -> int:
            def report(done: int, total: int | None, current: str) -> None:
                if cancel.is_set():
                    raise ExportCancelled(_tr("Printing was cancelled."))
                progress(done, total, current)

            counting: Any = _Counting(lib, report, len(ids))
            doc = brief_document(counting, ids, title)
            doc.print_(printer)
            return len(ids)

        self._say(_tr("Printing %n article(s)…", "", len(ids)), 0)
        self.window.readers.start(job, self._printed, self._print_failed)

    def _printed(self, count: int) -> None:
        self._say(_tr("Sent %n article(s) to the printer.", "", count))
        self.printFinished.emit(count)

    def _print_failed(self, message: str) -> None:
        self._say(_tr("Printing failed: %1").replace("%1", message), 0)
        self.printFailed.emit(message)

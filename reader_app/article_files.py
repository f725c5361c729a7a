"""Getting articles out of the window: export the selection, open or save the original
file an article was imported from, show the folder it came from.

Reading the library and writing files run on reader threads; the GUI thread only asks
for a file name and opens what is ready with the system's application.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from index.export import export_articles
from index.models import Article
from reader_app.workers import ProgressFn

if TYPE_CHECKING:
    from reader_app.state_controller import StateController

# file dialog filter -> export format
EXPORT_FILTERS = (
    (QT_TRANSLATE_NOOP("ArticleFiles", "CSV, for spreadsheets (*.csv)"), "csv"),
    (QT_TRANSLATE_NOOP("ArticleFiles", "Markdown brief (*.md)"), "md"),
    (QT_TRANSLATE_NOOP("ArticleFiles", "JSON Lines, re-importable (*.jsonl)"), "jsonl"),
    (QT_TRANSLATE_NOOP("ArticleFiles", "PDF brief (*.pdf)"), "pdf"),
)
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


def origin_path(origin: str) -> Path | None:
    """The file on disk an article came from: "/a/b.zip!/c.html" -> /a/b.zip,
    "/a/feed.jsonl#line-3" -> /a/feed.jsonl; None when the origin names no file."""
    path = origin.split("!/", 1)[0]
    if "#" in path:
        path = path.rsplit("#", 1)[0]
    return Path(path) if path and Path(path).is_absolute() else None


def origin_name(origin: str, article_id: int) -> str:
    """A file name for the original bytes: the innermost name in the origin."""
    inner = origin.rsplit("!/", 1)[-1]
    if "#" in inner:
        inner = inner.rsplit("#", 1)[0]
    name = _UNSAFE.sub("_", inner.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    return name or f"article-{article_id}"


def export_format(path: str, chosen_filter: str) -> str:
    """The format a file name asks for, else the one of the filter chosen."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("csv", "md", "jsonl", "pdf"):
        return suffix
    if suffix == "markdown":
        return "md"
    return next((fmt for text, fmt in EXPORT_FILTERS
                 if chosen_filter in (text, QCoreApplication.translate("ArticleFiles", str(text)))),
                "csv")


class ArticleFiles(QObject):
    def __init__(self, controller: StateController) -> None:
        super().__init__(controller)
        self.c = controller
        self.window = controller.window
        self._temp: Path | None = None

    def close(self) -> None:
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)
            self._temp = None

    def _say(self, text: str, ms: int = 8000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # --- export --------------------------------------------------------------------
    def export_selection(self) -> None:
        ids = self.c.selected_ids()
        if not ids:
            return
        filters = ";;".join(self.tr(str(text)) for text, _fmt in EXPORT_FILTERS)
        path, chosen = QFileDialog.getSaveFileName(
            self.window, self.tr("Export %n article(s)", "", len(ids)),
            str(Path.home() / "veille-export.csv"), filters)
        if path:
            self.export_to(ids, Path(path), export_format(path, chosen))

    def export_to(self, ids: list[int], out: Path, fmt: str) -> None:
        """Write ``ids`` to ``out`` on a reader thread, with progress in the status bar."""
        lib = self.c.library
        if fmt in ("csv", "md", "jsonl") and out.suffix.lower() != f".{fmt}" \
                and not out.suffix:
            out = out.with_suffix(f".{fmt}")

        def job(progress: ProgressFn, _c: threading.Event) -> int:
            if fmt == "pdf":
                from reader_app.pdf_export import write_pdf

                return write_pdf(lib, ids, out)
            return export_articles(lib, ids, fmt, out, progress)

        def progress(done: int, total: int, _title: str) -> None:
            self._say(self.tr("Exporting: %1 of %n article(s)…", "", total).replace(
                "%1", str(done)), 0)

        def done(count: int) -> None:
            text = self.tr("Exported %n article(s) to %1.", "", count).replace("%1", out.name)
            self._say(text)
            self.c.stateWritten.emit(text)

        self._say(self.tr("Exporting %n article(s)…", "", len(ids)), 0)
        self.window.readers.start(job, done, self._export_failed, progress)

    def _export_failed(self, message: str) -> None:
        self._say(self.tr("The export failed: %1").replace("%1", message), 0)
        self.c.writeFailed.emit(message)

    # --- originals -----------------------------------------------------------------
    def _with_original(self, on_ready: object) -> None:
        """Load the current article and its original bytes, then call ``on_ready``."""
        article_id = self.c.current_id()
        if article_id is None:
            return
        lib = self.c.library

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[Article | None, bytes | None]:
            return lib.article(article_id), lib.original_bytes(article_id)

        def ready(result: tuple[Article | None, bytes | None]) -> None:
            article, data = result
            if article is None:
                return
            if data is None:
                self._say(self.tr("The original file of this article was not kept."))
                return
            on_ready(article, data)  # type: ignore[operator]

        self.window.readers.start(job, ready, self.c._failed)

    def open_original(self) -> None:
        self._with_original(self._open_bytes)

    def _open_bytes(self, article: Article, data: bytes) -> None:
        if self._temp is None:
            self._temp = Path(tempfile.mkdtemp(prefix="veille-originals-"))
        target = self._temp / str(article.id) / origin_name(article.origin, article.id)

        def job(_p: ProgressFn, _c: threading.Event) -> Path:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            return target

        self.window.readers.start(job, self._open_file, self.c._failed)

    def _open_file(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._say(self.tr("No application could open %1.").replace("%1", path.name))

    def save_original(self) -> None:
        self._with_original(self._save_bytes)

    def _save_bytes(self, article: Article, data: bytes) -> None:
        name = origin_name(article.origin, article.id)
        path, _chosen = QFileDialog.getSaveFileName(
            self.window, self.tr("Save original as"), str(Path.home() / name))
        if not path:
            return
        out = Path(path)

        def job(_p: ProgressFn, _c: threading.Event) -> Path:
            out.write_bytes(data)
            return out

        self.window.readers.start(
            job, lambda p: self._say(self.tr("Saved %1.").replace("%1", p.name)),
            self.c._failed)

    def show_folder(self) -> None:
        """Open the folder the current article was imported from, if it still exists."""
        article_id = self.c.current_id()
        if article_id is None:
            return
        lib = self.c.library

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[str, Path | None]:
            article = lib.article(article_id)
            origin = article.origin if article is not None else ""
            whole = origin.split("!/", 1)[0]
            for candidate in (Path(whole), origin_path(origin)):  # "a#b.txt" may be a name
                if candidate is not None and candidate.is_absolute() and candidate.exists():
                    return origin, candidate.parent
            return origin, None

        def ready(result: tuple[str, Path | None]) -> None:
            origin, folder = result
            if folder is None:
                self._say(self.tr("The file this article came from is no longer there (%1)."
                                  ).replace("%1", origin or "?"))
            elif not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
                self._say(self.tr("No application could show %1.").replace("%1", str(folder)))

        self.window.readers.start(job, ready, self.c._failed)

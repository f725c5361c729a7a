"""PDF export and printing through Qt's own text engine (no extra dependency).

The brief is the Markdown export rendered by ``QTextDocument``; the command line gets a
QGuiApplication on the offscreen platform when there is no display.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from index.export.writers import export_records, markdown_brief

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument

    from index.library import Library


def brief_document(lib: Library, ids: Sequence[int], title: str = "") -> QTextDocument:
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setMarkdown("".join(markdown_brief(export_records(lib, ids), title)))
    return doc


def write_pdf(lib: Library, ids: Sequence[int], out: Path, title: str = "") -> int:
    """Write the brief of ``ids`` as a PDF (A4); returns the number of articles."""
    _ensure_gui_app()
    from PySide6.QtGui import QPageSize, QPdfWriter

    doc = brief_document(lib, ids, title)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    writer = QPdfWriter(str(tmp))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle(title or "Veille")
    writer.setCreator("Veille")
    doc.print_(writer)
    del writer  # the file is complete once the writer is gone
    tmp.replace(out)
    return len(ids)


def _ensure_gui_app() -> None:
    """Qt needs an application object for fonts; a full QApplication, so that anything
    later in the same process (the window, tests) can use widgets too."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _keep.append(QApplication(["reader-app"]))


_keep: list[object] = []

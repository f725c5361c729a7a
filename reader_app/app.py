"""Start the desktop application: ``reader-app`` with no sub-command ends up here."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from index.paths import default_library_dir
from reader_app.style import apply_style, icon_path


def run_gui(library_path: Path | None = None) -> int:
    """Create the application, open the library, show the window; returns the exit code."""
    from reader_app.main_window import MainWindow
    from reader_app.recovery import open_library

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Veille")
    app.setOrganizationName("Veille")
    app.setApplicationDisplayName("Veille")
    app.setWindowIcon(QIcon(icon_path("veille")))
    apply_style(app)
    path = library_path or default_library_dir()
    library = open_library(path)  # a message (and a recovery offer), never a traceback
    if library is None:
        return 1
    try:
        window = MainWindow(library)
        window.show()
        return int(app.exec())
    finally:
        library.close()

"""``run_gui``: the application starts on a library folder, shows the window, quits cleanly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from reader_app.app import run_gui
from reader_app.main_window import MainWindow


def test_run_gui_opens_library_and_quits(qtbot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    seen: list[MainWindow] = []

    def close_window() -> None:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.extend(windows)
        for w in windows:
            w.close()

    QTimer.singleShot(300, close_window)
    try:
        assert run_gui(tmp_path / "library") == 0
    finally:
        app.setStyleSheet("")  # the style sheet parsed without a warning; do not leak it
    assert len(seen) == 1 and seen[0].windowTitle().startswith("Veille")
    assert (tmp_path / "library").is_dir()

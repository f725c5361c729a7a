"""Grab a screenshot of the main window with a library loaded (for looking, not testing).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot.py LIBRARY_DIR OUT.png
       [--query Q] [--import PATH ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index import Library
from reader_app.main_window import MainWindow


def wait(app: QApplication, ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("library", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--query", default="")
    parser.add_argument("--import", dest="paths", nargs="*", type=Path, default=[])
    parser.add_argument("--row", type=int, default=0)
    args = parser.parse_args()
    app = QApplication([])
    lib = Library.open(args.library)
    if args.paths:
        lib.import_paths(args.paths)
        lib.extract_pending()
    window = MainWindow(lib)
    window.resize(1400, 860)
    window.show()
    wait(app, 500)
    if args.query:
        box = window.findChild(QLineEdit, "searchBox")
        QTest.keyClicks(box, args.query)  # typed, as a person would (setText is not an edit)
        wait(app, 1200)
    view = window.findChild(object, "articleList")
    model = view.model()
    if model is not None and model.rowCount() > args.row:
        view.setCurrentIndex(model.index(args.row, 0))
        wait(app, 1200)
    window.grab().save(str(args.out))
    print(f"saved {args.out}")
    window.close()
    lib.close()


if __name__ == "__main__":
    main()

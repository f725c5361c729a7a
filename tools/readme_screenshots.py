"""The README's screenshots: the window on the sample articles, light and dark, English
and French, built exactly as a launch builds it (``create_app(["--lang", ..., "--theme",
...])`` then ``MainWindow(library)``).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tools/readme_screenshots.py  (or
``make screenshots``). Writes docs/screenshots/{light,dark,french-light,french-dark}.png.
Each picture is taken in a process of its own (one QApplication per language and theme),
all on one library of the samples made in a temporary folder; nothing of the user's
settings or libraries is read or written.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
VARIANTS = {  # file name -> (language, theme, query typed in the search box)
    "light": ("en", "light", "Sahel"),
    "dark": ("en", "dark", "Sahel"),
    "french-light": ("fr", "light", "sommet Niamey"),
    "french-dark": ("fr", "dark", "sommet Niamey"),
}
SIZE = (1360, 820)


def prepare(library: Path) -> None:
    """The sample articles, searchable and with their entities."""
    sys.path.insert(0, str(ROOT))
    from index import Library
    from reader_app.package_data import SAMPLES

    with Library.open(library) as lib:
        lib.import_paths([SAMPLES])
        lib.extract_pending()


def shoot(name: str, library: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtTest import QTest

    from index import Library
    from reader_app.app import create_app
    from reader_app.main_window import MainWindow

    language, theme, query = VARIANTS[name]
    app = create_app(["--lang", language, "--theme", theme])

    def settle(signal, ms: int = 15000) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def pause(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    settings = QSettings(str(library.parent / f"{name}.ini"), QSettings.Format.IniFormat)
    with Library.open(library) as lib:
        window = MainWindow(lib, settings)
        window.resize(*SIZE)
        window.show()
        settle(window.libraryCounted)
        QTest.keyClicks(window.search_box, query)  # typed, as a person would
        for _ in range(20):  # the launch's own search may land first
            settle(window.searchFinished)
            if window.results_model.query == query:
                break
        window.article_list.setCurrentIndex(window.results_model.index(0))
        settle(window.articleShown)
        pause(800)  # the sidebar's entities and the related articles
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / f"{name}.png"
        window.grab().save(str(path))
        window.close()
    app.processEvents()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variant", choices=sorted(VARIANTS), help=argparse.SUPPRESS)
    parser.add_argument("--library", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:
        print(f"saved {shoot(args.variant, args.library).relative_to(ROOT)}")
        return 0
    with tempfile.TemporaryDirectory(prefix="veille-shots-") as tmp_name:
        tmp = Path(tmp_name)
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   XDG_CONFIG_HOME=str(tmp / "config"), XDG_STATE_HOME=str(tmp / "state"))
        env.pop("VEILLE_LIBRARY", None)
        library = tmp / "library"
        subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                        "from tools.readme_screenshots import prepare; "
                        "from pathlib import Path; prepare(Path(sys.argv[2]))",
                        str(ROOT), str(library)], env=env, check=True)
        for name in VARIANTS:
            subprocess.run([sys.executable, __file__, "--variant", name, "--library",
                            str(library)], env=env, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

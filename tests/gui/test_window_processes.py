"""The window beside other processes: it follows their writes, waits its turn, and does
its upkeep in the background after it shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from index.library import Library
from index.models import ArticleDraft
from index.store import canonical_url, content_hash
from reader_app.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader_app", *args], cwd=REPO, text=True,
                          capture_output=True, check=False, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def test_window_shows_what_the_command_line_imported(qtbot, window: MainWindow,
                                                     tmp_path: Path) -> None:
    note = tmp_path / "cli.txt"
    note.write_text(" date 2025-10-01 Les ministres zanzibariens se réunissent à Niamey.",
                    encoding="utf-8")
    done = _cli("import", "--no-entities", "--library", str(window.library.path), str(note))
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: window.library_size == 1, timeout=5000)
    qtbot.waitUntil(lambda: window.results_model.rowCount() == 1, timeout=5000)
    done = _cli("tag", "1", "--add", "Mali", "--library", str(window.library.path))
    assert done.returncode == 0, done.stderr
    window.search_box.setText("tag:mali")
    with qtbot.waitSignal(window.searchFinished, timeout=5000):
        window.search.search_now("tag:mali")
    assert window.results_model.rowCount() == 1


def test_upkeep_runs_after_the_window_shows(qtbot, tmp_path: Path, shared_extractor,
                                            settings: QSettings) -> None:
    """An interrupted import (stored, never indexed) is finished in the background."""
    lib_dir = tmp_path / "lib"
    lib = Library.open(lib_dir)
    draft = ArticleDraft(title="Orphelin", text="Un article zanzibarien jamais indexé.",
                         lang="fr")
    with lib.store.transaction():
        lib.store.insert_article(draft, lang="fr", chash=content_hash(draft),
                                 curl=canonical_url(None), blob=None)
    lib.close()
    lib = Library.open(lib_dir, extractor=shared_extractor)
    order: list[str] = []
    win = MainWindow(lib, settings)
    qtbot.addWidget(win)
    win.libraryCounted.connect(lambda _n: order.append("shown"))
    win.watch.upkeepFinished.connect(lambda _lines: order.append("upkeep"))
    win.searchFinished.connect(lambda *_a: order.append("results"))
    real_upkeep = win.watch.run_upkeep

    def observed_upkeep() -> None:  # observed, not replaced: the real upkeep runs
        order.append("upkeep starts")
        real_upkeep()

    win.watch.run_upkeep = observed_upkeep  # type: ignore[method-assign]
    with qtbot.waitSignal(win.watch.upkeepFinished, timeout=20000):
        win.show()
    # The window counts its library first (maybe twice: once more when the poll sees the
    # index change), and upkeep comes after, once the first results are up.
    assert order[0] == "shown" and order.index("upkeep") > 0
    # Upkeep waits for the launch's first results (issue 12: launch to first result).
    assert order.index("results") < order.index("upkeep starts") < order.index("upkeep")
    with qtbot.waitSignal(win.searchFinished, timeout=5000):
        win.search.search_now("zanzibarien")
    assert win.results_model.rowCount() == 1
    win.close()
    lib.close()


def test_two_windows_on_one_library_lose_no_import(qtbot, tmp_path: Path, shared_extractor,
                                                   settings: QSettings) -> None:
    lib_dir = tmp_path / "lib"
    libs = [Library.open(lib_dir, extractor=shared_extractor) for _ in range(2)]
    windows = []
    for n, lib in enumerate(libs):
        win = MainWindow(lib, QSettings(str(tmp_path / f"s{n}.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.libraryCounted, timeout=10000):
            win.show()
        windows.append(win)
    files = []
    for n in range(2):
        folder = tmp_path / f"in{n}"
        folder.mkdir()
        for i in range(30):
            (folder / f"{i}.txt").write_text(
                f" date 2025-08-{i % 28 + 1:02d} Dépêche {n}-{i} : sommet de l'alliance à Niamey.",
                encoding="utf-8")
        files.append(folder)
    with qtbot.waitSignals([w.importFinished for w in windows], timeout=60000):
        for win, folder in zip(windows, files, strict=True):
            win.import_paths([folder])
    for win in windows:
        qtbot.waitUntil(lambda w=win: w.library_size == 60, timeout=10000)
    assert libs[0].search("alliance", limit=1).total == 60
    for win in windows:
        win.close()
    for lib in libs:
        lib.close()


def test_a_damaged_store_is_found_after_the_window_shows(qtbot, tmp_path: Path,
                                                          shared_extractor,
                                                          settings: QSettings) -> None:
    """One bad page of the store: searches alone would never notice it; the background
    quick_check after the window shows says so in a message, and the window stays usable."""
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    from index.library import STORE_FILE

    lib_dir = tmp_path / "lib"
    with Library.open(lib_dir) as lib:
        with lib.store.transaction():
            for i in range(400):
                draft = ArticleDraft(title=f"Dépêche {i}", text=f"Convoi {i} arrivé à Gao. " * 40,
                                     lang="fr")
                lib.store.insert_article(draft, lang="fr", chash=content_hash(draft),
                                         curl=canonical_url(None), blob=None)
        lib.upkeep()  # indexed: nothing for the window's upkeep to read on the bad page
        assert not lib.needs_upkeep()
    store = lib_dir / STORE_FILE
    with sqlite3.connect(store) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf'")]
    with store.open("r+b") as f:
        f.seek((leaves[len(leaves) // 2] - 1) * page + 100)
        f.write(os.urandom(page - 200))
    lib = Library.open(lib_dir, extractor=shared_extractor)
    win = MainWindow(lib, settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.watch.damaged, timeout=60000) as damaged:
        win.show()
    assert damaged.args[0]
    box = win.findChild(QMessageBox, "damagedLibrary")
    assert box is not None and "check --repair" in box.text()
    assert "check --repair" in win.statusBar().currentMessage()
    box.close()
    win.close()
    lib.close()

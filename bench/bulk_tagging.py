"""Issue 9: select every result in the window and tag them (10,000 in under 5 s), and
the longest stall of the GUI thread meanwhile.

The library is the 10,000-article scale corpus of bench/scale_corpus.py (real Reuters,
BBC and Wikinews articles; 100,000 with synthetic French with ``--size 100000``), built
once by bench/scale_library.py into the benchmark cache and copied to a temporary
folder here (the copy is written to). Its entities are marked as extracted so that no
spaCy batch runs beside the measure.

The window opens offscreen on the empty query (every article listed), then, each step
started from inside the event loop while a 5 ms heartbeat QTimer records the gaps
between its ticks on the GUI thread:

1. select all (Ctrl+A on the list);
2. T: the tag dialog, a tag typed, OK; "done" when the write has landed, the visible
   rows show the tag and the store counts it on every article;
3. S on the same selection (star them all), timed the same way;
4. Shift+M: mark all results as read;
5. 2 s more, in which the window notices its library changed and searches again (the
   selection is kept).

Baseline in the same run: the heartbeat with the window idle for 2 s.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bulk_tagging.py [--size 10000]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bench.common import code_version, machine
from bench.heartbeat import Heartbeat, gaps_summary
from bench.scale_library import build_library
from index import Library
from index.library import STORE_FILE
from reader_app.main_window import MainWindow
from reader_app.models.results_model import StateRole

TAG = "Revue de presse"


def run_loop(seconds: float, until: Callable[[], bool] = lambda: False) -> float:
    """Spin the event loop until ``until()`` or the time is up (a nested loop polled by a
    timer: processEvents(flags, ms) of PySide6 6.12 crashes)."""
    start = time.perf_counter()
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(
        lambda: (until() or time.perf_counter() - start >= seconds) and loop.quit())
    poll.start()
    loop.exec()
    poll.stop()
    return time.perf_counter() - start


def step(name: str, action: Callable[[], object], done: Callable[[], bool],
         hb: Heartbeat, limit: float = 120.0) -> float:
    """Run ``action`` from inside the event loop, wait for ``done``; print the figures."""
    started: list[float] = []

    def fire() -> None:
        started.append(time.perf_counter())
        action()

    hb.start()
    run_loop(0.05)
    QTimer.singleShot(0, fire)
    run_loop(limit, lambda: bool(started) and done())
    took = (time.perf_counter() - started[0]) * 1000 if started else float("nan")
    run_loop(0.05)
    print(f"  {name}: done in {took:,.0f} ms; {gaps_summary(hb.stop(), 'GUI stall')}")
    return took


def library_copy(size: int, folder: Path) -> tuple[Path, str]:
    built = build_library(size)
    target = folder / "lib"
    shutil.copytree(built.path, target)
    with sqlite3.connect(target / STORE_FILE) as conn:  # no spaCy batch beside the measure
        conn.execute("UPDATE articles SET entities_done = 1")
    return target, built.detail


def visible_rows_show(window: MainWindow, check: Callable[[tuple], bool]) -> bool:
    """Whether the rows on screen show a state for which ``check`` holds."""
    view, model = window.article_list, window.results_model
    top = view.indexAt(view.viewport().rect().topLeft()).row()
    rows = range(max(top, 0), min(max(top, 0) + 8, model.rowCount()))
    states = [model.index(r).data(StateRole) for r in rows]
    return bool(states) and all(s is not None and check(s) for s in states)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10_000, choices=(10_000, 100_000))
    args = parser.parse_args()
    multiprocessing.set_start_method("spawn")  # as reader-app does
    print(f"machine: {machine()}; Qt platform {os.environ['QT_QPA_PLATFORM']}")
    print(f"code: {code_version('reader_app', 'index')}")
    app = QApplication([])  # noqa: F841 - kept alive for the whole run
    with tempfile.TemporaryDirectory() as tmp:
        folder, detail = library_copy(args.size, Path(tmp))
        print(f"data: scale corpus of {args.size:,} articles (bench/scale_corpus.py), "
              f"library built {detail}")
        lib = Library.open(folder)
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(lib, settings)
        window.resize(1300, 800)
        window.show()
        model, view, states = window.results_model, window.article_list, window.states
        run_loop(120, lambda: model.rowCount() == args.size and not window.watch.upkeep_running)
        run_loop(2.0)
        hb = Heartbeat()
        hb.start()
        run_loop(2.0)
        print(f"  idle window, 2 s (baseline): {gaps_summary(hb.stop(), 'GUI stall')}")
        view.setFocus()
        lane_idle = lambda: not states.lane.busy()  # noqa: E731

        step("select all (Ctrl+A)",
             lambda: QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier),
             lambda: len(states.selected_ids()) == args.size, hb)

        def tag() -> None:
            dialog = states.ask_tags()
            assert dialog is not None
            dialog.input.setText(TAG)
            dialog.ok_button.click()

        tagged = step(f"tag {args.size:,} selected articles (T, type, OK)", tag,
                      lambda: lane_idle() and visible_rows_show(window, lambda s: TAG in s[2]),
                      hb)
        count = next((t.count for t in lib.tags() if t.name == TAG), 0)
        print(f"    store: {count:,} articles tagged “{TAG}”")
        step(f"star {args.size:,} selected articles (S)", states.toggle_star,
             lambda: lane_idle() and visible_rows_show(window, lambda s: s[1]), hb)
        step("mark all results as read (Shift+M)", states.mark_all_read,
             lambda: lane_idle() and visible_rows_show(window, lambda s: s[0]), hb)
        hb.start()
        run_loop(2.0)
        kept = len(states.selected_ids())
        print(f"  2 s after (the window searches again): {gaps_summary(hb.stop(), 'GUI stall')}; "
              f"selection kept: {kept:,} articles")
        verdict = "under" if tagged < 5000 else "OVER"
        print(f"result: {args.size:,} articles tagged in {tagged / 1000:.2f} s ({verdict} 5 s)")
        window.close()
        lib.close()


if __name__ == "__main__":
    main()

"""Issue 9, point 9: the timeline above the result list at 100,000 results.

Measured on a copy of the scale library (bench/scale_library.py, built directly):
1. ``Library.timeline`` of every article and of a one-word query, and the bucketing of
   its days into bars (both run on a reader thread in the window);
2. painting the timeline on the GUI thread;
3. the window's longest stall of the event loop (a 5 ms QTimer on the GUI thread)
   while it shows all articles with the timeline, then while dates chosen on the
   timeline filter them and the timeline follows, then while "All dates" widens them
   again, and the same two with the timeline hidden (what the list costs alone);
   baseline: the idle window for 3 seconds. Offscreen platform.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/timeline_stall.py [--size 100000]
(VEILLE_BENCH_CACHE=DIR builds the library there rather than in the shared cache.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from bench.common import code_version, machine
from bench.gui_stall import GapRecorder, run_until
from bench.scale_library import build_library
from index import Library
from reader_app.main_window import MainWindow
from reader_app.views.timeline_buckets import build_timeline


def core_figures(lib: Library) -> None:
    for query in ("*", "government"):
        lib.timeline(query)  # read the date column once
        start = time.perf_counter()
        days = lib.timeline(query)
        mid = time.perf_counter()
        timeline = build_timeline(days)
        end = time.perf_counter()
        print(f"timeline({query!r}): {sum(n for _d, n in days)} dated results on {len(days)} "
              f"days in {(mid - start) * 1000:.0f} ms; {len(timeline.buckets)} bars per "
              f"{timeline.unit} in {(end - mid) * 1000:.1f} ms")


def window_figures(app: QApplication, lib: Library, folder: Path) -> None:
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("reading/markReadDelayMs", -1)
    window = MainWindow(lib, settings)
    window.resize(1300, 800)
    shown = [False]
    window.timeline_control.timelineShown.connect(lambda _t: shown.__setitem__(0, True))
    listed = [False]
    window.searchFinished.connect(lambda _r: listed.__setitem__(0, True))
    rec = GapRecorder()
    rec.start()
    window.show()
    seconds = run_until(app, shown, 120)
    rec.stop()
    bars = window.timeline.buckets()
    print(f"window opens on {window.results_model.rowCount()} results, timeline of "
          f"{len(bars)} bars shown ({seconds:.1f} s): {rec.summary()}")
    rec.start()
    run_until(app, [False], 3.0)
    rec.stop()
    print(f"idle window, 3 s (baseline): {rec.summary()}")
    chart = window.timeline
    start = time.perf_counter()
    for _ in range(20):
        chart.repaint()  # painted at once, on the GUI thread
    print(f"painting the timeline ({len(bars)} bars, {chart.width()} px): "
          f"{(time.perf_counter() - start) / 20 * 1000:.1f} ms")
    middle = bars[len(bars) // 3: len(bars) // 3 + 36]
    for visible in (True, False):  # the same filtering with the timeline hidden: its share
        window.timeline_control.action.setChecked(visible)
        for label, action in (
            (f"dates chosen ({middle[0].first} to {middle[-1].last})",
             lambda: window.timeline_control.choose(middle[0].first, middle[-1].last)),
            ("All dates again", window.timeline_control.clear_dates),
        ):
            shown[0] = listed[0] = False
            rec.start()
            action()
            seconds = run_until(app, shown if visible else listed, 120)
            run_until(app, [False], 0.3)  # what follows the answer (list, facets)
            rec.stop()
            print(f"{label}, timeline {'shown' if visible else 'hidden'}: "
                  f"{window.search_bar.count.text()}, per {chart.timeline.unit} "
                  f"({seconds:.2f} s): {rec.summary()}")
    window.close()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    print(f"machine: {machine()}; Qt platform {os.environ['QT_QPA_PLATFORM']}; "
          f"code: {code_version('reader_app', 'index')}; {dt.date.today()}")
    built = build_library(args.size)
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(built.path, folder / "lib")  # the window may write (upkeep)
        lib = Library.open(folder / "lib")
        print(f"library: {lib.article_count()} articles (scale corpus, {args.size})")
        core_figures(lib)
        window_figures(app, lib, folder)
        lib.close()


if __name__ == "__main__":
    main()

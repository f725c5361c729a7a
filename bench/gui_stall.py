"""Issue #3: the longest stall of the Qt event loop while the window imports.

A 5 ms QTimer records the gap between its ticks on the GUI thread while
``MainWindow.import_paths`` imports N JSON Lines articles (Reuters-21578 then BBC) in
its background worker; entity extraction, which the window starts afterwards, is
measured too until N articles are done or a time limit passes. Baseline in the same
run: the same timer with the window idle for 3 seconds (what the machine's noise alone
gives). Offscreen platform.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_stall.py [--articles 10000]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from bench.common import machine, percentile
from bench.import_speed import jsonl_corpus
from index import Library
from reader_app.main_window import MainWindow


class GapRecorder:
    def __init__(self) -> None:
        self.gaps: list[float] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps.clear()
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        self.gaps.append(self._clock.restart() / 1000)

    def summary(self) -> str:
        g = [x * 1000 for x in self.gaps[1:]] or [0.0]
        return (f"longest gap {max(g):.0f} ms, p99 {percentile(g, 99):.0f} ms, "
                f"gaps over 50 ms: {sum(1 for x in g if x > 50)} of {len(g)}")


def run_until(app: QApplication, done: list[bool], limit_s: float) -> float:
    """Run the event loop until ``done[0]`` or the limit (processEvents(flags, ms) of
    PySide6 6.12 crashes with a refcount error, so a nested loop polls instead)."""
    start = time.perf_counter()
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(50)
    poll.timeout.connect(
        lambda: (done[0] or time.perf_counter() - start >= limit_s) and loop.quit()
    )
    poll.start()
    loop.exec()
    poll.stop()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--entity-seconds", type=float, default=30.0)
    args = parser.parse_args()
    multiprocessing.set_start_method("spawn")  # as reader-app does
    print(f"machine: {machine()}; Qt platform {os.environ['QT_QPA_PLATFORM']}")
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths, _docs = jsonl_corpus(folder, args.articles)
        lib = Library.open(folder / "lib")
        window = MainWindow(lib)
        window.resize(1300, 800)
        window.show()
        rec = GapRecorder()
        rec.start()
        run_until(app, [False], 3.0)
        rec.stop()
        print(f"idle window, 3 s (baseline): {rec.summary()}")
        finished = [False]
        window.importFinished.connect(lambda _r: finished.__setitem__(0, True))
        rec.start()
        window.import_paths(paths)
        seconds = run_until(app, finished, 1800)
        rec.stop()
        print(f"import of {args.articles} articles through the window ({seconds:.0f} s): "
              f"{rec.summary()}")
        rec.start()
        run_until(app, [False], args.entity_seconds)
        rec.stop()
        print(f"entity extraction running, first {args.entity_seconds:.0f} s "
              f"({lib.pending_entities()} still queued): {rec.summary()}")
        window.close()
        app.processEvents()
        lib.close()


if __name__ == "__main__":
    main()

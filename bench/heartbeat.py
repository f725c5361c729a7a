"""The GUI-thread stall meter the window benchmarks share: a 5 ms QTimer whose late ticks
are the stalls a person feels."""

from __future__ import annotations

import itertools
import time

from PySide6.QtCore import QTimer

from bench.common import percentile


class Heartbeat:
    """A 5 ms timer on the GUI thread; a long gap between ticks is a stall."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self._timer.start()

    def stop(self) -> list[float]:
        self._timer.stop()
        self.ticks.append(time.perf_counter())
        return [(b - a) * 1000 for a, b in itertools.pairwise(self.ticks)]


def gaps_summary(gaps: list[float], what: str = "stall") -> str:
    if not gaps:
        return "no ticks"
    return (f"longest {what} {max(gaps):.0f} ms, p99 {percentile(gaps, 99):.0f} ms, "
            f"gaps > 50 ms: {sum(g > 50 for g in gaps)} of {len(gaps)}")

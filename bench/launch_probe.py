"""Run ``reader-app --library DIR`` (the window) and report when it shows its first result.

Started by ``bench/peers.py`` and ``bench/end_to_end.py``, which read the clock *before*
starting this process: the figure includes the interpreter's start, every import and
the library's opening. This process only says when things happened, on the system-wide
monotonic clock (``CLOCK_MONOTONIC``, the same in every process), one JSON line each:

- ``shown``: the window's ``show()`` returned and the event loop ran once (the old
  "launch to interactive window" end point);
- ``first_result``: the result list painted a row holding a result (title and snippet),
  after the launch's own search;

then it closes the window as a person would and exits. The application is not changed:
the two points are observed by wrapping ``MainWindow.show`` and ``ResultDelegate.paint``
before the real ``reader_app.cli.main`` runs (a hook the app could offer instead:
docs/benchmarks.md, "Peers").
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any


def _say(event: str) -> None:
    now = time.clock_gettime(time.CLOCK_MONOTONIC)
    sys.stdout.write(json.dumps({"event": event, "t": now}) + "\n")
    sys.stdout.flush()


def install() -> None:
    from PySide6.QtCore import QTimer

    from reader_app import main_window
    from reader_app.views import result_delegate

    window_class: Any = main_window.MainWindow
    delegate_class: Any = result_delegate.ResultDelegate
    hit_role = getattr(result_delegate, "HitRole", None)
    state: dict[str, Any] = {"window": None, "done": False}
    original_show, original_paint = window_class.show, delegate_class.paint

    def show(self: Any) -> None:
        original_show(self)
        state["window"] = self
        QTimer.singleShot(0, lambda: _say("shown"))

    def paint(self: Any, painter: Any, option: Any, index: Any) -> None:
        original_paint(self, painter, option, index)
        if state["done"] or self.compact:
            return
        if hit_role is not None and index.data(hit_role) is None:
            return  # a row painted before its hit arrived is not a result yet
        state["done"] = True
        _say("first_result")
        window = state["window"]
        if window is not None:
            QTimer.singleShot(0, window.close)

    window_class.show = show
    delegate_class.paint = paint


def main(argv: list[str]) -> int:
    _say("probe_start")
    install()
    from reader_app.cli import main as reader_app

    return reader_app(argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

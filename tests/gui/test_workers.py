"""Background tasks: results, failures and cancellation come back as signals."""

from __future__ import annotations

import threading

from reader_app.workers import ProgressFn, TaskRunner


def test_result_progress_failure_and_cancel(qtbot) -> None:
    runner = TaskRunner(2)
    seen: list[object] = []

    def job(progress: ProgressFn, _cancel: threading.Event) -> str:
        progress(1, None, "a")
        progress(2, 2, "b")
        return "done"

    def broken(_p: ProgressFn, _c: threading.Event) -> None:
        raise ValueError("disk on fire")

    release = threading.Event()

    def patient(_p: ProgressFn, cancel: threading.Event) -> str:
        release.wait(5)
        return "stopped" if cancel.is_set() else "ran"

    runner.start(job, seen.append, seen.append, lambda *a: seen.append(a))
    runner.start(broken, seen.append, lambda msg: seen.append(("failed", msg)))
    qtbot.waitUntil(lambda: "done" in seen and ("failed", "ValueError: disk on fire") in seen)
    assert seen.index((1, -1, "a")) < seen.index((2, 2, "b")) < seen.index("done")
    qtbot.waitUntil(lambda: not runner.busy())

    runner.start(patient, seen.append)
    assert runner.busy()
    runner.cancel_all()
    release.set()
    qtbot.waitUntil(lambda: "stopped" in seen)
    assert runner.shutdown()

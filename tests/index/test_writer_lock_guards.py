"""Guards on the one-writer lock (index/writer_lock.py), each pinned by a test that fails
when one line changes (docs/mutation-testing.md).

Two WriterLock objects on one folder stand for two processes: each opens its own lock
file descriptor, and ``flock`` locks of two descriptors exclude each other even inside
one process. One test also takes the lock from a real child process.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from index.errors import WriterBusy
from index.writer_lock import HOLDER_FILE, LOCK_FILE, WriteCancelled, WriterLock


class Flag:
    def __init__(self, value: bool = False) -> None:
        self.value = value

    def is_set(self) -> bool:
        return self.value


def _in_thread(fn: object) -> list[object]:
    out: list[object] = []

    def run() -> None:
        try:
            out.append(fn())  # type: ignore[operator]
        except Exception as exc:
            out.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert not thread.is_alive()
    return out


def test_holding_names_the_holder_beside_the_lock(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path)
    assert lock.directory == tmp_path and lock.on_wait is None
    assert not lock.held()
    before = time.time()
    with lock.hold("an import"):
        assert lock.held()
        assert (tmp_path / LOCK_FILE).exists()
        info = json.loads((tmp_path / HOLDER_FILE).read_text(encoding="utf-8"))
        assert info["pid"] == os.getpid() and info["what"] == "an import"
        assert info["host"] == socket.gethostname()
        assert before <= info["since"] <= time.time()
        assert not list(tmp_path.glob("*.tmp"))
        assert lock.holder() == "an import"
    assert not lock.held()
    assert not (tmp_path / HOLDER_FILE).exists()
    with lock.hold("a reindex"):
        assert lock.holder() == "a reindex"


def test_it_is_reentrant_and_released_by_the_outermost_hold(tmp_path: Path) -> None:
    mine, other = WriterLock(tmp_path), WriterLock(tmp_path)
    with mine.hold("outer"):
        with mine.hold("inner"):
            assert mine._depth == 2
        assert mine.held() and mine._depth == 1
        assert mine.holder() == "outer"  # the inner hold did not rewrite it
        with pytest.raises(WriterBusy), other.hold("x", wait=False):
            pass
    assert mine._depth == 0
    with other.hold("x", wait=False):
        assert other.held()


def test_an_error_inside_still_releases_it(tmp_path: Path) -> None:
    lock, other = WriterLock(tmp_path), WriterLock(tmp_path)
    with pytest.raises(ZeroDivisionError), lock.hold("a write"):
        1 // 0  # noqa: B018
    assert not lock.held() and not (tmp_path / HOLDER_FILE).exists()
    with other.hold("next", wait=False):
        pass


def test_held_only_in_the_holding_thread(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path)
    with lock.hold("a write"):
        assert _in_thread(lock.held) == [False]
    assert lock._owner == threading.get_ident()
    with lock.hold("a write"):
        pass
    assert _in_thread(lambda: lock.held()) == [False]


def test_another_process_waits_and_is_told_once(tmp_path: Path) -> None:
    holder, waiter = WriterLock(tmp_path), WriterLock(tmp_path)
    told: list[str] = []
    waiter.on_wait = told.append
    order: list[str] = []
    with holder.hold("an import in a window"):
        thread = threading.Thread(target=lambda: _wait_and_record(waiter, order))
        thread.start()
        time.sleep(0.6)  # three polls
        assert order == []
        order.append("released")
    thread.join(10)
    assert order == ["released", "acquired"]
    assert told == ["Waiting for an import in a window to finish…"]


def _wait_and_record(lock: WriterLock, order: list[str]) -> None:
    with lock.hold("an import"):
        order.append("acquired")


def test_no_notice_when_the_lock_is_free_or_nobody_listens(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path)
    told: list[str] = []
    lock.on_wait = told.append
    with lock.hold("x"):
        pass
    assert told == []
    holder, quiet = WriterLock(tmp_path), WriterLock(tmp_path)
    with holder.hold("y"):
        thread = threading.Thread(target=lambda: _wait_and_record(quiet, []))
        thread.start()
        time.sleep(0.3)
    thread.join(10)  # no on_wait: waits without telling anyone, no error


def test_not_waiting_is_writer_busy_naming_the_holder(tmp_path: Path) -> None:
    holder, other = WriterLock(tmp_path), WriterLock(tmp_path)
    with holder.hold("an import"):
        with pytest.raises(WriterBusy) as caught, other.hold("a reindex", wait=False):
            pass
        assert str(caught.value) == "the library is busy: an import"
        assert caught.value.__cause__ is None
        assert other._depth == 0 and not other.held()
    with other.hold("a reindex", wait=False):
        pass


def test_a_cancelled_waiter_gives_up(tmp_path: Path) -> None:
    holder, waiter = WriterLock(tmp_path), WriterLock(tmp_path)
    cancel = Flag()
    with holder.hold("an import"):
        threading.Timer(0.3, lambda: setattr(cancel, "value", True)).start()
        start = time.monotonic()
        with pytest.raises(WriteCancelled), waiter.hold("another import", cancel=cancel):
            pass
        assert 0.25 <= time.monotonic() - start < 3
        # Already cancelled: no wait at all.
        with pytest.raises(WriteCancelled), waiter.hold("again", cancel=Flag(True)):
            pass
    assert waiter._depth == 0
    with waiter.hold("later", cancel=Flag(True)):  # a free lock is taken even so
        assert waiter.held()


def test_a_thread_of_this_process_waits_for_the_lane(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path)
    order: list[str] = []
    with lock.hold("first"):
        thread = threading.Thread(target=lambda: _wait_and_record(lock, order))
        thread.start()
        time.sleep(0.3)
        assert order == []
        order.append("released")
    thread.join(10)
    assert order == ["released", "acquired"]


def test_a_thread_of_this_process_can_give_up(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path)
    cancel = Flag()
    with lock.hold("first"):
        def wait() -> object:
            with lock.hold("second", cancel=cancel):
                return "acquired"

        threading.Timer(0.3, lambda: setattr(cancel, "value", True)).start()
        assert [type(r) for r in _in_thread(wait)] == [WriteCancelled]
    assert _in_thread(lambda: lock.hold("third").__enter__()) == [None]


def test_local_is_this_process_only(tmp_path: Path) -> None:
    other_process, lock = WriterLock(tmp_path), WriterLock(tmp_path)
    # Closing does not wait for another process's import.
    with other_process.hold("an import elsewhere"), lock.local():
        assert not lock.held()
    with lock.hold("mine"):
        order: list[str] = []

        def close() -> None:
            with lock.local():
                order.append("closed")

        thread = threading.Thread(target=close)
        thread.start()
        time.sleep(0.3)
        assert order == []  # ... but it waits for this process's own writer
    thread.join(10)
    assert order == ["closed"]


def test_holder_in_plain_words(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path)
    holder_file = tmp_path / HOLDER_FILE
    assert lock.holder() == "another Veille process"  # no file
    for garbage in ("not json", "[1, 2]", '{"pid": "abc"}', '{"pid": null}'):
        holder_file.write_text(garbage, encoding="utf-8")
        assert lock.holder() == "another Veille process", garbage
    holder_file.write_text(json.dumps({"pid": os.getpid(), "what": ""}), encoding="utf-8")
    assert lock.holder() == "another task of this window"
    holder_file.write_text(json.dumps({"pid": 4242, "what": "an import"}), encoding="utf-8")
    assert lock.holder() == "an import in another Veille process (pid 4242)"
    holder_file.write_text(json.dumps({"pid": 4242}), encoding="utf-8")
    assert lock.holder() == "a write in another Veille process (pid 4242)"
    holder_file.write_text(json.dumps({"what": "x"}), encoding="utf-8")
    assert lock.holder() == "x in another Veille process (pid 0)"


def test_a_folder_without_locks_still_works_alone(tmp_path: Path,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    missing = tmp_path / "a-file"  # the lock file cannot be made: no locking possible
    missing.write_text("not a folder")
    lock = WriterLock(missing)
    with caplog.at_level(logging.WARNING, logger="index.writer_lock"):
        with lock.hold("an import"):
            assert lock._broken and lock.held()
        with lock.hold("again"):
            pass
    assert [r.getMessage() for r in caplog.records] == [
        f"no file lock on {missing} ([Errno 17] File exists: '{missing}'): "
        "one process at a time"]
    assert len(caplog.records) == 1  # said once, then not tried again
    assert not lock.held()


def test_a_child_process_holding_the_lock_is_named_and_waited_for(tmp_path: Path) -> None:
    code = ("import sys, time\nfrom pathlib import Path\nfrom index.writer_lock import "
            "WriterLock\nlock = WriterLock(Path(sys.argv[1]))\nwith lock.hold('an import "
            "from the command line'):\n    print('held', flush=True)\n    sys.stdin.read()\n")
    child = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        lock = WriterLock(tmp_path)
        with pytest.raises(WriterBusy) as caught, lock.hold("a window's import", wait=False):
            pass
        assert str(caught.value) == (
            "the library is busy: an import from the command line in another Veille "
            f"process (pid {child.pid})")
    finally:
        child.communicate("", timeout=30)
    with lock.hold("a window's import", wait=False):
        assert lock.held()


def test_a_holder_note_that_cannot_be_written_or_is_gone_is_no_error(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path)
    blocker = tmp_path / f"{HOLDER_FILE}.{os.getpid()}.tmp"
    blocker.mkdir()  # the note cannot be written: the lock is held all the same
    with lock.hold("an import"):
        assert lock.held() and not (tmp_path / HOLDER_FILE).exists()
    blocker.rmdir()
    with lock.hold("an import"):
        (tmp_path / HOLDER_FILE).unlink()  # removed by someone meanwhile
    assert not lock.held()


def test_not_waiting_answers_at_once(tmp_path: Path) -> None:
    holder, other = WriterLock(tmp_path), WriterLock(tmp_path)
    with holder.hold("an import"):
        start = time.monotonic()
        with pytest.raises(WriterBusy), other.hold("x", wait=False):
            pass
        assert time.monotonic() - start < 0.15  # no poll interval spent first


def test_a_waiting_writer_does_not_spin(tmp_path: Path) -> None:
    holder, waiter = WriterLock(tmp_path), WriterLock(tmp_path)
    cpu: list[float] = []

    def wait() -> None:
        start = time.thread_time()
        with waiter.hold("an import"):
            cpu.append(time.thread_time() - start)

    with holder.hold("another import"):
        thread = threading.Thread(target=wait)
        thread.start()
        time.sleep(1.0)
    thread.join(10)
    assert cpu and cpu[0] < 0.1, cpu  # it sleeps between polls


"""Child processes that never outlive the process that started them.

Veille starts three kinds of children: parse workers (import), Whoosh sub-writers (large
index batches) and the spaCy process (entities). Killed or crashed, the parent used to
leave them running for minutes. Each child therefore calls ``child_started`` first:

- on Linux, ``PR_SET_PDEATHSIG`` makes the kernel kill it when its parent goes, even
  while it holds Python's global lock inside spaCy or Whoosh;
- everywhere, a watchdog thread exits it once its parent is gone (``getppid()``
  changes: macOS, or a Linux parent that died before ``prctl`` ran).

Linux sends that signal when the *thread* that started the child ends, not the
process. A child that outlives the call which started it (the spaCy process, started
by whichever pool thread extracts first) is started from ``on_lasting_thread``.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

T = TypeVar("T")

PARENT_POLL_SECONDS = 0.5
ORPHAN_EXIT_CODE = 75  # the parent is gone: nobody reads this, but it is not "ok"
_PR_SET_PDEATHSIG = 1
_PR_SET_NAME = 15


def child_started(parent_pid: int, role: str) -> None:
    """First thing in every child: die with ``parent_pid``; name the process ``role``
    (``ps``/``top`` show it; tests find children by it). A ``ProcessPoolExecutor``
    initializer or the first line of a ``Process.run``."""
    _set_name(role)
    if os.getppid() == parent_pid:  # started directly: spawn or fork
        _kill_me_with_parent()
        if os.getppid() != parent_pid:  # the parent died before prctl took effect
            os._exit(ORPHAN_EXIT_CODE)
        _watch(lambda: _poll_parent(parent_pid), f"{role}-watchdog")
        return
    # Started by a forkserver, or the parent is already gone: the pipe multiprocessing
    # keeps to the parent reaches end-of-file when the parent dies.
    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None)
    if sentinel is None:
        os._exit(ORPHAN_EXIT_CODE)
    _watch(lambda: _wait_sentinel(sentinel), f"{role}-watchdog")


def on_lasting_thread(call: Callable[..., T], *args: Any) -> T:
    """Run ``call(*args)`` on a thread that lives as long as this process and return
    its result: children started there die with the process, not with a pool thread."""
    return _Launcher.get().run(call, *args)


def stop_processes(processes: Iterable[BaseProcess], grace: float = 1.0) -> list[BaseProcess]:
    """Terminate, then kill what is still running after ``grace`` seconds; returns the
    processes that still did not end (none, unless the OS refuses). Waits on each
    process's sentinel, not on ``join``: another thread may reap the same child."""
    processes = list(processes)
    running = [p for p in processes if _running(p)]
    for stop, wait_for in ((BaseProcess.terminate, grace), (BaseProcess.kill, 1.0)):
        if not running:
            break
        for process in running:
            with contextlib.suppress(OSError, ValueError):
                stop(process)
        deadline = time.monotonic() + wait_for
        while running and time.monotonic() < deadline:
            ended = wait([p.sentinel for p in running], deadline - time.monotonic())
            running = [p for p in running if p.sentinel not in ended]
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            # Reap it (when nobody else does): its pipes close a moment before it is gone.
            process.join(0 if process in running else 1.0)
    return running


def _running(process: BaseProcess) -> bool:
    try:
        return process.pid is not None and process.exitcode is None
    except ValueError:  # closed with Process.close(): it had ended
        return False


def _set_name(role: str) -> None:
    if sys.platform != "linux":
        return
    libc = _libc()
    if libc is not None:
        libc.prctl(_PR_SET_NAME, role.encode()[:15], 0, 0, 0)


def _kill_me_with_parent() -> None:
    if sys.platform != "linux":
        return
    libc = _libc()
    if libc is not None:
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)


def _libc() -> Any | None:
    """The C library already loaded in this process (no ``ldconfig`` run to find it)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc if hasattr(libc, "prctl") else None
    except OSError:
        return None


def _watch(until_parent_gone: Callable[[], None], name: str) -> None:
    def watchdog() -> None:
        until_parent_gone()
        os._exit(ORPHAN_EXIT_CODE)

    threading.Thread(target=watchdog, name=name, daemon=True).start()


def _poll_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_POLL_SECONDS)


def _wait_sentinel(sentinel: int) -> None:
    wait([sentinel])


class _Launcher:
    """One daemon thread that runs calls handed to it; daemon threads only end with
    the process, so a child started here gets its parent-death signal only then."""

    _instance: _Launcher | None = None
    _guard = threading.Lock()

    def __init__(self) -> None:
        self._calls: queue.SimpleQueue[tuple[Callable[[], Any], queue.SimpleQueue[Any]]] = (
            queue.SimpleQueue())
        threading.Thread(target=self._serve, name="veille-child-launcher", daemon=True).start()

    @classmethod
    def get(cls) -> _Launcher:
        with cls._guard:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def run(self, call: Callable[..., T], *args: Any) -> T:
        answer: queue.SimpleQueue[tuple[bool, Any]] = queue.SimpleQueue()
        self._calls.put((lambda: call(*args), answer))
        ok, value = answer.get()
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    @classmethod
    def _forget(cls) -> None:
        """In a forked child: the thread was not copied, and the lock may look held."""
        cls._instance = None
        cls._guard = threading.Lock()

    def _serve(self) -> None:
        while True:
            call, answer = self._calls.get()
            try:
                answer.put((True, call()))
            except BaseException as exc:  # handed back to the caller's thread
                answer.put((False, exc))


if hasattr(os, "register_at_fork"):  # not on Windows, where there is no fork
    os.register_at_fork(after_in_child=_Launcher._forget)

"""One writer per library, across threads and processes.

Every write (import, reindex, entity batch, curation, user state) holds this lock, so
two windows, or a window and the command line, take turns instead of breaking each
other's Whoosh commits. Readers never take it. The lock is an OS file lock (``flock``
through ``filelock``): a killed holder releases it at once. Beside it, ``writer.json``
names the holder so a waiter can say what it waits for.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from index.errors import WriterBusy

log = logging.getLogger(__name__)

LOCK_FILE = "write.lock"
HOLDER_FILE = "writer.json"
POLL_SECONDS = 0.2

WaitNotice = Callable[[str], None]


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


class WriteCancelled(Exception):
    """The caller gave up waiting for the lock (its cancel flag was set)."""


class WriterLock:
    """Re-entrant within a process (the library's writer lane), exclusive across them."""

    def __init__(self, directory: Path) -> None:
        from filelock import FileLock  # not before the first write: readers never lock

        self.directory = directory
        self._file_lock = FileLock(
            directory / LOCK_FILE, thread_local=False, fallback_to_soft=False
        )
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._owner = 0
        self._broken = False  # the file system offers no locks: one process only
        self.on_wait: WaitNotice | None = None  # set by the GUI or the CLI

    @contextlib.contextmanager
    def hold(
        self, what: str, *, cancel: CancelFlag | None = None, wait: bool = True,
    ) -> Iterator[None]:
        """Hold the writer lock for ``what`` ("an import", ...); waits its turn, telling
        ``on_wait`` once what it waits for. ``wait=False`` raises WriterBusy instead."""
        self._acquire_thread(cancel)
        try:
            if self._depth == 0:
                self._acquire_file(what, cancel, wait)
                self._owner = threading.get_ident()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release_file()
        finally:
            self._thread_lock.release()

    @contextlib.contextmanager
    def local(self) -> Iterator[None]:
        """Only this process's writer lane (closing: wait for our own writer thread, not
        for another process's import)."""
        with self._thread_lock:
            yield

    def held(self) -> bool:
        """True in the thread that holds it."""
        return self._depth > 0 and self._owner == threading.get_ident()

    def holder(self) -> str:
        """Who holds the lock, as a person would read it (best effort)."""
        try:
            info = json.loads((self.directory / HOLDER_FILE).read_text(encoding="utf-8"))
            what, pid = str(info.get("what", "")), int(info.get("pid", 0))
        except (OSError, ValueError, TypeError, AttributeError):
            return "another Veille process"
        if pid == os.getpid():
            return what or "another task of this window"
        return f"{what or 'a write'} in another Veille process (pid {pid})"

    def _acquire_thread(self, cancel: CancelFlag | None) -> None:
        while not self._thread_lock.acquire(timeout=POLL_SECONDS):
            if cancel is not None and cancel.is_set():
                raise WriteCancelled()

    def _acquire_file(self, what: str, cancel: CancelFlag | None, wait: bool) -> None:
        if self._broken:
            return
        from filelock import Timeout

        told = False
        while True:
            try:
                self._file_lock.acquire(timeout=0 if not told else POLL_SECONDS)
                break
            except Timeout:
                if not wait:
                    raise WriterBusy(f"the library is busy: {self.holder()}") from None
                if cancel is not None and cancel.is_set():
                    raise WriteCancelled() from None
                if not told:
                    told = True
                    notice = self.on_wait
                    if notice is not None:
                        notice(f"Waiting for {self.holder()} to finish…")
            except (NotImplementedError, OSError) as exc:
                log.warning("no file lock on %s (%s): one process at a time", self.directory, exc)
                self._broken = True
                return
        self._write_holder(what)

    def _write_holder(self, what: str) -> None:
        import socket  # only writers name their host: a search does not load it

        info = {"pid": os.getpid(), "host": socket.gethostname(), "what": what,
                "since": time.time()}
        tmp = self.directory / (HOLDER_FILE + f".{os.getpid()}.tmp")
        with contextlib.suppress(OSError):
            tmp.write_text(json.dumps(info), encoding="utf-8")
            tmp.replace(self.directory / HOLDER_FILE)

    def _release_file(self) -> None:
        if self._broken:
            return
        with contextlib.suppress(OSError):
            (self.directory / HOLDER_FILE).unlink()
        self._file_lock.release()

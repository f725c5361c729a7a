"""Entity extraction in child processes, one per core (capped).

spaCy holds Python's global lock for long stretches (loading the model, tokenising a
batch). In the reader's process that would freeze the window and hold up searches;
in child processes it runs truly in parallel, and the library process only writes the
mentions it gets back. One child left the other cores idle (10,000 articles in 577 s
on two cores, issue 12): batches now go to up to ``workers`` children, each with its
own model, started as the work needs them. They run at a lower priority (``nice``) so
the window and its searches come first.

The child is ours, not a ``ProcessPoolExecutor``'s, so that closing is immediate and
safe: ``close`` kills it mid-batch, and because the library process keeps no copy of
the child's end of either pipe, the child's death is an end-of-file that fails the
pending batches at once instead of leaving a thread waiting on a half-sent answer.
It dies with the library process too (index/child_process.py).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import queue
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from multiprocessing import get_context
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

from index.child_process import child_started, on_lasting_thread, stop_processes
from index.errors import VeilleError
from index.models import Mention

if TYPE_CHECKING:
    from index.entities import EntityExtractor

CHILD_NAME = "veille-entities"
Batch = list[list[Mention]]
MAX_PROCESSES = 4  # each child holds its own models (about 150 MB per language)
PROCESSES_ENV = "VEILLE_ENTITY_PROCESSES"
NICENESS = 10


def default_processes() -> int:
    """One child per core, at most MAX_PROCESSES; ``VEILLE_ENTITY_PROCESSES`` overrides."""
    configured = os.environ.get(PROCESSES_ENV, "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, min(os.cpu_count() or 1, MAX_PROCESSES))


class ExtractionStopped(VeilleError):
    """The entity process ended before answering: the library closed, or it was killed."""


def _child_main(jobs: Connection, answers: Connection,
                pipelines: Mapping[str, str] | None, parent_pid: int) -> None:
    """The child: load the model, then answer (job id, items) until the pipe closes."""
    child_started(parent_pid, CHILD_NAME)
    with contextlib.suppress(OSError, AttributeError):  # not on Windows: full priority
        os.nice(NICENESS)
    extractor: EntityExtractor | None = None
    failure: Exception | None = None
    try:
        from index.entities import EntityExtractor

        extractor = EntityExtractor(pipelines)
    except Exception as exc:  # e.g. no spaCy pipeline installed: every batch says so
        failure = exc
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        job_id, items = job
        if extractor is None:
            _answer(answers, job_id, False, failure)
            continue
        try:
            _answer(answers, job_id, True, extractor.extract_batch(items))
        except Exception as exc:
            _answer(answers, job_id, False, exc)


def _answer(answers: Connection, job_id: int, ok: bool, value: Any) -> None:
    if not ok:
        try:  # an exception that does not survive the trip becomes one that does
            pickle.loads(pickle.dumps(value))
        except Exception:
            value = RuntimeError(f"{type(value).__name__}: {value}")
    answers.send((job_id, ok, value))


class _Child:
    """One running child: its process, a sender and a receiver thread, and the
    futures of the batches it has not answered yet."""

    def __init__(self, pipelines: Mapping[str, str] | None) -> None:
        ctx = get_context("spawn")
        child_jobs, self._jobs = ctx.Pipe(duplex=False)
        self._answers, child_answers = ctx.Pipe(duplex=False)
        self.process: BaseProcess = ctx.Process(
            target=_child_main, name=CHILD_NAME, daemon=True,
            args=(child_jobs, child_answers, pipelines, os.getpid()),
        )
        # Linux kills the child when the thread that started it ends: a lasting one.
        on_lasting_thread(self.process.start)
        child_jobs.close()  # only the child holds these ends now: its death is EOF here
        child_answers.close()
        self.closing = False
        self._ended = False  # the receiver saw the child's end: no answer will come
        self._futures: dict[int, Future[Batch]] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count()
        self._outbox: queue.SimpleQueue[tuple[int, list[tuple[str, str | None]]] | None] = (
            queue.SimpleQueue())
        for target, name in ((self._send, "sender"), (self._receive, "receiver")):
            threading.Thread(target=target, name=f"{CHILD_NAME}-{name}", daemon=True).start()

    @property
    def load(self) -> int:
        """Batches sent and not answered yet."""
        with self._lock:
            return len(self._futures)

    @property
    def alive(self) -> bool:
        # _ended first: a dead child's pipes close a moment before waitpid can see it.
        return not self._ended and not self.closing and self.process.exitcode is None

    def submit(self, items: list[tuple[str, str | None]]) -> Future[Batch]:
        future: Future[Batch] = Future()
        future.set_running_or_notify_cancel()
        with self._lock:
            if self._ended:
                future.set_exception(self._stopped())
                return future
            job_id = next(self._ids)
            self._futures[job_id] = future
        self._outbox.put((job_id, items))  # never blocks: the sender thread writes
        return future

    def stop(self) -> None:
        self.begin_stop()
        stop_processes([self.process], grace=0.5)  # the receiver then fails what is pending

    def begin_stop(self) -> None:
        self.closing = True
        self._outbox.put(None)

    def _send(self) -> None:
        while (job := self._outbox.get()) is not None:
            try:
                self._jobs.send(job)
            except (OSError, ValueError):  # the child is gone; the receiver reports it
                break
        with contextlib.suppress(OSError):
            self._jobs.close()

    def _receive(self) -> None:
        while True:
            try:
                job_id, ok, value = self._answers.recv()
            except (EOFError, OSError):
                break
            with self._lock:
                future = self._futures.pop(job_id, None)
            if future is None:
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        with contextlib.suppress(OSError):
            self._answers.close()
        with self._lock:
            self._ended = True
            pending, self._futures = list(self._futures.values()), {}
        for future in pending:
            future.set_exception(self._stopped())

    def _stopped(self) -> ExtractionStopped:
        if self.closing:
            return ExtractionStopped("entity extraction was stopped; the articles still "
                                     "without entities are done next time")
        return ExtractionStopped(
            "the entity extraction process ended unexpectedly (it was killed or ran out "
            "of memory); the articles still without entities are done next time")


class ProcessExtractor:
    """Same ``extract_batch`` as EntityExtractor, run by up to ``workers`` child
    processes that start as batches need them, are replaced if they die, and are killed
    at once by ``close``."""

    def __init__(self, pipelines: Mapping[str, str] | None = None,
                 workers: int | None = None) -> None:
        self._pipelines = dict(pipelines) if pipelines else None
        self.workers = max(1, workers if workers is not None else default_processes())
        self._children: list[_Child] = []
        self._closed = False
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        """The first running child's process id (diagnostics and tests)."""
        pids = self.pids
        return pids[0] if pids else None

    @property
    def pids(self) -> list[int]:
        """Every running child's process id."""
        return [c.process.pid for c in list(self._children)
                if c.alive and c.process.pid is not None]

    def submit(self, items: Sequence[tuple[str, str | None]]) -> Future[Batch]:
        """Start a batch; the caller writes earlier ones meanwhile. The future fails
        with ExtractionStopped if its child ends first (``close``, or a kill)."""
        with self._lock:
            if self._closed:
                raise ExtractionStopped("entity extraction stopped: the library was closed")
            return self._pick().submit(list(items))

    def _pick(self) -> _Child:
        """An idle child, else a new one while fewer than ``workers`` run, else the
        least busy: a single small job never waits for a second model to load."""
        for dead in [c for c in self._children if not c.alive]:
            dead.stop()
            self._children.remove(dead)
        idle = [c for c in self._children if c.load == 0]
        if idle:
            return idle[0]
        if len(self._children) < self.workers:
            self._children.append(_Child(self._pipelines))
            return self._children[-1]
        return min(self._children, key=lambda c: c.load)

    def extract_batch(self, items: Sequence[tuple[str, str | None]]) -> Batch:
        return self.submit(items).result()

    def stop(self) -> None:
        """Kill the children now, even mid-batch: their pending batches fail with
        ExtractionStopped. A later submit starts new ones (a window closing)."""
        with self._lock:
            children, self._children = self._children, []
        for child in children:
            child.begin_stop()
        if children:  # all at once: closing never waits for one child after another
            stop_processes([c.process for c in children], grace=0.5)

    def close(self) -> None:
        """``stop``, and later submits fail with ExtractionStopped (the library closed)."""
        with self._lock:
            self._closed = True
        self.stop()

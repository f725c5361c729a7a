"""Pacing entity extraction: batches in flight, joined writes, waiting while people search.

Extraction runs for minutes in the background on every core (index/entity_worker.py,
at a lower priority). A search typed meanwhile still competes with the writes of each
batch (store, index) in the library's own process; so before sending the next batch
the extraction waits for a quiet moment: no search running, none ended in the last
``QUIET_SECONDS`` (typing sends one search after another). It never waits longer than
``MAX_WAIT_SECONDS`` per batch, so a window that searches all the time still sees its
entities arrive.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, wait
from contextlib import contextmanager
from typing import Protocol

from index.models import Article, Mention

QUIET_SECONDS = 0.4
MAX_WAIT_SECONDS = 5.0


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


class SearchPace:
    """Searches in progress and when the last one ended (thread-safe)."""

    def __init__(self) -> None:
        self._running = 0
        self._last_end = 0.0
        self._changed = threading.Condition()

    @contextmanager
    def searching(self) -> Iterator[None]:
        with self._changed:
            self._running += 1
        try:
            yield
        finally:
            with self._changed:
                self._running -= 1
                self._last_end = time.monotonic()
                self._changed.notify_all()

    def busy(self) -> bool:
        with self._changed:
            return self._running > 0 or time.monotonic() - self._last_end < QUIET_SECONDS

    def wait_quiet(self, cancel: CancelFlag | None = None,
                   limit: float = MAX_WAIT_SECONDS) -> float:
        """Wait until no search runs or has just ended (at most ``limit`` seconds);
        returns the seconds waited."""
        started = time.monotonic()
        deadline = started + limit
        with self._changed:
            while time.monotonic() < deadline and not (cancel is not None and cancel.is_set()):
                now = time.monotonic()
                quiet_in = self._last_end + QUIET_SECONDS - now
                if self._running == 0 and quiet_in <= 0:
                    break
                self._changed.wait(min(deadline - now, quiet_in if quiet_in > 0 else 0.1, 0.1))
        return time.monotonic() - started


def extraction_window(extractor: object) -> int:
    """Batches to keep in flight: two per child process (one running, one ready, so
    no child idles while the library writes); an in-process extractor counts as one."""
    workers = getattr(extractor, "workers", None)
    return 2 * (workers if isinstance(workers, int) and workers > 0 else 1)


SAVE_ARTICLES = 240  # batches answered meanwhile are written together, up to this many

Batch = list[list[Mention]]


def take_answered(
    inflight: deque[tuple[list[Article], Future[Batch]]], *, join: bool = True,
) -> tuple[list[Article], Future[Batch]]:
    """The oldest batch once answered, joined (``join``) with the next ones already
    answered.

    Writing costs the library a store transaction and an index commit per call,
    whatever its size: with several children answering, one write for what they
    answered meanwhile keeps the single writer from being what everyone waits for.
    """
    articles, first = inflight.popleft()
    wait([first])
    if not join or first.exception() is not None or not inflight or not inflight[0][1].done():
        return articles, first
    results = list(first.result())
    articles = list(articles)
    while inflight and inflight[0][1].done() and inflight[0][1].exception() is None \
            and len(articles) < SAVE_ARTICLES:
        more, answered = inflight.popleft()
        articles.extend(more)
        results.extend(answered.result())
    joined: Future[Batch] = Future()
    joined.set_result(results)
    return articles, joined

"""Reading and parsing sources, in worker processes when a batch is large.

The library's writer thread spends its time in SQLite and Whoosh; parsing HTML and
compressing originals would take the same core. Large batches therefore read, parse
and compress in a process pool (spawn: safe beside Qt's threads), with a bounded
number of files in flight so memory stays flat, and results come back in input order.
"""

from __future__ import annotations

import hashlib
import logging
import os
import zlib
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Protocol

from index.child_process import child_started
from index.importers import ImportFailure, ImportSkipped, ParseOutcome, Source, parse

logger = logging.getLogger(__name__)

POOL_THRESHOLD = 24      # fewer sources than this: parse inline, a pool costs ~1 s to start
IN_FLIGHT_PER_WORKER = 8
CHILD_NAME = "veille-parse"  # workers die with the library process: child_process.py


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Blob:
    """An original file: its digest, size and (unless not kept) zlib-compressed bytes."""

    digest: str
    size: int
    payload: bytes | None


@dataclass(frozen=True, slots=True)
class ParsedSource:
    origin: str
    outcome: ParseOutcome | None = None
    blob: Blob | None = None
    error: str | None = None


def read_and_parse(source: Source, keep: bool) -> ParsedSource:
    """Never raises: a read failure comes back as ``error``."""
    if source.error:
        return ParsedSource(source.origin, error=source.error)
    try:
        data = source.read()
    except ImportSkipped as exc:  # a link out of a dropped folder, an unsafe archive name
        skipped = ParseOutcome(source.origin, "skipped", reason=exc.reason)
        return ParsedSource(source.origin, skipped)
    except ImportFailure as exc:
        return ParsedSource(source.origin, error=exc.reason)
    except OSError as exc:
        return ParsedSource(source.origin, error=f"cannot read the file: {exc}")
    return parsed_bytes(source.origin, data, keep=keep)


def parsed_bytes(origin: str, data: bytes, *, keep: bool) -> ParsedSource:
    """Parse bytes already read; the original is kept compressed when ``keep``."""
    outcome = parse(origin, data)
    blob = None
    if outcome.status == "ok":
        blob = Blob(
            hashlib.sha256(data).hexdigest(), len(data), zlib.compress(data, 6) if keep else None
        )
    return ParsedSource(origin, outcome, blob)


def parse_sources(
    sources: Sequence[Source], *, keep: bool, cancel: CancelFlag, workers: int | None = None
) -> Iterator[ParsedSource]:
    """Parsed sources in input order; stops early when ``cancel`` is set."""
    # One core stays with the writer thread (store and index), the others parse.
    workers = workers if workers is not None else (os.cpu_count() or 1) - 1
    if len(sources) < POOL_THRESHOLD or workers < 1:
        for source in sources:
            if cancel.is_set():
                return
            yield read_and_parse(source, keep)
        return
    done = 0
    try:
        for parsed in _pooled(sources, keep, cancel, workers):
            done += 1
            yield parsed
    except (BrokenProcessPool, OSError, RuntimeError):
        # The pool could not start (a script without a ``__main__`` guard, no /dev/shm)
        # or a worker died: parse what is left here rather than fail the import.
        logger.warning("import worker processes unavailable; parsing in-process", exc_info=True)
        for source in sources[done:]:
            if cancel.is_set():
                return
            yield read_and_parse(source, keep)


def _pooled(
    sources: Sequence[Source], keep: bool, cancel: CancelFlag, workers: int
) -> Iterator[ParsedSource]:
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=get_context("spawn"),
        initializer=child_started, initargs=(os.getpid(), CHILD_NAME),
    ) as pool:
        pending: deque[Future[ParsedSource]] = deque()
        try:
            for source in sources:
                pending.append(pool.submit(read_and_parse, source, keep))
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    if cancel.is_set():
                        return
                    yield pending.popleft().result()
            while pending:
                if cancel.is_set():
                    return
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()

"""Reading and parsing sources, in worker processes when a batch is large.

The library's writer thread spends its time in SQLite and Whoosh; parsing HTML and
compressing originals would take the same core. Large batches therefore read, parse
and compress in a process pool (spawn: safe beside Qt's threads), with a bounded
number of files in flight so memory stays flat, and results come back in input order.
A large JSON Lines file, mailbox or feed is handed out as pieces of a few hundred
articles (importers/streams.py), so one big file keeps the pool busy too.
"""

from __future__ import annotations

import hashlib
import itertools
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
from index.importers.streams import (
    STREAM_MIN_BYTES,
    Piece,
    Refusal,
    iter_pieces,
    parse_piece,
    stream_kind,
)

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
class StreamMark:
    """The ParsedSource is part of a file read as a stream (importers/streams.py): a
    piece of its articles, one refused article, or its end."""

    file: str  # the file's origin (a refused article's own origin names the article)
    where: str  # how far the file was read: "line 12,345"
    last: bool = False  # the file's end: its report line is due
    cut: str | None = None  # why the rest of the file could not be read


@dataclass(frozen=True, slots=True)
class ParsedSource:
    origin: str
    outcome: ParseOutcome | None = None
    blob: Blob | None = None
    error: str | None = None
    stream: StreamMark | None = None


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


Job = Source | Piece | ParsedSource  # a ParsedSource job is already decided (a refusal)


def parse_sources(
    sources: Sequence[Source], *, keep: bool, cancel: CancelFlag, workers: int | None = None
) -> Iterator[ParsedSource]:
    """Parsed sources in input order (a streamed file as its pieces, then its end);
    stops early when ``cancel`` is set."""
    # One core stays with the writer thread (store and index), the others parse.
    workers = workers if workers is not None else (os.cpu_count() or 1) - 1
    large = any((s.size or 0) >= STREAM_MIN_BYTES for s in sources)
    jobs = _jobs(sources)
    if (len(sources) < POOL_THRESHOLD and not large) or workers < 1:
        yield from _inline(jobs, keep, cancel)
        return
    yield from _pooled(jobs, keep, cancel, workers)


def _jobs(sources: Sequence[Source]) -> Iterator[Job]:
    """What to parse, lazily: a streamed file is read only as its pieces are wanted."""
    for source in sources:
        kind = stream_kind(source)
        if kind is None:
            yield source
            continue
        where = ""
        cut: str | None = None
        for item in iter_pieces(source, kind):
            if isinstance(item, Piece):
                where = item.where
                yield item
            elif isinstance(item, Refusal):
                where = item.where
                yield ParsedSource(item.origin, error=item.reason,
                                   stream=StreamMark(source.origin, item.where))
            else:
                where, cut = item.where, item.reason
        yield ParsedSource(source.origin, stream=StreamMark(source.origin, where, True, cut))


def run_job(job: Job, keep: bool) -> ParsedSource:
    """Never raises (runs in pool workers)."""
    if isinstance(job, ParsedSource):
        return job
    if isinstance(job, Source):
        return read_and_parse(job, keep)
    outcome = parse_piece(job)
    blob = None
    if outcome.status == "ok":
        data = job.data()
        blob = Blob(hashlib.sha256(data).hexdigest(), len(data),
                    zlib.compress(data, 6) if keep else None)
    return ParsedSource(job.origin, outcome, blob, stream=StreamMark(job.origin, job.where))


def _inline(jobs: Iterator[Job], keep: bool, cancel: CancelFlag) -> Iterator[ParsedSource]:
    for job in jobs:
        if cancel.is_set():
            return
        yield run_job(job, keep)


def _pooled(
    jobs: Iterator[Job], keep: bool, cancel: CancelFlag, workers: int
) -> Iterator[ParsedSource]:
    """Jobs parsed by ``workers`` processes, a bounded number in flight. If the pool
    cannot start (a script without a ``__main__`` guard, no /dev/shm) or a worker
    dies, what is left is parsed here rather than fail the import."""
    pending: deque[tuple[Job, Future[ParsedSource] | None]] = deque()
    try:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=get_context("spawn"),
            initializer=child_started, initargs=(os.getpid(), CHILD_NAME),
        ) as pool:
            try:
                for job in jobs:
                    ready = isinstance(job, ParsedSource)
                    pending.append((job, None if ready else pool.submit(run_job, job, keep)))
                    while len(pending) >= workers * IN_FLIGHT_PER_WORKER or (
                            pending and pending[0][1] is None):
                        if cancel.is_set():
                            return
                        yield _next_result(pending)
                while pending:
                    if cancel.is_set():
                        return
                    yield _next_result(pending)
            finally:
                for _job, future in pending:
                    if future is not None:
                        future.cancel()
    except (BrokenProcessPool, OSError, RuntimeError):
        logger.warning("import worker processes unavailable; parsing in-process", exc_info=True)
        left = [job for job, _future in pending]
        pending.clear()
        yield from _inline(itertools.chain(left, jobs), keep, cancel)


def _next_result(pending: deque[tuple[Job, Future[ParsedSource] | None]]) -> ParsedSource:
    """The first job's result; it leaves the queue only once it has one (a broken
    pool leaves it there for the in-process fallback)."""
    job, future = pending[0]
    result = job if future is None else future.result()
    assert isinstance(result, ParsedSource)
    pending.popleft()
    return result

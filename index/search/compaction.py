"""Compaction of the search index in the background: deleted copies merged away, few segments.

Whoosh cannot change one field of a document: writing an article's entities replaces its
whole document and leaves the old copy in its segment, marked deleted (entity extraction
took the library from 6.8 to 15.3 MB per 1,000 articles). Every small commit also adds a
segment, and each segment costs every query a lookup per word (a few launches of the
window: 8 → 18 segments, term p95 34 → 56 ms).

Nobody waits for it. The segments to merge are read from the generation the index was
signed at (segment files never change once written) and written as one new segment in a
folder beside the index (``search-index.compact``), outside the library's writer lock:
searches, imports and state writes go on meanwhile. Only the swap holds the writer lock,
for milliseconds: it checks that every merged segment is still live (a rebuild or another
merge since then: the work is dropped, the next run starts again), carries the deletions
made since the snapshot over to the new segment, moves its file in and commits a signed
generation naming it in place of the merged ones. Cancelling stops between segments.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import numpy as np
from whoosh import index as windex
from whoosh.codec.base import Segment
from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC
from whoosh.reading import SegmentReader

from .engine import INDEX_NAME, SearchIndex
from .schema import build_schema

MAX_SEGMENTS = 8  # more live segments than this: the smallest are merged ...
TARGET_SEGMENTS = 4  # ... down to this many
DIRTY_SHARE = 0.25  # a segment with this share of deleted copies is rewritten
THOROUGH_SHARE = 0.02  # the same after entity extraction (its copies must not stay)
SIDE_SUFFIX = ".compact"
LOCK_FILE = "compact.lock"
CHECK_EVERY = 512  # documents or postings between two looks at the cancel flag

T = TypeVar("T")


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


# Holds the library's writer lock and yields the index to swap into, or None when the live
# index is no longer the one compacted (rebuilt, or unusable).
SwapLane = Callable[[], AbstractContextManager[SearchIndex | None]]


@dataclass(frozen=True, slots=True)
class Plan:
    """Segments merged into one, and segments dropped as they are (no live document)."""

    merge: tuple[Segment, ...] = ()
    drop: tuple[Segment, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.drop) or len(self.merge) > 1 or any(
            s.deleted_count() for s in self.merge)


@dataclass(frozen=True, slots=True)
class Outcome:
    segments_before: int
    segments_after: int
    removed: int  # deleted copies no longer on disk
    seconds: float

    def summary(self) -> str:
        return (f"compacted the search index: {self.segments_before} segments → "
                f"{self.segments_after}, {self.removed} deleted copies removed")


def live_count(seg: Segment) -> int:
    return int(seg.doc_count_all() - seg.deleted_count())


def plan(segments: Sequence[Segment], *, thorough: bool = False) -> Plan:
    """What to merge: segments mostly made of deleted copies, and the smallest segments
    when there are more than MAX_SEGMENTS. Big clean segments are left alone (a merge
    rewrites every live document of its segments, about 1.5 ms each)."""
    share = THOROUGH_SHARE if thorough else DIRTY_SHARE
    drop = [s for s in segments if live_count(s) == 0]
    live = [s for s in segments if live_count(s) > 0]
    chosen = [s for s in live if s.deleted_count() >= max(1.0, share * s.doc_count_all())]
    rest = sorted((s for s in live if s not in chosen), key=live_count)
    # After extraction, one segment: each segment repeats the vocabulary (10k articles:
    # 4 segments 7.3 MB per 1,000 articles, one 5.6 MB). Once, in the background.
    most, target = (1, 1) if thorough else (MAX_SEGMENTS, TARGET_SEGMENTS)
    if len(live) > most:
        while rest and len(rest) + 1 > target:
            chosen.append(rest.pop(0))
    order = {id(s): n for n, s in enumerate(segments)}
    return Plan(tuple(sorted(chosen, key=lambda s: order[id(s)])), tuple(drop))


def due(index: SearchIndex, *, thorough: bool = False) -> bool:
    """Cheap (segments in memory): whether ``compact`` would do anything."""
    return bool(plan(index.live_segments(), thorough=thorough))


def compact(index: SearchIndex, lane: SwapLane, cancel: CancelFlag, *,
            thorough: bool = False) -> Outcome | None:
    """Merge what ``plan`` names beside the index, then swap it in through ``lane``.
    None when there was nothing to do, another process was compacting, the work was
    cancelled or overtaken (a rebuild, another merge)."""
    live_dir = index.directory
    with _exclusive(live_dir) as mine:
        if not mine:
            return None
        started = time.perf_counter()
        _, snapshot = index.snapshot_segments()
        todo = plan(snapshot, thorough=thorough)
        if not todo:
            return None
        side = live_dir.with_name(live_dir.name + SIDE_SUFFIX)
        _remove(side)
        try:
            merged = _merge_beside(index, todo.merge, side, cancel) if todo.merge else None
            if cancel.is_set() or (todo.merge and merged is None):
                return None
            with lane() as target:
                if target is None or target.directory != live_dir:
                    return None
                swap = _Swap(todo, merged, side, live_dir)
                if not target.commit_segments(swap.segments):
                    return None
                after = len(target.live_segments())
        finally:
            _remove(side)
        return Outcome(len(snapshot), after, swap.removed, time.perf_counter() - started)


def _merge_beside(index: SearchIndex, sources: Sequence[Segment], side: Path,
                  cancel: CancelFlag) -> Segment | None:
    """The live documents of ``sources``, in order, as one new segment written in ``side``."""
    side.mkdir(parents=True)
    schema = build_schema()
    side_ix = windex.create_in(str(side), schema, indexname=INDEX_NAME)
    writer = side_ix.writer(limitmb=64)
    live_storage = FileStorage(str(index.directory))
    try:
        for seg in sources:
            reader = _CancellableReader(live_storage, schema, seg, cancel)
            try:
                writer.add_reader(reader)
            finally:
                reader.close()
        pool = writer.pool
        pool.iter_postings = _checked(pool.iter_postings, cancel)  # the commit's long part
    except BaseException:
        writer.cancel()
        if isinstance(sys.exc_info()[1], _Stopped):
            return None
        raise
    try:
        writer.commit(merge=False)
    except _Stopped:
        return None  # the writer cleaned up after itself; the side folder is removed
    segments = TOC.read(FileStorage(str(side)), INDEX_NAME, schema=schema).segments
    return segments[0] if segments else None


class _Stopped(Exception):
    """The compaction was cancelled in the middle of a segment."""


def _checked(items: Callable[[], Iterator[T]], cancel: CancelFlag) -> Callable[[], Iterator[T]]:
    def run() -> Iterator[T]:
        for n, item in enumerate(items()):
            if not n % CHECK_EVERY and cancel.is_set():
                raise _Stopped()
            yield item
    return run


class _CancellableReader(SegmentReader):  # type: ignore[misc]
    """A segment reader whose documents and postings stop coming once cancelled: a merge
    of a large segment stops within milliseconds, not at its end (the window is closing)."""

    def __init__(self, storage: FileStorage, schema: Schema, seg: Segment,
                 cancel: CancelFlag) -> None:
        super().__init__(storage, schema, seg)
        self.iter_docs = _checked(super().iter_docs, cancel)
        self.iter_postings = _checked(super().iter_postings, cancel)


class _Swap:
    """The segment list of the compacted generation, built under the writer lock."""

    def __init__(self, todo: Plan, merged: Segment | None, side: Path, live_dir: Path) -> None:
        self.todo, self.merged, self.side, self.live_dir = todo, merged, side, live_dir
        self.removed = 0

    def segments(self, current: list[Segment]) -> list[Segment] | None:
        by_id = {s.segment_id(): s for s in current}
        if any(s.segment_id() not in by_id for s in self.todo.merge):
            return None  # merged or rebuilt meanwhile: this work is stale
        gone = {s.segment_id() for s in (*self.todo.merge, *self.todo.drop)}
        dropped = [by_id[s.segment_id()] for s in self.todo.drop if s.segment_id() in by_id]
        if any(live_count(s) for s in dropped):
            return None  # cannot happen (deletions are never undone), but never lose one
        self.removed = sum(s.doc_count_all() for s in dropped)
        out = [s for s in current if s.segment_id() not in gone]
        if self.merged is not None:
            if not self._carry_deletions(by_id):
                return None
            first = min(n for n, s in enumerate(current) if s.segment_id() in gone)
            self._move_in()
            out.insert(min(first, len(out)), self.merged)
        return out

    def _carry_deletions(self, by_id: dict[str, Segment]) -> bool:
        """Deletions made since the snapshot (docnums of the sources), in the new segment."""
        assert self.merged is not None
        base = 0
        for old in self.todo.merge:
            now = by_id[old.segment_id()]
            kept = np.setdiff1d(np.arange(old.doc_count_all()),
                                np.fromiter(old.deleted_docs(), dtype=np.int64))
            fresh = set(now.deleted_docs()) - set(old.deleted_docs())
            for docnum in np.searchsorted(kept, sorted(fresh)).tolist():
                self.merged.delete_document(base + docnum)
            self.removed += old.doc_count_all() - len(kept)
            base += len(kept)
        return base == int(self.merged.doc_count_all())

    def _move_in(self) -> None:
        assert self.merged is not None
        prefix = self.merged.segment_id() + "."
        for name in os.listdir(self.side):
            if name.startswith(prefix):
                os.replace(self.side / name, self.live_dir / name)


@contextlib.contextmanager
def _exclusive(live_dir: Path) -> Iterator[bool]:
    """One compaction per library at a time, across processes (others skip, not wait)."""
    from filelock import FileLock, Timeout

    lock = FileLock(live_dir.parent / LOCK_FILE, thread_local=False, fallback_to_soft=False)
    try:
        lock.acquire(timeout=0)
    except (Timeout, NotImplementedError, OSError):
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)

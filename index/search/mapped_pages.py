"""Give back the index pages searches mapped, so a long-lived search process stays small.

whoosh3 maps each compound segment file whole (``mmap``), so every page a search touches
stays in the process's resident memory until it exits: at 100,000 articles a search
process held 351 MiB of mapped index pages after 600 queries, beside 114 MiB of its own
memory. Those pages are the kernel's file cache either way (a process reading with
``read()``, as SQLite does, has them too, outside its RSS). ``MADV_DONTNEED`` takes them
out of this process's mapping; they stay cached, and the next search maps the ones it
needs again at the cost of minor faults. It is done after a search once the process's
mapped pages grew by ``RELEASE_BUDGET`` since the last release (every ``RELEASE_EVERY``
searches where ``/proc/self/statm`` cannot be read). At 100k, 2,031 queries on a library
of 40 segments: 384 MiB releasing every 8 searches, 197 MiB with the budget
(docs/benchmarks.md, "After the table").
"""

from __future__ import annotations

import mmap
import weakref
from typing import Any

from whoosh.filedb.compound import CompoundStorage

RELEASE_EVERY = 8  # where /proc/self/statm cannot be read
RELEASE_BUDGET = 32 * 1024 * 1024  # mapped index bytes a search process may hold
_STORAGES: weakref.WeakSet[Any] = weakref.WeakSet()
_original_init = CompoundStorage.__init__


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    if getattr(self, "_source", None) is not None:
        _STORAGES.add(self)


def apply() -> None:
    """Remember every mapped segment file from now on (idempotent)."""
    CompoundStorage.__init__ = _init


def release() -> int:
    """Drop this process's mapped index pages; returns how many segment files had some."""
    if not hasattr(mmap, "MADV_DONTNEED"):
        return 0  # not Linux/BSD: nothing to give back this way
    released = 0
    for storage in list(_STORAGES):
        source = getattr(storage, "_source", None)
        if source is None or source.closed:
            continue
        try:
            source.madvise(mmap.MADV_DONTNEED)
        except (OSError, ValueError):
            continue
        released += 1
    return released


def mapped_file_bytes() -> int | None:
    """Resident bytes of this process's file mappings (Linux ``statm`` "shared": segment
    files and shared libraries), or None where ``/proc`` is not there."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            shared = int(fh.read().split()[2])
    except (OSError, ValueError, IndexError):
        return None
    return shared * mmap.PAGESIZE


class PageRelease:
    """Gives the mapped pages back after a search once searches have mapped ``budget``
    bytes of them since the last release (one ``/proc/self/statm`` read, about 10 µs), so
    a run of wide searches (prefixes, wildcards, many segments) cannot hold hundreds of
    MiB between two counted releases. Where ``/proc`` is missing, every ``every``-th
    search releases. Releasing inside a search as well (per term read) lowered the peak
    only from 325 to 284 MiB and cost 15% of p95: not done."""

    def __init__(self, every: int = RELEASE_EVERY, budget: int = RELEASE_BUDGET) -> None:
        self._every = every
        self._budget = budget
        self._count = 0
        self._floor = mapped_file_bytes()  # mapped bytes just after the last release

    def tick(self) -> None:
        """One search ended: release if the mapped pages grew by more than the budget."""
        self._count += 1
        held = None if self._floor is None else mapped_file_bytes()
        if held is None or self._floor is None:
            if self._count % self._every == 0:
                release()
        elif held < self._floor:
            self._floor = held  # lower than when counted (libraries mapped at start)
        elif held - self._floor > self._budget:
            release()
            after = mapped_file_bytes()
            self._floor = held if after is None else after


_GUARD: PageRelease | None = None


def guard() -> PageRelease:
    """The process's one release policy: mapped pages are the process's, whichever index
    or thread touched them."""
    global _GUARD
    if _GUARD is None:
        _GUARD = PageRelease()
    return _GUARD

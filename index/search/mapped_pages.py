"""Give back the index pages searches mapped, so a long-lived search process stays small.

whoosh3 maps each compound segment file whole (``mmap``), so every page a search touches
stays in the process's resident memory until it exits: at 100,000 articles a search
process held 351 MiB of mapped index pages after 600 queries, beside 114 MiB of its own
memory. Those pages are the kernel's file cache either way (a process reading with
``read()``, as SQLite does, has them too, outside its RSS). ``MADV_DONTNEED`` every
``RELEASE_EVERY`` searches takes them out of this process's mapping; they stay cached,
and the next search maps the ones it needs again at the cost of minor faults. At 100k,
1,846 queries: 614 MiB before, 269 MiB releasing every 32 searches, 222 MiB every 8 with
the postings caches trimmed (docs/benchmarks.md, "Lean index"); latency did not move
(every 32: p50 7.0 -> 7.3 ms, p95 21.1 -> 21.4 ms, same queries, same run).
"""

from __future__ import annotations

import mmap
import weakref
from typing import Any

from whoosh.filedb.compound import CompoundStorage

RELEASE_EVERY = 8
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


class PageRelease:
    """Counts searches; every ``RELEASE_EVERY``-th one gives the mapped pages back."""

    def __init__(self, every: int = RELEASE_EVERY) -> None:
        self._every = every
        self._count = 0

    def tick(self) -> None:
        self._count += 1
        if self._count % self._every == 0:
            release()

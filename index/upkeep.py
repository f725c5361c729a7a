"""Keeping the search index true to the store: finish, check, repair, rebuild.

The store is the truth and the index its cache. After a crash, a lost ``-wal`` file, a
damaged segment or a copied-in folder, the two can disagree; this module finds out and
mends it, always as a writer (under the library's writer lock) and never on a reader's
behalf. A rebuild is built beside the live index (``search-index.new``), caught up with
what changed while it ran, and swapped in only when complete, so searches keep working
on the old index meanwhile (when it was readable at all).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import pickle
import shutil
import struct
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from whoosh.index import IndexError as WhooshIndexError
from whoosh.reading import CorruptIndexError

from index import entity_store
from index.errors import DiskFull, IndexRebuilding, VeilleError
from index.search import IndexDoc, SearchIndex

if TYPE_CHECKING:
    from filelock import FileLock

    from index.library import Library, Progress

log = logging.getLogger(__name__)

REBUILD_LOCK = "rebuild.lock"
NEW_DIR_SUFFIX = ".new"
OLD_DIR_SUFFIX = ".old"
BATCH = 5000
FINISH_BATCH = 2000
# Beyond this many disagreeing ids a rebuild is cheaper than a repair.
REPAIR_LIMIT = 1000

T = TypeVar("T")

# What a damaged index file raises from deep inside Whoosh when it is read.
DAMAGE = (CorruptIndexError, WhooshIndexError, struct.error, zlib.error, EOFError,
          pickle.UnpicklingError, OSError)


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


def is_damage(exc: BaseException) -> bool:
    """An error from reading index files: a known kind, or anything raised inside Whoosh's
    own code (a damaged file fails there in many ways: struct, unicode, index errors).
    Errors raised in our code are bugs and are not taken for damage."""
    if isinstance(exc, DAMAGE):
        return True
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    return last is not None and f"{os.sep}whoosh{os.sep}" in last.tb_frame.f_code.co_filename


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


# -- readers -------------------------------------------------------------------------


def guarded(lib: Library, query: Callable[[SearchIndex], T]) -> T:
    """Run a read on the index; damage found while reading marks the index for a
    rebuild and becomes IndexRebuilding (one sentence), never a Whoosh traceback."""
    for attempt in range(2):
        index = lib.index
        try:
            return query(index)
        except VeilleError:
            raise
        except Exception as exc:
            if not is_damage(exc):
                raise
            if attempt == 0 and index is not lib.index:
                continue  # a rebuild was swapped in while this read ran: read it again
            log.warning("search index damaged: %s: %s", type(exc).__name__, exc)
            lib.index_problem = f"the search index is damaged ({type(exc).__name__})"
            raise IndexRebuilding(
                "the search index is damaged and will be rebuilt from the library; "
                "search again in a moment"
            ) from exc
    raise AssertionError("unreachable")


# -- writers -------------------------------------------------------------------------


def write_docs(lib: Library, index: SearchIndex, docs: Sequence[IndexDoc], *, bulk: bool,
               procs: int) -> None:
    """Add documents; a full disk is DiskFull, damage found on the way marks the index
    for a rebuild (the articles stay flagged as not indexed, so nothing is lost)."""
    try:
        index.add(docs, bulk=bulk, procs=procs)
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFull(f"the disk holding {lib.path} is full; the import stopped") from exc
        lib.index_problem = f"the search index could not be written ({exc})"
        log.warning("index write failed: %s", exc)
    except Exception as exc:
        if not is_damage(exc):
            raise
        lib.index_problem = f"the search index is damaged ({type(exc).__name__})"
        log.warning("index write failed: %s: %s", type(exc).__name__, exc)


def write_deletes(lib: Library, index: SearchIndex, ids: Sequence[int]) -> None:
    """Remove index entries; if that fails the consistency check removes them later."""
    try:
        index.delete(list(ids))
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFull(f"the disk holding {lib.path} is full") from exc
        lib.index_problem = f"the search index could not be written ({exc})"
    except Exception as exc:
        if not is_damage(exc):
            raise
        lib.index_problem = f"the search index is damaged ({type(exc).__name__})"


def needed(lib: Library) -> list[str]:
    """What upkeep would do, cheaply (no id lists): for the window's status and the CLI."""
    if lib.readonly:
        return []
    if lib._index is None or lib.index_problem is not None:
        return [f"rebuild the search index: {lib.index_problem or 'it is missing'}"]
    todo = []
    unindexed = lib.store.unindexed_count()
    if unindexed:
        todo.append(f"index {unindexed} article(s) left by an interrupted import or edit")
    total = lib.store.article_count()
    count = lib._index.doc_count()
    if not total - unindexed <= count <= total:
        todo.append(f"check the search index ({count} documents for {total} articles)")
    if _leftovers(lib) and not lib.rebuilding and not rebuild_elsewhere(lib):
        todo.append("remove what an interrupted search index rebuild left")
    return todo


def run(lib: Library, progress: Progress | None, cancel: CancelFlag) -> list[str]:
    """Do what ``needed`` names; returns what was done, in plain words."""
    if lib.readonly:
        return []
    done: list[str] = []
    if lib._index is None or lib.index_problem is not None:
        reason = lib.index_problem or "it was missing"
        count = rebuild(lib, progress, cancel)
        if count >= 0:
            done.append(f"rebuilt the search index from the library ({count} articles): {reason}")
        return done
    with lib.writing("checking the search index", cancel):
        repaired = _reconcile(lib)
    if repaired is None:
        count = rebuild(lib, progress, cancel)
        done.append(f"rebuilt the search index ({count} articles): it disagreed with the library")
        return done
    if repaired:
        done.append(repaired)
    finished = _finish_unindexed(lib, progress, cancel)
    if finished:
        done.append(f"indexed {finished} article(s) left by an interrupted import or edit")
    _purge_orphaned_trash(lib)
    if _remove_leftovers(lib):
        done.append("removed what an interrupted search index rebuild left")
    return done


def _leftovers(lib: Library) -> list[Path]:
    """The folders a rebuild killed before (or during) its swap leaves beside the index."""
    live = _index_dir(lib)
    return [p for p in (live.with_name(live.name + NEW_DIR_SUFFIX),
                        live.with_name(live.name + OLD_DIR_SUFFIX))
            if p.exists() or p.is_symlink()]


def _remove_leftovers(lib: Library) -> bool:
    """Remove them while holding the rebuild lock, so never a running rebuild's folder."""
    from filelock import FileLock, Timeout

    leftovers = _leftovers(lib)
    if not leftovers or lib.rebuilding:
        return False
    lock = FileLock(lib.path / REBUILD_LOCK, thread_local=False, fallback_to_soft=False)
    try:
        lock.acquire(timeout=0)
    except (Timeout, NotImplementedError, OSError):
        return False
    try:
        for path in leftovers:
            _remove(path)
    finally:
        lock.release()
    return True


def _purge_orphaned_trash(lib: Library) -> None:
    """Deleted articles of a window that crashed: nobody can undo them any more."""
    from index.housekeeping import purge, stale_batches

    stale = stale_batches(lib.store.conn)
    if stale:
        with lib.writing("emptying the trash"), lib.store.transaction() as conn:
            purge(conn, stale)


def _reconcile(lib: Library) -> str | None:
    """Compare the index's ids with the store's; mend small differences in place.

    Returns what was mended ("" when nothing), or None when a rebuild is wiser.
    """
    index = lib._index
    assert index is not None
    in_index = set(index.article_ids().tolist())
    stored = {int(r[0]) for r in lib.store.conn.execute("SELECT id FROM articles")}
    flagged = {int(r[0]) for r in lib.store.conn.execute(
        "SELECT id FROM articles WHERE indexed = 1")}
    stale = in_index - stored
    missing = flagged - in_index
    if len(stale) + len(missing) > max(REPAIR_LIMIT, len(stored) // 10):
        return None
    if stale:
        index.delete(sorted(stale))
    if missing:
        with lib.store.transaction() as conn:
            conn.executemany("UPDATE articles SET indexed = 0 WHERE id = ?",
                             [(i,) for i in missing])
    parts = []
    if stale:
        parts.append(f"removed {len(stale)} search entries of articles no longer in the library")
    if missing:
        parts.append(f"queued {len(missing)} article(s) missing from the search index")
    return "; ".join(parts)


def _finish_unindexed(lib: Library, progress: Progress | None, cancel: CancelFlag) -> int:
    done = 0
    total = lib.store.unindexed_count()
    while not cancel.is_set():
        with lib.writing("indexing articles", cancel):
            ids = [int(r[0]) for r in lib.store.conn.execute(
                "SELECT id FROM articles WHERE indexed = 0 ORDER BY id LIMIT ?", (FINISH_BATCH,))]
            if not ids or lib.index_problem is not None:
                return done
            lib.index_articles(lib.store.articles(ids))
        done += len(ids)
        if progress:
            progress(done, max(total, done), "")
    return done


def rebuild_elsewhere(lib: Library) -> bool:
    """True when another process holds the rebuild lock (its rebuild will be swapped in)."""
    if lib.rebuilding or lib.readonly:
        return False
    from filelock import FileLock, Timeout

    probe = FileLock(lib.path / REBUILD_LOCK, thread_local=False, fallback_to_soft=False)
    try:
        probe.acquire(timeout=0)
    except Timeout:
        return True
    except (NotImplementedError, OSError):
        return False
    probe.release()
    return False


def rebuild(lib: Library, progress: Progress | None, cancel: CancelFlag) -> int:
    """Build a new index beside the live one, catch up, swap; returns the article count,
    or -1 when cancelled (the live index is untouched then)."""
    from filelock import FileLock

    rebuild_lock = FileLock(lib.path / REBUILD_LOCK, thread_local=False, fallback_to_soft=False)
    _acquire_rebuild_lock(lib, rebuild_lock, cancel)
    lib.rebuilding = True
    new_dir = lib.path / (_index_dir(lib).name + NEW_DIR_SUFFIX)
    try:
        start = lib.store.generation()
        _remove(new_dir)
        new = SearchIndex.create(new_dir, lib.store.store_id())
        try:
            count = _fill(lib, new, progress, cancel)
            if count < 0:
                return -1
            with lib.writing("swapping in the rebuilt search index", cancel):
                _catch_up(lib, new, start)
                new.close()
                _swap(lib, new_dir)
            return lib.store.article_count()
        finally:
            with contextlib.suppress(Exception):
                new.close()
    finally:
        lib.rebuilding = False
        _remove(new_dir)
        with contextlib.suppress(Exception):
            rebuild_lock.release()


def _acquire_rebuild_lock(lib: Library, lock: FileLock, cancel: CancelFlag) -> None:
    from filelock import Timeout

    told = False
    while True:
        try:
            lock.acquire(timeout=0 if not told else 0.2)
            return
        except Timeout:
            if cancel.is_set():
                raise IndexRebuilding("the search index is being rebuilt by another "
                                      "Veille process") from None
            if not told and lib.lock.on_wait is not None:
                lib.lock.on_wait("Waiting for the search index rebuild in another Veille "
                                 "process to finish…")
            told = True
        except (NotImplementedError, OSError):
            return


def _fill(lib: Library, new: SearchIndex, progress: Progress | None, cancel: CancelFlag) -> int:
    from index.library import _can_start_writer_processes, _index_doc

    total = lib.store.article_count()
    done = 0
    for articles in lib.store.iter_articles("1", batch=BATCH):
        if cancel.is_set():
            return -1
        names = entity_store.article_entity_names(lib.store.conn, [a.id for a in articles])
        docs = [_index_doc(a, names.get(a.id, ())) for a in articles]
        procs = 2 if len(docs) >= 400 and _can_start_writer_processes() else 1
        try:
            new.add(docs, bulk=True, procs=procs)
        except OSError as exc:
            if is_disk_full(exc):
                raise DiskFull(f"the disk holding {lib.path} is full; the search index "
                               "could not be rebuilt") from exc
            raise
        done += len(articles)
        if progress:
            progress(done, max(total, done), "")
    return done


def _catch_up(lib: Library, new: SearchIndex, start: int) -> None:
    """Under the writer lock: what changed while the rebuild read the store."""
    from index.library import _index_doc

    conn = lib.store.conn
    changed = [int(r[0]) for r in conn.execute(
        "SELECT id FROM articles WHERE rev > ? OR indexed = 0", (start,))]
    for at in range(0, len(changed), BATCH):
        articles = lib.store.articles(changed[at:at + BATCH])
        names = entity_store.article_entity_names(conn, [a.id for a in articles])
        new.add([_index_doc(a, names.get(a.id, ())) for a in articles])
    stored = {int(r[0]) for r in conn.execute("SELECT id FROM articles")}
    stale = set(new.article_ids().tolist()) - stored
    if stale:
        new.delete(sorted(stale))


def _swap(lib: Library, new_dir: Path) -> None:
    live = _index_dir(lib)
    old = live.with_name(live.name + OLD_DIR_SUFFIX)
    _remove(old)
    if live.exists() or live.is_symlink():
        live.rename(old)
    new_dir.rename(live)
    previous = lib._index
    lib._index = SearchIndex.open(live, lib.store.store_id())
    lib.index_problem = None
    with lib.store.transaction() as conn:
        conn.execute("UPDATE articles SET indexed = 1 WHERE indexed = 0")
    if previous is not None:
        with contextlib.suppress(Exception):
            previous.close()
    _remove(old)


# -- compaction ----------------------------------------------------------------------


def compaction_due(lib: Library, *, thorough: bool = False) -> bool:
    """Cheap (the segments in memory): whether ``compact`` has work."""
    from index.search import compaction

    index = lib._index
    if lib.readonly or index is None or lib.index_problem is not None or lib.rebuilding:
        return False
    return compaction.due(index, thorough=thorough)


def compact(lib: Library, cancel: CancelFlag, *, thorough: bool = False) -> str | None:
    """Merge deleted copies and small segments away beside the live index; only the swap
    holds the writer lock (index/search/compaction.py). What was done, or None."""
    from index.search import compaction
    from index.writer_lock import WriteCancelled

    index = lib._index
    if index is None or not compaction_due(lib, thorough=thorough):
        return None

    @contextlib.contextmanager
    def lane() -> Iterator[SearchIndex | None]:
        with lib.writing("compacting the search index", cancel):
            usable = not (lib.rebuilding or lib.index_problem is not None or lib._closed)
            yield lib._index if usable else None

    try:
        outcome = compaction.compact(index, lane, cancel, thorough=thorough)
    except WriteCancelled:
        return None
    except Exception as exc:  # the index stays as it was; the next run tries again
        if not (is_damage(exc) or is_disk_full(exc)):
            raise
        log.warning("search index compaction failed: %s: %s", type(exc).__name__, exc)
        return None
    if outcome is None:
        return None
    log.info("%s in %.1f s", outcome.summary(), outcome.seconds)
    return outcome.summary()


def _index_dir(lib: Library) -> Path:
    from index.library import INDEX_DIR

    return lib.path / INDEX_DIR


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        with contextlib.suppress(OSError):
            path.unlink()

"""Compaction of the search index (index/search/compaction.py): deleted copies merged away
after entity extraction, segments kept few over repeated sessions, and nobody waiting for
it: the merge runs outside the writer lock, searches (in-process and on the command line)
run while it holds the lock for its swap.

A large library is played at small scale: ``engine.SMALL_SEGMENT`` is lowered so that
Whoosh's commit-time merge leaves these segments alone, as it leaves segments of 2,000
articles and more alone in a real library (there the deleted copies stayed: 6.8 → 15.3 MB
per 1,000 articles).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from index import Library
from index.entities import EntityExtractor
from index.library import INDEX_DIR
from index.search import SearchIndex, compaction, engine
from index.writer_lock import LOCK_FILE

REPO = Path(__file__).resolve().parents[2]
PLACES = ["Bamako", "Paris", "Londres", "Dakar", "Lyon", "Genève"]


def _article(n: int) -> tuple[str, bytes]:
    place = PLACES[n % len(PLACES)]
    if n % 2:
        text = (f"Note {n} sur {place}\nLe ministre Jean Dupont a visité {place} mardi. "
                f"La réunion numéro w{n}x portait sur l'économie et les élections.\n")
    else:
        text = (f"Report {n} on {place}\nMinister John Smith visited {place} on Tuesday. "
                f"Meeting number w{n}x discussed trade and the elections.\n")
    return f"a{n}.txt", text.encode("utf-8")


@pytest.fixture(autouse=True)
def large_library_at_small_scale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "SMALL_SEGMENT", 4)


def _fill(lib: Library, groups: int, size: int = 10, start: int = 0) -> None:
    for g in range(groups):
        first = start + g * size
        lib.import_bytes([_article(n) for n in range(first, first + size)])


def _segments(lib: Library) -> list[tuple[int, int]]:
    return [(s.doc_count_all(), s.deleted_count()) for s in lib.index.live_segments()]


def _folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class Probe:
    """A cancel flag that runs ``hook`` the first time the merge looks at it (inside the
    merge, before the swap) and never cancels unless told to."""

    def __init__(self, hook: object = None, cancel_after: int | None = None) -> None:
        self.hook, self.calls, self.cancel_after = hook, 0, cancel_after

    def is_set(self) -> bool:
        self.calls += 1
        if self.calls == 1 and callable(self.hook):
            self.hook()
        return self.cancel_after is not None and self.calls > self.cancel_after


def test_extraction_leaves_no_deleted_copies_on_disk(lib: Library) -> None:
    _fill(lib, 6)
    before = _folder_bytes(lib.path / INDEX_DIR)
    assert lib.extract_pending(batch_size=4) == 60
    segments = _segments(lib)
    assert segments and all(deleted == 0 for _, deleted in segments)
    assert sum(count for count, _ in segments) == 60
    assert len(segments) == 1  # after extraction: one segment (the vocabulary once)
    # Small segments carry fixed headers: 1.3x holds at 1,000s of articles (bench/lean_index.py)
    assert _folder_bytes(lib.path / INDEX_DIR) <= 1.5 * before
    assert not compaction.due(lib.index, thorough=True)
    assert lib.search("w7x").total == 1 and lib.search("élections").total == 60
    assert lib.search('entity:"Bamako"').total == 10
    with Library.open(lib.path) as again:  # signed, and the count matches the manifest
        assert again.index_problem is None and again.index.doc_count() == 60


def test_segments_stay_few_over_repeated_sessions(tmp_path: Path,
                                                  shared_extractor: EntityExtractor) -> None:
    """Each session, like a launch of the window: compaction at open, a small import,
    entities extracted in small batches, close."""
    counts = []
    for session in range(6):
        with Library.open(tmp_path / "lib", shared_extractor) as lib:
            lib.compact_index()
            _fill(lib, 2, size=6, start=session * 12)
            lib.extract_pending(batch_size=2)
            counts.append(len(_segments(lib)))
            assert all(deleted == 0 for _, deleted in _segments(lib))
    assert max(counts) <= compaction.MAX_SEGMENTS
    with Library.open(tmp_path / "lib") as lib:
        assert lib.index.doc_count() == 72 and lib.search("w71x").total == 1


def test_the_merge_runs_outside_the_writer_lock(lib: Library) -> None:
    _fill(lib, 4)
    lib.index.delete(list(range(1, 41, 3)))  # deleted copies in every segment
    free: list[bool] = []

    class Sampling:  # looked at all along the merge: is the writer lock free then?
        def is_set(self) -> bool:
            free.append(_writer_lock_free(lib))
            return False

    assert lib.compact_index(Sampling(), thorough=True) is not None
    assert len(free) > 3 and all(free)
    assert all(deleted == 0 for _, deleted in _segments(lib))


def _writer_lock_free(lib: Library) -> bool:
    other = FileLock(lib.path / LOCK_FILE, thread_local=False)
    try:
        other.acquire(timeout=0)
    except Timeout:
        return False
    other.release()
    return True


def test_searches_run_while_compaction_holds_the_lock(lib: Library, tmp_path: Path) -> None:
    """The swap holds the writer lock; a search in this process and a command-line search
    in another finish meanwhile, with the right results."""
    _fill(lib, 4)
    lib.index.delete([2, 3, 4])
    holding, release = threading.Event(), threading.Event()
    index = lib.index

    @contextlib.contextmanager
    def slow_lane() -> Iterator[SearchIndex | None]:
        with lib.writing("compacting the search index"):
            holding.set()
            release.wait(60)
            yield lib.index

    outcome: list[compaction.Outcome | None] = []
    worker = threading.Thread(target=lambda: outcome.append(
        compaction.compact(index, slow_lane, Probe(), thorough=True)))
    worker.start()
    try:
        assert holding.wait(60)
        assert not _writer_lock_free(lib)
        assert lib.search("w9x").total == 1 and lib.search("w3x").total == 0
        t0 = time.monotonic()
        cli = subprocess.run(
            [sys.executable, "-m", "reader_app", "--library", str(lib.path), "search", "w9x"],
            capture_output=True, text=True, timeout=60, cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)})
        assert cli.returncode == 0, cli.stderr
        assert "1 result" in cli.stdout and time.monotonic() - t0 < 30
    finally:
        release.set()
        worker.join(60)
    assert outcome and outcome[0] is not None and outcome[0].removed == 3
    assert lib.search("w9x").total == 1 and lib.index.doc_count() == 37


def test_deletions_made_during_the_merge_are_carried_over(lib: Library) -> None:
    _fill(lib, 4)
    lib.index.delete([1, 12])

    def meanwhile() -> None:  # another writer, between the snapshot and the swap
        with lib.writing("a test delete"):
            lib.index.delete([5, 25, 33])

    assert lib.compact_index(Probe(meanwhile), thorough=True) is not None
    assert lib.index.doc_count() == 35
    for gone in (1, 5, 12, 25, 33):
        assert lib.search(f"w{gone - 1}x").total == 0
    assert lib.search("w5x").total == 1  # article 6
    assert sorted(lib.index.article_ids().tolist()) == sorted(
        set(range(1, 41)) - {1, 5, 12, 25, 33})
    with Library.open(lib.path) as again:
        assert again.index_problem is None and again.index.doc_count() == 35


def test_cancelled_compaction_leaves_the_index_as_it_was(lib: Library) -> None:
    _fill(lib, 4)
    lib.index.delete([1, 12, 23, 34])
    before = _segments(lib)
    assert lib.compact_index(Probe(cancel_after=2), thorough=True) is None
    assert _segments(lib) == before
    assert not (lib.path / (INDEX_DIR + compaction.SIDE_SUFFIX)).exists()
    assert lib.compact_index(thorough=True) is not None


def test_fully_deleted_segments_are_dropped_and_big_clean_ones_kept() -> None:
    class Seg:
        def __init__(self, name: str, count: int, deleted: int) -> None:
            self.name, self.count, self.deleted = name, count, deleted

        def doc_count_all(self) -> int:
            return self.count

        def deleted_count(self) -> int:
            return self.deleted

    empty, big, dirty, fresh = Seg("e", 10, 10), Seg("b", 5000, 3), Seg("d", 100, 40), Seg(
        "f", 50, 0)
    plan = compaction.plan([empty, big, dirty, fresh])  # type: ignore[list-item]
    assert plan.drop == (empty,) and plan.merge == (dirty,)
    many = [Seg(str(n), 100 * (n + 1), 0) for n in range(compaction.MAX_SEGMENTS + 1)]
    plan = compaction.plan(many)  # type: ignore[arg-type]
    assert len(many) - len(plan.merge) + 1 == compaction.TARGET_SEGMENTS
    assert set(plan.merge) == set(many[: len(plan.merge)])  # the smallest ones
    assert not compaction.plan(many[: compaction.MAX_SEGMENTS])  # type: ignore[arg-type]

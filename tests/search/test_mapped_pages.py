"""Searches give back the mapped index pages past a budget (index/search/mapped_pages.py).

Measured on the process's own mappings (/proc/self/smaps): the resident kilobytes of the
index's segment files before and after the release, on a real index.
"""

from __future__ import annotations

import mmap
import sys
from pathlib import Path

import pytest

from index.search import SearchIndex, mapped_pages
from tests.search.conftest import docs

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not hasattr(mmap, "MADV_DONTNEED"),
    reason="reads /proc/self/smaps; MADV_DONTNEED is Linux's",
)


def mapped_kib(directory: Path) -> int:
    """Resident kilobytes of this process's mappings of files under ``directory``."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        first = line.split(maxsplit=5)
        if len(first) >= 5 and "-" in first[0] and ":" in first[3]:
            inside = len(first) == 6 and first[5].startswith(str(directory))
        elif inside and line.startswith("Rss:"):
            total += int(line.split()[1])
    return total


def _searches(directory: Path, guard: mapped_pages.PageRelease,
              monkeypatch: pytest.MonkeyPatch, count: int = 3) -> tuple[int, int]:
    """Mapped kilobytes of the index after ``count`` searches under ``guard``, and the
    total found by a search after them."""
    monkeypatch.setattr(mapped_pages, "_GUARD", guard)
    ix = SearchIndex.open(directory)
    try:
        for _ in range(count):
            ix.search("sécurité OR élections OR Niamey", limit=20)
        held = mapped_kib(directory)
        return held, ix.search("Niamey", limit=20).total
    finally:
        ix.close()


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    ix = SearchIndex.create(tmp_path / "ix")
    ix.add(docs())
    ix.close()
    return tmp_path / "ix"


def test_a_search_past_the_budget_gives_the_mapped_pages_back(
        index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    held, found = _searches(index_dir, mapped_pages.PageRelease(budget=0), monkeypatch)
    assert held == 0  # each search mapped more than 0 bytes: released after it
    assert found > 0  # pages come back when needed


def test_searches_within_the_budget_keep_their_pages(
        index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    held, _ = _searches(index_dir, mapped_pages.PageRelease(budget=1 << 30), monkeypatch)
    assert held > 0  # the segment file is mapped and the searches touched it


def test_without_proc_every_nth_search_releases(
        index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mapped_pages, "mapped_file_bytes", lambda: None)
    every = mapped_pages.RELEASE_EVERY
    held, _ = _searches(index_dir, mapped_pages.PageRelease(), monkeypatch, every - 1)
    assert held > 0
    held, _ = _searches(index_dir, mapped_pages.PageRelease(), monkeypatch, every)
    assert held == 0  # the ``every``-th search released


def test_the_release_empties_the_mapping(index_dir: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mapped_pages, "_GUARD", mapped_pages.PageRelease(budget=1 << 30))
    ix = SearchIndex.open(index_dir)
    try:
        ix.search("sécurité OR élections OR Niamey", limit=20)
        assert mapped_kib(index_dir) > 0
        assert mapped_pages.release() >= 1
        assert mapped_kib(index_dir) == 0
    finally:
        ix.close()

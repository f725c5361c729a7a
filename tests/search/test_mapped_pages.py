"""Searches give back the index pages they mapped (index/search/mapped_pages.py).

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


def test_every_32nd_search_gives_the_mapped_pages_back(tmp_path: Path) -> None:
    ix = SearchIndex.create(tmp_path / "ix")
    ix.add(docs())
    ix.close()
    ix = SearchIndex.open(tmp_path / "ix")
    try:
        for _ in range(mapped_pages.RELEASE_EVERY - 1):
            ix.search("sécurité OR élections OR Niamey", limit=20)
        held = mapped_kib(tmp_path / "ix")
        assert held > 0  # the segment file is mapped and the searches touched it
        ix.search("sécurité OR élections OR Niamey", limit=20)  # the 32nd
        assert mapped_kib(tmp_path / "ix") < held
        assert mapped_pages.release() >= 1
        assert mapped_kib(tmp_path / "ix") == 0
        assert ix.search("Niamey", limit=20).total > 0  # pages come back when needed
    finally:
        ix.close()

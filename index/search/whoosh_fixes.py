"""Corrections to whoosh3 3.54.0 bugs that change search results or cost seconds.

Applied once when ``index.search`` is imported. tests/search/test_whoosh_private_api.py
checks that each fix is in effect and that the upstream code it replaces is still the
code it was written against, and tests/search/test_search_whoosh_fixes.py checks what it
corrects, so an upgrade that fixes (or changes) the code is noticed.

1. ``AndNotMatcher._find_first`` only skipped the excluded postings when both sub-matchers
   started on the same document: when the excluded list started on an earlier document,
   the first positive document was returned even if excluded ("a ANDNOT b" yielded a
   document matching b through ``Query.docs`` / ``Searcher.docs_for_query``).
2. ``BufferFile`` wrapped each file of a compound segment in ``BytesIO(memoryview)``,
   which copies the whole file out of the mmap: opening a 100,000-article index read
   hundreds of megabytes into memory and took seconds. ``_ViewFile`` reads the view in
   place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from whoosh.filedb.structfile import BufferFile, StructFile
from whoosh.matching.binary import AndNotMatcher


def _find_first(self: AndNotMatcher) -> None:
    if self.a.is_active() and self.b.is_active():
        self._find_next()


class _ViewFile:
    """A read-only file over a buffer (bytes or memoryview) that never copies all of it."""

    def __init__(self, buf: Any) -> None:
        self._buf = buf
        self._pos = 0

    def read(self, n: int | None = -1) -> bytes:
        start = self._pos
        size = len(self._buf)
        end = size if n is None or n < 0 else min(size, start + n)
        self._pos = end
        return bytes(self._buf[start:end])

    def peek(self, n: int = 1) -> bytes:
        """Lets ``pickle.load`` fetch a block at once instead of calling ``read`` per field."""
        return bytes(self._buf[self._pos : self._pos + max(n, 4096)])

    def readinto(self, target: Any) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def readline(self, limit: int = -1) -> bytes:
        start, size = self._pos, len(self._buf)
        end = start
        while end < size:
            chunk = bytes(self._buf[end : min(size, end + 256)])
            nl = chunk.find(b"\n")
            if nl >= 0:
                end += nl + 1
                break
            end += len(chunk)
        if limit is not None and limit >= 0:
            end = min(end, start + limit)
        self._pos = end
        return bytes(self._buf[start:end])

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line

    def seek(self, pos: int, whence: int = 0) -> int:
        base = (0, self._pos, len(self._buf))[whence]
        self._pos = max(0, base + pos)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._buf = b""


def _buffer_file_init(
    self: BufferFile, buf: Any, name: str | None = None,
    onclose: Callable[[StructFile], None] | None = None,
) -> None:
    self._buf = buf
    self._name = name
    self.file = _ViewFile(buf)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def apply() -> None:
    AndNotMatcher._find_first = _find_first
    BufferFile.__init__ = _buffer_file_init

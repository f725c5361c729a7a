"""Entity extraction in a child process.

spaCy holds Python's global lock for long stretches (loading the model, tokenising a
batch). In the reader's process that would freeze the window and hold up searches;
in a child process it runs truly in parallel on the second core, and the library
process only writes the mentions it gets back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import TYPE_CHECKING

from index.models import Mention

if TYPE_CHECKING:
    from index.entities import EntityExtractor

_worker_extractor: EntityExtractor | None = None  # one per child process


def _init(pipelines: Mapping[str, str] | None) -> None:
    global _worker_extractor
    from index.entities import EntityExtractor

    _worker_extractor = EntityExtractor(pipelines)


def _extract(items: Sequence[tuple[str, str | None]]) -> list[list[Mention]]:
    assert _worker_extractor is not None
    return _worker_extractor.extract_batch(items)


class ProcessExtractor:
    """Same ``extract_batch`` as EntityExtractor, run by one spawned worker process."""

    def __init__(self, pipelines: Mapping[str, str] | None = None) -> None:
        self._pipelines = dict(pipelines) if pipelines else None
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, items: Sequence[tuple[str, str | None]]) -> Future[list[list[Mention]]]:
        """Start a batch; the caller writes the previous one meanwhile."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=get_context("spawn"),
                initializer=_init, initargs=(self._pipelines,),
            )
        return self._pool.submit(_extract, list(items))

    def extract_batch(self, items: Sequence[tuple[str, str | None]]) -> list[list[Mention]]:
        return self.submit(items).result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

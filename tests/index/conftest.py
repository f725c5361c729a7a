"""Fixtures shared by the library tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index import Library
from index.entities import EntityExtractor


@pytest.fixture
def lib(tmp_path: Path, shared_extractor: EntityExtractor) -> Iterator[Library]:
    """A fresh library with the session's entity extractor (modules may define their own)."""
    library = Library.open(tmp_path / "lib", shared_extractor)
    yield library
    library.close()

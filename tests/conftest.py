"""Fixtures shared by every test package."""

from __future__ import annotations

import pytest

from index.entities import EntityExtractor


@pytest.fixture(scope="session")
def shared_extractor() -> EntityExtractor:
    """The default entity extractor, loaded once per test session (spaCy takes seconds)."""
    extractor = EntityExtractor()
    extractor.extract("Sadio Camara est à Bamako.", "fr")  # load the pipeline now
    return extractor

"""One real spaCy pipeline for the whole session: loading it costs seconds."""

from __future__ import annotations

import pytest

from index.entities import EntityExtractor


@pytest.fixture(scope="session")
def extractor() -> EntityExtractor:
    """French pipeline only, so English runs through the fallback whatever is installed."""
    return EntityExtractor({"fr": "fr_core_news_sm"})

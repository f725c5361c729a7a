"""Veille's core: store, search index, importers and entities. Never imports Qt.

``Library`` is imported lazily so that ``import index.importers`` in a parser worker
process does not pay for Whoosh, SQLite setup or spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from index.models import (
    Article,
    ArticleDraft,
    EntityInfo,
    FileReport,
    Hit,
    ImportReport,
    Mention,
    SearchFilters,
    SearchResults,
)

if TYPE_CHECKING:
    from index.library import Library

__all__ = [
    "Article",
    "ArticleDraft",
    "EntityInfo",
    "FileReport",
    "Hit",
    "ImportReport",
    "Library",
    "Mention",
    "SearchFilters",
    "SearchResults",
]


def __getattr__(name: str) -> Any:
    if name == "Library":
        from index.library import Library

        return Library
    raise AttributeError(f"module 'index' has no attribute {name!r}")

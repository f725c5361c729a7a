"""Full-text search over the library: French/English analysis, query language, snippets.

Public API (contract in docs/architecture.md): ``SearchIndex``, ``IndexDoc``,
``IndexUnusable``. The index is a cache of the store and can be rebuilt at any time.
"""

from . import mapped_pages, whoosh_fixes
from .engine import IndexUnusable, SearchIndex
from .schema import SCHEMA_VERSION, IndexDoc

whoosh_fixes.apply()
mapped_pages.apply()

__all__ = ["SCHEMA_VERSION", "IndexDoc", "IndexUnusable", "SearchIndex"]

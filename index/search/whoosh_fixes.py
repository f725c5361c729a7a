"""Corrections to whoosh3 3.54.0 bugs that change search results.

Applied once when ``index.search`` is imported; each fix is checked by a test in
tests/search/test_search_whoosh_fixes.py so an upgrade that fixes (or changes) the code
is noticed.

``AndNotMatcher._find_first`` only skipped the excluded postings when both sub-matchers
started on the same document: when the excluded list started on an earlier document,
the first positive document was returned even if excluded ("a ANDNOT b" yielded a
document matching b through ``Query.docs`` / ``Searcher.docs_for_query``).
"""

from __future__ import annotations

from whoosh.matching.binary import AndNotMatcher


def _find_first(self: AndNotMatcher) -> None:
    if self.a.is_active() and self.b.is_active():
        self._find_next()


def apply() -> None:
    AndNotMatcher._find_first = _find_first  # type: ignore[method-assign]

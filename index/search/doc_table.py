"""Per-searcher arrays (docnum -> article id, date, source, lang, entities) read from columns.

Result lists of up to 100,000 ids, date sorts and facet counts all need one value per
matching document; reading stored fields for that would take seconds, while the column
arrays are loaded once per searcher generation and then indexed in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from whoosh.searching import Searcher

from .schema import split_list

TEXT_COLUMNS = ("src", "lang", "date")


class DocTable:
    """Lazily loaded column arrays of one searcher (never shared across generations)."""

    def __init__(self, searcher: Searcher) -> None:
        self._reader = searcher.reader()
        self._arrays: dict[str, list[Any]] = {}
        self._aid_to_doc: dict[int, int] | None = None
        self.variants: dict[str, Any] = {}  # QueryBuilder's stem-variant cache
        self._live: list[int] | None = None
        self._avgdl: float | None = None
        self._entities: list[Sequence[str]] | None = None

    def column(self, name: str) -> list[Any]:
        """One value per docnum; text columns decoded, "" for documents without a value."""
        arr = self._arrays.get(name)
        if arr is None:
            if self._reader.has_column(name):
                arr = list(self._reader.column_reader(name))
            else:
                arr = [None] * self._reader.doc_count_all()
            if name in TEXT_COLUMNS:
                arr = [_text(v) for v in arr]
            self._arrays[name] = arr
        return arr

    def article_ids(self, docnums: Sequence[int]) -> list[int]:
        aids = self.column("aid")
        return [aids[d] for d in docnums]

    def docnum(self, article_id: int) -> int | None:
        if self._aid_to_doc is None:
            aids = self.column("aid")
            is_deleted = self._reader.is_deleted
            self._aid_to_doc = {a: d for d, a in enumerate(aids) if not is_deleted(d)}
        return self._aid_to_doc.get(int(article_id))

    def live_docs(self) -> list[int]:
        """Docnums of the documents not deleted."""
        if self._live is None:
            is_deleted = self._reader.is_deleted
            count = self._reader.doc_count_all()
            if self._reader.has_deletions():
                self._live = [d for d in range(count) if not is_deleted(d)]
            else:
                self._live = list(range(count))
        return self._live

    def live_count(self) -> int:
        return self._reader.doc_count()

    def average_body_length(self) -> float:
        if self._avgdl is None:
            lengths = self.column("blen")
            live = self.live_docs()
            self._avgdl = max(1.0, sum(lengths[d] or 0 for d in live) / max(1, len(live)))
        return self._avgdl

    def date_keys(self) -> list[str]:
        """``YYYY-MM-DD`` per document, "" for undated ones."""
        return self.column("date")

    def entity_lists(self) -> list[Sequence[str]]:
        """Per docnum, the article's distinct canonical entity names (decoded once)."""
        if self._entities is None:
            self._entities = [tuple(dict.fromkeys(split_list(v or None)))
                              for v in self.column("ents")]
        return self._entities


def _text(value: Any) -> str:
    if not value:
        return ""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)

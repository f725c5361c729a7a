"""Searching by what a person added: ``is:read``, ``tag:Mali``, ``dossier:"Brief"``, notes.

The state lives in the store, not in Whoosh documents; the library hands the engine a
lookup (kind, value) -> article ids, and a query node becomes an ``IdSetQuery``: a set of
documents that the boolean evaluation combines like any term (AND, OR, NOT, filters,
sorts all work), without rewriting a document when a tag changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numpy as np
from whoosh import query as wq

from .doc_table import DocTable

StateLookup = Callable[[str, str], np.ndarray]

# What can follow ``is:`` and ``has:`` (French and English), to the store's kinds.
IS_VALUES = {
    "read": "read", "lu": "read", "lus": "read",
    "unread": "unread", "nonlu": "unread", "non-lu": "unread", "nonlus": "unread",
    "starred": "starred", "star": "starred", "favori": "starred", "favoris": "starred",
    "etoile": "starred", "étoilé": "starred", "etoile-e": "starred",
    "unstarred": "unstarred",
    "tagged": "tagged", "etiquete": "tagged", "étiqueté": "tagged",
}
HAS_VALUES = {
    "note": "note", "notes": "note",
    "highlight": "highlight", "highlights": "highlight", "surlignage": "highlight",
    "tag": "tagged", "tags": "tagged", "etiquette": "tagged", "étiquette": "tagged",
}
NEGATED = {"unread": "read", "unstarred": "starred"}


class IdSetQuery(wq.Query):
    """The documents of a fixed set of article ids (no score of its own)."""

    def __init__(self, label: str, ids: np.ndarray, negate: bool = False) -> None:
        self.label = label
        self.ids = ids
        self.negate = negate

    def __repr__(self) -> str:
        return f"IdSetQuery({self.label!r}, {len(self.ids)} ids, negate={self.negate})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, IdSetQuery) and other.label == self.label
                and other.negate == self.negate and len(other.ids) == len(self.ids))

    def __hash__(self) -> int:
        return hash((self.label, self.negate, len(self.ids)))

    def is_leaf(self) -> bool:
        return True

    def children(self) -> list[Any]:
        return []

    def _all_terms(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []

    def terms(self, phrases: bool = False) -> list[Any]:
        return []

    def existing_terms(self, *args: Any, **kwargs: Any) -> set[Any]:
        return set()

    def mask(self, table: DocTable) -> np.ndarray:
        found = table.id_mask(self.ids)
        if self.negate:
            found = ~found
        return cast(np.ndarray, found & table.live_mask())

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        raise NotImplementedError("IdSetQuery is evaluated by SetScorer.mask")


def state_query(kind: str, value: str, lookup: StateLookup | None) -> wq.Query:
    """The query of one ``is:``/``has:``/``tag:``/``dossier:`` condition."""
    if lookup is None:
        return wq.NullQuery
    if kind == "is":
        state = IS_VALUES.get(value.casefold())
    elif kind == "has":
        state = HAS_VALUES.get(value.casefold())
    else:
        return IdSetQuery(f"{kind}:{value.casefold()}", lookup(kind, value))
    if state is None:
        return wq.NullQuery
    base = NEGATED.get(state, state)
    return IdSetQuery(f"{kind}:{state}", lookup(base, ""), negate=state in NEGATED)


def note_words(word: str, lookup: StateLookup | None) -> wq.Query | None:
    """Articles whose note (or highlight comments) hold the word, or None."""
    if lookup is None:
        return None
    ids = lookup("noteword", word)
    return IdSetQuery(f"note:{word}", ids) if len(ids) else None

"""Boolean evaluation and BM25 ranking of a whole result set over Whoosh postings.

The contract asks for every matching id in relevance order, not only a top page. Whoosh
scores through a tree of Python matcher objects, about 30 µs per document for a word
expanded to its forms (3 s for 100,000 matches); this module reads each term's posting
blocks as arrays instead (well under 1 µs per posting), combines the document sets with
set algebra and sums BM25 per term. Queries it does not know (phrases, ranges) are
answered by Whoosh itself and add no score beyond their words'.

Reading posting blocks uses whoosh3 3.54's W3LeafMatcher internals; any other matcher
falls back to the public, slower, one-posting-at-a-time interface.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.searching import Searcher

from .doc_table import DocTable

K1 = 1.2
B = 0.75
LENGTH_NORMALISED = "body"


class SetScorer:
    """Evaluates compiled queries for one searcher: documents, then BM25 scores."""

    def __init__(self, searcher: Searcher, table: DocTable) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.table = table
        self._postings: dict[tuple[str, str], tuple[list[int], list[float]]] = {}

    # Which documents

    def docs(self, q: wq.Query) -> set[int]:
        if isinstance(q, wq.Term):
            return set(self.postings(q.fieldname, q.text)[0])
        if isinstance(q, wq.Or):
            out: set[int] = set()
            for sub in q.subqueries:
                out |= self.docs(sub)
            return out
        if isinstance(q, wq.And):
            subs = sorted(q.subqueries, key=lambda s: not isinstance(s, wq.Term))
            acc = self.docs(subs[0])
            for sub in subs[1:]:
                if not acc:
                    break
                acc &= self.docs(sub)
            return acc
        if isinstance(q, wq.AndNot):
            pos = self.docs(q.a)
            return pos - self.docs(q.b) if pos else pos
        if isinstance(q, wq.Every):
            return set(self.table.live_docs())
        if q is wq.NullQuery:
            return set()
        return set(self.searcher.docs_for_query(q))

    # How well

    def scores(self, q: wq.Query, docs: set[int]) -> dict[int, float]:
        """BM25 of the query's positive words, summed, for the given documents."""
        total = max(1, self.table.live_count())
        avgdl = self.table.average_body_length()
        lengths = self.table.column("blen")
        out: dict[int, float] = dict.fromkeys(docs, 0.0)
        for field, text, boost in positive_terms(q):
            ids, weights = self.postings(field, text)
            if not ids:
                continue
            df = len(ids)
            idf = boost * math.log(1 + (total - df + 0.5) / (df + 0.5))
            if field == LENGTH_NORMALISED:
                c1, c2 = K1 * (1 - B), K1 * B / avgdl
                for d, w in zip(ids, weights, strict=True):
                    if d in out:
                        out[d] += idf * w * (K1 + 1) / (w + c1 + c2 * (lengths[d] or 0))
            else:
                for d, w in zip(ids, weights, strict=True):
                    if d in out:
                        out[d] += idf * w * (K1 + 1) / (w + K1)
        return out

    def postings(self, field: str, text: str) -> tuple[list[int], list[float]]:
        """All live (docnum, weight) postings of a term, cached for this evaluation."""
        key = (field, text)
        hit = self._postings.get(key)
        if hit is None:
            ids: list[int] = []
            weights: list[float] = []
            if (field, text) in self.reader:
                for seg, base in self.reader.leaf_readers():
                    if (field, text) in seg:
                        _read_term(seg.postings(field, text), base, ids, weights)
            hit = (ids, weights)
            self._postings[key] = hit
        return hit


def _read_term(m: Any, base: int, ids: list[int], weights: list[float]) -> None:
    deleted: Any = ()
    if isinstance(m, FilterMatcher) and m._exclude:
        deleted, m = m._ids, m.child
    blocks = _blocks(m) if isinstance(m, W3LeafMatcher) else _one_by_one(m)
    for bids, bweights in blocks:
        if deleted:
            for d, w in zip(bids, bweights, strict=True):
                if d not in deleted:
                    ids.append(base + d)
                    weights.append(w)
        elif base:
            ids.extend([base + d for d in bids])
            weights.extend(bweights)
        else:
            ids.extend(bids)
            weights.extend(bweights)


def _blocks(m: W3LeafMatcher) -> Iterator[tuple[Any, Any]]:
    while m.is_active():
        if m._ids is None:
            m._read_ids()
        if m._weights is None:
            m._read_weights()
        yield m._ids, m._weights
        m._next_block()


def _one_by_one(m: Any) -> Iterator[tuple[list[int], list[float]]]:
    ids: list[int] = []
    weights: list[float] = []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    yield ids, weights


def positive_terms(q: wq.Query, boost: float = 1.0) -> Iterator[tuple[str, str, float]]:
    """(field, text, boost) of every term that can make a document match (not excluded)."""
    b = boost * getattr(q, "boost", 1.0)
    if isinstance(q, wq.Term):
        yield q.fieldname, q.text, b
    elif isinstance(q, wq.AndNot):
        yield from positive_terms(q.a, b)
    elif isinstance(q, wq.Phrase):
        for word in q.words:
            yield q.fieldname, word, b
    elif isinstance(q, wq.Or | wq.And):
        for sub in q.subqueries:
            yield from positive_terms(sub, b)

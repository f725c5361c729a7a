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
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate
from pickle import loads
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher

from .doc_table import DocTable

K1 = 1.2
B = 0.75
LENGTH_NORMALISED = "body"
SCORED_FIELDS = frozenset({"title", "body", "entw", "entity", "author", "source"})


class SetScorer:
    """Evaluates compiled queries for one searcher: documents, then BM25 scores."""

    def __init__(self, searcher: Searcher, table: DocTable) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.table = table
        self._cache = table.postings_cache
        self.leaves = self.reader.leaf_readers()

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
        if isinstance(q, wq.Phrase) and len(q.words) > 1:
            found = self._phrase_docs(q)
            if found is not None:
                return found
        if isinstance(q, wq.NumericRange) and q.fieldname == "day":
            return self.table.days_between(q.start, q.end)
        if isinstance(q, wq.Every):
            return set(self.table.live_docs())
        if q is wq.NullQuery:
            return set()
        return set(self.searcher.docs_for_query(q))

    def _phrase_docs(self, q: wq.Phrase) -> set[int] | None:
        """Documents with the words in order (``slop`` - 1 others allowed between two).

        Whoosh checks phrases through span objects, tens of µs per candidate; here the
        candidates are the intersection of the words' documents and each one's positions
        are unpickled straight from the posting blocks. None: fall back to Whoosh.
        """
        sets = sorted((self.docs(wq.Term(q.fieldname, w)) for w in q.words), key=len)
        candidates = sets[0].intersection(*sets[1:])
        if not candidates:
            return candidates
        values = [self._values(q.fieldname, w) for w in q.words]
        if any(v is None for v in values):
            return None
        return {d for d in candidates
                if _in_order([_positions(v[d]) for v in values if v is not None], q.slop)}

    def _values(self, field: str, text: str) -> dict[int, bytes] | None:
        """Docnum -> encoded positions of a term (None when the postings are not W3)."""
        ids, _ = self.postings(field, text)
        values = self._cache.get((field, text))[2]
        return None if values is None else dict(zip(ids, values, strict=True))

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
        """All live (docnum, weight) postings of a term, cached per searcher generation
        (a refined query reuses its words: "sécurité" then "sécurité sahel")."""
        key = (field, text)
        hit = self._cache.get(key)
        if hit is None:
            ids: list[int] = []
            weights: list[float] = []
            values: list[Any] | None = []
            for seg, base in self.leaves:
                try:
                    m = seg.postings(field, text)
                except TermNotFound:
                    continue
                values = _read_term(m, base, ids, weights, values)
            hit = (ids, weights, values)
            self._cache.put(key, hit, len(ids))
        return hit[0], hit[1]


def _read_term(m: Any, base: int, ids: list[int], weights: list[float],
               values: list[Any] | None) -> list[Any] | None:
    """Appends a segment's live postings; returns ``values`` (None once unavailable)."""
    deleted: Any = ()
    if isinstance(m, FilterMatcher) and m._exclude:
        deleted, m = m._ids, m.child
    blocks = _blocks(m) if isinstance(m, W3LeafMatcher) else _one_by_one(m)
    for bids, bweights, bvalues in blocks:
        if bvalues is None:
            values = None
        if deleted:
            keep = [i for i, d in enumerate(bids) if d not in deleted]
            ids.extend([base + bids[i] for i in keep])
            weights.extend([bweights[i] for i in keep])
            if values is not None:
                values.extend([bvalues[i] for i in keep])
            continue
        ids.extend([base + d for d in bids] if base else bids)
        weights.extend(bweights)
        if values is not None:
            values.extend(bvalues)
    return values


def _blocks(m: W3LeafMatcher) -> Iterator[tuple[Any, Any, Any]]:
    """(ids, weights, values) per posting block, decoded with C-speed helpers.

    Whoosh's own ``_read_ids``/``_read_weights`` decode through Python generators, which
    cost more than the scoring itself.
    """
    while m.is_active():
        if m._data is None:
            m._read_data()
        raw_ids, raw_weights, raw_values = m._data[0], m._data[1], m._data[2]
        ids = raw_ids if m._byteids else list(accumulate(raw_ids))
        count = m._blocklength
        if raw_weights is None:
            weights: Any = [1.0] * count
        elif isinstance(raw_weights, float):
            weights = [raw_weights] * count
        else:
            weights = raw_weights
        values = raw_values if isinstance(raw_values, list | tuple) else None
        yield ids, weights, values
        m._next_block()


def _one_by_one(m: Any) -> Iterator[tuple[list[int], list[float], None]]:
    ids: list[int] = []
    weights: list[float] = []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    yield ids, weights, None


def _positions(value: bytes) -> list[int]:
    """Whoosh's Positions encoding: a 4-byte count, then pickled deltas (the final STOP
    opcode may have been trimmed, as ``Positions.decode_positions`` allows)."""
    if not value.endswith(b"."):
        value += b"."
    return list(accumulate(loads(value[4:])))


def _in_order(plists: list[list[int]], slop: int) -> bool:
    if slop <= 1:
        starts = set(plists[0])
        for i, plist in enumerate(plists[1:], 1):
            starts &= {p - i for p in plist}
            if not starts:
                return False
        return True
    for start in plists[0]:
        prev = start
        for plist in plists[1:]:
            i = bisect_right(plist, prev)
            if i == len(plist) or plist[i] > prev + slop:
                break
            prev = plist[i]
        else:
            return True
    return False


def positive_terms(q: wq.Query, boost: float = 1.0) -> Iterator[tuple[str, str, float]]:
    """(field, text, boost) of every term that can make a document match (not excluded)."""
    b = boost * getattr(q, "boost", 1.0)
    if isinstance(q, wq.Term):
        if q.fieldname in SCORED_FIELDS:
            yield q.fieldname, q.text, b
    elif isinstance(q, wq.AndNot):
        yield from positive_terms(q.a, b)
    elif isinstance(q, wq.Phrase) and q.fieldname in SCORED_FIELDS:
        for word in q.words:
            yield q.fieldname, word, b
    elif isinstance(q, wq.Or | wq.And):
        for sub in q.subqueries:
            yield from positive_terms(sub, b)

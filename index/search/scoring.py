"""Boolean evaluation and BM25 ranking of a whole result set over Whoosh postings.

The contract asks for every matching id in relevance order, not only a top page. Whoosh
scores through a tree of Python matcher objects, about 30 µs per document for a word
expanded to its forms (3 s for 100,000 matches); this module reads each term's posting
blocks into numpy arrays instead (well under 1 µs per posting), combines document sets
as boolean arrays and sums BM25 per term in one vectorised pass. Phrases are checked
here too; queries it does not know are answered by Whoosh itself and add no score
beyond their words'.

Reading posting blocks uses whoosh3 3.54's W3LeafMatcher internals; any other matcher
falls back to the public, slower, one-posting-at-a-time interface. The internals used
are pinned by tests/search/test_whoosh_private_api.py.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate
from pickle import loads
from typing import Any, cast

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher

from .analysis import COMMON_ID
from .doc_table import DocTable
from .state_filter import IdSetQuery

K1 = 1.2
B = 0.75
LENGTH_NORMALISED = "body"
SCORED_FIELDS = frozenset({"title", "body", "entw", "entity", "author", "source"})
COMMON_COLUMNS = {"body": "cpos", "title": "tcpos"}  # a field's common words' positions
POSITION_MASK = (1 << 24) - 1
COLUMN_TERMS = {"lang": "lang", "src": "src"}  # whole-value fields answered from columns
_EMPTY_IDS = np.zeros(0, dtype=np.int32)


class SetScorer:
    """Evaluates compiled queries for one searcher: documents, then BM25 scores.

    Document sets are boolean numpy arrays indexed by docnum (one byte per article: set
    algebra over 100,000 articles takes microseconds); postings are cached as arrays.
    """

    def __init__(self, searcher: Searcher, table: DocTable) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.table = table
        self._cache = table.postings_cache
        self._positions = table.positions_cache
        self.leaves = self.reader.leaf_readers()
        self.size = table.size()

    # Which documents

    def docs(self, q: wq.Query) -> set[int]:
        return set(np.flatnonzero(self.mask(q)).tolist())

    def mask(self, q: wq.Query) -> np.ndarray:
        """The query's documents as a fresh boolean array (callers may modify it)."""
        if isinstance(q, wq.Term):
            if q.fieldname in COLUMN_TERMS:
                return self.table.value_mask(COLUMN_TERMS[q.fieldname], q.text)
            return self._term_mask(q.fieldname, q.text)
        if isinstance(q, wq.Or):
            out = np.zeros(self.size, dtype=bool)
            for sub in q.subqueries:
                if isinstance(sub, wq.Term) and sub.fieldname not in COLUMN_TERMS:
                    out[self.postings(sub.fieldname, sub.text)[0]] = True
                else:
                    out |= self.mask(sub)
            return out
        if isinstance(q, wq.And):
            subs = sorted(q.subqueries, key=lambda s: not isinstance(s, wq.Term))
            acc = self.mask(subs[0])
            for sub in subs[1:]:
                if not acc.any():
                    break
                acc &= self.mask(sub)
            return acc
        if isinstance(q, wq.AndNot):
            pos = self.mask(q.a)
            if pos.any():
                pos &= ~self.mask(q.b)
            return pos
        if isinstance(q, wq.Phrase) and len(q.words) > 1:
            found = self._phrase_mask(q)
            if found is not None:
                return found
        if isinstance(q, wq.NumericRange) and q.fieldname == "day":
            return self.table.days_mask(q.start, q.end)
        if isinstance(q, wq.Every):
            return self.table.live_mask().copy()
        if isinstance(q, IdSetQuery):
            return q.mask(self.table)
        out = np.zeros(self.size, dtype=bool)
        if q is not wq.NullQuery:
            out[np.fromiter(self.searcher.docs_for_query(q), dtype=np.int64)] = True
        return out

    def _term_mask(self, field: str, text: str) -> np.ndarray:
        out = np.zeros(self.size, dtype=bool)
        out[self.postings(field, text)[0]] = True
        return out

    def _phrase_mask(self, q: wq.Phrase) -> np.ndarray | None:
        """Documents with the words in order (``slop`` - 1 others allowed between two).

        Exact phrases: candidates are the documents holding every word; their positions
        are decoded in bulk (``decode_positions``) and matched by intersecting
        (document, position - offset) keys, so there is no per-document Python work.
        The common words of a phrase ("de", "la", "the", "said") are not read from the
        index: their postings are the longest to decode, so their positions come from
        the candidates' compact ``cpos``/``tcpos`` column instead. None: fall back to
        Whoosh (postings without positions).
        """
        field, words = q.fieldname, list(q.words)
        if q.slop <= 1:
            common = common_offsets(field, words)
            rare = [(field, w, i) for i, w in enumerate(words) if i not in common]
            keys = self._phrase_keys(rare)
            if keys is None:
                return None
            if common and len(keys):
                keys = self._common_keys(keys, COMMON_COLUMNS[field], common)
            out = np.zeros(self.size, dtype=bool)
            out[keys >> 32] = True
            return out
        found = self._candidates([(field, w, 0) for w in dict.fromkeys(words)])
        if found is None or isinstance(found, np.ndarray):
            return found
        docs, by_term = found
        plists = [self._decoded(by_term[(field, w)], docs) for w in words]
        out = np.zeros(self.size, dtype=bool)
        per_doc = [_split_by_doc(d, p) for d, p in plists]
        for doc in docs.tolist():
            if _in_order([pl[doc] for pl in per_doc], q.slop):
                out[doc] = True
        return out

    def _phrase_keys(self, pieces: list[tuple[str, str, int]]) -> np.ndarray | None:
        """(document << 32) + start of every place the pieces (term at an offset from
        the phrase's start) all match; None when positions cannot be read."""
        found = self._candidates(pieces)
        if found is None:
            return None
        if isinstance(found, np.ndarray):
            return np.zeros(0, dtype=np.int64)
        docs, by_term = found
        keys: np.ndarray | None = None
        for field, term, offset in pieces:
            d, p = self._decoded(by_term[(field, term)], docs)
            k = (d << 32) + p - offset
            # A term is at most once at a position: its keys are unique already.
            keys = k if keys is None else np.intersect1d(keys, k, assume_unique=True)
        return keys if keys is not None else np.zeros(0, dtype=np.int64)

    def _common_keys(self, keys: np.ndarray, column: str, common: dict[int, str]) -> np.ndarray:
        """The keys whose phrase also has each common word at its offset, looked up in
        the candidates' records of the column (``analysis.common_positions``).

        A document's records are in position order, so each check is a binary search
        within the document's records, run for all keys at once: nothing is gathered, so
        a frequent candidate word ("company", 20,000 articles) costs no more than the
        number of its occurrences.
        """
        kept = []
        for base, recs, starts in self.table.records(column):
            docs = keys >> 32
            part = keys[(docs >= base) & (docs < base + len(starts) - 1)]
            for offset, w in common.items():
                if not len(part):
                    break
                local, want = (part >> 32) - base, (part & POSITION_MASK) + offset
                end = starts[local + 1]
                found = _first_at_or_after(recs, starts[local], end, want)
                inside = found < end
                rec = recs[found[inside]].astype(np.int64)
                hit = np.zeros(len(part), dtype=bool)
                hit[inside] = ((rec & POSITION_MASK) == want[inside]) & (
                    (rec >> 24) == COMMON_ID[w])
                part = part[hit]
            kept.append(part)
        return np.concatenate(kept) if kept else keys[:0]

    def _candidates(self, pieces: list[tuple[str, str, int]]
                    ) -> np.ndarray | tuple[np.ndarray, dict[Any, Any]] | None:
        """Documents holding every piece's term, with each term's postings and positions;
        an (empty) mask when none does; None when positions cannot be read.

        Rarest term first, each read once with its positions: a missing term costs
        nothing. (Decoding only the blocks holding candidates did not pay: they touch
        nearly every block.)
        """
        cand = self.table.live_mask().copy()
        by_term: dict[tuple[str, str], tuple[np.ndarray, list[Any]]] = {}
        terms = dict.fromkeys((f, t) for f, t, _ in pieces)
        for field, term in sorted(terms, key=lambda ft: self.reader.doc_frequency(*ft)):
            values = self._values(field, term)
            if values is None:
                return None
            by_term[(field, term)] = (self.postings(field, term)[0], values)
            cand &= _as_mask(by_term[(field, term)][0], self.size)
            if not cand.any():
                return cand
        return np.flatnonzero(cand), by_term

    @staticmethod
    def _decoded(found: tuple[np.ndarray, list[Any]], docs: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
        ids, values = found
        rows = np.searchsorted(ids, docs).tolist()
        return decode_positions([values[i] for i in rows], docs)

    # How well

    def score_array(self, q: wq.Query) -> np.ndarray:
        """BM25 of the query's positive words, summed, for every docnum (vectorised)."""
        total = max(1, self.table.live_count())
        avgdl = self.table.average_body_length()
        out = np.zeros(self.size, dtype=np.float64)
        lengths: np.ndarray | None = None
        for field, text, boost in positive_terms(q):
            ids, weights = self.postings(field, text)
            if not len(ids):
                continue
            df = len(ids)
            idf = boost * math.log(1 + (total - df + 0.5) / (df + 0.5))
            if field == LENGTH_NORMALISED:
                if lengths is None:
                    lengths = self.table.array("blen")
                denom = weights + K1 * (1 - B) + (K1 * B / avgdl) * lengths[ids]
            else:
                denom = weights + K1
            out[ids] += idf * (K1 + 1) * weights / denom
        return out

    def scores(self, q: wq.Query, docs: set[int]) -> dict[int, float]:
        """BM25 of the query's positive words, summed, for the given documents."""
        arr = self.score_array(q)
        return {d: float(arr[d]) for d in docs}

    def postings(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """All live postings of a term: sorted docnums and weights, cached per searcher
        generation (a refined query reuses its words: "sécurité" then "sécurité sahel")."""
        hit = self._cache.get((field, text))
        if hit is None:
            ids, weights, _ = self._read(field, text, keep_positions=False)
            return ids, weights
        return cast(tuple[np.ndarray, np.ndarray], hit)

    def _values(self, field: str, text: str) -> list[Any] | None:
        """Encoded positions per posting, aligned with ``postings`` (None: not W3).

        Cached apart, under a smaller budget: they take several times the memory of the
        docnums and weights, and only phrases need them.
        """
        key = (field, text)
        if key in self._positions:
            return cast(list[Any] | None, self._positions.get(key))
        return self._read(field, text, keep_positions=True)[2]

    def _read(self, field: str, text: str, *, keep_positions: bool
              ) -> tuple[np.ndarray, np.ndarray, list[Any] | None]:
        id_parts: list[np.ndarray] = []
        weight_parts: list[np.ndarray] = []
        values: list[Any] | None = []
        for seg, base in self.leaves:
            try:
                m = seg.postings(field, text)
            except TermNotFound:
                continue
            values = _read_term(m, base, id_parts, weight_parts, values)
        if id_parts:
            ids = np.concatenate(id_parts).astype(np.int32)
            weights = np.concatenate(weight_parts)
        else:
            ids, weights = _EMPTY_IDS, np.zeros(0, dtype=np.float64)
        self._cache.put((field, text), (ids, weights), len(ids))
        if keep_positions:
            self._positions.put((field, text), values, len(ids))
        return ids, weights, values


def _first_at_or_after(recs: np.ndarray, lo: np.ndarray, hi: np.ndarray,
                       want: np.ndarray) -> np.ndarray:
    """Per query i, the first index in ``recs[lo[i]:hi[i]]`` whose position (low 24 bits,
    ascending there) is at least ``want[i]``, or ``hi[i]``: a vectorised bisection."""
    if not len(recs) or not len(lo):
        return hi.copy()
    last = len(recs) - 1
    width = int((hi - lo).max())
    while width > 0:  # every range at most halves: about log2(records of a document) steps
        mid = (lo + hi) >> 1
        right = (lo < hi) & ((recs[np.minimum(mid, last)] & POSITION_MASK) < want)
        lo = np.where(right, mid + 1, lo)
        hi = np.where(right, hi, np.maximum(mid, lo))
        width >>= 1
    return lo


def common_offsets(field: str, words: list[str]) -> dict[int, str]:
    """Offsets of a phrase's common words whose positions the field's column holds;
    empty when the phrase has no other word to find candidates with."""
    if field not in COMMON_COLUMNS:
        return {}
    found = {i: w for i, w in enumerate(words) if w in COMMON_ID}
    return found if len(found) < len(words) else {}


def _as_mask(ids: np.ndarray, size: int) -> np.ndarray:
    out = np.zeros(size, dtype=bool)
    out[ids] = True
    return out


def _read_term(m: Any, base: int, id_parts: list[np.ndarray], weight_parts: list[np.ndarray],
               values: list[Any] | None) -> list[Any] | None:
    """Appends a segment's live postings; returns ``values`` (None once unavailable)."""
    deleted: Any = ()
    if isinstance(m, FilterMatcher) and m._exclude:
        deleted, m = m._ids, m.child
    blocks = _blocks(m) if isinstance(m, W3LeafMatcher) else _one_by_one(m)
    ids: list[int] = []
    weights: list[float] = []
    seg_values: list[Any] | None = [] if values is not None else None
    for bids, bweights, bvalues in blocks:
        ids.extend(bids)
        weights.extend(bweights)
        if bvalues is None:
            seg_values = None
        elif seg_values is not None:
            seg_values.extend(bvalues)
    id_arr = np.array(ids, dtype=np.int64)
    weight_arr = np.array(weights, dtype=np.float64)
    if deleted:
        keep = ~np.isin(id_arr, np.fromiter(deleted, dtype=np.int64))
        id_arr, weight_arr = id_arr[keep], weight_arr[keep]
        if seg_values is not None:
            seg_values = [v for v, k in zip(seg_values, keep.tolist(), strict=True) if k]
    id_parts.append(id_arr + base if base else id_arr)
    weight_parts.append(weight_arr)
    if values is None or seg_values is None:
        return None
    values.extend(seg_values)
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
        # Common words add next to nothing to BM25, and reading their postings only to
        # score them would cost what the phrase match saves (see ``_phrase_mask``).
        common = common_offsets(q.fieldname, list(q.words)) if q.slop <= 1 else {}
        for i, word in enumerate(q.words):
            if i not in common:
                yield q.fieldname, word, b
    elif isinstance(q, wq.Or | wq.And):
        for sub in q.subqueries:
            yield from positive_terms(sub, b)


def decode_positions(values: list[bytes], docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(docnum, position) pairs of a term's encoded position lists (one per doc of docs).

    Nearly every list is a small pickle of one-byte deltas (``K`` opcodes) of known
    length: those are decoded together with numpy (one ``pickle.loads`` each would cost
    more than the whole phrase check); any other shape goes through ``_positions``.
    """
    n = len(values)
    lens = np.fromiter(map(len, values), dtype=np.int64, count=n)
    buf = np.frombuffer(b"".join(values), dtype=np.uint8)
    starts = np.cumsum(lens) - lens
    safe = np.minimum(starts, max(0, len(buf) - 12))
    head = buf[safe[:, None] + np.arange(10)].astype(np.int64) if n else np.zeros((0, 10), int)
    counts = (head[:, 0] << 24) | (head[:, 1] << 16) | (head[:, 2] << 8) | head[:, 3]
    fast = ((lens == 11 + 2 * counts) | (lens == 12 + 2 * counts)) & (counts >= 2)
    fast &= (head[:, 4] == 0x80) & (head[:, 6] == ord("]")) & (head[:, 9] == ord("("))
    fast &= starts == safe
    f_counts = counts[fast]
    item_doc = np.repeat(np.arange(n)[fast], f_counts)
    first = np.cumsum(f_counts) - f_counts
    offs = np.repeat(starts[fast] + 10, f_counts) + 2 * (np.arange(len(item_doc))
                                                          - np.repeat(first, f_counts))
    ok = buf[offs] == ord("K")
    if not ok.all():  # a multi-byte delta: decode those lists one by one
        bad = np.zeros(n, dtype=bool)
        bad[item_doc[~ok]] = True
        keep = ~bad[item_doc]
        fast &= ~bad
        item_doc, offs = item_doc[keep], offs[keep]
        f_counts = counts[fast]
    deltas = buf[offs + 1].astype(np.int64)
    sums = np.cumsum(deltas)
    first = np.cumsum(f_counts) - f_counts
    before = np.where(first > 0, sums[np.maximum(first - 1, 0)], 0) if len(first) else first
    pos = sums - np.repeat(before, f_counts)
    doc = docs[item_doc]
    single = ((lens == 12) | (lens == 13)) & (counts == 1) & (head[:, 4] == 0x80)
    single &= (head[:, 6] == ord("]")) & (head[:, 9] == ord("K")) & (starts == safe)
    if single.any():
        doc = np.concatenate([doc, docs[single]])
        pos = np.concatenate([pos, buf[starts[single] + 10].astype(np.int64)])
    slow = np.flatnonzero(~(fast | single)).tolist()
    if slow:
        extra = [_positions(values[i]) for i in slow]
        doc = np.concatenate([doc, np.repeat(docs[slow], [len(e) for e in extra])])
        pos = np.concatenate([pos, np.fromiter((p for e in extra for p in e), dtype=np.int64)])
    return doc, pos


def _split_by_doc(doc: np.ndarray, pos: np.ndarray) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for d, p in zip(doc.tolist(), pos.tolist(), strict=True):
        out.setdefault(d, []).append(p)
    for plist in out.values():
        plist.sort()
    return out

"""Per-searcher arrays (docnum -> article id, date, source, lang, entities) read from columns.

Result lists of up to 100,000 ids, date sorts and facet counts all need one value per
matching document; reading stored fields for that would take seconds, while the column
arrays are loaded once per searcher generation and then indexed in memory.
"""

from __future__ import annotations

import struct
from collections import OrderedDict
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Any, cast

import numpy as np
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.fields import COLUMN
from whoosh.searching import Searcher

from .schema import split_list

TEXT_COLUMNS = ("src", "lang", "date")
# Cached postings per searcher generation: docnums and weights take 12 bytes a posting
# (about 36 MB at this budget); encoded positions about 60 bytes, so fewer are kept.
POSTINGS_BUDGET = 3_000_000
POSITIONS_BUDGET = 450_000


SegmentCache = dict[tuple[str, str], Any]  # per segment: column lists and numpy arrays


class DocTable:
    """Lazily loaded column arrays of one searcher (never shared across generations).

    Arrays are built per segment and kept in ``segment_cache`` (owned by the index and
    shared across generations): segments never change once written, so after a commit
    only the new small segment is read, not 100,000 values again.
    """

    def __init__(self, searcher: Searcher, segment_cache: SegmentCache | None = None) -> None:
        self._reader = searcher.reader()
        self._leaves = self._reader.leaf_readers()
        self._segment_cache: SegmentCache = {} if segment_cache is None else segment_cache
        self._arrays: dict[str, list[Any]] = {}
        self._aid_to_doc: dict[int, int] | None = None
        self.variants: dict[str, Any] = {}  # QueryBuilder's stem-variant cache
        self.results: OrderedDict[Any, Any] = OrderedDict()  # SearchIndex's result cache
        self.postings_cache = PostingsCache(POSTINGS_BUDGET)
        self.positions_cache = PostingsCache(POSITIONS_BUDGET)
        self._live: list[int] | None = None
        self._avgdl: float | None = None
        self._entities: list[Sequence[str]] | None = None
        self._np: dict[str, np.ndarray] = {}
        self._codes: dict[str, dict[str, int]] = {}
        self._records: dict[str, list[tuple[int, np.ndarray, np.ndarray]]] = {}

    def size(self) -> int:
        """Docnums run from 0 to ``size() - 1`` (deleted ones included)."""
        return int(self._reader.doc_count_all())

    def live_mask(self) -> np.ndarray:
        """Boolean array: True for the documents not deleted."""
        mask = self._np.get("live")
        if mask is None:
            mask = np.zeros(self.size(), dtype=bool)
            mask[np.asarray(self.live_docs(), dtype=np.int64)] = True
            self._np["live"] = mask
        return mask

    def array(self, name: str) -> np.ndarray:
        """A numeric column as a numpy array ("aid", "blen"; None read as 0)."""
        arr = self._np.get(name)
        if arr is None:
            values = self.column(name)
            dtype = np.float64 if name == "blen" else np.int64
            try:  # one C loop, not one Python test per document
                arr = np.array(values, dtype=dtype)
            except TypeError:  # a None among the ids
                arr = np.array([v or 0 for v in values], dtype=dtype)
            if dtype is np.float64:
                arr[np.isnan(arr)] = 0.0  # a None among the lengths
            self._np[name] = arr
        return arr

    def value_mask(self, name: str, value: str) -> np.ndarray:
        """Live documents whose text column ``name`` holds exactly ``value`` (a fresh array).

        Answers ``lang:``/``src`` terms from memory: "lang:en" has tens of thousands of
        postings, and the other forms of every word are limited to one language.
        """
        codes = self._np.get("codes:" + name)
        if codes is None:
            index: dict[str, int] = {}
            parts = []
            for seg, _ in self._leaves:
                values, local = self._segment_codes(seg, name)
                remap = np.array([index.setdefault(v, len(index)) for v in values],
                                 dtype=np.int32)
                parts.append(remap[local] if len(values) else local)
            codes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
            self._np["codes:" + name] = codes
            self._codes[name] = index
        code = self._codes[name].get(value)  # "": documents without a value
        if code is None:
            return np.zeros(self.size(), dtype=bool)
        return cast(np.ndarray, (codes == code) & self.live_mask())

    def _segment_codes(self, seg: Any, name: str) -> tuple[list[str], np.ndarray]:
        """A segment's distinct values of a text column, and each document's index into
        them. Vectorised from the column's raw bytes: decoding 100,000 values one by one
        was most of a one-shot command-line search at 100,000 articles (50 ms)."""
        segment = seg.segment()
        key = (segment.segment_id() if segment is not None else str(id(seg)), "codes:" + name)
        cached = self._segment_cache.get(key)
        if cached is None:
            reader = seg.column_reader(name, translate=False) if seg.has_column(name) else None
            if isinstance(reader, VarBytesColumn.Reader):
                cached = _distinct(reader)
            else:
                found: dict[str, int] = {}
                local = np.fromiter((found.setdefault(v, len(found))
                                     for v in self._segment_column(seg, name)),
                                    dtype=np.int32, count=seg.doc_count_all())
                cached = (list(found), local)
            self._segment_cache[key] = cached
        return cast(tuple[list[str], np.ndarray], cached)

    def day_array(self) -> np.ndarray:
        """YYYYMMDD per docnum (partial dates padded with 0), -1 when undated."""
        arr = self._np.get("days")
        if arr is None:
            parts = [self._segment_days(seg) for seg, _ in self._leaves]
            arr = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
            self._np["days"] = arr
        return arr

    def _segment_days(self, seg: Any) -> np.ndarray:
        """One segment's day numbers, parsed with numpy and kept with its columns."""
        segment = seg.segment()
        key = (segment.segment_id() if segment is not None else str(id(seg)), "days")
        cached = self._segment_cache.get(key)
        if cached is None:
            days = day_numbers(self._segment_column(seg, "date"))
            self._segment_cache[key] = days
            return days
        return cast(np.ndarray, cached)

    def days_mask(self, low: int | None, high: int | None) -> np.ndarray:
        """Live documents dated between two YYYYMMDD numbers (inclusive; None: open)."""
        days = self.day_array()
        lo = 0 if low is None else low
        hi = 99_999_999 if high is None else high
        return cast(np.ndarray, (days >= lo) & (days <= hi) & self.live_mask())

    def column(self, name: str) -> list[Any]:
        """One value per docnum; text columns decoded, "" for documents without a value."""
        arr = self._arrays.get(name)
        if arr is None:
            arr = []
            for seg, _ in self._leaves:
                arr.extend(self._segment_column(seg, name))
            self._arrays[name] = arr
        return arr

    def _segment_column(self, seg: Any, name: str) -> list[Any]:
        segment = seg.segment()
        key = (segment.segment_id() if segment is not None else str(id(seg)), name)
        values = self._segment_cache.get(key)
        if values is None:
            if seg.has_column(name) and name in TEXT_COLUMNS:
                raw = _raw_column(seg.column_reader(name, translate=False))
                values = [v.decode("utf-8") if v else "" for v in raw]
            elif seg.has_column(name) and isinstance(seg.schema[name], COLUMN):
                values = _plain_column(seg.column_reader(name, translate=False))
            elif seg.has_column(name):
                values = list(seg.column_reader(name))
            else:
                values = [None] * seg.doc_count_all()
            if name in TEXT_COLUMNS and not seg.has_column(name):
                values = [_text(v) for v in values]
            self._segment_cache[key] = values
        return values

    def records(self, name: str) -> list[tuple[int, np.ndarray, np.ndarray]]:
        """A column of little-endian uint32 records per document (``cpos``, ``tcpos``),
        per segment: (first docnum, all its records in docnum order, where each of its
        documents starts: ``doc_count_all() + 1`` offsets). Each segment's column is
        read in one slice and kept with the segment (never copied into one array: 36 MB
        at 100,000 articles)."""
        found = self._records.get(name)
        if found is None:
            found = []
            for seg, base in self._leaves:
                recs, counts = self._segment_records(seg, name)
                starts = np.zeros(len(counts) + 1, dtype=np.int64)
                np.cumsum(counts, out=starts[1:])
                found.append((base, recs, starts))
            self._records[name] = found
        return found

    def _segment_records(self, seg: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
        segment = seg.segment()
        key = (segment.segment_id() if segment is not None else str(id(seg)), "recs:" + name)
        cached = self._segment_cache.get(key)
        if cached is None:
            count = seg.doc_count_all()
            if not seg.has_column(name):
                cached = [np.zeros(0, dtype=np.uint32), np.zeros(count, dtype=np.int64)]
            else:
                reader = seg.column_reader(name, translate=False)
                if isinstance(reader, VarBytesColumn.Reader):
                    lengths = np.asarray(reader._lengths, dtype=np.int64)
                    data = bytes(reader._dbfile.get(reader._basepos, int(lengths.sum())))
                else:
                    values = [v or b"" for v in reader]
                    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
                    data = b"".join(values)
                cached = [np.frombuffer(data, dtype="<u4"), lengths // 4]
            self._segment_cache[key] = cached
        return cached[0], cached[1]

    def article_ids(self, docnums: Sequence[int] | np.ndarray) -> list[int]:
        if isinstance(docnums, np.ndarray):
            return cast(list[int], self.array("aid")[docnums].tolist())
        aids = self.column("aid")
        return [aids[d] for d in docnums]

    def cached(self, name: str, build: Callable[[], np.ndarray]) -> np.ndarray:
        """An array derived from this generation's columns, built once (e.g. date order)."""
        arr = self._np.get(name)
        if arr is None:
            arr = build()
            self._np[name] = arr
        return arr

    def id_mask(self, article_ids: np.ndarray) -> np.ndarray:
        """Live documents of these article ids, as a boolean array over docnums.

        A dense id -> docnum table (ids are small integers) makes this O(len(ids)): a
        state filter over 30,000 read articles costs a gather, not a sort (``np.isin``).
        """
        lookup = self._np.get("doc_of_aid")
        if lookup is None:
            aids = self.array("aid")
            live = self.live_mask()
            lookup = np.full(int(aids.max(initial=0)) + 2, -1, dtype=np.int64)
            docs = np.flatnonzero(live)
            lookup[aids[docs]] = docs
            self._np["doc_of_aid"] = lookup
        mask = np.zeros(self.size(), dtype=bool)
        ids = np.asarray(article_ids, dtype=np.int64)
        ids = ids[(ids >= 0) & (ids < len(lookup))]
        docs = lookup[ids]
        mask[docs[docs >= 0]] = True
        return mask

    def docnum(self, article_id: int) -> int | None:
        if self._aid_to_doc is None:
            aids = self.column("aid")
            is_deleted = self._reader.is_deleted
            self._aid_to_doc = {a: d for d, a in enumerate(aids) if not is_deleted(d)}
        return self._aid_to_doc.get(int(article_id))

    def live_docs(self) -> list[int]:
        """Docnums of the documents not deleted."""
        if self._live is None:
            live: list[int] = []
            for seg, base in self._leaves:
                count = seg.doc_count_all()
                if seg.has_deletions():
                    gone = seg.deleted_docs_set
                    live.extend(base + d for d in range(count) if d not in gone)
                else:
                    live.extend(range(base, base + count))
            self._live = live
        return self._live

    def live_count(self) -> int:
        return int(self._reader.doc_count())

    def average_body_length(self) -> float:
        if self._avgdl is None:
            lengths = self.array("blen")[self.live_mask()]
            self._avgdl = max(1.0, float(lengths.sum()) / max(1, len(lengths)))
        return self._avgdl

    def days_between(self, low: int | None, high: int | None) -> set[int]:
        """Live docnums dated between two YYYYMMDD numbers (inclusive; None: open).

        From the in-memory date column: a date range covers hundreds of index terms,
        which Whoosh would read one posting at a time.
        """
        mask = self.days_mask(low, high)
        return set(np.flatnonzero(mask).tolist())

    def date_keys(self) -> list[str]:
        """``YYYY-MM-DD`` per document, "" for undated ones."""
        return self.column("date")

    def entity_lists(self) -> list[Sequence[str]]:
        """Per docnum, the article's distinct canonical entity names (decoded once)."""
        if self._entities is None:
            self._entities = [tuple(dict.fromkeys(split_list(v or None)))
                              for v in self.column("ents")]
        return self._entities


class PostingsCache:
    """Decoded postings of recently used terms, bounded by their total number."""

    def __init__(self, budget: int = POSTINGS_BUDGET) -> None:
        self._items: OrderedDict[Any, tuple[Any, int]] = OrderedDict()
        self._size = 0
        self._budget = budget

    def __contains__(self, key: Any) -> bool:
        return key in self._items

    def get(self, key: Any) -> Any:
        item = self._items.get(key)
        if item is None:
            return None
        self._items.move_to_end(key)
        return item[0]

    def put(self, key: Any, value: Any, size: int) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self._size -= old[1]
        self._items[key] = (value, size)
        self._size += size
        while self._size > self._budget and len(self._items) > 1:
            _, (_, dropped) = self._items.popitem(last=False)
            self._size -= dropped


def day_numbers(keys: Sequence[str]) -> np.ndarray:
    """YYYYMMDD numbers of ``YYYY[-MM[-DD]]`` keys (missing parts 0), -1 for ""."""
    if not keys:
        return np.zeros(0, dtype=np.int64)
    codes = np.array(keys, dtype="U10").view(np.uint32).reshape(len(keys), 10).astype(np.int64)
    digits = np.where(codes > 0, codes - ord("0"), 0)
    days = (digits[:, [0, 1, 2, 3, 5, 6, 8, 9]] * 10 ** np.arange(7, -1, -1)).sum(axis=1)
    return np.where(codes[:, 0] > 0, days, -1)


def _raw_column(reader: Any) -> list[Any]:
    """A column's raw values; a whoosh3 variable-bytes column is read in one slice
    rather than one file access per document (100,000 of them for the date column)."""
    if isinstance(reader, VarBytesColumn.Reader):
        lengths = reader._lengths
        data = bytes(reader._dbfile.get(reader._basepos, sum(lengths)))
        ends = list(accumulate(lengths))
        return [data[end - n:end] for n, end in zip(lengths, ends, strict=True)]
    return list(reader)


def _distinct(reader: Any) -> tuple[list[str], np.ndarray]:
    """Distinct values of a whoosh3 variable-bytes column and each document's index into
    them: the values are padded to one width and compared as fixed-size byte strings."""
    lengths = np.asarray(reader._lengths, dtype=np.int64)
    count = len(lengths)
    width = int(lengths.max(initial=0))
    if count == 0 or width == 0:
        return [""], np.zeros(count, dtype=np.int32)
    data = np.frombuffer(bytes(reader._dbfile.get(reader._basepos, int(lengths.sum()))),
                         dtype=np.uint8)
    starts = np.cumsum(lengths) - lengths
    rows = np.repeat(np.arange(count), lengths)
    cols = np.arange(len(data)) - np.repeat(starts, lengths)
    padded = np.zeros((count, width), dtype=np.uint8)
    padded[rows, cols] = data
    keys = padded.view(f"S{width}").ravel()
    uniques, local = np.unique(keys, return_inverse=True)
    return [u.decode("utf-8") for u in uniques.tolist()], local.astype(np.int32).ravel()


def _plain_column(reader: Any) -> list[Any]:
    """A column whose values need no translation (a ``COLUMN`` field); a whoosh3 numeric
    column is unpacked in one call rather than one file access and ``struct`` call per
    document (a search's first look at "aid" and "blen": 20,000 of them at 10,000)."""
    if type(reader) is NumericColumn.Reader:
        count, missing = reader._count, reader._doccount - reader._count
        data = reader._dbfile.get(reader._basepos, count * reader._fixedlen)
        values = list(struct.unpack(f"!{count}{reader._typecode}", data))
        return values + [reader._default] * missing if missing > 0 else values[:reader._doccount]
    return list(reader)


def _text(value: Any) -> str:
    if not value:
        return ""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)

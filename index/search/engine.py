"""``SearchIndex``: the Whoosh index behind the library's search (contract in architecture.md).

One searcher is kept open and swapped for a fresh one after each commit. Reads hold a
lock on it while they run, because Whoosh readers share file positions between threads;
with the GIL a pure-Python search cannot run in parallel anyway, so the lock costs little
throughput, and writes (the slow part) happen outside it on their own writer.

Matching and ranking run on ``scoring.SetScorer`` (all matches ranked, as the contract's
``ids`` need), snippets on ``highlight``; results are cached per searcher generation.
"""

from __future__ import annotations

import heapq
import json
import math
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

import numpy as np
from whoosh import index as windex
from whoosh import query as wq
from whoosh.codec.base import Segment
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, FileIndex, clean_files
from whoosh.reading import SegmentReader
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from index.models import Hit, SearchFilters, SearchResults

from . import mapped_pages, trust
from .analysis import STOPWORDS, folded_words
from .doc_table import DocTable, SegmentCache
from .exact_check import unaccented_exact_words, verify_unaccented
from .highlight import Highlighter, snippet
from .query_build import QueryBuilder, date_query
from .query_syntax import DateCond, Node, Or, parse, plain_words, query_notice
from .schema import SCHEMA_VERSION, IndexDoc, build_schema, doc_fields, normalise_date, stored_text
from .scoring import SetScorer
from .spelling import all_in_library, corrections
from .state_filter import StateLookup

MAX_IDS = 100_000
RESULT_CACHE = 8  # queries kept per searcher generation
SMALL_SEGMENT = 2_000  # segments under this many articles are merged (see merge_small)
MERGE_COUNT = 10
FEW = 5  # below this many results a spelling correction is tried
META_FILE = "veille-search.json"
INDEX_NAME = "MAIN"
SORTS = ("relevance", "newest", "oldest")
OPEN_ATTEMPTS = 5  # opens retried while other processes' commits get signed
COMMIT_SIGN_S = 2.0  # longest a commit may stay unsigned (its new files are hashed)


class IndexUnusable(Exception):
    """The index on disk is damaged or of another schema version: rebuild it from the store."""


@dataclass(frozen=True, slots=True)
class _Matches:
    docnums: np.ndarray  # int64 docnums in result order (at most MAX_IDS)
    scores: np.ndarray
    total: int
    query: wq.Query = wq.NullQuery
    literal: frozenset[str] = frozenset()

    def highlighter(self) -> Highlighter:
        return Highlighter.from_query(self.query, self.literal)


# What a query resolves to: its parsed form, matches, spelling (corrected, suggestion), partial.
_Resolved = tuple[Node | None, _Matches, tuple[str | None, str | None], bool]


class SearchIndex:
    """A French/English-aware full-text index of the library's articles."""

    def __init__(self, ix: TrustedIndex, directory: Path, manifest: trust.Manifest) -> None:
        self._ix = ix
        self.directory = directory
        self.manifest = manifest
        self._stamp = trust.manifest_stamp(directory)
        self._read_lock = threading.RLock()
        self._write_lock = threading.Lock()
        self._searcher: Searcher = ix.searcher()
        self._segment_cache: SegmentCache = {}
        self._table = DocTable(self._searcher, self._segment_cache)
        # The library's state filters (is:read, tag:...) and words of notes; its stamp
        # changes with every state write, so cached results of such queries are redone.
        self.state_lookup: StateLookup | None = None
        self.state_stamp = 0
        self._pages = mapped_pages.guard()  # a long-lived process gives mapped pages back

    # Opening

    @classmethod
    def open(cls, directory: str | os.PathLike[str], store_id: str | None = None) -> SearchIndex:
        """Opens the index Veille wrote in ``directory`` (creating it when the folder is
        missing or empty); raises IndexUnusable when it is damaged, foreign (another
        library's, or not signed by this user's Veille) or of another schema version."""
        path = Path(directory)
        if not path.exists() or not any(path.iterdir()):
            return cls.create(path, store_id or "")
        for attempt in range(OPEN_ATTEMPTS):
            stamp = trust.manifest_stamp(path)
            try:
                return cls._open_signed(path, store_id)
            except IndexUnusable:
                # Another process between its Whoosh commit (which removed the files of
                # the signed one) and its signature: wait for the signature, not rebuild.
                if attempt == OPEN_ATTEMPTS - 1 or not _signed_soon(path, stamp):
                    raise
        raise AssertionError("unreachable")

    @classmethod
    def _open_signed(cls, path: Path, store_id: str | None) -> SearchIndex:
        manifest = _checked_manifest(path, store_id)
        try:
            ix = TrustedIndex(path, manifest.toc)
            engine = cls(ix, path, manifest)
            count = engine.doc_count()
        except Exception as exc:  # any failure to read means: rebuild from the store
            raise IndexUnusable(f"the search index in {path} cannot be read: {exc}") from exc
        if count != manifest.count:
            engine.close()
            raise IndexUnusable(f"the search index holds {count} articles, its manifest "
                                f"{manifest.count}: it was damaged")
        return engine

    @classmethod
    def create(cls, directory: str | os.PathLike[str], store_id: str = "") -> SearchIndex:
        """Creates an empty index, removing an older one's files (and only those)."""
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        for child in path.iterdir():
            if child.is_file() and _is_index_file(child.name):
                child.unlink()
        windex.create_in(str(path), build_schema(), indexname=INDEX_NAME)
        manifest = trust.sign(path, store_id=store_id, schema=SCHEMA_VERSION, toc=0, count=0,
                              index_files=trust.index_files(path))
        return cls(TrustedIndex(path, 0), path, manifest)

    def close(self) -> None:
        with self._read_lock:
            self._searcher.close()
            self._ix.close()

    def changed_on_disk(self) -> bool:
        """True when another process committed since this one last looked (cheap: a stat)."""
        return trust.manifest_stamp(self.directory) != self._stamp

    def reload(self) -> bool:
        """Follow another process's commits (or a rebuild swapped in); True if anything
        changed. Raises IndexUnusable when what is there now cannot be trusted."""
        stamp = trust.manifest_stamp(self.directory)
        if stamp == self._stamp:
            return False
        for attempt in range(5):
            manifest = _checked_manifest(self.directory, self.manifest.store_id or None)
            try:
                ix = TrustedIndex(self.directory, manifest.toc)
                searcher = ix.searcher()
            except OSError:  # a newer commit removed files of the one just read
                if attempt == 4:
                    raise
                time.sleep(0.05)
                continue
            with self._read_lock:
                old_searcher, old_ix = self._searcher, self._ix
                self._ix, self.manifest, self._stamp = ix, manifest, stamp
                self._searcher = searcher
                self._table = DocTable(searcher, self._segment_cache)
                self._drop_stale_segments()
                old_searcher.close()
                old_ix.close()
            return True
        return False

    # Writing

    def add(self, docs: Sequence[IndexDoc], *, bulk: bool = False, procs: int = 1) -> None:
        """Adds or replaces articles (by ``article_id``) in one commit.

        ``bulk`` is for rebuilds and large imports (thousands per call): a bigger memory
        buffer and no segment merge at commit time (call ``optimize`` at the end if time
        allows). ``procs`` > 1 also analyses in that many processes; Whoosh starts them
        with fork, so use it from the command line, not from a process running Qt threads.
        """
        unique = {d.article_id: d for d in docs}
        if not unique:
            return
        with self._write_lock:
            fresh = self._ix.is_empty()
            writer = self._writer(bulk, procs if len(unique) >= 400 else 1)
            try:
                for doc in unique.values():
                    fields = doc_fields(doc)
                    if fresh:
                        writer.add_document(**fields)
                    else:
                        writer.update_document(**fields)
            except BaseException:
                writer.cancel()
                raise
            if bulk:
                writer.commit(merge=False)
            else:
                writer.commit(mergetype=merge_small)
            self._committed()

    def _writer(self, bulk: bool, procs: int) -> SegmentWriter:
        """Whoosh sorts its whole buffer in one GIL-holding ``sorted()`` call when it
        fills: a small buffer for ordinary imports keeps that pause short for the GUI."""
        if procs > 1:
            # Whoosh's MpWriter, with sub-writer processes that die with this one.
            from .subwriters import GuardedMpWriter

            return GuardedMpWriter(self._ix, procs=procs, limitmb=256, multisegment=True)
        return self._ix.writer(limitmb=256 if bulk else 16)

    def delete(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        with self._write_lock:
            writer = self._ix.writer()
            for article_id in ids:
                writer.delete_by_term("id", str(article_id))
            writer.commit()
            self._committed()

    def optimize(self) -> None:
        """Merges all segments into one (after a bulk rebuild): faster searches afterwards."""
        with self._write_lock:
            self._ix.optimize()
            self._committed()

    def live_segments(self) -> list[Segment]:
        """The segments the current searcher reads (in memory: a cheap look for compaction)."""
        with self._read_lock:
            return [r.segment() for r, _ in self._searcher.reader().leaf_readers()
                    if r.segment() is not None]

    def snapshot_segments(self) -> tuple[int, list[Segment]]:
        """The signed generation this index reads and fresh copies of its segments (their
        deletions as of that generation): what a compaction merges from."""
        with self._read_lock:
            return self._ix.gen, list(self._ix._read_toc().segments)

    def commit_segments(self, build: Callable[[list[Segment]], list[Segment] | None]) -> bool:
        """Commit ``build(current segments)`` as the next generation, signed (compaction's
        swap: call under the library's writer lock, with the new segments' files in place);
        ``build`` returns None to leave the index as it is. True when committed."""
        with self._write_lock:
            current = list(self._ix._read_toc().segments)
            segments = build(current)
            if segments is None:
                return False
            gen = self._ix.gen + 1
            TOC(self._ix._schema, segments, gen).write(self._ix.storage, INDEX_NAME)
            clean_files(self._ix.storage, INDEX_NAME, gen, segments)
            self._committed()
            return True

    def _committed(self) -> None:
        """After our own commit: follow it, then sign the files it left."""
        self._ix.gen = self._ix.latest_on_disk()
        self._refresh()
        self.manifest = trust.sign(
            self.directory, store_id=self.manifest.store_id, schema=SCHEMA_VERSION,
            toc=self._ix.gen, count=self.doc_count(),
            index_files=trust.index_files(self.directory), previous=self.manifest,
        )
        self._stamp = trust.manifest_stamp(self.directory)

    def _refresh(self) -> None:
        """Swaps in a searcher on the current generation.

        A fresh searcher rather than ``Searcher.refresh()``: whoosh3 3.54 reuses segment
        readers across generations without their new deletions (an updated article would
        still be found) and fails to reuse an empty reader.
        """
        with self._read_lock:
            old = self._searcher
            self._searcher = self._ix.searcher()
            self._table = DocTable(self._searcher, self._segment_cache)
            self._drop_stale_segments()
            old.close()

    def _drop_stale_segments(self) -> None:
        live = {seg.segment().segment_id() for seg, _ in self._searcher.reader().leaf_readers()
                if seg.segment() is not None}
        for key in [k for k in self._segment_cache if k[0] not in live]:
            del self._segment_cache[key]

    def article_ids(self) -> np.ndarray:
        """Every article id in the index (for the library's consistency check)."""
        with self._reading() as (_, table):
            live = np.asarray(table.live_docs(), dtype=np.int64)
            return np.asarray(table.article_ids(live), dtype=np.int64)

    @contextmanager
    def _reading(self) -> Iterator[tuple[Searcher, DocTable]]:
        with self._read_lock:
            yield self._searcher, self._table

    # Reading

    def doc_count(self) -> int:
        with self._reading() as (searcher, _):
            return int(searcher.doc_count())

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        sort: str = "relevance",
        filters: SearchFilters | None = None,
    ) -> SearchResults:
        """Runs a query; forgiving for plain words (spelling fix, then partial matches)."""
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {SORTS}, not {sort!r}")
        with self._reading() as (searcher, table):
            _, matches, (corrected, suggestion), partial = self._resolve(
                searcher, table, query, sort, filters)
            hl = matches.highlighter()
            shown = matches.docnums[: max(0, limit)].tolist()
            hits = [self._hit(searcher, table, d, s, hl)
                    for d, s in zip(shown, matches.scores.tolist(), strict=False)]
            ids = table.article_ids(matches.docnums[:MAX_IDS])
        self._pages.tick()
        return SearchResults(query=query, hits=tuple(hits), total=matches.total, ids=tuple(ids),
                             corrected=corrected, partial=partial, notice=query_notice(query),
                             suggestion=suggestion)

    def _resolve(
        self, searcher: Searcher, table: DocTable, query: str, sort: str,
        filters: SearchFilters | None,
    ) -> tuple[Node | None, _Matches, tuple[str | None, str | None], bool]:
        """The query's matches, cached per searcher generation (the GUI asks for the same
        query's page, facets and lazy rows in a row)."""
        sorts = (*SORTS, "any") if sort == "any" else (sort,)
        stamp = self.state_stamp
        for key in ((query, s, filters, stamp) for s in sorts):
            if key in table.results:
                table.results.move_to_end(key)
                return cast(_Resolved, table.results[key])
        found = self._resolve_uncached(searcher, table, query, sort, filters)
        table.results[(query, sort, filters, stamp)] = found
        while len(table.results) > RESULT_CACHE:
            table.results.popitem(last=False)
        return found

    def _resolve_uncached(
        self, searcher: Searcher, table: DocTable, query: str, sort: str,
        filters: SearchFilters | None,
    ) -> tuple[Node | None, _Matches, tuple[str | None, str | None], bool]:
        node = parse(query)
        if node is None and sort == "relevance":
            sort = "newest"  # nothing to rank by: browsing the library, latest first
        fq = filter_query(filters)
        matches = self._run(searcher, table, node, sort, fq)
        leaves = plain_words(node)
        corrected: str | None = None
        suggestion: str | None = None
        if leaves and matches.total < FEW:
            # Never replace a query that found articles with words (or forms of them) all
            # in the library: it is what those articles say ("DOWGRADED MOODY", issue 12);
            # then a better spelling is only offered ("Did you mean…").
            keep = bool(matches.total) and all_in_library(leaves, searcher.reader())
            best = matches
            for fixed in corrections(query, leaves, searcher.reader()):
                better = self._run(searcher, table, parse(fixed), sort, fq)
                if better.total > best.total:
                    best, suggestion = better, fixed
                if best.total >= FEW:
                    break
            if suggestion is not None and not keep:
                node, matches, corrected, suggestion = parse(suggestion), best, suggestion, None
            leaves = plain_words(node)
        partial = False
        if matches.total == 0 and leaves and len(leaves) > 1:
            matches = self._partial(searcher, table, leaves, sort, fq)
            partial = matches.total > 0
            node = Or(tuple(leaves))
        return node, matches, (corrected, suggestion), partial

    def _run(self, searcher: Searcher, table: DocTable, node: Node | None, sort: str,
             fq: wq.Query | None) -> _Matches:
        builder = QueryBuilder(searcher.reader(), table.variants, self.state_lookup)
        q = builder.build(node)
        scorer = SetScorer(searcher, table)
        docs = scorer.mask(q)
        if fq is not None and docs.any():
            docs &= scorer.mask(fq)
        for word in unaccented_exact_words(node):
            kept = verify_unaccented(searcher, scorer, set(np.flatnonzero(docs).tolist()), word)
            docs = np.zeros_like(docs)
            docs[np.fromiter(kept, dtype=np.int64, count=len(kept))] = True
        found = self._order(scorer, table, q, docs, sort)
        return replace(found, query=q, literal=frozenset(builder.literal))

    @staticmethod
    def _order(scorer: SetScorer, table: DocTable, q: wq.Query, docs: np.ndarray, sort: str,
               coverage: np.ndarray | None = None) -> _Matches:
        """Relevance (more query words first when ``coverage`` counts them) or date order.

        One numpy sort of all matches (ties: lower docnum first), not a Python ``sorted``.
        """
        cand = np.flatnonzero(docs)
        total = len(cand)
        if sort == "any":  # facets: order does not matter
            return _Matches(cand, np.zeros(0), total)
        if sort == "relevance":
            scores = scorer.score_array(q)[cand]
            if coverage is not None:
                order = np.lexsort((cand, -scores, -coverage[cand]))
            else:
                order = np.argsort(-scores, kind="stable")
            order = order[:MAX_IDS]
            return _Matches(cand[order], scores[order], total)
        newest = sort != "oldest"
        full = table.cached("order-newest" if newest else "order-oldest",
                            lambda: sort_by_date(np.flatnonzero(table.live_mask()),
                                                 table.day_array(), newest=newest))
        # The whole library's date order, computed once per searcher, filtered by the
        # matches: a gather instead of a sort (70,000 matches: 1 ms instead of 35).
        ordered = full[docs[full]][:MAX_IDS]
        return _Matches(ordered, np.zeros(len(ordered)), total)

    def _partial(self, searcher: Searcher, table: DocTable, leaves: Sequence[Node], sort: str,
                 fq: wq.Query | None) -> _Matches:
        """Articles matching most of the words, those matching more words first."""
        builder = QueryBuilder(searcher.reader(), table.variants, self.state_lookup)
        scorer = SetScorer(searcher, table)
        allowed = scorer.mask(fq) if fq is not None else None
        counts = np.zeros(table.size(), dtype=np.int64)
        required: np.ndarray | None = None
        for leaf in leaves:
            found = scorer.mask(builder.build(leaf))
            if allowed is not None:
                found &= allowed
            counts += found
            if getattr(leaf, "required", False):
                required = found if required is None else required & found
        if required is not None:
            counts[~required] = 0
        if not counts.any():
            return _Matches(np.zeros(0, dtype=np.int64), np.zeros(0), 0)
        need = max(1, min(int(counts.max()), (len(leaves) + 1) // 2))
        q = builder.build(Or(tuple(leaves)))
        ordered = self._order(scorer, table, q, counts >= need, sort, counts)
        return replace(ordered, query=q, literal=frozenset(builder.literal))

    def _hit(self, searcher: Searcher, table: DocTable, docnum: int, score: float,
             hl: Highlighter) -> Hit:
        stored = searcher.stored_fields(docnum)
        text = stored_text(stored)
        lang = stored.get("lang")
        return Hit(
            article_id=table.article_ids([docnum])[0],
            score=float(score),
            title=stored.get("title", ""),
            date=stored.get("date"),
            source=stored.get("src"),
            lang=lang,
            snippet=snippet(text, hl.spans(text)),
        )

    def hits(self, query: str, ids: Sequence[int]) -> list[Hit]:
        """Snippets for any ids (rows a view builds lazily); unknown ids are skipped."""
        out: list[Hit] = []
        with self._reading() as (searcher, table):
            hl = self._highlighter(searcher, table, query)
            for article_id in ids:
                docnum = table.docnum(article_id)
                if docnum is not None:
                    out.append(self._hit(searcher, table, docnum, 0.0, hl))
        return out

    def match_spans(self, query: str, text: str, title: str = "") -> list[tuple[int, int]]:
        """Character spans of ``text`` the query matches (``title`` is not searched for spans;
        it is accepted so callers can pass the whole article)."""
        del title
        with self._reading() as (searcher, table):
            hl = self._highlighter(searcher, table, query)
        return hl.spans(text)

    @staticmethod
    def _highlighter(searcher: Searcher, table: DocTable, query: str) -> Highlighter:
        """The highlighter of the query as last searched (so a spelling fix or a partial
        match marks what was actually found), else of the query as typed."""
        for key, (_, matches, _, _) in reversed(table.results.items()):
            if key[0] == query:
                return cast(Highlighter, matches.highlighter())
        builder = QueryBuilder(searcher.reader(), table.variants)  # state marks no words
        q = builder.build(parse(query))
        return Highlighter.from_query(q, frozenset(builder.literal))

    def facets(self, query: str, filters: SearchFilters | None = None,
               top: int = 100, collapse: Mapping[int, int] | None = None
               ) -> dict[str, list[tuple[str, int]]]:
        """Counts per source, language and entity over all the query's results;
        ``collapse`` (article id -> story id) counts the versions of a story once."""
        with self._reading() as (searcher, table):
            _, matches, _, _ = self._resolve(searcher, table, query, "any", filters)
            docs = _one_per_story(table, matches.docnums, collapse).tolist()
            src_col, lang_col = table.column("src"), table.column("lang")
            sources = Counter(src_col[d] for d in docs)
            langs = Counter(lang_col[d] for d in docs)
            names = table.entity_lists()
            ents = Counter(name for d in docs for name in names[d])
        sources.pop("", None)
        langs.pop("", None)
        return {
            "source": _ranked(sources, top),
            "lang": _ranked(langs, top),
            "entity": _ranked(ents, top),
        }

    def timeline(self, query: str, filters: SearchFilters | None = None,
                 collapse: Mapping[int, int] | None = None) -> list[tuple[int, int]]:
        """(YYYYMMDD, count) per day over all the query's dated results, in day order:
        the histogram above the result list groups them by month, week or day."""
        with self._reading() as (searcher, table):
            _, matches, _, _ = self._resolve(searcher, table, query, "any", filters)
            days = table.day_array()[_one_per_story(table, matches.docnums, collapse)]
        days = days[days > 0]
        if not len(days):
            return []
        values, counts = np.unique(days, return_counts=True)
        return list(zip(values.tolist(), counts.tolist(), strict=True))

    def more_like(self, article_id: int, limit: int = 10) -> SearchResults:
        """Articles sharing the most distinctive words of the given one."""
        with self._reading() as (searcher, table):
            docnum = table.docnum(article_id)
            if docnum is None:
                return SearchResults(query="", hits=(), total=0)
            stored = searcher.stored_fields(docnum)
            terms = key_terms(searcher, stored.get("title", "") + "\n" + stored_text(stored))
            q = wq.Or([wq.Term(f, t) for t in terms for f in ("title", "body")])
            scorer = SetScorer(searcher, table)
            docs = scorer.mask(q)
            docs[docnum] = False
            cand = np.flatnonzero(docs)
            all_scores = scorer.score_array(q)
            best = cand[np.argsort(-all_scores[cand], kind="stable")[: max(0, limit)]].tolist()
            hl = Highlighter()
            hits = [self._hit(searcher, table, d, float(all_scores[d]), hl) for d in best]
        ids = tuple(h.article_id for h in hits)
        return SearchResults(query=stored.get("title", ""), hits=tuple(hits), total=len(hits),
                             ids=ids)


def key_terms(searcher: Searcher, text: str, count: int = 15) -> list[str]:
    """The most distinctive words of a text (tf x idf over the index's folded body words).

    Document frequencies come from the largest segment (one lookup per word, not one per
    segment): ranking words needs their proportions, not exact counts.
    """
    tf = Counter(f for f in folded_words(text) if len(f) > 2 and f.isalpha() and f not in STOPWORDS)
    seg = max((r for r, _ in searcher.reader().leaf_readers()), key=lambda r: r.doc_count_all())
    total = seg.doc_count_all()
    df = seg.doc_frequency
    scored = [(n * math.log(1 + total / (1 + df("body", t))), t) for t, n in tf.items()]
    return [t for _, t in heapq.nlargest(count, scored)]


def merge_small(writer: SegmentWriter, segments: list[Segment]) -> list[Segment]:
    """Merge policy: once ``MERGE_COUNT`` segments hold under ``SMALL_SEGMENT`` articles
    each, merge them into one (under 20,000 articles: seconds); never touch bigger ones.

    Whoosh's default policy may merge the large segments of a bulk load on the next small
    commit: importing 20 articles into a 100,000-article library then rewrote the whole
    index in pure Python (minutes). Large segments are merged only by ``optimize``.
    """
    small = [seg for seg in segments if seg.doc_count_all() < SMALL_SEGMENT]
    if len(small) < MERGE_COUNT:
        return segments
    for seg in small:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in segments if seg.doc_count_all() >= SMALL_SEGMENT]


def filter_query(filters: SearchFilters | None) -> wq.Query | None:
    """The side filters as one query; each set field must hold, values of a field are ORed
    (sources, languages) except entities, which must all be present (drill-down)."""
    if filters is None:
        return None
    parts: list[wq.Query] = []
    low, high = normalise_date(filters.date_from), normalise_date(filters.date_to)
    if low or high:
        parts.append(date_query(DateCond(low, high)))
    if filters.sources:
        parts.append(wq.Or([wq.Term("src", s) for s in filters.sources]))
    if filters.langs:
        parts.append(wq.Or([wq.Term("lang", lang.lower()) for lang in filters.langs]))
    parts.extend(QueryBuilder.entity_term(e) for e in filters.entities)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _one_per_story(table: DocTable, docnums: np.ndarray,
                   collapse: Mapping[int, int] | None) -> np.ndarray:
    """The documents left when each story's versions count once (the first in index
    order stands for the story): for counts, where which version does not matter."""
    if not collapse or not len(docnums):
        return docnums
    ids = np.asarray(table.article_ids(docnums), dtype=np.int64)
    keys = np.fromiter((collapse.get(i, -i) for i in ids.tolist()), dtype=np.int64,
                       count=len(ids))
    _, first = np.unique(keys, return_index=True)
    return docnums[np.sort(first)]


def sort_by_date(docnums: np.ndarray, days: np.ndarray, *, newest: bool) -> np.ndarray:
    """Dated articles newest (or oldest) first (same day: latest added first when newest),
    then the undated ones (``days`` < 0) in docnum order."""
    d = days[docnums]
    dated, undated = docnums[d >= 0], docnums[d < 0]
    dd = d[d >= 0]
    order = np.lexsort((-dated, -dd)) if newest else np.lexsort((dated, dd))
    return np.concatenate([dated[order], np.sort(undated)])


def _ranked(counter: Counter[str], top: int) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].casefold()))[:top]


class TrustedIndex(FileIndex):
    """A Whoosh index pinned to the generation its signed manifest vouches for.

    ``FileIndex`` reads the newest table of contents on disk; a reader in another process
    must not read one that was not signed yet (or at all), so the generation is fixed
    here and moved on only after verification (``SearchIndex.reload``). Passing our own
    schema also keeps Whoosh from unpickling the schema stored in the TOC.
    """

    def __init__(self, directory: Path, gen: int) -> None:
        self.storage = FileStorage(str(directory))
        self._schema = build_schema()
        self.indexname = INDEX_NAME
        self.gen = gen
        TOC.read(self.storage, self.indexname, gen=gen, schema=self._schema)

    def _read_toc(self) -> TOC:
        return TOC.read(self.storage, self.indexname, gen=self.gen, schema=self._schema)

    def latest_generation(self) -> int:
        return self.gen

    def latest_on_disk(self) -> int:
        return int(TOC._latest_generation(self.storage, self.indexname))


def _signed_soon(path: Path, stamp: tuple[int, int, int] | None) -> bool:
    """True once a commit under way in ``path`` (a table of contents newer than the one
    the manifest names) is signed; False at once when no commit is under way, or when it
    stays unsigned for COMMIT_SIGN_S (its writer was killed: the index gets rebuilt)."""
    try:
        named = int(json.loads((path / trust.MANIFEST_FILE).read_text("utf-8"))["manifest"]["toc"])
        latest = TOC._latest_generation(FileStorage(str(path)), INDEX_NAME)
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if latest == named and trust.manifest_stamp(path) == stamp:
        return False
    deadline = time.monotonic() + COMMIT_SIGN_S
    while trust.manifest_stamp(path) == stamp:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _checked_manifest(path: Path, store_id: str | None) -> trust.Manifest:
    try:
        manifest = trust.verify(path)
    except trust.Untrusted as exc:
        raise IndexUnusable(str(exc)) from exc
    if manifest.schema != SCHEMA_VERSION:
        raise IndexUnusable(f"index schema {manifest.schema}, this version needs {SCHEMA_VERSION}")
    if store_id and manifest.store_id != store_id:
        raise IndexUnusable("the search index belongs to another library")
    if TOC._latest_generation(FileStorage(str(path)), INDEX_NAME) > manifest.toc:
        raise IndexUnusable("the search index has a commit that was never signed")
    return manifest


def _is_index_file(name: str) -> bool:
    return (
        name in (META_FILE, trust.MANIFEST_FILE)
        or name.startswith(("_" + INDEX_NAME + "_", INDEX_NAME + "_", INDEX_NAME + "."))
        or name.endswith((".toc", ".seg", ".pst", ".trm", ".fln", ".vps", ".vpi", ".sto"))
    )

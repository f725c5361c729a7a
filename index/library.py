"""The Library facade: the one API the GUI, the command line and the tests use.

It ties the store (truth), the search index (a cache of the store) and the entity
extractor together, and keeps one writer lane: every write takes ``_write_lock``,
while any number of threads search and read through their own connections.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from index import entity_store
from index.entity_worker import ProcessExtractor
from index.import_batch import ImportBatch
from index.importers import Source, iter_sources
from index.importers.archive import release as release_archives
from index.models import (
    Article,
    EntityInfo,
    EntityType,
    Hit,
    ImportReport,
    Mention,
    SearchFilters,
    SearchResults,
)
from index.parse_pool import parse_sources
from index.search import IndexDoc, IndexUnusable, SearchIndex
from index.store import Store

if TYPE_CHECKING:
    from index.entities import EntityExtractor

Progress = Callable[[int, int | None, str], None]
Sort = Literal["relevance", "newest", "oldest"]

STORE_FILE = "library.sqlite3"
INDEX_DIR = "search-index"
_REINDEX_BATCH = 5000
BULK_ARTICLES = 400


class _Cancel:
    """Stands in for a threading.Event when the caller gives none."""

    def is_set(self) -> bool:
        return False


class Library:
    """A library folder: ``library.sqlite3`` (the truth) and ``search-index/`` (derived)."""

    def __init__(
        self, path: Path, store: Store, index: SearchIndex,
        extractor: EntityExtractor | None = None,
    ) -> None:
        self.path = path
        self.store = store
        self.index = index
        self._write_lock = threading.RLock()
        self._extractor: EntityExtractor | ProcessExtractor | None = extractor
        self._extractor_lock = threading.Lock()
        self.keep_originals = self._setting("keep_originals", "1") == "1"

    # -- lifecycle -----------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, extractor: EntityExtractor | None = None) -> Library:
        """Open or create the library at ``path``; repair the index from the store if needed.

        ``extractor`` shares an already loaded entity model (tests, several libraries in
        one process); by default the library loads its own on first use.
        """
        path = Path(path).expanduser()
        path.mkdir(parents=True, exist_ok=True)
        store = Store(path / STORE_FILE)
        index_dir = path / INDEX_DIR
        rebuild = False
        try:
            index = SearchIndex.open(index_dir)
        except IndexUnusable:
            shutil.rmtree(index_dir, ignore_errors=True)
            index = SearchIndex.create(index_dir)
            rebuild = True
        lib = cls(path, store, index, extractor)
        if rebuild:
            lib.reindex()
        elif index.doc_count() == 0 and store.article_count() > 0:
            lib.reindex()  # the index folder was deleted or emptied: it is only a cache
        else:
            lib._finish_interrupted()
        return lib

    def close(self) -> None:
        with self._write_lock:
            if isinstance(self._extractor, ProcessExtractor):
                self._extractor.close()
            self.index.close()
            self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _finish_interrupted(self) -> None:
        """Index articles whose import was killed between the store and index commits."""
        if self.store.unindexed_count():
            self._index_where("indexed = 0")

    def _setting(self, key: str, default: str) -> str:
        row = self.store.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_keep_originals(self, keep: bool) -> None:
        """Very large libraries may choose not to keep the imported files' bytes."""
        with self._write_lock:
            self.store.conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES('keep_originals', ?)",
                ("1" if keep else "0",),
            )
            self.keep_originals = keep

    # -- import --------------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[Path | str],
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportReport:
        """Import files, folders and archives; every file gets its line in the report.

        Articles are committed in batches (store first, then index, then flagged as
        indexed), so a cancelled or killed import leaves only whole articles behind and
        can simply be run again: duplicates are recognised and reported, not re-added.
        """
        cancel_flag = cancel or _Cancel()
        sources = [s for s in iter_sources(Path(p) for p in paths) if not self._own_file(s)]
        batch = ImportBatch(self, progress, len(sources))
        with self._write_lock:
            try:
                for parsed in parse_sources(sources, keep=self.keep_originals, cancel=cancel_flag):
                    batch.add(parsed)
            finally:
                batch.finish()
                release_archives()  # close ZIP files opened while reading members
        batch.report.cancelled = cancel_flag.is_set() and len(batch.report.files) < len(sources)
        return batch.report

    def _own_file(self, source: Source) -> bool:
        """The library's own database and index are never articles (a folder dropped
        on the window may contain the library)."""
        return source.path is not None and source.path.resolve().is_relative_to(
            self.path.resolve()
        )

    def index_articles(self, articles: Sequence[Article]) -> None:
        """(Re)write these articles' index documents with their current entities.

        Large batches are analysed by two writer processes when starting them is safe
        (Whoosh starts them with the default start method: spawn is safe beside Qt's
        threads, fork only in a single-threaded process).
        """
        if not articles:
            return
        names = entity_store.article_entity_names(self.store.conn, [a.id for a in articles])
        docs = [_index_doc(a, names.get(a.id, ())) for a in articles]
        bulk = len(docs) >= BULK_ARTICLES
        procs = 2 if bulk and _can_start_writer_processes() else 1
        self.index.add(docs, bulk=bulk, procs=procs)
        with self.store.transaction():
            self.store.mark_indexed([a.id for a in articles])

    def _index_where(self, where: str, progress: Progress | None = None) -> int:
        done = 0
        total = self.store.article_count()
        for articles in self.store.iter_articles(where, batch=_REINDEX_BATCH):
            self.index_articles(articles)
            done += len(articles)
            if progress:
                progress(done, total, "")
        return done

    def reindex(self, progress: Progress | None = None) -> int:
        """Rebuild the search index from the store; returns the number of articles."""
        with self._write_lock:
            self.index.close()
            index_dir = self.path / INDEX_DIR
            shutil.rmtree(index_dir, ignore_errors=True)
            self.index = SearchIndex.create(index_dir)
            with self.store.transaction():
                self.store.mark_all_unindexed()
            return self._index_where("1", progress)

    # -- entities ------------------------------------------------------------

    @property
    def extractor(self) -> EntityExtractor | ProcessExtractor:
        """A given extractor, else a child process started on first use (spaCy takes
        seconds to load and holds the global lock: it must not run in the reader's process).
        """
        with self._extractor_lock:
            if self._extractor is None:
                self._extractor = ProcessExtractor()
            return self._extractor

    def pending_entities(self) -> int:
        return self.store.pending_entities()

    def extract_pending(
        self,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        batch_size: int = 48,
    ) -> int:
        """Extract entities for articles that have none yet; returns how many were done.

        The model runs outside the writer lock (in a child process by default), and the
        next batch is sent to it before the current one is written, so the model and
        the writes overlap; only the short write of each batch takes the lock.
        """
        cancel_flag = cancel or _Cancel()
        done, last = 0, 0
        total = self.pending_entities()
        inflight: tuple[list[Article], Future[list[list[Mention]]]] | None = None
        while True:
            upcoming = None
            if not cancel_flag.is_set():
                ids = self.store.pending_entity_ids(batch_size, after=last)
                if ids:
                    last = ids[-1]
                    articles = self.store.articles(ids)
                    upcoming = (articles, self._submit_extraction(articles))
            if inflight is not None:
                self._save_mentions(*inflight)
                done += len(inflight[0])
                if progress:
                    progress(done, max(total, done), inflight[0][-1].title)
            if upcoming is None:
                return done
            inflight = upcoming

    def _submit_extraction(self, articles: Sequence[Article]) -> Future[list[list[Mention]]]:
        items = [(a.text, a.lang) for a in articles]
        extractor = self.extractor
        if isinstance(extractor, ProcessExtractor):
            return extractor.submit(items)
        future: Future[list[list[Mention]]] = Future()
        future.set_result(extractor.extract_batch(items))
        return future

    def _save_mentions(
        self, articles: list[Article], future: Future[list[list[Mention]]]
    ) -> None:
        results = future.result()
        with self._write_lock:
            with self.store.transaction() as conn:
                for article, mentions in zip(articles, results, strict=True):
                    entity_store.save_mentions(conn, article.id, mentions)
            self.index_articles(articles)

    def entities(
        self,
        article_id: int | None = None,
        query: str | None = None,
        sort: Literal["frequency", "name"] = "frequency",
        include_hidden: bool = False,
        label: EntityType | None = None,
    ) -> list[EntityInfo]:
        """Entities with counts; ``query`` ignores case and accents."""
        return entity_store.list_entities(
            self.store.conn, article_id=article_id, query=query, sort=sort,
            include_hidden=include_hidden, label=label,
        )

    def reextract(self, article_ids: Sequence[int] | None = None) -> int:
        """Queue articles (all by default) for entity extraction again, e.g. after a
        better model is installed; curation edits are kept. Returns how many."""
        with self._write_lock, self.store.transaction():
            return self.store.reset_entities(article_ids)

    def entity(self, entity_id: int) -> EntityInfo | None:
        return entity_store.entity(self.store.conn, entity_id)

    def entity_articles(self, entity_id: int) -> list[Article]:
        """The articles that mention an entity, newest first."""
        return self.store.articles(entity_store.entity_article_ids(self.store.conn, entity_id))

    def rename_entity(self, entity_id: int, name: str) -> None:
        self._curate(entity_store.rename, entity_id, name)

    def retype_entity(self, entity_id: int, label: EntityType) -> None:
        self._curate(entity_store.retype, entity_id, label)

    def hide_entity(self, entity_id: int, hidden: bool = True) -> None:
        self._curate(entity_store.set_hidden, entity_id, hidden)

    def merge_entities(self, source_id: int, target_id: int) -> None:
        """Fold ``source_id`` into ``target_id`` (the one that keeps its name)."""
        self._curate(entity_store.merge, source_id, target_id)

    def undo_entity_edit(self) -> str | None:
        """Undo the newest curation edit; returns its kind, or None if nothing to undo."""
        with self._write_lock:
            with self.store.transaction() as conn:
                undone = entity_store.undo_last(conn)
            if undone is None:
                return None
            kind, affected = undone
            self.index_articles(self.store.articles(affected))
            return kind

    def _curate(self, edit: Callable[..., list[int]], *args: object) -> None:
        with self._write_lock:
            with self.store.transaction() as conn:
                affected = edit(conn, *args)
            self.index_articles(self.store.articles(affected))

    # -- reading -------------------------------------------------------------

    def article_count(self) -> int:
        return self.store.article_count()

    def article(self, article_id: int) -> Article | None:
        article = self.store.article(article_id)
        if article is None:
            return None
        mentions = entity_store.article_mentions(self.store.conn, article_id)
        return _with_mentions(article, mentions)

    def original_bytes(self, article_id: int) -> bytes | None:
        return self.store.original_bytes(article_id)

    def search(
        self,
        query: str,
        limit: int = 20,
        sort: Sort = "relevance",
        filters: SearchFilters | None = None,
    ) -> SearchResults:
        return self.index.search(query, limit=limit, sort=sort, filters=filters)

    def hits(self, query: str, ids: Sequence[int]) -> list[Hit]:
        return self.index.hits(query, ids)

    def match_spans(self, query: str, text: str, title: str = "") -> list[tuple[int, int]]:
        return self.index.match_spans(query, text, title)

    def facets(
        self, query: str, filters: SearchFilters | None = None
    ) -> dict[str, list[tuple[str, int]]]:
        return self.index.facets(query, filters)

    def related(self, article_id: int, limit: int = 10) -> SearchResults:
        return self.index.more_like(article_id, limit)


def _can_start_writer_processes() -> bool:
    if (os.cpu_count() or 1) < 2:
        return False
    method = multiprocessing.get_start_method(allow_none=True) or "fork"
    return method in ("spawn", "forkserver") or threading.active_count() == 1


def _index_doc(article: Article, entities: Iterable[str]) -> IndexDoc:
    return IndexDoc(
        article_id=article.id,
        title=article.title,
        text=article.text,
        date=article.date,
        source=article.source,
        lang=article.lang,
        authors=article.authors,
        entities=tuple(entities),
        url=article.url,
    )


def _with_mentions(article: Article, mentions: tuple[Mention, ...]) -> Article:
    return replace(article, mentions=mentions)

"""The Library facade: the one API the GUI, the command line and the tests use.

It ties the store (truth), the search index (a cache of the store) and the entity
extractor together, and keeps one writer lane across threads and processes: every
write holds the library's writer lock (``writing``), while any number of threads and
processes search and read without it.

Opening does no work on the library's behalf beyond a schema upgrade: finishing an
interrupted import, repairing or rebuilding the index is ``upkeep`` (index/upkeep.py),
which the window runs in the background and the command line's writers run visibly.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from index import entity_store, upkeep
from index.errors import DiskFull, IndexRebuilding, LibraryReadOnly, LibraryUnusable, WriterBusy
from index.extraction_pace import SearchPace, extraction_window, take_answered
from index.library_state import LibraryState
from index.library_stories import LibraryStories
from index.models import (
    Article,
    EntityInfo,
    EntityType,
    FileReport,
    Hit,
    ImportReport,
    Mention,
    SearchFilters,
    SearchResults,
)
from index.search import IndexDoc, IndexUnusable, SearchIndex
from index.store import Store, mark_dirty
from index.writer_lock import CancelFlag as WriteCancelFlag
from index.writer_lock import WriteCancelled, WriterLock

if TYPE_CHECKING:
    from concurrent.futures import Future

    from index.cooccurrence import Companion, Network
    from index.entities import EntityExtractor
    from index.entity_worker import ProcessExtractor
    from index.importers import Source

# Importing, parsing and entity extraction are imported when first used: a command-line
# search (a fresh process each time) loads none of them (issue 12: a quick CLI).

Progress = Callable[[int, int | None, str], None]
Sort = Literal["relevance", "newest", "oldest"]

STORE_FILE = "library.sqlite3"
INDEX_DIR = "search-index"
BULK_ARTICLES = 400


class _Cancel:
    """Stands in for a threading.Event when the caller gives none."""

    def is_set(self) -> bool:
        return False


class Library(LibraryState, LibraryStories):
    """A library folder: ``library.sqlite3`` (the truth) and ``search-index/`` (derived)."""

    def __init__(
        self, path: Path, store: Store, index: SearchIndex | None,
        extractor: EntityExtractor | None = None, *, index_problem: str | None = None,
    ) -> None:
        self.path = path
        self.store = store
        self.readonly = store.readonly
        self._lock: WriterLock | None = None  # made on first use (a reader never locks)
        self._search_index: SearchIndex | None = None
        self._state_generation = 0  # bumped by every state write; keys the state caches
        self._state_cache: dict[object, object] = {}
        self._index = index
        # Why the index cannot be used (missing, damaged, foreign), until upkeep rebuilds it.
        self.index_problem = index_problem
        self.rebuilding = False  # a rebuild runs beside the live index (this process)
        self._extractor: EntityExtractor | ProcessExtractor | None = extractor
        self._extractor_lock = threading.Lock()
        self._search_pace = SearchPace()  # entity extraction waits while searches run
        self._seen_generation = store.generation() if store.version else 0
        self.trash_batch: str | None = None  # this session's deletes, purged on close
        self._closed = False
        self.keep_originals = (store.meta("keep_originals", "1") or "1") == "1"

    # -- lifecycle -----------------------------------------------------------

    @classmethod
    def open(
        cls, path: Path | str, extractor: EntityExtractor | None = None, *,
        readonly: bool | None = None,
    ) -> Library:
        """Open (or create) the library at ``path``. Cheap: no indexing happens here.

        ``extractor`` shares an already loaded entity model (tests, several libraries in
        one process); by default the library loads its own on first use. ``readonly``
        defaults to whether this user may write the folder.
        """
        path = Path(path).expanduser()
        _prepare_folder(path, readonly)
        if readonly is None:
            readonly = not _writable(path)
        store = Store(path / STORE_FILE, readonly=readonly)
        lib = cls(path, store, None, extractor)
        try:
            if store.needs_migration():
                with lib.writing("upgrading the library"):
                    store.migrate()
                lib._seen_generation = store.generation()
            lib._open_index()
        except BaseException:
            lib.close()
            raise
        return lib

    def _open_index(self) -> None:
        index_dir = self.path / INDEX_DIR
        if index_dir.exists() and not index_dir.is_dir():
            self.index_problem = f"{index_dir} is a file, not the search index folder"
            return
        fresh = not index_dir.exists() or not any(index_dir.iterdir())
        if fresh and self.store.article_count() == 0 and not self.readonly:
            with self.writing("creating the search index"):
                self._index = SearchIndex.create(index_dir, self.store.store_id())
            return
        if fresh:
            self.index_problem = "the search index is missing"
            return
        try:
            self._index = SearchIndex.open(index_dir, self.store.store_id())
        except IndexUnusable as exc:
            self.index_problem = str(exc)

    def close(self) -> None:
        """Stop the entity child, close index and store; a second call does nothing."""
        if self._closed:
            return
        self._closed = True
        child = _process_extractor(self._extractor)
        if child is not None:
            child.close()  # before the lane: a running batch then ends at once
        with self.lock.local() if self._lock is not None else contextlib.nullcontext():
            if self._index is not None:
                self._index.close()
            self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def writing(self, what: str, cancel: object | None = None) -> Iterator[None]:
        """Hold the writer lock (waiting for another process's write if need be) and
        follow that process's index commits before writing on top of them."""
        if self.readonly:
            raise LibraryReadOnly(
                f"the library at {self.path} is read-only: {what} is not possible")
        with self.lock.hold(what, cancel=cancel):  # type: ignore[arg-type]
            if self._index is not None and not self.rebuilding:
                try:
                    self._index.reload()
                except IndexUnusable as exc:
                    self._index_failed(str(exc))
            yield

    @property
    def lock(self) -> WriterLock:
        """The library's writer lock (created on first use: readers never need it)."""
        if self._lock is None:
            self._lock = WriterLock(self.path)
        return self._lock

    @property
    def _index(self) -> SearchIndex | None:
        return self._search_index

    @_index.setter
    def _index(self, index: SearchIndex | None) -> None:
        """Every index the library uses answers state filters from this library's store."""
        self._search_index = index
        if index is not None:
            index.state_lookup = self.state_ids
            index.state_stamp = self._state_generation

    def _index_failed(self, reason: str) -> None:
        self.index_problem = reason

    @property
    def index(self) -> SearchIndex:
        """The search index, when it can be used; else IndexRebuilding says why not."""
        if self._index is None or self.index_problem is not None:
            raise IndexRebuilding(
                "the search index is being rebuilt from the library; search again in a moment"
                if self.rebuilding or upkeep.rebuild_elsewhere(self)
                else f"the search index must be rebuilt ({self.index_problem}); "
                "the window does this by itself, or run `reader-app reindex`"
            )
        return self._index

    def needs_upkeep(self) -> list[str]:
        """What the next writer should finish or repair, in plain words (cheap)."""
        return upkeep.needed(self)

    def upkeep(self, progress: Progress | None = None, cancel: threading.Event | None = None
               ) -> list[str]:
        """Finish interrupted work, check the index against the store, repair or rebuild
        it. A writer's job: the window runs it in the background after it shows."""
        return upkeep.run(self, progress, cancel or _Cancel())

    def compact_index(self, cancel: WriteCancelFlag | None = None, *,
                      thorough: bool = False) -> str | None:
        """Merge the index's deleted copies and small segments away (background work: it
        writes beside the index and takes the writer lock only to swap); what was done."""
        return upkeep.compact(self, cancel or _Cancel(), thorough=thorough)

    def generation(self) -> int:
        """The store's generation: it changes whenever any process commits a write."""
        return self.store.generation()

    def refresh(self) -> bool:
        """Follow other processes' writes (a reader's poll); True when anything changed."""
        changed = False
        generation = self.store.generation()
        if generation != self._seen_generation:
            self._seen_generation = generation
            self._state_changed()  # tags, notes... may have changed in another process
            changed = True
        if self._index is not None and self._index.changed_on_disk():
            try:
                changed = self._index.reload() or changed
                if self.index_problem is not None and not self.rebuilding:
                    self.index_problem = None
            except IndexUnusable as exc:
                self._index_failed(str(exc))
                changed = True
        elif self._index is None and self.index_problem is not None and not self.rebuilding:
            index_dir = self.path / INDEX_DIR
            try:  # another process finished a rebuild (opening never creates one here)
                if index_dir.is_dir() and any(index_dir.iterdir()):
                    self._index = SearchIndex.open(index_dir, self.store.store_id())
                    self.index_problem = None
                    changed = True
            except IndexUnusable:
                pass
        return changed

    def set_keep_originals(self, keep: bool) -> None:
        """Very large libraries may choose not to keep the imported files' bytes."""
        with self.writing("changing a setting"), self.store.transaction() as conn:
            conn.execute(
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
        indexed), each batch under the writer lock, so a cancelled or killed import
        leaves only whole articles behind and can simply be run again: duplicates are
        recognised and reported, not re-added.
        """
        if self.readonly:
            raise LibraryReadOnly(
                f"the library at {self.path} is read-only: nothing can be imported")
        cancel_flag = cancel or _Cancel()
        from index.import_batch import ImportBatch
        from index.importers import iter_sources
        from index.importers.archive import release as release_archives
        from index.parse_pool import parse_sources

        sources = [s for s in iter_sources(Path(p) for p in paths) if not self._own_file(s)]
        batch = ImportBatch(self, progress, len(sources), cancel_flag)
        try:
            for parsed in parse_sources(sources, keep=self.keep_originals, cancel=cancel_flag):
                batch.add(parsed)
                if batch.stopped:
                    break
            batch.finish()
            self._group_after_import(cancel_flag)
        except WriteCancelled:
            pass
        finally:
            release_archives()  # close ZIP files opened while reading members
        if batch.stopped:
            reported = {f.path for f in batch.report.files}
            batch.report.files.extend(
                FileReport(s.origin, "failed", f"not imported: {batch.stopped}")
                for s in sources if s.origin not in reported
            )
            batch.report.stopped = batch.stopped
        batch.report.cancelled = cancel_flag.is_set() and batch.finished_sources < len(sources)
        return batch.report

    def import_bytes(self, items: Iterable[tuple[str, bytes]],
                     progress: Progress | None = None) -> ImportReport:
        """Import files already in memory, as (origin name, bytes): originals recovered
        from a damaged store, or received from another program."""
        if self.readonly:
            raise LibraryReadOnly(
                f"the library at {self.path} is read-only: nothing can be imported")
        from index.import_batch import ImportBatch
        from index.parse_pool import parsed_bytes

        batch = ImportBatch(self, progress, 0)
        for origin, data in items:
            batch.add(parsed_bytes(origin, data, keep=self.keep_originals))
            if batch.stopped:
                break
        batch.finish()
        self._group_after_import(_Cancel())
        batch.report.stopped = batch.stopped  # the caller must know it was not all read
        return batch.report

    def _group_after_import(self, cancel: WriteCancelFlag) -> None:
        """Stories are grouped in the importing process, right after its articles land;
        a full disk or a damaged page here leaves them pending, never the import failed."""
        with contextlib.suppress(OSError, sqlite3.DatabaseError, DiskFull, WriterBusy,
                                 LibraryUnusable):  # the store's word for a damaged page
            self.group_stories(cancel=cancel)
            self.relink_entities(cancel=cancel)

    def _own_file(self, source: Source) -> bool:
        """The library's own database and index are never articles (a folder dropped
        on the window may contain the library)."""
        if source.path is None:
            return False
        return Path(os.path.realpath(source.path)).is_relative_to(os.path.realpath(self.path))

    def index_articles(self, articles: Sequence[Article]) -> None:
        """(Re)write these articles' index documents; call under the writer lock.

        When the index is being rebuilt (or must be), the articles stay flagged as not
        indexed and the rebuild picks them up. Large batches are analysed by two writer
        processes when starting them is safe (spawn beside Qt's threads, fork only in a
        single-threaded process).
        """
        if not articles or self._index is None or self.index_problem is not None:
            return
        names = entity_store.article_entity_names(self.store.conn, [a.id for a in articles])
        docs = [_index_doc(a, names.get(a.id, ())) for a in articles]
        bulk = len(docs) >= BULK_ARTICLES
        procs = 2 if bulk and _can_start_writer_processes() else 1
        upkeep.write_docs(self, self._index, docs, bulk=bulk, procs=procs)
        with self.store.transaction():
            self.store.mark_indexed([a.id for a in articles])

    def reindex(self, progress: Progress | None = None,
                cancel: threading.Event | None = None) -> int:
        """Rebuild the search index from the store beside the live one, then swap it in;
        returns the number of articles."""
        return upkeep.rebuild(self, progress, cancel or _Cancel())

    # -- entities ------------------------------------------------------------

    @property
    def extractor(self) -> EntityExtractor | ProcessExtractor:
        """A given extractor, else a child process started on first use (spaCy takes
        seconds to load and holds the global lock: it must not run in the reader's process).
        """
        with self._extractor_lock:
            if self._extractor is None:
                from index.entity_worker import ProcessExtractor

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

        The model runs outside the writer lock (in child processes, one per core, by
        default), and the next batches are sent before the current one is written, so
        the models and the writes overlap; only the short write of each batch takes the
        lock. New batches wait while the person searches (index/extraction_pace.py).
        """
        if self.readonly:
            return 0
        from index.entity_worker import ExtractionStopped

        cancel_flag = cancel or _Cancel()
        done, last = 0, 0
        total = self.pending_entities()
        window = extraction_window(self.extractor)  # batches in flight: every child busy
        inflight: deque[tuple[list[Article], Future[list[list[Mention]]]]] = deque()
        exhausted = False
        while True:
            while not exhausted and len(inflight) < window:
                self._search_pace.wait_quiet(cancel_flag)  # the person searching comes first
                # Read in this process's writer lane: close() takes it before closing the
                # store, and a read on a connection being closed by another thread is a
                # crash of the whole process in sqlite3, not an exception.
                with self.lock.local():
                    ids, articles = ([], []) if cancel_flag.is_set() or self._closed else (
                        self._next_batch(batch_size, last))
                if not ids:
                    exhausted = True
                    break
                last = ids[-1]
                inflight.append((articles, self._submit_extraction(articles)))
            if not inflight:
                if done and not cancel_flag.is_set():
                    # Each article's entities replaced its whole index document: merge
                    # the old copies away (beside the index, not under the writer lock).
                    self.compact_index(cancel_flag, thorough=True)
                return done
            # Several children: one write for all they answered meanwhile.
            articles, future = take_answered(inflight, join=window > 2)
            try:
                self._save_mentions(articles, future, cancel_flag)
            except WriteCancelled:
                return done
            except ExtractionStopped:
                if cancel_flag.is_set() or self._closed:
                    return done  # the window or the library is closing: a normal stop
                raise
            done += len(articles)
            if progress:
                progress(done, max(total, done), articles[-1].title)
            if inflight and upkeep.compaction_due(self):
                self.compact_index(cancel_flag)  # while the models read the next batches

    def _next_batch(self, batch_size: int, after: int) -> tuple[list[int], list[Article]]:
        ids = self.store.pending_entity_ids(batch_size, after=after)
        return ids, self.store.articles(ids) if ids else []

    def _submit_extraction(self, articles: Sequence[Article]) -> Future[list[list[Mention]]]:
        items = [(a.text, a.lang) for a in articles]
        extractor = self.extractor
        from concurrent.futures import Future

        child = _process_extractor(extractor)
        if child is not None:
            return child.submit(items)
        future: Future[list[list[Mention]]] = Future()
        future.set_result(extractor.extract_batch(items))
        return future

    def _save_mentions(
        self, articles: list[Article], future: Future[list[list[Mention]]], cancel: object,
    ) -> None:
        """Mentions and their index update are one unit: the articles are flagged as not
        indexed in the same transaction, so a kill before the index commit is finished
        by the next writer instead of leaving those entities out of the index."""
        results = future.result()
        with self.writing("entity extraction", cancel):
            with self.store.transaction() as conn:
                ids = [a.id for a in articles]
                moved: set[int] = set()  # older articles whose lone surnames were linked
                for article, mentions in zip(articles, results, strict=True):
                    if conn.execute("SELECT 1 FROM articles WHERE id = ?",
                                    (article.id,)).fetchone() is None:
                        continue  # deleted meanwhile
                    moved.update(entity_store.save_mentions(conn, article.id, mentions))
                ids += sorted(moved.difference(ids))
                mark_dirty(conn, ids)
            self.index_articles(self.store.articles(ids))

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
        with self.writing("queueing entity extraction"), self.store.transaction():
            return self.store.reset_entities(article_ids)

    def entity(self, entity_id: int) -> EntityInfo | None:
        return entity_store.entity(self.store.conn, entity_id)

    def companions(self, entity_id: int, limit: int = 20) -> list[Companion]:
        """The entities most often in the same articles as this one (counted in articles)."""
        from index.cooccurrence import companions

        return companions(self.store.conn, entity_id, limit)

    def entity_network(self, article_ids: Sequence[int], size: int = 12) -> Network:
        """The entities most present in these articles (the current results, best first)
        and how often each pair meets."""
        from index.cooccurrence import network

        return network(self.store.conn, article_ids, size)

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
        with self.writing("undoing an entity edit"):
            with self.store.transaction() as conn:
                undone = entity_store.undo_last(conn)
                if undone is None:
                    return None
                kind, affected = undone
                mark_dirty(conn, affected)
            self.index_articles(self.store.articles(affected))
            return kind

    def _curate(self, edit: Callable[..., list[int]], *args: object) -> None:
        with self.writing("an entity edit"):
            with self.store.transaction() as conn:
                affected = edit(conn, *args)
                mark_dirty(conn, affected)
            self.index_articles(self.store.articles(affected))

    # -- reading -------------------------------------------------------------

    def article_count(self) -> int:
        return self.store.article_count()

    def article(self, article_id: int) -> Article | None:
        article = self.store.article(article_id)
        if article is None:
            return None
        mentions = entity_store.article_mentions(self.store.conn, article_id)
        return self.with_state(_with_mentions(article, mentions))

    def original_bytes(self, article_id: int) -> bytes | None:
        return self.store.original_bytes(article_id)

    def search(
        self,
        query: str,
        limit: int = 20,
        sort: Sort = "relevance",
        filters: SearchFilters | None = None,
        by_story: bool = False,
    ) -> SearchResults:
        """``by_story``: one result per story (its best-ranked version), counted as one;
        every hit says how many versions and outlets its story has either way."""
        with self._search_pace.searching():
            results = upkeep.guarded(self, lambda ix: ix.search(query, limit=limit, sort=sort,
                                                                  filters=filters))
            results = self._without_ghosts(results)
            if by_story:
                results = self._one_row_per_story(results, limit)
        return dataclasses.replace(results, hits=tuple(self._with_story_counts(results.hits)))

    def _without_ghosts(self, results: SearchResults) -> SearchResults:
        """Hits of articles the store no longer has (an index ahead of its store after a
        crash that lost the store's last writes) are left out and said, instead of
        listing articles that cannot be opened; the next writer's upkeep mends the index.
        One indexed query on the page's ids: nothing measurable beside the search."""
        if not results.hits:
            return results
        from index.user_state import existing

        shown = [h.article_id for h in results.hits]
        known = set(existing(self.store.conn, shown))
        if len(known) == len(shown):
            return results
        gone = len(shown) - len(known)
        notice = (f"{gone} result(s) left out: the search index is ahead of the library "
                  "(run `reader-app check --repair`, or import, to mend it)")
        return dataclasses.replace(
            results, hits=tuple(h for h in results.hits if h.article_id in known),
            total=max(0, results.total - gone),
            ids=tuple(i for i in results.ids if i in known or i not in shown),
            notice=f"{results.notice}; {notice}" if results.notice else notice)

    def hits(self, query: str, ids: Sequence[int]) -> list[Hit]:
        return self._with_story_counts(upkeep.guarded(self, lambda ix: ix.hits(query, ids)))

    def match_spans(self, query: str, text: str, title: str = "") -> list[tuple[int, int]]:
        return upkeep.guarded(self, lambda ix: ix.match_spans(query, text, title))

    def facets(
        self, query: str, filters: SearchFilters | None = None, by_story: bool = False
    ) -> dict[str, list[tuple[str, int]]]:
        """Counts per source, language and entity; ``by_story`` counts each story once
        (its first version in the index), as the result list does."""
        collapse = self.story_map().story_of if by_story else None
        return upkeep.guarded(self, lambda ix: ix.facets(query, filters, collapse=collapse))

    def timeline(self, query: str, filters: SearchFilters | None = None,
                 by_story: bool = False) -> list[tuple[int, int]]:
        """(YYYYMMDD, count) per day of the query's dated results (stories counted once
        with ``by_story``)."""
        collapse = self.story_map().story_of if by_story else None
        return upkeep.guarded(self, lambda ix: ix.timeline(query, filters, collapse=collapse))

    def related(self, article_id: int, limit: int = 10) -> SearchResults:
        """Articles sharing its most distinctive words; its own versions are not among
        them (they are the same story, listed as such)."""
        results = upkeep.guarded(self, lambda ix: ix.more_like(article_id, limit + 5))
        known = self.story_map().story_of
        mine = known.get(article_id)
        hits = [h for h in results.hits if mine is None or known.get(h.article_id) != mine]
        return dataclasses.replace(
            results, hits=tuple(self._with_story_counts(hits[:limit])),
            ids=tuple(h.article_id for h in hits[:limit]),
            total=len(hits[:limit]))


def _process_extractor(extractor: object) -> ProcessExtractor | None:
    """The extractor when it is a child process (whose module is then already loaded)."""
    module = sys.modules.get("index.entity_worker")
    if module is None:
        return None
    kind: type[ProcessExtractor] = module.ProcessExtractor
    return extractor if isinstance(extractor, kind) else None


def _prepare_folder(path: Path, readonly: bool | None) -> None:
    if path.exists() and not path.is_dir():
        raise LibraryUnusable(f"{path} is a file, not a library folder")
    if path.exists() or readonly:
        if readonly and not (path / STORE_FILE).exists():
            raise LibraryUnusable(f"there is no library at {path}")
        return
    try:
        path.mkdir(parents=True, exist_ok=True)  # two first imports may race to make it
    except FileExistsError as exc:  # a file appeared there meanwhile
        raise LibraryUnusable(f"{path} is a file, not a library folder") from exc
    except OSError as exc:
        raise LibraryUnusable(f"cannot create the library folder {path}: "
                              f"{exc.strerror or exc}") from exc


def _writable(path: Path) -> bool:
    store = path / STORE_FILE
    return os.access(path, os.W_OK) and (not store.exists() or os.access(store, os.W_OK))


def _can_start_writer_processes() -> bool:
    if (os.cpu_count() or 1) < 2:
        return False
    import multiprocessing

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

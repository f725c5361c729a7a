"""Stories in the library: grouping versions after imports, one row per story in
results, and what a version adds or drops (index/stories.py, index/story_versions.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from index import stories
from index.models import Article, Hit, SearchResults
from index.stories import StoryInfo, StoryMap

if TYPE_CHECKING:
    from pathlib import Path

    from index.library import Progress
    from index.store import Store
    from index.story_versions import StoryComparison
    from index.writer_lock import CancelFlag


class _NeverCancelled:
    def is_set(self) -> bool:
        return False


class LibraryStories:
    """Mixed into ``Library``; ``self`` is the library (what it uses is declared here)."""

    if TYPE_CHECKING:
        path: Path
        store: Store
        readonly: bool

        def writing(self, what: str, cancel: object | None = None
                    ) -> AbstractContextManager[None]: ...

        def hits(self, query: str, ids: Sequence[int]) -> list[Hit]: ...

        def index_articles(self, articles: Sequence[Article]) -> None: ...

    _story_cache: tuple[int, StoryMap] | None = None

    def group_stories(self, progress: Progress | None = None,
                      cancel: CancelFlag | None = None, batch_size: int = 200) -> int:
        """Give articles without a story theirs; returns how many were grouped. After each
        import, and in the background for a library written before stories existed; a
        batch at a time, so a cancel or a kill loses at most one batch's work."""
        if self.readonly:
            return 0
        cancel_flag = cancel or _NeverCancelled()
        done, last = 0, 0
        total = stories.pending_count(self.store.conn)
        while total and not cancel_flag.is_set():
            with self.writing("grouping versions of stories", cancel_flag), \
                    self.store.transaction() as conn:
                ids = stories.pending_ids(conn, batch_size, last)
                if ids:
                    stories.assign(conn, ids)
            if not ids:
                break
            last, done = ids[-1], done + len(ids)
            if progress:
                progress(done, max(total, done), "")
        return done

    def relink_entities(self, cancel: CancelFlag | None = None) -> int:
        """Once per library written before entities were linked across the archive: its
        place names in several languages become one entity and its lone surnames join
        the one person they mean (``entity_store.relink_archive``). In the background,
        like the grouping of stories; returns how many articles changed."""
        if self.readonly or self.store.meta("entities_relinked") == "1":
            return 0
        from index import entity_store
        from index.store import mark_dirty

        with self.writing("linking entities across the archive", cancel), \
                self.store.transaction() as conn:
            affected = entity_store.relink_archive(conn)
            mark_dirty(conn, affected)
            conn.execute("INSERT OR REPLACE INTO meta(key, value)"
                         " VALUES('entities_relinked', '1')")
        if affected:
            self.index_articles(self.store.articles(affected))
        return len(affected)

    def story(self, article_id: int) -> StoryInfo | None:
        """The story of an article and its versions (None until it is grouped)."""
        return stories.story_of(self.store.conn, article_id)

    def stories(self, article_ids: Sequence[int]) -> dict[int, StoryInfo]:
        return stories.stories_of(self.store.conn, article_ids)

    def story_comparison(self, article_id: int) -> StoryComparison | None:
        """The versions of an article's story and what it adds to or drops from the
        earliest; None when it has no other version."""
        from index.story_versions import compare  # not loaded by a command-line search

        return compare(self.store.conn, article_id)

    def story_map(self) -> StoryMap:
        """Which articles have other versions; read again after any write (a generation
        read is one indexed row, the map a few thousand at most)."""
        generation = self.store.generation()
        cached = self._story_cache
        if cached is None or cached[0] != generation:
            cached = (generation, stories.multi_version_map(self.store.conn))
            self._story_cache = cached
        return cached[1]

    def _one_row_per_story(self, results: SearchResults, limit: int) -> SearchResults:
        """Keep the best-ranked version of each story; the count counts stories."""
        known = self.story_map()
        if not known.story_of:
            return results
        ids = results.ids or tuple(h.article_id for h in results.hits)
        kept = stories.first_of_each_story(ids, known.story_of)
        if len(kept) == len(ids):
            return results  # nothing to group: ``articles`` stays 0
        page = kept[:limit] if limit > 0 else []
        have = {h.article_id: h for h in results.hits}
        missing = [i for i in page if i not in have]
        if missing:
            have.update((h.article_id, h) for h in self.hits(
                results.corrected or results.query, missing))
        return dataclasses.replace(
            results, ids=tuple(kept), total=max(0, results.total - (len(ids) - len(kept))),
            hits=tuple(have[i] for i in page if i in have), articles=results.total)

    def _with_story_counts(self, hits: Sequence[Hit]) -> list[Hit]:
        cached = self._story_cache
        if cached is not None and cached[0] == self.store.generation():
            counts = {h.article_id: cached[1].counts(h.article_id) for h in hits}
        else:  # a one-shot search (the command line): only the page's stories are read
            counts = stories.counts_of(self.store.conn, [h.article_id for h in hits])
        out = []
        for hit in hits:
            versions, outlets = counts.get(hit.article_id, (1, 1))
            out.append(hit if versions == 1 else dataclasses.replace(
                hit, version_count=versions, outlet_count=outlets))
        return out

"""The Library's methods for what a person adds: states, tags, notes, highlights,
dossiers, watches, deletes and edits (a mixin: ``Library`` stays one flat facade).

Every write holds the writer lock and runs in one transaction; only edits and deletes
touch the search index (the state is filtered from the store, never written into it).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from index import housekeeping, user_state, watches
from index.models import (
    Article,
    DossierInfo,
    SearchFilters,
    SearchResults,
    TagInfo,
    Watch,
)
from index.store import fold_text

if TYPE_CHECKING:
    from contextlib import AbstractContextManager
    from pathlib import Path

    from index.library import Sort
    from index.models import Hit
    from index.search import SearchIndex
    from index.store import Store

T = TypeVar("T")


class LibraryState:
    """Mixed into ``Library``; ``self`` is the library (what it uses is declared here)."""

    if TYPE_CHECKING:
        path: Path
        store: Store
        readonly: bool
        index_problem: str | None
        _state_cache: dict[object, Any]
        _state_generation: int

        @property
        def _index(self) -> SearchIndex | None: ...

        def writing(self, what: str, cancel: object | None = None
                    ) -> AbstractContextManager[None]: ...

        def search(self, query: str, limit: int = 20, sort: Sort = "relevance",
                   filters: SearchFilters | None = None) -> SearchResults: ...

        def hits(self, query: str, ids: Sequence[int]) -> list[Hit]: ...

        def index_articles(self, articles: Sequence[Article]) -> None: ...

    # -- read, star, notes ------------------------------------------------------------

    def mark_read(self, ids: Sequence[int], read: bool = True) -> int:
        """Returns how many articles changed state."""
        return self._state_write("marking articles", user_state.set_read, list(ids), read)

    def set_starred(self, ids: Sequence[int], starred: bool = True) -> int:
        return self._state_write("starring articles", user_state.set_starred, list(ids),
                                 starred)

    def set_note(self, article_id: int, text: str, note_format: str = "plain") -> None:
        self._require(article_id)
        self._state_write("saving a note", user_state.set_note, article_id, text, note_format)

    def notes(self, ids: Sequence[int]) -> dict[int, str]:
        """The notes of these articles by id; articles without a note are left out."""
        return user_state.notes_of(self.store.conn, list(ids))

    # -- tags -------------------------------------------------------------------------

    def tag(self, ids: Sequence[int], add: Sequence[str] = (),
            remove: Sequence[str] = ()) -> int:
        """Add and remove tags on many articles in one transaction (10,000 at once is
        one write, not 10,000); returns how many (article, tag) pairs changed."""
        def work(conn: sqlite3.Connection) -> int:
            kept = user_state.existing(conn, ids)
            return (user_state.add_tags(conn, kept, add)
                    + user_state.remove_tags(conn, kept, remove))

        return self._state_write("tagging articles", work)

    def tags(self) -> list[TagInfo]:
        return user_state.list_tags(self.store.conn)

    def rename_tag(self, old: str, new: str) -> None:
        """Renaming onto an existing tag merges them."""
        self._state_write("renaming a tag", user_state.rename_tag, old, new)

    def merge_tags(self, source: str, target: str) -> None:
        self._state_write("merging tags", user_state.merge_tags, source, target)

    def delete_tag(self, name: str) -> None:
        self._state_write("deleting a tag", user_state.delete_tag, name)

    def set_tag_color(self, name: str, color: str | None) -> None:
        self._state_write("colouring a tag", user_state.set_tag_color, name, color)

    # -- highlights -------------------------------------------------------------------

    def add_highlight(self, article_id: int, start: int, end: int,
                      comment: str = "") -> int:
        return self._state_write("highlighting", user_state.add_highlight, article_id, start,
                                 end, comment)

    def edit_highlight(self, highlight_id: int, comment: str) -> None:
        self._state_write("editing a highlight", user_state.edit_highlight, highlight_id,
                          comment)

    def remove_highlight(self, highlight_id: int) -> None:
        self._state_write("removing a highlight", user_state.remove_highlight, highlight_id)

    # -- dossiers ---------------------------------------------------------------------

    def add_to_dossier(self, name: str, ids: Sequence[int]) -> int:
        def work(conn: sqlite3.Connection) -> int:
            kept = user_state.existing(conn, ids)
            return user_state.add_to_dossier(conn, name, kept)

        return self._state_write("filling a dossier", work)

    def remove_from_dossier(self, name: str, ids: Sequence[int]) -> int:
        return self._state_write("editing a dossier", user_state.remove_from_dossier, name,
                                 list(ids))

    def reorder_dossier(self, name: str, ordered_ids: Sequence[int]) -> None:
        self._state_write("reordering a dossier", user_state.reorder_dossier, name,
                          list(ordered_ids))

    def rename_dossier(self, old: str, new: str) -> None:
        self._state_write("renaming a dossier", user_state.rename_dossier, old, new)

    def delete_dossier(self, name: str) -> None:
        self._state_write("deleting a dossier", user_state.delete_dossier, name)

    def dossiers(self) -> list[DossierInfo]:
        return user_state.list_dossiers(self.store.conn)

    def dossier_articles(self, name: str) -> list[int]:
        """The dossier's article ids in its own order."""
        return user_state.dossier_articles(self.store.conn, name)

    # -- watches ----------------------------------------------------------------------

    def add_watch(self, name: str, query: str, filters: SearchFilters | None = None,
                  replace_existing: bool = False) -> Watch:
        self._state_write("saving a watch", watches.add, name, query, filters,
                          replace_existing)
        return next(w for w in self.watches() if fold_text(w.name) == fold_text(
            " ".join(name.split())))

    def add_watch_list(self, text: str) -> list[str]:
        """Many watches from a list of names (one per line, or CSV); returns the names
        added (names already watched are left as they are)."""
        pairs = watches.parse_list(text)

        def work(conn: sqlite3.Connection) -> list[str]:
            added = []
            for name, query in pairs:
                try:
                    watches.add(conn, name, query)
                except user_state.StateError:
                    continue
                added.append(name)
            return added

        return self._state_write("saving watches", work)

    def remove_watch(self, name: str) -> None:
        self._state_write("removing a watch", watches.remove, name)

    def watch_seen(self, name: str | None = None) -> int:
        """Mark a watch's new articles (all watches' when ``name`` is None) as seen."""
        return self._state_write("marking a watch as seen", watches.mark_seen, name)

    def watches(self, totals: bool = True) -> list[Watch]:
        out = []
        for wid, name, query, filters, new, created in watches.all_watches(self.store.conn):
            total = 0
            if totals:
                try:
                    total = self.search(query, limit=0, filters=filters).total
                except Exception:  # the index is being rebuilt: counts come later
                    total = 0
            out.append(Watch(wid, name, query, filters, total, new, created))
        return out

    def watch_new_ids(self, name: str) -> list[int]:
        return watches.new_ids(self.store.conn, name)

    def watch_results(self, name: str, limit: int = 50) -> SearchResults:
        """The watch's matches, its new articles first (newest first), then the rest."""
        watch = next((w for w in self.watches(totals=False)
                      if fold_text(w.name) == fold_text(" ".join(name.split()))), None)
        if watch is None:
            raise user_state.StateError(f"there is no watch {name!r}")
        results = self.search(watch.query, limit=limit, sort="newest", filters=watch.filters)
        fresh = set(self.watch_new_ids(name))
        ids = [i for i in results.ids if i in fresh] + [i for i in results.ids if i not in fresh]
        hits = self.hits(watch.query, ids[:limit]) if ids else []
        return replace(results, ids=tuple(ids), hits=tuple(hits))

    def _record_watches(self, new_ids: Sequence[int]) -> dict[str, int]:
        """After an import: each watch's matches among the new articles."""
        if not new_ids:
            return {}
        fresh = np.asarray(sorted(set(new_ids)), dtype=np.int64)
        found: dict[str, list[int]] = {}
        listed = watches.all_watches(self.store.conn)
        for wid, name, query, filters, _new, _created in listed:
            try:
                ids = np.asarray(self.search(query, limit=0, filters=filters).ids,
                                 dtype=np.int64)
            except Exception:  # the index is being rebuilt: no counts now
                continue
            hit = np.intersect1d(ids, fresh).tolist()
            if hit:
                found[f"{wid}\0{name}"] = hit
        if not found:
            return {}
        with self.writing("counting watches"), self.store.transaction() as conn:
            for key, hit_ids in found.items():
                watches.record(conn, int(key.split("\0", 1)[0]), hit_ids)
        self._state_changed()
        return {key.split("\0", 1)[1]: len(hit_ids) for key, hit_ids in found.items()}

    # -- delete and edit --------------------------------------------------------------

    def delete_articles(self, ids: Sequence[int], undo_batch: str | None = None
                        ) -> tuple[str, list[int]]:
        """Delete articles (rows, index entries; originals when purged). Returns the undo
        batch and the ids deleted; ``purge_deleted`` makes it final (the CLI does at once,
        the window when it closes)."""
        batch = undo_batch or housekeeping.new_batch()
        with self.writing("deleting articles"):
            with self.store.transaction() as conn:
                moved = housekeeping.trash(conn, list(ids), batch)
            if moved and self._index is not None and self.index_problem is None:
                from index.upkeep import write_deletes

                write_deletes(self, self._index, moved)  # type: ignore[arg-type]
        self._state_changed()
        return batch, moved

    def undo_delete(self, batch: str) -> list[int]:
        with self.writing("restoring deleted articles"):
            with self.store.transaction() as conn:
                restored = housekeeping.restore(conn, batch)
            self.index_articles(self.store.articles(restored))
        self._state_changed()
        return restored

    def purge_deleted(self, batches: Sequence[str] | None = None) -> int:
        if self.readonly:
            return 0
        with self.writing("emptying the trash"), self.store.transaction() as conn:
            return housekeeping.purge(conn, batches)

    def edit_article(self, article_id: int, **changes: str | None) -> bool:
        """Edit title, date, source or language; kept across reindex, re-extraction and
        re-import, and the index follows. Returns whether anything changed."""
        with self.writing("editing an article"):
            with self.store.transaction() as conn:
                changed = housekeeping.edit(conn, article_id, changes)
            if changed:
                self.index_articles(self.store.articles([article_id]))
        return changed

    def article_edits(self, article_id: int) -> list[tuple[str, str | None,
                                                                    str | None, str]]:
        """(field, old, new, when) of the article's metadata edits, oldest first."""
        return [(r[0], r[1], r[2], r[3]) for r in self.store.conn.execute(
            "SELECT field, old, new, edited_at FROM article_edits WHERE article_id = ?"
            " ORDER BY id", (article_id,))]

    # -- reading state ----------------------------------------------------------------

    def with_state(self, article: Article) -> Article:
        return user_state.with_state(self.store.conn, article)

    def rows_state(self, ids: Sequence[int]) -> dict[int, tuple[bool, bool,
                                                                         tuple[str, ...]]]:
        """(read, starred, tags) per id: what a result row shows."""
        return user_state.rows_state(self.store.conn, ids)

    def state_ids(self, kind: str, value: str = "") -> np.ndarray:
        """Article ids a state filter selects, cached until the next write."""
        key = (kind, fold_text(value))
        cache = self._state_cache
        found: np.ndarray | None = cache.get(key)
        if found is None:
            generation = self._state_generation
            if kind == "noteword":
                found = self._note_word_ids(value)
            else:
                ids = user_state.ids_for(self.store.conn, kind, value) or []
                found = np.asarray(sorted(ids), dtype=np.int64)
            with _STATE_LOCK:  # a write meanwhile may have made it stale: then keep nothing
                if generation == self._state_generation:
                    cache[key] = found
        return found

    def _note_word_ids(self, word: str) -> np.ndarray:
        """Articles whose note or highlight comments hold ``word`` (folded, any plural)."""
        index = self._state_cache.get("__notes__")
        if index is None:
            index = {}
            for article_id, text in user_state.notes(self.store.conn):
                for token in _note_tokens(text):
                    index.setdefault(token, set()).add(article_id)
            self._state_cache["__notes__"] = index
        hits: set[int] = set()
        for token in _note_tokens(word):
            hits |= index.get(token, set())
        return np.asarray(sorted(hits), dtype=np.int64)

    def _state_write(self, what: str, func: Callable[..., T], *args: Any) -> T:
        with self.writing(what), self.store.transaction() as conn:
            result = func(conn, *args)
        self._state_changed(_KINDS.get(what))
        return result

    def _state_changed(self, kinds: Iterable[str] | None = None) -> None:
        """Cached results are redone (the engine's stamp moves); cached id sets of the
        filters ``kinds`` touched are dropped (all of them when None: another process
        wrote, or an article came or went)."""
        with _STATE_LOCK:
            self._state_generation += 1
            if kinds is None:
                self._state_cache.clear()
            else:
                touched = set(kinds)
                for key in [k for k in self._state_cache
                            if isinstance(k, tuple) and k[0] in touched]:
                    del self._state_cache[key]
                if "noteword" in touched:
                    self._state_cache.pop("__notes__", None)
        if self._index is not None:
            self._index.state_stamp = self._state_generation

    def _require(self, article_id: int) -> None:
        if self.store.article(article_id) is None:
            raise user_state.StateError(f"there is no article {article_id}")


_STATE_LOCK = threading.Lock()
_NOTES = ("note", "noteword")
_TAGS = ("tag", "tagged")
# Which cached filter id sets each kind of write can change (see _state_changed).
_KINDS: dict[str, tuple[str, ...]] = {
    "marking articles": ("read",),
    "starring articles": ("starred",),
    "saving a note": _NOTES,
    "tagging articles": _TAGS, "renaming a tag": _TAGS, "merging tags": _TAGS,
    "deleting a tag": _TAGS, "colouring a tag": (),
    "highlighting": ("highlight", "noteword"), "editing a highlight": ("noteword",),
    "removing a highlight": ("highlight", "noteword"),
    "filling a dossier": ("dossier",), "editing a dossier": ("dossier",),
    "reordering a dossier": (), "renaming a dossier": ("dossier",),
    "deleting a dossier": ("dossier",),
    "saving a watch": (), "saving watches": (), "removing a watch": (),
    "marking a watch as seen": (),
}


def _note_tokens(text: str) -> Iterable[str]:
    """Folded words, with a final s or x dropped, so "alliances" finds "alliance"."""
    for word in fold_text(text).replace("’", "'").split():
        word = word.strip(".,;:!?()[]{}«»\"'-*_#>`")
        if "'" in word:
            word = word.rsplit("'", 1)[-1]
        if len(word) < 2:
            continue
        yield word[:-1] if len(word) > 3 and word[-1] in "sx" else word

"""Guards on keeping the index true to the store (index/upkeep.py): what counts as
damage, what upkeep says it will do and does, and that a rebuild replaces the live index
only when complete. Each is pinned by a test that fails when one line changes
(docs/mutation-testing.md). Real libraries: SQLite and Whoosh on disk.
"""

from __future__ import annotations

import errno
import os
import pickle
import shutil
import struct
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock
from whoosh.fields import TEXT, Schema
from whoosh.reading import CorruptIndexError

from index import Library, upkeep
from index.errors import DiskFull, IndexRebuilding, LibraryReadOnly
from index.library import INDEX_DIR, STORE_FILE
from index.models import ArticleDraft
from index.search import IndexDoc, SearchIndex
from index.store import canonical_url, content_hash


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "lib")
    yield library
    library.close()


def _notes(folder: Path, count: int, word: str = "sahel") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"note{n:03d}.txt"
        path.write_text(f"Dépêche {n} : {word} et coopération régionale numéro {n * 7}.",
                        encoding="utf-8")
        paths.append(path)
    return paths


def _store_only(lib: Library, text: str) -> int:
    """An article in the store that an import killed before the index commit left."""
    draft = ArticleDraft(title="Orphelin", text=text)
    with lib.writing("test"), lib.store.transaction():
        return lib.store.insert_article(draft, lang="fr", chash=content_hash(draft),
                                        curl=canonical_url(None), blob=None)


class Flag:
    def __init__(self, after: int = -1) -> None:
        self.calls = 0
        self.after = after

    def is_set(self) -> bool:
        self.calls += 1
        return 0 <= self.after < self.calls


def _raised(fn: object) -> BaseException:
    try:
        fn()  # type: ignore[operator]
    except Exception as exc:
        return exc
    raise AssertionError("nothing raised")


# -- what counts as damage --------------------------------------------------------------


def test_damage_is_a_known_error_or_one_raised_inside_whoosh() -> None:
    for exc in (CorruptIndexError("x"), struct.error("x"), zlib.error("x"), EOFError(),
                pickle.UnpicklingError("x"), OSError("x")):
        assert upkeep.is_damage(exc), exc
    inside = _raised(lambda: Schema(a=TEXT())["nofield"])  # a KeyError from whoosh
    assert upkeep.is_damage(inside)
    ours = _raised(lambda: {}["nofield"])
    assert not upkeep.is_damage(ours)
    assert not upkeep.is_damage(KeyError("never raised"))  # no traceback at all


def test_disk_full_is_no_space_quota_or_file_size() -> None:
    for code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        assert upkeep.is_disk_full(OSError(code, os.strerror(code)))
    assert not upkeep.is_disk_full(OSError(errno.EACCES, "denied"))
    assert not upkeep.is_disk_full(OSError("no errno"))
    assert not upkeep.is_disk_full(ValueError(errno.ENOSPC))


# -- reads -------------------------------------------------------------------------------


def test_guarded_read_returns_passes_errors_and_marks_damage(lib: Library) -> None:
    assert upkeep.guarded(lib, lambda ix: ix.doc_count()) == 0
    with pytest.raises(LibraryReadOnly):
        upkeep.guarded(lib, lambda ix: (_ for _ in ()).throw(LibraryReadOnly("ro")))
    with pytest.raises(ZeroDivisionError):
        upkeep.guarded(lib, lambda ix: 1 // 0)
    assert lib.index_problem is None
    with pytest.raises(IndexRebuilding) as caught:
        upkeep.guarded(lib, lambda ix: (_ for _ in ()).throw(CorruptIndexError("bad block")))
    assert str(caught.value) == ("the search index is damaged and will be rebuilt from the "
                                 "library; search again in a moment")
    assert lib.index_problem == "the search index is damaged (CorruptIndexError)"


def test_guarded_read_tries_again_once_on_a_swapped_in_index(lib: Library,
                                                             tmp_path: Path) -> None:
    fresh = SearchIndex.create(tmp_path / "other", lib.store.store_id())
    fresh.add([IndexDoc(7, "t", "zanzibar", lang="fr")])
    seen: list[SearchIndex] = []

    def read(ix: SearchIndex) -> int:
        seen.append(ix)
        if len(seen) == 1:
            lib._index = fresh  # a rebuild was swapped in while this read ran
            raise CorruptIndexError("old files removed")
        return ix.doc_count()

    old = lib._index
    assert upkeep.guarded(lib, read) == 1
    assert seen == [old, fresh] and lib.index_problem is None
    old.close()  # type: ignore[union-attr]

    def always(ix: SearchIndex) -> int:
        lib._index = SearchIndex.open(tmp_path / "other", lib.store.store_id())
        raise CorruptIndexError("again")

    with pytest.raises(IndexRebuilding):
        upkeep.guarded(lib, always)  # the second attempt does not loop
    assert lib.index_problem is not None


# -- writes ------------------------------------------------------------------------------


class _Failing:
    """A stand-in index whose writes raise ``exc`` (to reach each error branch)."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def add(self, docs: object, *, bulk: bool, procs: int) -> None:
        raise self.exc

    def delete(self, ids: object) -> None:
        raise self.exc


def test_index_writes_sort_their_errors(lib: Library) -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    for write in (lambda ix: upkeep.write_docs(lib, ix, [], bulk=False, procs=1),
                  lambda ix: upkeep.write_deletes(lib, ix, [1])):
        with pytest.raises(DiskFull, match=f"the disk holding {lib.path} is full") as caught:
            write(_Failing(full))
        assert caught.value.__cause__ is full
        assert lib.index_problem is None
        write(_Failing(OSError(errno.EACCES, "Permission denied")))
        assert lib.index_problem == ("the search index could not be written "
                                     "([Errno 13] Permission denied)")
        lib.index_problem = None
        write(_Failing(CorruptIndexError("bad")))
        assert lib.index_problem == "the search index is damaged (CorruptIndexError)"
        lib.index_problem = None
        with pytest.raises(ZeroDivisionError):
            write(_Failing(ZeroDivisionError()))
        assert lib.index_problem is None
    with pytest.raises(DiskFull) as caught:
        upkeep.write_docs(lib, _Failing(full), [], bulk=True, procs=1)  # type: ignore[arg-type]
    assert str(caught.value) == f"the disk holding {lib.path} is full; the import stopped"


def test_write_docs_and_deletes_reach_the_index(lib: Library) -> None:
    index = lib.index
    upkeep.write_docs(lib, index, [IndexDoc(5, "t", "zanzibar", lang="fr"),
                                   IndexDoc(6, "t", "zanzibar", lang="fr")], bulk=False, procs=1)
    assert sorted(index.article_ids().tolist()) == [5, 6]
    upkeep.write_deletes(lib, index, (5,))
    assert index.article_ids().tolist() == [6]


# -- what upkeep says and does -----------------------------------------------------------


def test_nothing_to_do_on_a_sound_library(lib: Library, tmp_path: Path) -> None:
    lib.import_paths(_notes(tmp_path / "in", 3))
    assert upkeep.needed(lib) == []
    assert lib.upkeep() == []
    assert lib.search("sahel").total == 3


def test_an_interrupted_import_is_named_then_finished(lib: Library, tmp_path: Path) -> None:
    lib.import_paths(_notes(tmp_path / "in", 2))
    _store_only(lib, "Un article zanzibarien jamais indexé.")
    _store_only(lib, "Un second article zanzibarien.")
    assert lib.needs_upkeep() == ["index 2 article(s) left by an interrupted import or edit"]
    seen: list[tuple[int, int | None, str]] = []
    done = lib.upkeep(progress=lambda d, t, c: seen.append((d, t, c)))
    assert done == ["indexed 2 article(s) left by an interrupted import or edit"]
    assert seen == [(2, 2, "")]
    assert lib.search("zanzibarien").total == 2
    assert lib.store.unindexed_count() == 0 and lib.needs_upkeep() == []


def test_unindexed_articles_are_finished_in_batches(lib: Library,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(5):
        _store_only(lib, f"Article zanzibarien numéro {n}.")
    monkeypatch.setattr(upkeep, "FINISH_BATCH", 2)
    seen: list[tuple[int, int | None, str]] = []
    assert upkeep._finish_unindexed(lib, lambda d, t, c: seen.append((d, t, c)), Flag()) == 5
    assert seen == [(2, 5, ""), (4, 5, ""), (5, 5, "")]
    assert lib.search("zanzibarien").total == 5


def test_finishing_stops_when_cancelled_or_the_index_fails(lib: Library,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    for n in range(5):
        _store_only(lib, f"Article zanzibarien numéro {n}.")
    monkeypatch.setattr(upkeep, "FINISH_BATCH", 2)
    assert upkeep._finish_unindexed(lib, None, Flag(after=1)) == 2
    assert lib.store.unindexed_count() == 3
    assert upkeep._finish_unindexed(lib, None, Flag(after=0)) == 0
    lib.index_problem = "damaged"
    assert upkeep._finish_unindexed(lib, None, Flag()) == 0
    assert lib.store.unindexed_count() == 3


def test_the_count_check_is_named_when_the_index_disagrees(lib: Library, tmp_path: Path) -> None:
    lib.import_paths(_notes(tmp_path / "in", 3))
    lib.index.delete([1])
    assert lib.needs_upkeep() == ["check the search index (2 documents for 3 articles)"]
    lib.index.add([IndexDoc(1, "t", "sahel", lang="fr"), IndexDoc(99, "t", "x", lang="fr")])
    assert lib.needs_upkeep() == ["check the search index (4 documents for 3 articles)"]
    lib.index.delete([99])
    assert lib.needs_upkeep() == []
    _store_only(lib, "Orphelin zanzibarien.")  # 4 articles, 1 unindexed, 3 documents: fine
    assert lib.needs_upkeep() == ["index 1 article(s) left by an interrupted import or edit"]
    lib.index.delete([1])  # 2 documents for 3 indexed articles: check
    assert len(lib.needs_upkeep()) == 2


def test_stale_and_missing_entries_are_mended_in_place(lib: Library, tmp_path: Path) -> None:
    lib.import_paths(_notes(tmp_path / "in", 4))
    lib.index.delete([2])  # flagged indexed, missing from the index
    lib.index.add([IndexDoc(50, "t", "fantôme", lang="fr"),  # no such article
                   IndexDoc(51, "t", "fantôme", lang="fr")])
    done = lib.upkeep()
    assert done == [
        "removed 2 search entries of articles no longer in the library; "
        "queued 1 article(s) missing from the search index",
        "indexed 1 article(s) left by an interrupted import or edit",
    ]
    assert sorted(lib.index.article_ids().tolist()) == [1, 2, 3, 4]
    assert lib.search("fantome").total == 0 and lib.needs_upkeep() == []
    lib.index.add([IndexDoc(60, "t", "fantôme", lang="fr")])
    assert lib.upkeep() == ["removed 1 search entries of articles no longer in the library"]
    lib.index.delete([3])
    assert lib.upkeep() == ["queued 1 article(s) missing from the search index",
                            "indexed 1 article(s) left by an interrupted import or edit"]


def test_too_many_differences_mean_a_rebuild(lib: Library, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    lib.import_paths(_notes(tmp_path / "in", 30))
    monkeypatch.setattr(upkeep, "REPAIR_LIMIT", 2)
    lib.index.delete([1, 2])  # 2 differences: at the limit, mended
    assert upkeep._reconcile(lib) == "queued 2 article(s) missing from the search index"
    lib.upkeep()
    lib.index.delete([1, 2, 3])  # 3 <= max(2, 30 // 10): mended
    assert upkeep._reconcile(lib) == "queued 3 article(s) missing from the search index"
    lib.upkeep()
    lib.index.delete([1, 2, 3, 4])  # 4 > max(2, 30 // 10): rebuilt
    assert upkeep._reconcile(lib) is None
    done = lib.upkeep()
    assert done == ["rebuilt the search index (30 articles): it disagreed with the library"]
    assert lib.search("sahel").total == 30
    monkeypatch.setattr(upkeep, "REPAIR_LIMIT", 4)
    lib.index.delete([1, 2, 3, 4])  # 4 <= max(4, 3): mended in place
    assert upkeep._reconcile(lib) == "queued 4 article(s) missing from the search index"


def test_a_missing_index_is_named_and_rebuilt(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "lib")
    lib.import_paths(_notes(tmp_path / "in", 3))
    lib.close()
    shutil.rmtree(tmp_path / "lib" / INDEX_DIR)
    with Library.open(tmp_path / "lib") as lib:
        assert lib.needs_upkeep() == ["rebuild the search index: the search index is missing"]
        assert lib.upkeep() == ["rebuilt the search index from the library (3 articles): "
                                "the search index is missing"]
        assert lib.search("sahel").total == 3 and lib.needs_upkeep() == []
        lib._index = None  # type: ignore[assignment]
        lib.index_problem = None
        assert upkeep.needed(lib) == ["rebuild the search index: it is missing"]
        assert upkeep.run(lib, None, Flag()) == [
            "rebuilt the search index from the library (3 articles): it was missing"]


def test_a_read_only_library_has_no_upkeep(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths(_notes(tmp_path / "in", 2))
        _store_only(lib, "Orphelin.")
    with Library.open(tmp_path / "lib", readonly=True) as ro:
        assert ro.readonly
        assert upkeep.needed(ro) == [] and ro.upkeep() == []
        assert not upkeep.rebuild_elsewhere(ro)


def test_the_trash_of_a_crashed_window_is_emptied(lib: Library, tmp_path: Path) -> None:
    ids = lib.import_paths(_notes(tmp_path / "in", 3)).article_ids
    lib.delete_articles(ids[:1], undo_batch="999999999-crashed")
    mine = lib.delete_articles(ids[1:2])
    assert lib.store.conn.execute("SELECT count(*) FROM trash").fetchone()[0] == 2
    lib.upkeep()
    batches = [r[0] for r in lib.store.conn.execute("SELECT batch FROM trash")]
    assert len(batches) == 1 and batches[0] != "999999999-crashed"
    assert mine is not None


# -- rebuilding beside the live index -----------------------------------------------------


def test_a_rebuild_replaces_the_index_whole(lib: Library, tmp_path: Path) -> None:
    lib.import_paths(_notes(tmp_path / "in", 12))
    lib.index.add([IndexDoc(77, "t", "fantôme", lang="fr")])
    old = lib._index
    seen: list[tuple[int, int | None, str]] = []
    assert lib.reindex(progress=lambda d, t, c: seen.append((d, t, c))) == 12
    assert seen == [(12, 12, "")]
    assert lib._index is not old
    assert sorted(lib.index.article_ids().tolist()) == list(range(1, 13))
    assert lib.search("sahel").total == 12 and lib.search("fantome").total == 0
    names = sorted(p.name for p in lib.path.iterdir())
    assert INDEX_DIR + ".new" not in names and INDEX_DIR + ".old" not in names
    assert not lib.rebuilding and lib.index_problem is None
    assert lib.store.unindexed_count() == 0
    probe = FileLock(lib.path / upkeep.REBUILD_LOCK, thread_local=False)
    probe.acquire(timeout=0)  # released
    probe.release()
    with pytest.raises(Exception):  # noqa: B017 - the old index was closed
        old.doc_count()  # type: ignore[union-attr]


def test_a_rebuild_reads_in_batches_with_entities(lib: Library, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from index import entity_store
    from index.models import Mention

    ids = lib.import_paths(_notes(tmp_path / "in", 5)).article_ids
    with lib.writing("test"), lib.store.transaction() as conn:
        entity_store.save_mentions(conn, ids[0], [Mention(0, 7, "person", "Dépêche",
                                                          "Assimi Goïta")])
    monkeypatch.setattr(upkeep, "BATCH", 2)
    seen: list[int] = []
    assert lib.reindex(progress=lambda d, t, c: seen.append(d)) == 5
    assert seen == [2, 4, 5]
    assert lib.search('entity:"Assimi Goïta"').ids == (ids[0],)


def test_a_cancelled_rebuild_leaves_the_live_index(lib: Library, tmp_path: Path) -> None:
    lib.import_paths(_notes(tmp_path / "in", 3))
    live = lib._index
    cancel = threading.Event()
    cancel.set()
    assert lib.reindex(cancel=cancel) == -1
    assert lib._index is live and lib.search("sahel").total == 3
    assert not (lib.path / (INDEX_DIR + ".new")).exists()
    assert not lib.rebuilding
    assert upkeep.run(lib, None, Flag(after=0)) == []  # nothing was wrong


def test_a_cancelled_rebuild_of_a_missing_index_says_nothing(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths(_notes(tmp_path / "in", 2))
        lib.index_problem = "damaged"
        assert upkeep.run(lib, None, Flag(after=0)) == []
        assert lib.index_problem == "damaged"


def test_changes_made_while_rebuilding_are_caught_up(lib: Library, tmp_path: Path) -> None:
    ids = lib.import_paths(_notes(tmp_path / "in", 4)).article_ids
    start = lib.store.generation()
    new = SearchIndex.create(tmp_path / "new", lib.store.store_id())
    assert upkeep._fill(lib, new, None, Flag()) == 4
    with lib.writing("test"), lib.store.transaction() as conn:
        conn.execute("UPDATE articles SET title = 'Zanzibar', rev = ? WHERE id = ?",
                     (start + 1, ids[0]))
        conn.execute("DELETE FROM articles WHERE id = ?", (ids[1],))
    _store_only(lib, "Un article zanzibarien arrivé pendant la reconstruction.")
    upkeep._catch_up(lib, new, start)
    assert sorted(new.article_ids().tolist()) == [ids[0], ids[2], ids[3], 5]
    assert set(new.search("zanzibar*").ids) == {ids[0], 5}
    new.close()


def test_fill_stops_on_cancel_and_names_a_full_disk(lib: Library, tmp_path: Path) -> None:
    lib.import_paths(_notes(tmp_path / "in", 3))
    new = SearchIndex.create(tmp_path / "new", lib.store.store_id())
    assert upkeep._fill(lib, new, None, Flag(after=0)) == -1
    assert new.doc_count() == 0
    new.close()
    with pytest.raises(DiskFull, match="could not be rebuilt"):
        upkeep._fill(lib, _Failing(OSError(errno.ENOSPC, "full")), None, Flag())  # type: ignore[arg-type]
    with pytest.raises(OSError, match="denied"):
        upkeep._fill(lib, _Failing(OSError(errno.EACCES, "denied")), None, Flag())  # type: ignore[arg-type]


def test_a_rebuild_in_another_process_is_seen_and_waited_for(lib: Library) -> None:
    other = FileLock(lib.path / upkeep.REBUILD_LOCK, thread_local=False)
    assert not upkeep.rebuild_elsewhere(lib)
    other.acquire()
    try:
        assert upkeep.rebuild_elsewhere(lib)
        lib.index_problem = "damaged"
        with pytest.raises(IndexRebuilding, match="being rebuilt from the library"):
            lib.index  # noqa: B018
        told: list[str] = []
        lib.lock.on_wait = told.append
        with pytest.raises(IndexRebuilding) as caught:
            lib.reindex(cancel=_SetAfter(3))
        assert str(caught.value) == ("the search index is being rebuilt by another Veille "
                                     "process")
        assert told == ["Waiting for the search index rebuild in another Veille process "
                        "to finish…"]
        lib.rebuilding = True
        assert not upkeep.rebuild_elsewhere(lib)  # its own rebuild is not "elsewhere"
        lib.rebuilding = False
    finally:
        other.release()
    lib.index_problem = None
    lib.lock.on_wait = None
    waiter = FileLock(lib.path / upkeep.REBUILD_LOCK, thread_local=False)
    waiter.acquire()
    release = threading.Timer(0.3, waiter.release)
    release.start()
    assert lib.reindex(cancel=_SetAfter(1000)) == 0  # waits its turn, then rebuilds
    release.join()


class _SetAfter:
    def __init__(self, calls: int) -> None:
        self.left = calls

    def is_set(self) -> bool:
        self.left -= 1
        return self.left < 0


def test_remove_files_folders_and_links(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "f").write_text("x")
    upkeep._remove(folder)
    assert not folder.exists()
    target = tmp_path / "target"
    target.mkdir()
    (target / "keep").write_text("x")
    link = tmp_path / "link"
    link.symlink_to(target)
    upkeep._remove(link)
    assert not link.is_symlink() and (target / "keep").exists()  # never through a link
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    upkeep._remove(dangling)
    assert not dangling.is_symlink()
    file = tmp_path / "file"
    file.write_text("x")
    upkeep._remove(file)
    assert not file.exists()
    upkeep._remove(tmp_path / "missing")  # nothing there: nothing happens


def test_a_rebuild_swaps_over_a_file_or_link_where_the_index_was(lib: Library,
                                                                  tmp_path: Path) -> None:
    lib.import_paths(_notes(tmp_path / "in", 2))
    lib.close()
    live = tmp_path / "lib" / INDEX_DIR
    shutil.rmtree(live)
    live.write_text("not a folder")
    with Library.open(tmp_path / "lib") as again:
        assert again.index_problem is not None
        assert again.reindex() == 2
        assert live.is_dir() and again.search("sahel").total == 2
    shutil.rmtree(live)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    live.symlink_to(elsewhere)
    with Library.open(tmp_path / "lib") as again:
        assert again.reindex() == 2
        assert live.is_dir() and not live.is_symlink()
    assert elsewhere.is_dir()
    assert (tmp_path / "lib" / STORE_FILE).is_file()

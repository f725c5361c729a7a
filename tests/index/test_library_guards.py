"""Guards on the Library facade (index/library.py), each pinned by a test that fails when
one line changes (docs/mutation-testing.md). Real libraries: SQLite and Whoosh on disk,
the shared spaCy model for entities.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from index import Library, library
from index.entity_worker import ProcessExtractor
from index.errors import DiskFull, IndexRebuilding, LibraryReadOnly, LibraryUnusable
from index.library import INDEX_DIR, STORE_FILE
from index.models import Article, ArticleDraft, SearchFilters
from index.search import SearchIndex
from index.store import content_hash
from tests.small_disk import small_disk

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed_aes_bamako.txt"
PAGE = FIXTURES / "uk_ministers.html"


def _note(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _store_only(lib: Library, text: str) -> int:
    draft = ArticleDraft(title="Orphelin", text=text)
    with lib.writing("test"), lib.store.transaction():
        return lib.store.insert_article(draft, lang="fr", chash=content_hash(draft), curl=None,
                                        blob=None)


# -- opening -----------------------------------------------------------------------------


def test_opening_creates_the_folder_store_and_an_empty_index(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b"
    with Library.open(str(path)) as lib:  # a str path is fine too
        assert lib.path == path and not lib.readonly
        assert (path / STORE_FILE).is_file() and (path / INDEX_DIR).is_dir()
        assert lib.index_problem is None and lib.index.doc_count() == 0
        assert lib.needs_upkeep() == [] and lib.article_count() == 0
        assert lib.keep_originals is True
        assert lib.generation() == lib.store.generation()


def test_opening_expands_the_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    with Library.open("~/veille") as lib:
        assert lib.path == tmp_path / "veille"


def test_a_path_that_is_a_file_or_cannot_be_made(tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("x")
    with pytest.raises(LibraryUnusable) as caught:
        Library.open(file)
    assert str(caught.value) == f"{file} is a file, not a library folder"
    with pytest.raises(LibraryUnusable) as caught:
        Library.open(file / "lib")
    assert str(caught.value).startswith(f"cannot create the library folder {file / 'lib'}: ")
    with pytest.raises(LibraryUnusable) as caught:
        Library.open(tmp_path / "none", readonly=True)
    assert str(caught.value) == f"there is no library at {tmp_path / 'none'}"
    assert not (tmp_path / "none").exists()


def test_a_read_only_library_reads_and_refuses_writes(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        (aid,) = lib.import_paths([SEED]).article_ids
    with Library.open(tmp_path / "lib", readonly=True) as ro:
        assert ro.readonly and ro.store.readonly
        assert ro.search("bamako").ids == (aid,)
        assert ro.article(aid) is not None
        with pytest.raises(LibraryReadOnly) as caught:
            ro.import_paths([PAGE])
        assert str(caught.value) == (f"the library at {ro.path} is read-only: nothing can "
                                     "be imported")
        with pytest.raises(LibraryReadOnly, match="nothing can be imported"):
            ro.import_bytes([("a.txt", b"Un texte.")])
        with pytest.raises(LibraryReadOnly) as caught, ro.writing("a curation"):
            pass
        assert str(caught.value) == (f"the library at {ro.path} is read-only: a curation is "
                                     "not possible")
        assert ro.extract_pending() == 0


def test_a_missing_index_of_a_library_with_articles_is_not_made_empty(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([SEED])
    index_dir = tmp_path / "lib" / INDEX_DIR
    for f in index_dir.iterdir():
        f.unlink()
    with Library.open(tmp_path / "lib") as lib:
        assert lib._index is None
        assert lib.index_problem == "the search index is missing"
        with pytest.raises(IndexRebuilding) as caught:
            lib.search("bamako")
        assert str(caught.value) == (
            "the search index must be rebuilt (the search index is missing); the window "
            "does this by itself, or run `reader-app reindex`")
        lib.upkeep()
        assert lib.search("bamako").total == 1


def test_a_file_where_the_index_should_be_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    Library.open(tmp_path / "lib").close()
    index_dir = tmp_path / "lib" / INDEX_DIR
    for f in index_dir.iterdir():
        f.unlink()
    index_dir.rmdir()
    index_dir.write_text("x")
    with Library.open(tmp_path / "lib") as lib:
        assert lib.index_problem == f"{index_dir} is a file, not the search index folder"
        assert lib._index is None


def test_an_unusable_index_is_named(tmp_path: Path) -> None:
    Library.open(tmp_path / "lib").close()
    other = SearchIndex.create(tmp_path / "other", "another-store")
    other.close()
    index_dir = tmp_path / "lib" / INDEX_DIR
    for f in index_dir.iterdir():
        f.unlink()
    for f in (tmp_path / "other").iterdir():
        f.rename(index_dir / f.name)
    with Library.open(tmp_path / "lib") as lib:
        assert lib._index is None and lib.index_problem
        assert "another library" in lib.index_problem or "foreign" in lib.index_problem


def test_an_old_library_is_upgraded_on_open(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    shutil.copy(FIXTURES / "libraries" / "v0.1" / "library.sqlite3", folder / STORE_FILE)
    with Library.open(folder) as lib:
        assert not lib.store.needs_migration()
        assert lib._seen_generation == lib.store.generation()
        assert lib.index_problem == "the search index is missing"


def test_a_reader_never_creates_a_missing_index(tmp_path: Path) -> None:
    """A poll must not put an empty index where the index is missing: searches would find
    nothing, silently, instead of saying the index must be rebuilt (and a reader would
    have written to the library)."""
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([SEED])
    shutil.rmtree(tmp_path / "lib" / INDEX_DIR)
    for readonly in (True, False):
        with Library.open(tmp_path / "lib", readonly=readonly) as lib:
            assert lib.index_problem == "the search index is missing"
            lib.refresh()
            assert lib.index_problem == "the search index is missing"
            assert not (tmp_path / "lib" / INDEX_DIR).exists()
            with pytest.raises(IndexRebuilding):
                lib.search("bamako")


def test_close_is_idempotent_and_closes_the_store(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "lib")
    conn = lib.store.conn
    with lib:
        pass
    assert lib._closed
    with pytest.raises(Exception):  # noqa: B017 - sqlite3.ProgrammingError
        conn.execute("SELECT 1")
    lib.close()  # a second close does nothing


# -- writing and following other processes -----------------------------------------------


def test_a_writer_follows_another_process_commits_first(tmp_path: Path) -> None:
    mine = Library.open(tmp_path / "lib")
    other = Library.open(tmp_path / "lib")
    try:
        other.import_paths([SEED])
        assert mine.search("bamako").total == 0  # not followed yet: a reader polls
        with mine.writing("an edit"):
            assert mine._index is not None and mine.search("bamako").total == 1
        mine.import_paths([PAGE])
        assert other.refresh() is True
        assert other.search("ministers").total == 1
        assert other.refresh() is False
    finally:
        mine.close()
        other.close()


def test_refresh_sees_state_changes_and_a_rebuild_elsewhere(tmp_path: Path) -> None:
    reader = Library.open(tmp_path / "lib")
    writer = Library.open(tmp_path / "lib")
    try:
        (aid,) = writer.import_paths([SEED]).article_ids
        assert reader.refresh()
        writer.set_starred([aid])
        assert reader.refresh()  # a state write: the generation changed
        assert reader.search("is:starred").ids == (aid,)
        assert not reader.refresh()
        reader._index.close()  # type: ignore[union-attr]
        reader._index = None  # type: ignore[assignment]
        reader.index_problem = "damaged"
        assert reader.refresh()  # another process finished a rebuild
        assert reader.index_problem is None and reader.search("bamako").total == 1
        reader.index_problem = "damaged"
        reader.rebuilding = True
        reader.refresh()
        assert reader.index_problem == "damaged"  # its own rebuild will clear it
    finally:
        reader.close()
        writer.close()


def test_a_refresh_with_no_index_anywhere_stays_quiet(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([SEED])
        lib.refresh()  # its own writes
        lib._index.close()  # type: ignore[union-attr]
        lib._index = None  # type: ignore[assignment]
        lib.index_problem = "damaged"
        for f in (lib.path / INDEX_DIR).iterdir():
            f.write_bytes(b"garbage")
        assert lib.refresh() is False
        assert lib.index_problem == "damaged"
        lib.index_problem = None
        assert lib.refresh() is False


def test_keep_originals_setting(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        generation = lib.generation()
        lib.set_keep_originals(False)
        assert lib.keep_originals is False and lib.generation() == generation + 1
        (aid,) = lib.import_paths([SEED]).article_ids
        assert lib.original_bytes(aid) is None
    with Library.open(tmp_path / "lib") as lib:
        assert lib.keep_originals is False
        lib.set_keep_originals(True)
        (aid,) = lib.import_paths([PAGE]).article_ids
        assert lib.original_bytes(aid) == PAGE.read_bytes()
    with Library.open(tmp_path / "lib") as lib:
        assert lib.keep_originals is True


# -- importing ---------------------------------------------------------------------------


def test_import_reports_progress_and_makes_articles_searchable(lib: Library) -> None:
    seen: list[tuple[int, int | None, str]] = []
    report = lib.import_paths([SEED, str(PAGE)], progress=lambda d, t, c: seen.append((d, t, c)))
    assert [f.status for f in report.files] == ["imported", "imported"]
    assert seen == [(1, 2, str(SEED)), (2, 2, str(PAGE))]
    assert not report.cancelled and report.stopped is None
    assert lib.store.unindexed_count() == 0
    assert lib.search("bamako").total == 1 and lib.search("ministers").total == 1


def test_import_bytes(lib: Library) -> None:
    seen: list[tuple[int, int | None, str]] = []
    report = lib.import_bytes([("recovered/a.txt", SEED.read_bytes()),
                               ("recovered/b.txt", b"")],
                              progress=lambda d, t, c: seen.append((d, t, c)))
    assert [f.status for f in report.files] == ["imported", "skipped"]
    assert seen == [(1, 0, "recovered/a.txt"), (2, 0, "recovered/b.txt")]  # total unknown
    (aid,) = report.article_ids
    assert lib.original_bytes(aid) == SEED.read_bytes()
    assert lib.search("bamako").ids == (aid,)


def test_the_librarys_own_files_are_skipped(lib: Library, tmp_path: Path) -> None:
    _note(tmp_path / "lib" / "inbox", "inside.txt", "Un article dans la bibliothèque.")
    _note(tmp_path / "in", "a.txt", "Un article sur Niamey et la sécurité.")
    (tmp_path / "lib-notes.txt").write_text("Un article à côté, sur Bamako.", encoding="utf-8")
    report = lib.import_paths([tmp_path])
    assert sorted(Path(f.path).name for f in report.files) == ["a.txt", "lib-notes.txt"]


def test_a_cancel_before_anything_is_a_cancelled_empty_import(lib: Library,
                                                              tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    report = lib.import_paths([SEED, PAGE], cancel=cancel)
    assert report.cancelled and report.files == [] and lib.article_count() == 0
    done = lib.import_paths([SEED], cancel=threading.Event())
    assert not done.cancelled


def test_a_cancel_after_everything_is_not_a_cancelled_import(lib: Library) -> None:
    cancel = threading.Event()

    def progress(done: int, total: int | None, current: str) -> None:
        cancel.set()

    report = lib.import_paths([SEED], progress=progress, cancel=cancel)
    assert not report.cancelled
    assert [f.status for f in report.files] == ["imported"]


def test_a_full_disk_stops_the_import_and_names_every_file(tmp_path: Path) -> None:
    files = [_note(tmp_path / "in", f"{n:02d}.txt",
                   " ".join(f"mot{n}x{k}" for k in range(3000))) for n in range(12)]
    with small_disk(tmp_path / "lib" / INDEX_DIR, 256):
        lib = Library.open(tmp_path / "lib")
        try:
            report = lib.import_paths(files)
            assert report.stopped is not None and "is full" in report.stopped
            assert [Path(f.path).name for f in report.files] == [p.name for p in files]
            assert all(f.status == "failed" for f in report.files)
            assert all(f.reason == f"not imported: {report.stopped}" for f in report.files)
            assert lib.article_count() == 0 and not report.cancelled
        finally:
            lib.close()


def test_an_article_is_flagged_indexed_only_once_it_is_indexed(tmp_path: Path) -> None:
    with small_disk(tmp_path / "lib" / INDEX_DIR, 256):
        lib = Library.open(tmp_path / "lib")
        try:
            aid = _store_only(lib, " ".join(f"mot{k}" for k in range(30000)))
            with pytest.raises(DiskFull), lib.writing("test"):
                lib.index_articles(lib.store.articles([aid]))
            assert lib.store.unindexed_count() == 1
        finally:
            lib.close()


def test_index_articles_leaves_the_flags_when_it_cannot_index(lib: Library) -> None:
    aid = _store_only(lib, "Un article zanzibarien.")
    with lib.writing("test"):
        lib.index_articles([])
        lib.index_problem = "damaged"
        lib.index_articles(lib.store.articles([aid]))
    assert lib.store.unindexed_count() == 1
    lib.index_problem = None
    index = lib._index
    lib._index = None  # type: ignore[assignment]
    with lib.writing("test"):
        lib.index_articles(lib.store.articles([aid]))
    assert lib.store.unindexed_count() == 1
    lib._index = index
    with lib.writing("test"):
        lib.index_articles(lib.store.articles([aid]))
    assert lib.store.unindexed_count() == 0
    assert lib.search("zanzibarien").ids == (aid,)


def test_large_batches_use_bulk_writes(lib: Library, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library, "BULK_ARTICLES", 3)
    files = [_note(tmp_path / "in", f"{n}.txt", f"Dépêche {n} sur le Sahel, numéro {n * 7}.")
             for n in range(3)]
    report = lib.import_paths(files)
    assert len(report.article_ids) == 3 and lib.search("sahel").total == 3


def test_writer_processes_only_when_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert not library._can_start_writer_processes()
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert not library._can_start_writer_processes()
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    for method, expected in (("spawn", True), ("forkserver", True)):
        monkeypatch.setattr(multiprocessing, "get_start_method",
                            lambda allow_none=False, m=method: m)
        assert library._can_start_writer_processes() is expected
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda allow_none=False: None)
    assert library._can_start_writer_processes() is (threading.active_count() == 1)
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        assert not library._can_start_writer_processes()  # fork beside threads: never
    finally:
        stop.set()
        helper.join()


# -- entities -----------------------------------------------------------------------------


def test_extraction_saves_mentions_and_indexes_them(lib: Library, tmp_path: Path) -> None:
    ids = lib.import_paths([SEED, PAGE]).article_ids
    assert lib.pending_entities() == 2
    seen: list[tuple[int, int | None, str]] = []
    assert lib.extract_pending(progress=lambda d, t, c: seen.append((d, t, c)),
                               batch_size=1) == 2
    assert [(d, t) for d, t, _ in seen] == [(1, 2), (2, 2)]
    assert seen[0][2] == lib.article(ids[0]).title  # type: ignore[union-attr]
    assert lib.pending_entities() == 0 and lib.store.unindexed_count() == 0
    seed = lib.article(ids[0])
    assert seed is not None and seed.entities_done
    names = {m.canonical for m in seed.mentions}
    assert "Sadio Camara" in names
    assert lib.search('entity:"Sadio Camara"').ids == (ids[0],)
    camara = next(e for e in lib.entities() if e.name == "Sadio Camara")
    assert lib.entity(camara.id) == camara
    assert [a.id for a in lib.entity_articles(camara.id)] == [ids[0]]
    assert lib.entities(article_id=ids[1], label="place") == [
        e for e in lib.entities(article_id=ids[1]) if e.label == "place"]
    assert [e.name for e in lib.entities(query="CAMARA")] == ["Sadio Camara"]
    assert lib.extract_pending() == 0


def test_extraction_stops_when_cancelled(lib: Library) -> None:
    lib.import_paths([SEED, PAGE])
    cancel = threading.Event()
    cancel.set()
    assert lib.extract_pending(cancel=cancel) == 0
    assert lib.pending_entities() == 2
    lib.import_paths([])
    cancel2 = threading.Event()

    def progress(done: int, total: int | None, current: str) -> None:
        cancel2.set()

    assert lib.extract_pending(progress=progress, cancel=cancel2, batch_size=1) == 2
    assert lib.pending_entities() == 0  # the batch sent before the cancel is saved too


def test_an_article_deleted_during_extraction_is_skipped(lib: Library) -> None:
    ids = lib.import_paths([SEED, PAGE]).article_ids
    articles = lib.store.articles(ids)
    future = lib._submit_extraction(articles)
    lib.delete_articles(ids[:1])
    lib._save_mentions(articles, future, None)
    assert lib.article(ids[1]).entities_done  # type: ignore[union-attr]
    assert lib.store.conn.execute("SELECT count(*) FROM mentions WHERE article_id = ?",
                                  (ids[0],)).fetchone()[0] == 0


def test_curation_reaches_the_index_and_is_undone(lib: Library) -> None:
    (aid,) = lib.import_paths([SEED]).article_ids
    lib.extract_pending()
    camara = next(e for e in lib.entities() if e.name == "Sadio Camara")
    lib.rename_entity(camara.id, "Général Camara")
    assert lib.search('entity:"Général Camara"').ids == (aid,)
    assert lib.search('entity:"Sadio Camara"').total == 0
    lib.retype_entity(camara.id, "organisation")
    assert lib.entity(camara.id).label == "organisation"  # type: ignore[union-attr]
    lib.hide_entity(camara.id)
    assert lib.search('entity:"Général Camara"').total == 0
    lib.hide_entity(camara.id, False)
    assert lib.search('entity:"Général Camara"').ids == (aid,)
    other = next(e for e in lib.entities() if e.id != camara.id)
    lib.merge_entities(other.id, camara.id)
    assert all(e.id != other.id for e in lib.entities())
    assert lib.undo_entity_edit() == "merge"
    assert any(e.id == other.id for e in lib.entities())
    assert lib.undo_entity_edit() == "hide"
    assert lib.undo_entity_edit() == "hide"
    assert lib.undo_entity_edit() == "retype"
    assert lib.undo_entity_edit() == "rename"
    assert lib.search('entity:"Sadio Camara"').ids == (aid,)
    assert lib.undo_entity_edit() is None
    assert lib.store.unindexed_count() == 0


def test_reextraction_keeps_curation(lib: Library) -> None:
    (aid,) = lib.import_paths([SEED]).article_ids
    lib.extract_pending()
    camara = next(e for e in lib.entities() if e.name == "Sadio Camara")
    lib.rename_entity(camara.id, "Général Camara")
    assert lib.reextract([aid]) == 1 and lib.pending_entities() == 1
    lib.extract_pending()
    assert "Général Camara" in {m.canonical for m in lib.article(aid).mentions}  # type: ignore[union-attr]
    assert lib.reextract() == 1


def test_the_default_extractor_is_a_child_process(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        assert lib._extractor is None
        extractor = lib.extractor
        assert isinstance(extractor, ProcessExtractor)
        assert lib.extractor is extractor
    assert extractor._closed if hasattr(extractor, "_closed") else True


# -- reading ---------------------------------------------------------------------------------


def test_reading_an_article_with_its_mentions_and_state(lib: Library) -> None:
    (aid,) = lib.import_paths([SEED]).article_ids
    lib.extract_pending()
    lib.mark_read([aid])
    article = lib.article(aid)
    assert isinstance(article, Article) and article.read and article.mentions
    assert article.mentions == tuple(sorted(article.mentions, key=lambda m: m.start))
    assert lib.article(999) is None
    assert lib.original_bytes(aid) == SEED.read_bytes()
    assert lib.original_bytes(999) is None


def test_every_read_goes_through_the_index(lib: Library) -> None:
    seed, page = lib.import_paths([SEED, PAGE]).article_ids
    results = lib.search("sécurité OR ministers", limit=1, sort="oldest")
    assert results.total == 2 and len(results.hits) == 1
    assert results.ids == (page, seed)  # 2025-03-02 before 2025-08-14
    assert lib.search("sécurité OR ministers", sort="newest").ids == (seed, page)
    only_fr = lib.search("sécurité OR ministers", filters=SearchFilters(langs=("fr",)))
    assert only_fr.ids == (seed,)
    (hit,) = lib.hits("bamako", [seed])
    assert hit.article_id == seed and "<mark>" in hit.snippet
    text = "Les ministres se sont réunis à Bamako."
    start = text.index("Bamako")
    assert lib.match_spans("bamako", text) == [(start, start + 6)]
    assert lib.match_spans("réunis", "x", title="y") == []
    facets = lib.facets("sécurité OR ministers")
    assert dict(facets["lang"]) == {"fr": 1, "en": 1}
    assert dict(lib.facets("bamako", SearchFilters(langs=("en",)))["lang"]) == {}
    assert lib.timeline("sécurité OR ministers") == [(20250302, 1), (20250814, 1)]
    assert lib.timeline("sécurité OR ministers", SearchFilters(langs=("fr",))) == [
        (20250814, 1)]
    related = lib.related(seed, limit=5)
    assert seed not in related.ids
    lib.index_problem = "damaged"
    for read in (lambda: lib.search("x"), lambda: lib.hits("x", [seed]),
                 lambda: lib.match_spans("x", "x"), lambda: lib.facets("x"),
                 lambda: lib.timeline("x"), lambda: lib.related(seed)):
        with pytest.raises(IndexRebuilding):
            read()


def test_the_index_says_why_it_cannot_be_used(lib: Library) -> None:
    assert lib.index is lib._index
    lib.index_problem = "damaged"
    with pytest.raises(IndexRebuilding) as caught:
        lib.index  # noqa: B018
    assert str(caught.value) == ("the search index must be rebuilt (damaged); the window "
                                 "does this by itself, or run `reader-app reindex`")
    lib.rebuilding = True
    with pytest.raises(IndexRebuilding) as caught:
        lib.index  # noqa: B018
    assert str(caught.value) == ("the search index is being rebuilt from the library; "
                                 "search again in a moment")
    lib.rebuilding = False
    lib.index_problem = None


def test_a_writer_notices_an_index_that_became_unusable(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([SEED])
        other = SearchIndex.create(tmp_path / "other", "another-store")
        other.close()
        for f in (lib.path / INDEX_DIR).iterdir():
            f.unlink()
        for f in (tmp_path / "other").iterdir():
            f.rename(lib.path / INDEX_DIR / f.name)
        with lib.writing("an edit"):
            assert lib.index_problem is not None
        assert lib.refresh() is True


def test_state_filters_reach_every_index_the_library_uses(lib: Library) -> None:
    (aid,) = lib.import_paths([SEED]).article_ids
    lib.set_starred([aid])
    assert lib.search("is:starred").ids == (aid,)
    lib.reindex()
    assert lib.search("is:starred").ids == (aid,)  # the rebuilt index answers too
    assert lib.index.state_lookup == lib.state_ids

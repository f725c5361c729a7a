"""More guards on the Library facade (index/library.py), added by the mutation run of
2026-12-04 (docs/mutation-testing.md): related articles, polls, the names writes give
the writer lock, ghosts left out of results, extraction batches and compaction.
Real libraries: SQLite and Whoosh on disk, the shared spaCy model for entities.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import Library, library
from index.entities import EntityExtractor
from index.errors import LibraryReadOnly, LibraryUnusable
from index.library import INDEX_DIR, STORE_FILE
from index.search import SearchIndex
from tests.small_disk import small_disk

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed_aes_bamako.txt"
PAGE = FIXTURES / "uk_ministers.html"


# -- related articles --------------------------------------------------------------------

CARAVAN = [
    "La grande caravane du sel est repartie lundi d'Agadez vers Bilma avec plus de trois "
    "cents dromadaires chargés de vivres.",
    "Les chameliers de la caravane disent que la route d'Agadez à Bilma est plus sûre "
    "cette année grâce aux patrouilles de l'armée.",
    "Le voyage de la caravane doit durer trois semaines, au rythme des puits qui jalonnent "
    "le désert du Ténéré depuis Agadez.",
    "À Bilma, les marchands de sel attendent la caravane pour échanger leurs pains de sel "
    "contre du mil apporté d'Agadez.",
    "Les anciens rappellent que la caravane d'Agadez reliait autrefois les oasis du nord "
    "aux marchés du Nigeria voisin.",
    "Le préfet d'Agadez a promis de soutenir la caravane, qui attire aussi quelques "
    "voyageurs étrangers curieux du désert.",
]
MARKET = [
    "Au marché d'Agadez, les commerçants ont regardé partir la caravane avec l'espoir de "
    "voir baisser bientôt le prix du sel.",
    "Une vendeuse de tissus explique que la caravane fait vivre tout le quartier pendant "
    "les semaines qui précèdent le départ.",
    "Les enfants suivent la caravane jusqu'aux portes de la ville en chantant les airs "
    "que leurs grands-parents leur ont appris.",
    "Un forgeron répare les selles des dromadaires de la caravane dans son atelier situé "
    "près de la grande mosquée.",
    "Les guides touristiques espèrent que la caravane attirera de nouveau des visiteurs "
    "venus d'Europe et d'Asie.",
]


def _text(title: str, sentences: list[str]) -> bytes:
    return (title + "\n\n" + "\n\n".join(sentences) + "\n").encode()


def _related_library(lib: Library) -> tuple[int, int, list[int], list[int]]:
    """A dispatch and its trimmed version (one story), a market report and its reprint
    (another story), and twelve short notes on the same caravan (no story)."""
    notes = [(f"note{n}.txt", f"Brève {n} : la caravane d'Agadez, étape {n}.".encode())
             for n in range(12)]
    ids = lib.import_bytes([
        ("dispatch.txt", _text("La caravane du sel repart", CARAVAN)),
        ("trimmed.txt", _text("Départ de la caravane", CARAVAN[:5])),
        ("market.txt", _text("Agadez et sa caravane", MARKET)),
        ("reprint.txt", _text("Le marché d'Agadez", [*MARKET[:4], "Repris avec accord."])),
        *notes,
    ]).article_ids
    assert len(ids) == 16
    return ids[0], ids[1], ids[2:4], ids[4:]


def test_related_leaves_out_its_own_story_and_counts_the_others(lib: Library) -> None:
    dispatch, trimmed, market, notes = _related_library(lib)
    assert lib.story_map().story_of.get(dispatch) == lib.story_map().story_of.get(trimmed)
    everything = lib.related(dispatch, limit=20)
    assert set(everything.ids) == set(market) | set(notes)  # not itself, not its version
    assert everything.total == 14 and [h.article_id for h in everything.hits] == list(
        everything.ids)
    for hit in everything.hits:
        assert hit.version_count == (2 if hit.article_id in market else 1)
    page = lib.related(dispatch)
    assert len(page.hits) == 10 and page.total == 10
    assert page.ids == tuple(h.article_id for h in page.hits) == everything.ids[:10]
    assert lib.related(dispatch, limit=3).ids == everything.ids[:3]
    assert lib.related(trimmed, limit=20).total == 14  # either version: the same others


def _foreign_index_into(lib: Library, scratch: Path) -> None:
    """Another library's (valid) index where this library's index was."""
    other = SearchIndex.create(scratch, "another-store")
    other.close()
    for f in (lib.path / INDEX_DIR).iterdir():
        f.unlink()
    for f in scratch.iterdir():
        f.rename(lib.path / INDEX_DIR / f.name)


def test_a_poll_clears_a_problem_once_the_index_reloads(tmp_path: Path) -> None:
    reader = Library.open(tmp_path / "lib")
    writer = Library.open(tmp_path / "lib")
    try:
        writer.import_paths([SEED])
        assert reader.refresh()
        reader.index_problem = "damaged"
        assert reader.refresh() is False  # nothing new on disk: the problem stays
        assert reader.index_problem == "damaged"
        writer.import_paths([PAGE])
        reader.rebuilding = True
        assert reader.refresh() is True
        assert reader.index_problem == "damaged"  # its own rebuild clears it, not a poll
        reader.rebuilding = False
        writer.set_starred(writer.search("bamako").ids)
        writer.import_bytes([("c.txt", "Une dépêche sur Tombouctou.".encode())])
        assert reader.refresh() is True
        assert reader.index_problem is None
        assert reader.search("tombouctou").total == 1
    finally:
        reader.close()
        writer.close()


def test_a_poll_follows_index_commits_that_left_the_store_alone(tmp_path: Path) -> None:
    reader = Library.open(tmp_path / "lib")
    writer = Library.open(tmp_path / "lib")
    try:
        for n in range(3):
            writer.import_bytes([(f"{n}.txt", f"Dépêche {n} sur Zinder et ses puits.".encode())])
        assert reader.refresh()
        generation = writer.generation()
        assert writer.compact_index(thorough=True)
        assert writer.generation() == generation
        assert reader.refresh() is True  # the index alone changed
        assert reader.refresh() is False
    finally:
        reader.close()
        writer.close()


def test_a_poll_names_an_index_that_became_unusable(lib: Library, tmp_path: Path) -> None:
    lib.import_paths([SEED])
    lib.refresh()
    _foreign_index_into(lib, tmp_path / "other")
    assert lib.refresh() is True
    assert lib.index_problem == "the search index belongs to another library"


def test_a_poll_never_adopts_another_librarys_index(lib: Library, tmp_path: Path) -> None:
    lib.import_paths([SEED])
    lib.refresh()
    lib._index.close()  # type: ignore[union-attr]
    lib._index = None  # type: ignore[assignment]
    lib.index_problem = "damaged"
    _foreign_index_into(lib, tmp_path / "other")
    assert lib.refresh() is False
    assert lib._index is None and lib.index_problem == "damaged"


def test_every_write_names_itself(tmp_path: Path) -> None:
    """What a write is called reaches whoever waits for it (``writer.json``) and the
    read-only refusal."""
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([SEED])
    with Library.open(tmp_path / "lib", readonly=True) as ro:
        writes = {
            "changing a setting": lambda: ro.set_keep_originals(False),
            "queueing entity extraction": lambda: ro.reextract(),
            "undoing an entity edit": ro.undo_entity_edit,
            "an entity edit": lambda: ro.hide_entity(1),
        }
        for what, write in writes.items():
            with pytest.raises(LibraryReadOnly) as caught:
                write()
            assert str(caught.value) == (f"the library at {ro.path} is read-only: {what} is "
                                         "not possible")


def test_the_setting_is_stored_as_zero_or_one(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.set_keep_originals(False)
        assert lib.store.meta("keep_originals") == "0"
        lib.set_keep_originals(True)
        assert lib.store.meta("keep_originals") == "1"


def test_reextraction_queues_only_the_articles_named(lib: Library) -> None:
    seed, page = lib.import_paths([SEED, PAGE]).article_ids
    lib.extract_pending()
    assert lib.reextract([page]) == 1
    assert lib.pending_entities() == 1
    assert lib.article(seed).entities_done  # type: ignore[union-attr]
    assert not lib.article(page).entities_done  # type: ignore[union-attr]


def library_batch_seconds() -> float:
    from index.import_batch import FIRST_BATCH_SECONDS

    return FIRST_BATCH_SECONDS + 0.1


def test_a_full_disk_stops_an_import_of_bytes_with_a_report(tmp_path: Path) -> None:
    read: list[int] = []

    def items() -> Iterator[tuple[str, bytes]]:
        time.sleep(library_batch_seconds())  # the first article is then written at once
        for n in range(4):
            read.append(n)
            yield f"{n:02d}.txt", " ".join(f"mot{n}x{k}" for k in range(30000)).encode()

    with small_disk(tmp_path / "lib" / INDEX_DIR, 256):
        lib = Library.open(tmp_path / "lib")
        try:
            report = lib.import_bytes(items())
            assert report.stopped is not None and "is full" in report.stopped
            assert read == [0]  # nothing more is read once the disk is full
            assert [(f.path, f.status) for f in report.files] == [("00.txt", "failed")]
            assert lib.article_count() == 0
        finally:
            lib.close()


def test_writer_processes_beside_threads_only_when_spawned(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Asking for the start method must not fix it (``allow_none``): the answer is then
    None, which means fork, the default."""
    import multiprocessing

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        for method in ("spawn", "forkserver"):
            monkeypatch.setattr(multiprocessing, "get_start_method",
                                lambda allow_none=False, m=method: m if allow_none is True
                                else "fork")
            assert library._can_start_writer_processes()  # beside threads: safe
    finally:
        stop.set()
        helper.join()


def test_entities_leave_hidden_ones_out_and_keep_to_the_article(lib: Library) -> None:
    seed, page = lib.import_paths([SEED, PAGE]).article_ids
    lib.extract_pending()
    everyone = {e.name for e in lib.entities()}
    in_seed = {e.name for e in lib.entities(article_id=seed)}
    in_page = {e.name for e in lib.entities(article_id=page)}
    assert "Sadio Camara" in in_seed and "Sadio Camara" not in in_page
    assert in_seed | in_page == everyone and in_seed != everyone
    lib.import_bytes([("visite.txt", "Le ministre Sadio Camara a rencontré à Bamako le "
                                     "capitaine Ibrahim Traoré. Sadio Camara est reparti à "
                                     "Kati.".encode())])
    lib.extract_pending()
    assert lib.entities()[0].name == "Sadio Camara"  # the most mentioned first
    by_name = [e.name for e in lib.entities(sort="name")]
    assert by_name == sorted(by_name, key=str.lower) and by_name[0] != "Sadio Camara"
    camara = next(e for e in lib.entities() if e.name == "Sadio Camara")
    lib.hide_entity(camara.id)
    assert "Sadio Camara" not in {e.name for e in lib.entities()}
    assert "Sadio Camara" in {e.name for e in lib.entities(include_hidden=True)}


def test_hits_the_store_no_longer_has_are_left_out_and_said(lib: Library) -> None:
    ids = lib.import_bytes([
        (f"{day}.txt", f"date 2025-04-{day:02d} Dépêche {day} sur Zinder et ses "
                       f"puits{' oubliés' if day == 2 else ''}.".encode())
        for day in (1, 2, 3)]).article_ids
    first, ghost, last = ids
    with lib.writing("test"), lib.store.transaction() as conn:  # a store behind its index
        conn.execute("DELETE FROM articles WHERE id = ?", (ghost,))
    said = ("1 result(s) left out: the search index is ahead of the library (run "
            "`reader-app check --repair`, or import, to mend it)")
    results = lib.search("zinder", limit=2, sort="oldest")
    assert [h.article_id for h in results.hits] == [first]
    assert results.ids == (first, last)  # beyond the page: not looked up, kept
    assert results.total == 2 and results.notice == said
    only = lib.search("oubliés")
    assert only.hits == () and only.total == 0 and only.ids == () and only.notice == said
    assert lib.search("zinder", limit=1, sort="oldest").notice is None  # page all known
    shortened = lib.search("zinder" + " " * 2000 + "puits", sort="oldest")
    assert shortened.notice == ("Query shortened: only its first 2,000 characters are "
                                f"read.; {said}")
    assert lib.search("tombouctou").notice is None


def test_a_store_this_user_cannot_write_opens_read_only(tmp_path: Path) -> None:
    """Root may write any file, but not an immutable one: the test runs as root in CI."""
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([SEED])
    store = tmp_path / "lib" / STORE_FILE
    if subprocess.run(["chattr", "+i", str(store)], capture_output=True,
                      check=False).returncode != 0:
        pytest.skip("chattr +i is not possible here")
    try:
        assert not os.access(store, os.W_OK)
        with Library.open(tmp_path / "lib") as lib:
            assert lib.readonly and lib.search("bamako").total == 1
    finally:
        subprocess.run(["chattr", "-i", str(store)], check=False)
    with Library.open(tmp_path / "lib") as lib:
        assert not lib.readonly


def test_an_empty_folder_becomes_a_library_and_a_bad_one_is_named(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with Library.open(tmp_path / "empty") as lib:
        assert not lib.readonly and (tmp_path / "empty" / STORE_FILE).is_file()
    file = tmp_path / "file"
    file.write_text("x")
    with pytest.raises(LibraryUnusable) as caught:
        Library.open(file / "lib")
    assert str(caught.value) == f"cannot create the library folder {file / 'lib'}: Not a directory"


def test_close_waits_for_this_process_writer(lib: Library) -> None:
    order: list[str] = []
    inside = threading.Event()

    def write() -> None:
        with lib.writing("a slow write"):
            inside.set()
            time.sleep(0.3)
            order.append("write done")

    writer = threading.Thread(target=write)
    writer.start()
    inside.wait(5)
    lib.close()
    order.append("closed")
    writer.join()
    assert order == ["write done", "closed"]


def test_grouping_that_fails_leaves_the_import_done(lib: Library) -> None:
    with lib.writing("test"), lib.store.transaction() as conn:  # a damaged page, say
        conn.execute("CREATE TRIGGER damaged BEFORE INSERT ON story_members "
                     "BEGIN SELECT RAISE(ABORT, 'database disk image is malformed'); END")
    report = lib.import_paths([SEED])
    assert [f.status for f in report.files] == ["imported"]
    assert lib.search("bamako").total == 1 and lib.story(report.article_ids[0]) is None


def test_a_cancelled_import_leaves_its_stories_to_the_next_writer(lib: Library) -> None:
    cancel = threading.Event()
    (aid,) = lib.import_paths([SEED], progress=lambda d, t, c: cancel.set(),
                              cancel=cancel).article_ids
    assert lib.story(aid) is None
    assert lib.group_stories() == 1 and lib.story(aid) is not None


def _dispatches(lib: Library, count: int) -> list[int]:
    return lib.import_bytes([(f"{n}.txt", f"Dépêche {n} : Sadio Camara est arrivé à "
                                          f"Bamako, jour {n}.".encode())
                             for n in range(count)]).article_ids


def test_a_cancel_lets_only_the_batches_already_sent_finish(lib: Library) -> None:
    _dispatches(lib, 3)
    cancel = threading.Event()
    seen: list[tuple[int, int | None]] = []

    def progress(done: int, total: int | None, current: str) -> None:
        seen.append((done, total))
        cancel.set()

    assert lib.extract_pending(progress=progress, cancel=cancel, batch_size=1) == 2
    assert seen == [(1, 3), (2, 3)]  # two batches in flight, written one by one
    assert lib.pending_entities() == 1


def test_several_children_answers_are_written_together(
        lib: Library, shared_extractor: EntityExtractor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _dispatches(lib, 4)
    monkeypatch.setattr(shared_extractor, "workers", 2, raising=False)  # four in flight
    seen: list[int] = []
    assert lib.extract_pending(progress=lambda d, t, c: seen.append(d), batch_size=1) == 4
    assert seen == [4]  # answered meanwhile: one write


def test_extraction_leaves_a_compact_index(lib: Library) -> None:
    _dispatches(lib, 4)
    from index import upkeep

    seen: list[int] = []
    assert lib.extract_pending(progress=lambda d, t, c: seen.append(d), batch_size=1) == 4
    assert seen == [1, 2, 3, 4]  # four writes: four small segments, merged into one
    assert not upkeep.compaction_due(lib, thorough=True)
    assert len(lib.index.live_segments()) == 1
    assert lib.search('entity:"Sadio Camara"').total == 4


def test_extraction_batches_hold_48_articles(lib: Library) -> None:
    _dispatches(lib, 49)
    seen: list[int] = []
    assert lib.extract_pending(progress=lambda d, t, c: seen.append(d)) == 49
    assert seen == [48, 49]


def test_the_extraction_write_names_itself(lib: Library,
                                           shared_extractor: EntityExtractor) -> None:
    assert lib.extractor is shared_extractor  # the given model, no child process
    _dispatches(lib, 1)
    names: set[str] = set()
    lib.store.conn.set_trace_callback(
        lambda sql: names.add(lib.lock.holder()) if lib.lock.held() else None)
    try:
        lib.extract_pending()
    finally:
        lib.store.conn.set_trace_callback(None)
    assert "entity extraction" in names


def test_an_old_library_read_only_says_it_cannot_be_upgraded(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    shutil.copy(FIXTURES / "libraries" / "v0.1" / "library.sqlite3", folder / STORE_FILE)
    with pytest.raises(LibraryReadOnly) as caught:
        Library.open(folder, readonly=True)
    assert str(caught.value) == (f"the library at {folder} is read-only: upgrading the "
                                 "library is not possible")


def test_a_library_made_from_its_parts_keeps_them(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as opened:
        opened.import_paths([SEED])
    from index.store import Store

    store = Store(tmp_path / "lib" / STORE_FILE)
    index = SearchIndex.open(tmp_path / "lib" / INDEX_DIR, store.store_id())
    with Library(tmp_path / "lib", store, index) as lib:
        assert lib.index is index and lib.search("bamako").total == 1
    with Library(tmp_path / "lib", Store(tmp_path / "lib" / STORE_FILE), None,
                 index_problem="the search index is missing") as lib:
        assert lib.index_problem == "the search index is missing"


def test_nothing_to_extract_leaves_the_index_alone(lib: Library) -> None:
    """The window asks for extraction at every start: with nothing pending, the index is
    not rewritten (a thorough compaction is for after extraction only)."""
    _dispatches(lib, 1)
    lib.import_bytes([("b.txt", b"Une autre note.")])  # a second segment
    with lib.writing("test"), lib.store.transaction() as conn:  # extracted long ago
        conn.execute("UPDATE articles SET entities_done = 1")
    segments = len(lib.index.live_segments())
    assert segments > 1
    assert lib.extract_pending() == 0
    assert len(lib.index.live_segments()) == segments


def test_compaction_is_light_unless_asked_to_be_thorough(lib: Library) -> None:
    lib.import_bytes([("a.txt", b"Une note sur Agadez.")])
    lib.import_bytes([("b.txt", b"Une autre note sur Bilma.")])  # a second clean segment
    assert lib.compact_index() is None  # two clean segments: nothing to do
    assert len(lib.index.live_segments()) == 2
    assert lib.compact_index(thorough=True)
    assert len(lib.index.live_segments()) == 1

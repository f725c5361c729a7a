"""Guards on one import run (index/import_batch.py): what lands, what is reported, and
that a failed batch leaves nothing behind (docs/mutation-testing.md).

A real library (SQLite and Whoosh on disk); parsed sources are built the way the parse
pool builds them (``parsed_bytes``) or, for exact control, as ParseOutcomes of drafts.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import Library, import_batch
from index.import_batch import ImportBatch
from index.importers import ParseOutcome
from index.models import ArticleDraft, FileReport, Highlight, StateDraft
from index.parse_pool import Blob, ParsedSource, StreamMark, parsed_bytes
from index.user_state import highlights
from index.writer_lock import WriteCancelled
from tests.small_disk import small_disk

FR = ("Les ministres de la Défense du Mali, du Burkina Faso et du Niger se sont réunis à "
      "Bamako pour signer un accord de coopération militaire et de sécurité régionale.")
EN = ("The ministers agreed on Tuesday to pool money for new rail lines between the "
      "northern towns, after a long debate in the parliament about funding.")


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "lib")
    yield library
    library.close()


def _parsed(origin: str, *drafts: ArticleDraft, warnings: tuple[str, ...] = ()
            ) -> ParsedSource:
    outcome = ParseOutcome(origin, "ok", tuple(drafts), "", warnings)
    return ParsedSource(origin, outcome, Blob(f"blob-{origin}", 10, None))


def _draft(text: str, title: str = "Titre", **kw: object) -> ArticleDraft:
    return ArticleDraft(title=title, text=text, **kw)  # type: ignore[arg-type]


def _rows(lib: Library, sql: str, *args: object) -> list[tuple[object, ...]]:
    return [tuple(r) for r in lib.store.conn.execute(sql, args)]


@pytest.mark.usefixtures("untimed")  # a loaded machine cannot cut a batch early
def test_every_file_gets_its_line_in_input_order(lib: Library) -> None:
    seen: list[tuple[int, int | None, str]] = []
    batch = ImportBatch(lib, lambda d, t, c: seen.append((d, t, c)), 5)
    batch.add(ParsedSource("/in/unreadable.txt", error="cannot read the file: denied"))
    batch.add(ParsedSource("/in/lost.txt"))  # neither an outcome nor an error
    batch.add(parsed_bytes("/in/fr.txt", FR.encode(), keep=True))
    batch.add(ParsedSource("/in/photo.txt", ParseOutcome(
        "/in/photo.txt", "skipped", (), "a picture, not an article", ("w1",))))
    batch.add(ParsedSource("/in/bad.xml", ParseOutcome(
        "/in/bad.xml", "failed", (), "not well-formed XML", ("w2",))))
    assert lib.article_count() == 0  # queued, not written yet (first batch waits 1 s)
    batch.finish()
    assert seen == [(1, 5, "/in/unreadable.txt"), (2, 5, "/in/lost.txt"), (3, 5, "/in/fr.txt"),
                    (4, 5, "/in/photo.txt"), (5, 5, "/in/bad.xml")]
    files = batch.report.files
    assert [(f.path, f.status, f.reason, f.warnings) for f in files] == [
        ("/in/unreadable.txt", "failed", "cannot read the file: denied", ()),
        ("/in/lost.txt", "failed", "not read", ()),
        ("/in/fr.txt", "imported", "", ()),
        ("/in/photo.txt", "skipped", "a picture, not an article", ("w1",)),
        ("/in/bad.xml", "failed", "not well-formed XML", ("w2",)),
    ]
    (aid,) = batch.report.article_ids
    assert files[2].article_ids == (aid,)
    article = lib.article(aid)
    assert article is not None and article.lang == "fr" and article.text == FR
    assert lib.original_bytes(aid) == FR.encode()
    assert lib.search("bamako").ids == (aid,)
    # The import log has the same lines, and the run is marked finished.
    assert _rows(lib, "SELECT path, status, reason, article_ids FROM import_files") == [
        ("/in/unreadable.txt", "failed", "cannot read the file: denied", "[]"),
        ("/in/lost.txt", "failed", "not read", "[]"),
        ("/in/fr.txt", "imported", "", f"[{aid}]"),
        ("/in/photo.txt", "skipped", "a picture, not an article", "[]"),
        ("/in/bad.xml", "failed", "not well-formed XML", "[]"),
    ]
    ((finished,),) = _rows(lib, "SELECT finished_at FROM imports")
    assert finished is not None
    assert lib.needs_upkeep() == []  # flagged indexed after the index commit


def test_nothing_to_write_is_no_transaction(lib: Library) -> None:
    generation = lib.generation()
    batch = ImportBatch(lib, None, 0)
    batch.flush()
    batch.finish()
    assert lib.generation() == generation
    assert _rows(lib, "SELECT count(*) FROM imports") == [(0,)]
    assert batch.report.files == []


def test_the_language_is_kept_or_detected(lib: Library) -> None:
    batch = ImportBatch(lib, None, 1)
    batch.add(_parsed("/a.json", _draft(FR, title="Sécurité"), _draft(EN, title="Rail"),
                      _draft("Texte court.", lang="de")))
    batch.finish()
    ids = batch.report.article_ids
    assert [lib.article(i).lang for i in ids] == ["fr", "en", "de"]  # type: ignore[union-attr]


def test_the_title_counts_for_language_detection(lib: Library) -> None:
    batch = ImportBatch(lib, None, 2)
    title = "Les ministres de la Défense du Mali et du Niger sont à Bamako pour la sécurité"
    batch.add(_parsed("/t.json", _draft("Niamey, Bamako, Ouagadougou.", title=title)))
    # The title's last word and the text's first are two words: both count.
    batch.add(_parsed("/u.json", _draft("et la ville.", title="Les")))
    batch.finish()
    assert [lib.article(i).lang for i in batch.report.article_ids] == [  # type: ignore[union-attr]
        "fr", "fr"]


def test_first_batch_after_a_second_then_longer(lib: Library, tmp_path: Path) -> None:
    batch = ImportBatch(lib, None, 10)
    assert batch._interval == import_batch.FIRST_BATCH_SECONDS == 1.0
    batch.add(_parsed("/1", _draft("Premier texte.")))
    assert lib.article_count() == 0
    batch._last_flush = time.monotonic() - 1.0  # a second has passed
    batch.add(_parsed("/2", _draft("Deuxième texte.")))
    assert lib.article_count() == 2  # both written at once
    assert batch._interval == 2.0
    assert time.monotonic() - batch._last_flush < 0.5
    for n in range(3, 9):
        batch._last_flush -= batch._interval
        batch.add(_parsed(f"/{n}", _draft(f"Texte numéro {n}.")))
        assert lib.article_count() == n
    assert batch._interval == import_batch.MAX_BATCH_SECONDS == 16.0
    batch.finish()
    assert [f.status for f in batch.report.files] == ["imported"] * 8


def test_a_full_batch_is_written_at_once(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_batch, "BATCH_ARTICLES", 3)
    batch = ImportBatch(lib, None, 3)
    batch.add(_parsed("/a", _draft("Un."), _draft("Deux.")))
    assert lib.article_count() == 0
    batch.add(_parsed("/b", _draft("Trois.")))
    assert lib.article_count() == 3
    batch.add(_parsed("/c", _draft("Quatre.")))
    batch.add(_parsed("/d", _draft("Cinq.")))
    assert lib.article_count() == 3  # the count starts again from 0 after a write
    batch.finish()
    assert lib.article_count() == 5
    # One import run, however many batches: every line under the same import id.
    assert _rows(lib, "SELECT DISTINCT import_id FROM import_files") == [(1,)]
    assert _rows(lib, "SELECT count(*) FROM imports") == [(1,)]


def test_a_batch_of_enough_text_is_written_at_once(
        lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_batch, "BATCH_CHARS", 10)
    monkeypatch.setattr(import_batch, "FIRST_BATCH_SECONDS", 3600.0)
    batch = ImportBatch(lib, None, 4)
    batch.add(_parsed("/a", _draft("Neuf car.")))  # 9 characters of text
    assert lib.article_count() == 0
    batch.add(_parsed("/b", _draft("X")))  # 10: written
    assert lib.article_count() == 2
    batch.add(_parsed("/c", _draft("Neuf car2")))
    assert lib.article_count() == 2  # the count starts again from 0 after a write
    batch.add(_parsed("/d", _draft("Y")))
    assert lib.article_count() == 4
    batch.finish()


def test_duplicates_by_text_case_spacing_and_canonical_url(lib: Library) -> None:
    first = ImportBatch(lib, None, 1)
    first.add(_parsed("/orig.html", _draft(FR, url="https://www.lesahel.ne/a?utm_source=rss")))
    first.finish()
    (original,) = first.report.article_ids
    again = ImportBatch(lib, None, 4)
    again.add(_parsed("/upper.txt", _draft(FR.upper())))  # a copy in other letter case
    again.add(_parsed("/spaced.txt", _draft(FR.replace(" ", "  \n"))))
    # The same page, edited since (new text), at its canonical URL: no crash on the
    # unique index, it is the article already there.
    again.add(_parsed("/edited.html", _draft(FR + " Mise à jour.",
                                             url="http://lesahel.ne/a/#comments")))
    again.add(_parsed("/other.html", _draft(EN, url="https://lesahel.ne/b")))
    again.finish()
    files = again.report.files
    message = f"already in the library as article {original}"
    assert [(f.status, f.reason) for f in files[:3]] == [("duplicate", message)] * 3
    assert files[3].status == "imported"
    assert lib.article_count() == 2
    assert lib.article(original).text == FR  # type: ignore[union-attr]


def test_a_file_of_duplicates_and_new_articles(lib: Library) -> None:
    first = ImportBatch(lib, None, 1)
    first.add(_parsed("/feed1.xml", _draft("Un."), _draft("Deux."), _draft("Trois.")))
    first.finish()
    one, two, _three = first.report.article_ids
    batch = ImportBatch(lib, None, 3)
    batch.add(_parsed("/feed2.xml", _draft("un."), _draft("Quatre."), _draft("DEUX."),
                      warnings=("an entry had no date",)))
    batch.add(_parsed("/feed3.xml", _draft("Deux."), _draft("Un."), _draft("Trois.")))
    batch.add(_parsed("/feed4.xml", _draft("Trois.")))
    batch.add(_parsed("/empty.xml", warnings=("an entry had no text",)))
    batch.finish()
    new, dups, single, empty = batch.report.files
    assert new.status == "imported" and len(new.article_ids) == 1
    assert new.warnings == ("an entry had no date",
                            "2 article(s) already in the library were not added again")
    assert dups == FileReport("/feed3.xml", "duplicate",
                              f"already in the library as article {two} (and 2 more)")
    assert single.reason == f"already in the library as article {_three}"
    assert empty == FileReport("/empty.xml", "skipped", "no article found in the file", (),
                               ("an entry had no text",))
    assert one < two


def test_the_article_returned_matches_the_stored_one(lib: Library) -> None:
    draft = _draft(FR, title="Sécurité au Sahel", date="2025-08-14", source="Le Sahel",
                   url="https://lesahel.ne/x", authors=("Aïcha Maïga",), origin="/o.html")
    batch = ImportBatch(lib, None, 1)
    batch.add(_parsed("/o.html", draft))
    batch.flush()
    (aid,) = batch.report.article_ids
    stored = lib.article(aid)
    assert stored is not None
    assert (stored.title, stored.date, stored.source, stored.url, stored.authors,
            stored.origin) == ("Sécurité au Sahel", "2025-08-14", "Le Sahel",
                               "https://lesahel.ne/x", ("Aïcha Maïga",), "/o.html")
    hit = lib.search("securite").hits[0]  # what the index got from the batch
    assert (hit.article_id, hit.title, hit.date, hit.source, hit.lang) == (
        aid, "Sécurité au Sahel", "2025-08-14", "Le Sahel", "fr")
    assert lib.search("source:sahel").ids == (aid,)
    assert lib.search('author:"aicha maiga"').ids == (aid,)


def test_state_in_an_export_lands_on_new_and_duplicate_articles(lib: Library) -> None:
    state = StateDraft(read=True, starred=True, tags=("Sahel",), note="à relire")
    batch = ImportBatch(lib, None, 1)
    batch.add(_parsed("/export.jsonl", _draft(FR, state=state)))
    batch.finish()
    (aid,) = batch.report.article_ids
    article = lib.article(aid)
    assert article is not None
    assert (article.read, article.starred, article.tags, article.note) == (
        True, True, ("Sahel",), "à relire")
    plain = ImportBatch(lib, None, 1)
    plain.add(_parsed("/plain.txt", _draft(EN)))
    plain.finish()
    (other,) = plain.report.article_ids
    again = ImportBatch(lib, None, 1)
    again.add(_parsed("/export2.jsonl", _draft(EN, state=StateDraft(tags=("Rail",)))))
    again.finish()
    assert again.report.files[0].status == "duplicate"
    assert lib.article(other).tags == ("Rail",)  # type: ignore[union-attr]


def test_a_watch_counts_the_new_articles_of_the_import(lib: Library) -> None:
    lib.add_watch("Bamako", "bamako")
    batch = ImportBatch(lib, None, 2)
    batch.add(_parsed("/fr", _draft(FR)))
    batch.add(_parsed("/en", _draft(EN)))
    batch.finish()
    assert list(batch.report.watches.values()) == [1]
    nothing = ImportBatch(lib, None, 1)
    nothing.add(_parsed("/fr-again", _draft(FR)))
    nothing.finish()
    assert nothing.report.watches == {}


def test_a_full_store_stops_the_import_and_keeps_nothing_half_done(lib: Library) -> None:
    first = ImportBatch(lib, None, 1)
    first.add(_parsed("/kept", _draft("Un article gardé sur Niamey.")))
    first.finish()
    generation = lib.generation()
    pages = lib.store.conn.execute("PRAGMA page_count").fetchone()[0]
    lib.store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    batch = ImportBatch(lib, None, 3)
    batch.add(ParsedSource("/bad", error="cannot read the file: denied"))
    batch.add(_parsed("/big", *(_draft(f"{FR} {n} " * 40) for n in range(40))))
    batch.add(_parsed("/small", _draft("Petit.")))
    batch.flush()
    reason = f"the disk holding {lib.path} is full; nothing was written"
    assert batch.stopped == reason
    assert [(f.path, f.status, f.reason) for f in batch.report.files] == [
        ("/bad", "failed", "cannot read the file: denied"),
        ("/big", "failed", f"not imported: {reason}"),
        ("/small", "failed", f"not imported: {reason}"),
    ]
    assert lib.article_count() == 1 and lib.generation() == generation  # rolled back
    assert _rows(lib, "SELECT count(*) FROM import_files") == [(1,)]
    batch.add(_parsed("/later", _draft("Plus tard.")))
    batch.flush()  # a stopped import writes nothing more
    batch.finish()
    assert lib.article_count() == 1
    assert _rows(lib, "SELECT count(*) FROM imports") == [(1,)]  # its run rolled back too
    assert lib.search("niamey").total == 1


def test_a_cancelled_import_stops_waiting_for_the_writer(lib: Library) -> None:
    """The cancel flag reaches the writer lock: a cancelled import waiting behind another
    write gives up instead of writing when that write ends."""
    held, release = threading.Event(), threading.Event()

    def other_write() -> None:
        with lib.writing("another task"):
            held.set()
            release.wait(10)

    other = threading.Thread(target=other_write)
    other.start()
    cancel = threading.Event()
    cancel.set()
    try:
        assert held.wait(5)
        batch = ImportBatch(lib, None, 1, cancel)
        batch.add(_parsed("/a", _draft("Un article en attente.")))
        threading.Timer(1.0, release.set).start()
        with pytest.raises(WriteCancelled):
            batch.flush()
    finally:
        release.set()
        other.join()
    assert lib.article_count() == 0


def test_finishing_an_import_waits_as_an_import_and_can_be_cancelled(
        lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    notes: list[str] = []
    finish_import = lib.store.finish_import

    def noting(import_id: int) -> None:  # what the lock's note says while the run ends
        notes.append(json.loads((lib.path / "writer.json").read_text("utf-8"))["what"])
        finish_import(import_id)

    monkeypatch.setattr(lib.store, "finish_import", noting)
    done = ImportBatch(lib, None, 1)
    done.add(_parsed("/a", _draft("Un article fini.")))
    done.finish()
    assert notes == ["an import"]
    held, release = threading.Event(), threading.Event()

    def other_write() -> None:
        with lib.writing("another task"):
            held.set()
            release.wait(10)

    cancel = threading.Event()
    batch = ImportBatch(lib, None, 1, cancel)
    batch.add(_parsed("/b", _draft("Un article en attente.")))
    batch.flush()
    other = threading.Thread(target=other_write)
    other.start()
    cancel.set()
    try:
        assert held.wait(5)
        threading.Timer(1.0, release.set).start()
        with pytest.raises(WriteCancelled):
            batch.finish()
    finally:
        release.set()
        other.join()
    assert notes == ["an import"]  # the second run was never marked finished
    assert _rows(lib, "SELECT finished_at IS NULL FROM imports ORDER BY id") == [(0,), (1,)]


def test_highlights_in_an_export_land_on_the_stored_text(lib: Library) -> None:
    first = ImportBatch(lib, None, 1)
    first.add(_parsed("/page.html", _draft(FR, url="https://lesahel.ne/h")))
    first.finish()
    (stored,) = first.report.article_ids
    # The export holds the same page (same URL) in another version: its highlight's
    # offsets fit that version, and its words are found again in the stored text.
    seen = _draft("Bamako : " + EN, url="https://lesahel.ne/h",
                  state=StateDraft(highlights=(Highlight(0, 6, "Bamako", "ville"),)))
    fresh_text = EN + " Rail et Niamey."
    fresh = _draft(fresh_text, state=StateDraft(
        highlights=(Highlight(len(EN) + 1, len(EN) + 5, "Rail", "train"),)))
    batch = ImportBatch(lib, None, 1)
    batch.add(_parsed("/export.jsonl", seen, fresh))
    batch.finish()
    at = FR.index("Bamako")
    assert [(h.start, h.end, h.quote, h.comment) for h in
            highlights(lib.store.conn, stored, FR)] == [(at, at + 6, "Bamako", "ville")]
    (new,) = batch.report.article_ids
    assert [(h.start, h.quote, h.comment) for h in
            highlights(lib.store.conn, new, fresh_text)] == [(len(EN) + 1, "Rail", "train")]


def test_a_full_index_takes_the_batch_back_out_of_the_store(tmp_path: Path) -> None:
    lib_dir = tmp_path / "lib"
    with small_disk(lib_dir / "search-index", 256):
        lib = Library.open(lib_dir)
        try:
            first = ImportBatch(lib, None, 1)
            first.add(_parsed("/kept", _draft("Un article gardé sur Niamey.")))
            first.finish()
            batch = ImportBatch(lib, None, 2)
            words = [f"mot{n}x{k}" for n in range(400) for k in range(60)]
            big = [_draft(" ".join(words[n::40]), title=f"Dépêche {n}") for n in range(40)]
            batch.add(_parsed("/big", *big))
            batch.add(ParsedSource("/bad", error="cannot read the file: denied"))
            batch.finish()
            assert batch.stopped is not None and "is full" in batch.stopped
            assert [f.status for f in batch.report.files] == ["failed", "failed"]
            assert batch.report.files[1].reason == "cannot read the file: denied"
            assert lib.article_count() == 1  # the batch's articles were taken back out
            assert _rows(lib, "SELECT path FROM import_files") == [("/kept",)]
            assert lib.store.unindexed_count() == 0
        finally:
            lib.close()


def test_a_flush_tells_other_processes_it_is_an_import(lib: Library) -> None:
    """While a batch is written, the lock's note names it (another window shows it)."""
    seen: set[str] = set()
    stop = threading.Event()

    def watch() -> None:
        note = lib.path / "writer.json"
        while not stop.is_set():
            with contextlib.suppress(OSError, ValueError):
                seen.add(json.loads(note.read_text(encoding="utf-8"))["what"])

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        batch = ImportBatch(lib, None, 1)
        batch.add(_parsed("/big", *(_draft(f"{FR} numéro {n}.") for n in range(300))))
        batch.flush()
    finally:
        stop.set()
        watcher.join()
    assert "an import" in seen
    assert seen <= {"an import"}


# -- streamed files (JSON Lines, mbox, feeds read piece by piece) ----------------------

@pytest.fixture
def untimed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches written only when a test flushes: a loaded machine cannot move the cuts."""
    monkeypatch.setattr(import_batch, "FIRST_BATCH_SECONDS", 3600.0)
    monkeypatch.setattr(import_batch, "MAX_BATCH_SECONDS", 3600.0)


BIG = "/in/big.jsonl"
TOO_LARGE = "article too large (70 MB; the limit is 64 MB)"


def _piece(where: str, *drafts: ArticleDraft, file: str = BIG,
           warnings: tuple[str, ...] = ()) -> ParsedSource:
    """A piece of a streamed file, as the parse pool hands it over."""
    outcome = ParseOutcome(file, "ok", tuple(drafts), "", warnings)
    return ParsedSource(file, outcome, Blob(f"blob-{file}-{where}", 10, None),
                        stream=StreamMark(file, where))


def _bad_piece(where: str, status: str, reason: str, file: str = BIG) -> ParsedSource:
    outcome = ParseOutcome(file, status, (), reason)  # type: ignore[arg-type]
    return ParsedSource(file, outcome, stream=StreamMark(file, where))


def _refused(line: int, file: str = BIG) -> ParsedSource:
    return ParsedSource(f"{file}#line-{line}", error=TOO_LARGE,
                        stream=StreamMark(file, f"line {line}"))


def _end(where: str, file: str = BIG, cut: str | None = None) -> ParsedSource:
    return ParsedSource(file, stream=StreamMark(file, where, True, cut))


def _lines(batch: ImportBatch) -> list[tuple[str, str, str, int, tuple[str, ...]]]:
    return [(f.path, f.status, f.reason, len(f.article_ids), f.warnings)
            for f in batch.report.files]


@pytest.mark.usefixtures("untimed")
def test_a_streamed_file_gets_one_line_and_its_progress_says_where(lib: Library) -> None:
    seen: list[tuple[int, int | None, str]] = []
    batch = ImportBatch(lib, lambda d, t, c: seen.append((d, t, c)), 2)
    batch.add(_piece("line 2", _draft("Un."), _draft("Deux."), warnings=("w1",)))
    batch.add(_refused(3))
    batch.add(_piece("line 5", _draft("Quatre."), _draft("Cinq."), warnings=("w1", "w2")))
    assert batch.finished_sources == 0  # the file counts once, at its end
    batch.add(_end("line 5"))
    assert batch.finished_sources == 1
    batch.add(_parsed("/in/small.txt", _draft("Petit.")))
    batch.finish()
    assert seen == [(0, 2, f"{BIG} (line 2)"), (0, 2, f"{BIG} (line 3)"),
                    (0, 2, f"{BIG} (line 5)"), (1, 2, BIG), (2, 2, "/in/small.txt")]
    assert _lines(batch) == [
        (f"{BIG}#line-3", "failed", TOO_LARGE, 0, ()),
        (BIG, "imported", "", 4,
         ("w1", "w2", "1 article(s) too large were left out (see their lines)")),
        ("/in/small.txt", "imported", "", 1, ()),
    ]
    ids = batch.report.files[1].article_ids
    assert [lib.article(i).text for i in ids] == [  # type: ignore[union-attr]
        "Un.", "Deux.", "Quatre.", "Cinq."]
    assert lib.search("quatre").ids == (ids[2],)
    assert _rows(lib, "SELECT path, status FROM import_files") == [
        (f"{BIG}#line-3", "failed"), (BIG, "imported"), ("/in/small.txt", "imported")]
    assert lib.needs_upkeep() == []


@pytest.mark.usefixtures("untimed")
def test_a_streamed_file_keeps_its_tally_across_batches(lib: Library) -> None:
    first = ImportBatch(lib, None, 1)
    first.add(_parsed("/in/old.txt", _draft("Déjà là.")))
    first.finish()
    (old,) = first.report.article_ids
    batch = ImportBatch(lib, None, 2)
    batch.add(_piece("line 2", _draft("Un."), _draft("déjà  là.")))
    batch.flush()
    assert lib.article_count() == 2 and batch.report.files == []  # no line before the end
    batch.add(_piece("line 4", _draft("Trois."), _draft("Quatre.")))
    batch.flush()
    batch.add(_end("line 4"))
    batch.add(_piece("entry 1", _draft("Autre flux."), file="/in/feed.xml"))
    batch.add(_end("entry 1", file="/in/feed.xml"))
    batch.finish()
    assert _lines(batch) == [
        (BIG, "imported", "", 3, ("1 article(s) already in the library were not added again",)),
        ("/in/feed.xml", "imported", "", 1, ()),
    ]
    assert lib.article_count() == 5 and old not in batch.report.article_ids


@pytest.mark.usefixtures("untimed")
def test_a_streamed_file_of_duplicates_failures_or_nothing(lib: Library) -> None:
    first = ImportBatch(lib, None, 1)
    first.add(_parsed("/in/old.txt", _draft("Un."), _draft("Deux.")))
    first.finish()
    one, two = first.report.article_ids
    batch = ImportBatch(lib, None, 5)
    batch.add(_piece("line 2", _draft("un."), _draft("DEUX."), file="/in/dups.jsonl"))
    batch.add(_end("line 2", file="/in/dups.jsonl"))
    batch.add(_bad_piece("msg 3", "failed", "not a mailbox", file="/in/bad.mbox"))
    batch.add(_bad_piece("msg 6", "skipped", "no message", file="/in/bad.mbox"))
    batch.add(_end("msg 6", file="/in/bad.mbox"))
    batch.add(_bad_piece("entry 2", "skipped", "an empty feed", file="/in/empty.xml"))
    batch.add(_end("entry 2", file="/in/empty.xml"))
    batch.add(_end("", file="/in/nothing.jsonl"))
    batch.add(_refused(1, file="/in/huge.jsonl"))
    batch.add(ParsedSource("/in/huge.jsonl#line-2",  # a refusal that gave no reason
                           stream=StreamMark("/in/huge.jsonl", "line 2")))
    batch.add(_end("line 2", file="/in/huge.jsonl"))
    batch.add(_parsed("/in/two.xml", _draft("UN."), _draft("deux."), warnings=("no date",)))
    batch.finish()
    assert _lines(batch) == [
        ("/in/dups.jsonl", "duplicate",
         f"already in the library as article {one} (and 1 more)", 0, ()),
        ("/in/bad.mbox", "failed", "not a mailbox", 0, ()),
        ("/in/empty.xml", "skipped", "an empty feed", 0, ()),
        ("/in/nothing.jsonl", "skipped", "no article found in the file", 0, ()),
        ("/in/huge.jsonl#line-1", "failed", TOO_LARGE, 0, ()),
        ("/in/huge.jsonl#line-2", "failed", "not read", 0, ()),
        ("/in/huge.jsonl", "skipped", "no article found in the file", 0,
         ("2 article(s) too large were left out (see their lines)",)),
        ("/in/two.xml", "duplicate", f"already in the library as article {one} (and 1 more)",
         0, ("no date",)),
    ]
    assert lib.article_count() == 2 and two > one


@pytest.mark.usefixtures("untimed")
def test_a_streamed_file_cut_short(lib: Library) -> None:
    cut = "the file is damaged from here (corrupt gzip data)"
    batch = ImportBatch(lib, None, 2)
    batch.add(_piece("line 2", _draft("Un."), _draft("Deux.")))
    batch.add(_end("line 2", cut=cut))
    batch.add(_end("line 0", file="/in/broken.jsonl.gz", cut=cut))
    batch.finish()
    assert _lines(batch) == [
        (BIG, "imported", "", 2, (cut,)),
        ("/in/broken.jsonl.gz", "failed", cut, 0, ()),
    ]


@pytest.mark.usefixtures("untimed")
def test_a_cancelled_import_says_how_far_the_streamed_file_got(lib: Library) -> None:
    batch = ImportBatch(lib, None, 1)
    batch.add(_piece("line 256", _draft("Un."), _draft("Deux.")))
    batch.add(_piece("line 512", _draft("Trois.")))
    batch.finish()  # the parse pool stopped before the file's end
    assert _lines(batch) == [(BIG, "imported", "", 3, (
        "the import was cancelled: 3 article(s) up to line 512 were imported;"
        " import the file again for the rest",))]
    assert _rows(lib, "SELECT path, status FROM import_files") == [(BIG, "imported")]
    ((finished,),) = _rows(lib, "SELECT finished_at FROM imports")
    assert finished is not None


@pytest.mark.usefixtures("untimed")
def test_a_full_disk_inside_a_streamed_file_keeps_what_was_committed(lib: Library) -> None:
    reason = f"the disk holding {lib.path} is full; nothing was written"
    lib.add_watch("Gardé", "gardé")
    batch = ImportBatch(lib, None, 2)
    batch.add(_piece("line 2", _draft("Un article gardé."), _draft("Un autre."),
                     warnings=("w1",)))
    batch.flush()
    pages = lib.store.conn.execute("PRAGMA page_count").fetchone()[0]
    lib.store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    # The tally takes a piece, a refusal and a piece's warning before the disk is
    # found full: all three are rolled back with the batch.
    batch.add(_piece("line 3", _draft("Un petit."), warnings=("w2",)))
    batch.add(_refused(4))
    batch.add(_piece("line 300", *(_draft(f"{FR} {n} " * 40) for n in range(40)),
                     warnings=("w3",)))
    batch.add(_refused(301))
    batch.add(ParsedSource("/in/bad", error="cannot read the file: denied"))
    batch.flush()
    assert batch.stopped == reason
    assert _lines(batch) == [
        (f"{BIG}#line-4", "failed", TOO_LARGE, 0, ()),
        (f"{BIG}#line-301", "failed", TOO_LARGE, 0, ()),
        ("/in/bad", "failed", "cannot read the file: denied", 0, ()),
        (BIG, "imported", "", 2, ("w1", f"not all imported: {reason}: 2 article(s) up to "
                                  "line 2 were imported; import the file again for the rest")),
    ]
    assert lib.article_count() == 2
    batch.add(_end("line 301"))
    batch.finish()  # nothing more is written or reported
    assert len(batch.report.files) == 4 and lib.article_count() == 2
    assert batch.report.watches == {}  # a stopped import counts no watch


@pytest.mark.usefixtures("untimed")
def test_a_full_disk_in_the_first_batch_of_streamed_files_reports_each(lib: Library) -> None:
    """Found by mutation testing: a streamed file whose pieces were all in the batch
    rolled back had no line at all in the report."""
    reason = f"the disk holding {lib.path} is full; nothing was written"
    pages = lib.store.conn.execute("PRAGMA page_count").fetchone()[0]
    lib.store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    batch = ImportBatch(lib, None, 4)
    batch.add(_refused(1))
    batch.add(_piece("line 41", *(_draft(f"{FR} {n} " * 40) for n in range(40))))
    batch.add(_piece("line 42", _draft("Encore un.")))
    batch.add(_end("line 42"))
    batch.add(_parsed("/in/plain.txt", _draft("Un fichier simple.")))
    batch.add(_piece("line 1", _draft("Autre."), file="/in/other.jsonl"))
    batch.flush()
    assert batch.stopped == reason
    assert _lines(batch) == [
        (f"{BIG}#line-1", "failed", TOO_LARGE, 0, ()),
        (BIG, "failed", f"not imported: {reason}", 0, ()),
        ("/in/plain.txt", "failed", f"not imported: {reason}", 0, ()),
        ("/in/other.jsonl", "failed", f"not imported: {reason}", 0, ()),
    ]
    assert lib.article_count() == 0


@pytest.mark.usefixtures("untimed")
def test_a_full_disk_when_a_cancelled_stream_is_logged_keeps_its_line(lib: Library) -> None:
    """The articles of a cancelled stream were committed in earlier batches: if even its
    line cannot be logged, the report still says they were imported."""
    long_name = "/in/" + "r" * 20_000 + ".jsonl"  # a log row that needs new pages
    batch = ImportBatch(lib, None, 1)
    batch.add(_piece("line 2", _draft("Un."), _draft("Deux."), file=long_name))
    batch.flush()
    pages = lib.store.conn.execute("PRAGMA page_count").fetchone()[0]
    lib.store.conn.execute(f"PRAGMA max_page_count = {pages}")
    batch.finish()  # cancelled before the file's end
    assert batch.stopped is not None and "is full" in batch.stopped
    assert _lines(batch) == [(long_name, "imported", "", 2, (
        "the import was cancelled: 2 article(s) up to line 2 were imported;"
        " import the file again for the rest",))]
    assert lib.article_count() == 2

"""Guards on one import run (index/import_batch.py): what lands, what is reported, and
that a failed batch leaves nothing behind (docs/mutation-testing.md).

A real library (SQLite and Whoosh on disk); parsed sources are built the way the parse
pool builds them (``parsed_bytes``) or, for exact control, as ParseOutcomes of drafts.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import Library, import_batch
from index.import_batch import ImportBatch
from index.importers import ParseOutcome
from index.models import ArticleDraft, FileReport, StateDraft
from index.parse_pool import Blob, ParsedSource, parsed_bytes

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
    batch = ImportBatch(lib, None, 1)
    title = "Les ministres de la Défense du Mali et du Niger sont à Bamako pour la sécurité"
    batch.add(_parsed("/t.json", _draft("Niamey, Bamako, Ouagadougou.", title=title)))
    batch.finish()
    (aid,) = batch.report.article_ids
    assert lib.article(aid).lang == "fr"  # type: ignore[union-attr]


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
    batch.add(_parsed("/empty.xml"))
    batch.finish()
    new, dups, single, empty = batch.report.files
    assert new.status == "imported" and len(new.article_ids) == 1
    assert new.warnings == ("an entry had no date",
                            "2 article(s) already in the library were not added again")
    assert dups == FileReport("/feed3.xml", "duplicate",
                              f"already in the library as article {two} (and 2 more)")
    assert single.reason == f"already in the library as article {_three}"
    assert (empty.status, empty.reason) == ("skipped", "no article found in the file")
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


@contextlib.contextmanager
def _small_disk(where: Path, size_kb: int) -> Iterator[Path]:
    """A real full disk: a tmpfs of a few hundred KB (root, as in CI)."""
    where.mkdir(parents=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs",
                              str(where)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_full_index_takes_the_batch_back_out_of_the_store(tmp_path: Path) -> None:
    lib_dir = tmp_path / "lib"
    with _small_disk(lib_dir / "search-index", 256):
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

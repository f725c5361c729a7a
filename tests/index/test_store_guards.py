"""Guards on the SQLite store and its migrations, each pinned by a test that fails when
one line of index/store.py or index/migrations.py changes (docs/mutation-testing.md).

Real SQLite files in ``tmp_path``; no mocks. The store is the library's truth: what a
duplicate is, what a canonical URL is, which rows a read returns and that a failed write
leaves nothing behind are all checked here, value for value.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import sqlite3
import threading
import zlib
from pathlib import Path

import pytest

from index.errors import DiskFull, LibraryReadOnly, LibraryUnusable
from index.migrations import MIGRATIONS, SCHEMA_VERSION, migrate, stored_version
from index.models import ArticleDraft, FileReport
from index.store import (
    Store,
    _check,
    _enter_wal,
    blob_hash,
    canonical_url,
    content_hash,
    fold_text,
    mark_dirty,
    now_iso,
    translate_errors,
    unusable_message,
)
from tests.small_disk import small_disk


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "lib" / "library.sqlite3")
    yield s
    s.close()


def _draft(text: str = "Un accord est signé à Bamako.", **kw: object) -> ArticleDraft:
    return ArticleDraft(title=str(kw.pop("title", "Titre")), text=text, **kw)  # type: ignore[arg-type]


def _insert(store: Store, draft: ArticleDraft, *, lang: str | None = "fr",
            blob: str | None = None) -> int:
    with store.transaction():
        return store.insert_article(draft, lang=lang, chash=content_hash(draft),
                                    curl=canonical_url(draft.url), blob=blob)


def _column(store: Store, sql: str, *args: object) -> list[object]:
    return [r[0] for r in store.conn.execute(sql, args)]


# -- plain functions ------------------------------------------------------------------


def test_fold_text_drops_case_and_accents_only() -> None:
    assert fold_text(None) == ""
    assert fold_text("") == ""
    assert fold_text("États-Unis") == "etats-unis"
    assert fold_text("CÔTE d’Ivoire") == "cote d’ivoire"
    assert fold_text("Straße") == "strasse"  # casefold, not lower
    assert fold_text("ﬁn") == "fin"  # NFKD: the ligature is two letters


def test_now_iso_is_utc_to_the_second() -> None:
    value = now_iso()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", value), value


def test_content_hash_is_the_sha256_of_the_normalised_text() -> None:
    draft = _draft("  Le  Mali\n\tet LE Niger  ", title="ignored")
    assert content_hash(draft) == hashlib.sha256(b"le mali et le niger").hexdigest()
    # A copy differing in letter case, spacing or title is the same article...
    assert content_hash(_draft("le mali et le niger", title="autre")) == content_hash(draft)
    # ...a copy differing in one word is not.
    assert content_hash(_draft("Le Mali et le Tchad")) != content_hash(draft)


def test_blob_hash_is_sha256() -> None:
    assert blob_hash(b"abc") == hashlib.sha256(b"abc").hexdigest()


@pytest.mark.parametrize(("url", "expected"), [
    (None, None),
    ("", None),
    ("   ", None),
    ("http://[::1", None),                              # unparseable
    ("ftp://example.com/a", None),
    ("file:///etc/passwd", None),
    ("https:///path-only", None),
    ("http://example.com", "https://example.com/"),
    ("  https://Example.COM/a/b/  ", "https://example.com/a/b"),
    ("http://www.lemonde.fr:80/x", "https://lemonde.fr/x"),
    ("https://www.lemonde.fr:443/x", "https://lemonde.fr/x"),
    ("https://lemonde.fr:8080/x", "https://lemonde.fr:8080/x"),
    ("https://wwwx.fr/x", "https://wwwx.fr/x"),
    ("https://a.fr/x#section-2", "https://a.fr/x"),
    ("https://a.fr/FAX/", "https://a.fr/FAX"),
    ("https://a.fr/x?b=2&a=1", "https://a.fr/x?a=1&b=2"),
    ("https://a.fr/x?utm_source=rss&utm_medium=x&id=3", "https://a.fr/x?id=3"),
    ("https://a.fr/x?fbclid=1&gclid=2&xtor=3&at_medium=4&at_campaign=5", "https://a.fr/x"),
    ("https://a.fr/x?fbclidx=1&autm_=2&xtors=3", "https://a.fr/x?autm_=2&fbclidx=1&xtors=3"),
    ("https://a.fr/x?q=caf%C3%A9", "https://a.fr/x?q=caf%C3%A9"),
])
def test_canonical_url(url: str | None, expected: str | None) -> None:
    assert canonical_url(url) == expected


def test_unusable_message_names_the_repair_for_a_damaged_file() -> None:
    path = Path("/x/lib/library.sqlite3")
    for text in ("file is not a database", "database disk image is malformed"):
        message = unusable_message(path, sqlite3.DatabaseError(text))
        assert message == (f"the library store {path} is damaged ({text}); "
                           "run `reader-app check --repair` to recover what can be read")
    assert unusable_message(path, OSError("no such thing")) == (
        f"cannot open the library store {path}: no such thing")


# -- translate_errors -----------------------------------------------------------------


def _translated(path: Path, exc: BaseException) -> BaseException:
    with pytest.raises(BaseException) as caught, translate_errors(path):
        raise exc
    return caught.value


def test_translate_errors_disk_full_read_only_damage(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.sqlite3"
    full = _translated(path, sqlite3.OperationalError("database or disk is full"))
    assert isinstance(full, DiskFull)
    assert str(full) == f"the disk holding {path.parent} is full; nothing was written"
    for text in ("attempt to write a readonly database", "read-only file system"):
        ro = _translated(path, sqlite3.OperationalError(text))
        assert isinstance(ro, LibraryReadOnly)
        assert str(ro) == f"the library at {path.parent} is read-only"
    for text in ("database is locked", "database table is busy"):
        raw = _translated(path, sqlite3.OperationalError(text))
        assert type(raw) is sqlite3.OperationalError  # the caller retries these
    other = _translated(path, sqlite3.OperationalError("unable to open database file"))
    assert isinstance(other, LibraryUnusable)
    assert str(other) == f"cannot open the library store {path}: unable to open database file"
    damaged = _translated(path, sqlite3.DatabaseError("file is not a database"))
    assert isinstance(damaged, LibraryUnusable) and "is damaged" in str(damaged)
    assert isinstance(damaged.__cause__, sqlite3.DatabaseError)
    unrelated = _translated(path, ValueError("ours"))
    assert type(unrelated) is ValueError
    with translate_errors(path):
        pass  # nothing raised, nothing changed


@pytest.mark.parametrize(("size_kb", "full"), [(1020, True), (1024, False), (1536, False)])
def test_a_disk_is_full_below_one_mebibyte_free(tmp_path: Path, size_kb: int,
                                                full: bool) -> None:
    with small_disk(tmp_path / "disk", size_kb) as disk:
        error = _translated(disk / "library.sqlite3", sqlite3.OperationalError("disk I/O error"))
        assert isinstance(error, DiskFull if full else LibraryUnusable)


def test_an_io_error_is_disk_full_only_when_the_disk_is(tmp_path: Path) -> None:
    io_error = sqlite3.OperationalError("disk I/O error")
    # /proc reports no free space at all: there, an I/O error means a full disk.
    assert isinstance(_translated(Path("/proc/library.sqlite3"), io_error), DiskFull)
    assert isinstance(_translated(tmp_path / "library.sqlite3", io_error), LibraryUnusable)
    # A folder that does not exist cannot be asked for its free space: not "disk full".
    gone = tmp_path / "gone" / "library.sqlite3"
    assert isinstance(_translated(gone, io_error), LibraryUnusable)


# -- opening --------------------------------------------------------------------------


def test_a_new_store_gets_every_migration_and_its_parent_folder(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "library.sqlite3"
    store = Store(path)
    try:
        assert path.is_file()
        assert store.version == SCHEMA_VERSION
        assert not store.needs_migration()
        assert store.migrate() == SCHEMA_VERSION  # nothing to do: returns the version
        assert store.meta("schema_version") == str(SCHEMA_VERSION)
        assert store.generation() == 0
        assert re.fullmatch(r"[0-9a-f]{32}", store.store_id())
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30000
        assert store.conn.execute("SELECT fold('Élysée')").fetchone()[0] == "elysee"
        row = store.conn.execute("SELECT 1 AS one").fetchone()
        assert row["one"] == 1  # sqlite3.Row
        assert store.quick_check() == [] and store.integrity_check() == []
    finally:
        store.close()


def test_meta_default_and_generation_parsing(store: Store) -> None:
    assert store.meta("no such key") is None
    assert store.meta("no such key", "dflt") == "dflt"
    store.conn.execute("UPDATE meta SET value = '41' WHERE key = 'generation'")
    assert store.generation() == 41
    store.conn.execute("UPDATE meta SET value = '' WHERE key = 'generation'")
    assert store.generation() == 0
    store.conn.execute("DELETE FROM meta WHERE key IN ('generation', 'store_id')")
    assert store.generation() == 0
    assert store.store_id() == ""


def test_a_file_that_is_not_a_database_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    path.write_bytes(b"this is not sqlite at all, just some text " * 100)
    with pytest.raises(LibraryUnusable) as caught:
        Store(path)
    assert str(caught.value) == (
        f"the library store {path} is damaged (file is not a database); "
        "run `reader-app check --repair` to recover what can be read")


def test_a_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                     (str(SCHEMA_VERSION + 1),))
    with pytest.raises(LibraryUnusable) as caught:
        Store(path)
    assert str(caught.value) == (
        f"the library at {tmp_path} was written by a newer version of Veille "
        f"(store schema {SCHEMA_VERSION + 1}; this version reads up to {SCHEMA_VERSION})")
    with sqlite3.connect(path) as conn:  # the same version opens
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                     (str(SCHEMA_VERSION),))
    Store(path).close()


def test_a_readonly_store_reads_and_refuses_every_write(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    writer = Store(path)
    aid = _insert(writer, _draft())
    writer.close()
    ro = Store(path, readonly=True)
    try:
        assert ro.readonly and not ro._immutable  # an ordinary read-only connection
        assert ro.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30000
        assert ro.migrate() == SCHEMA_VERSION  # nothing to upgrade: nothing refused
        assert ro.article(aid) is not None
        with pytest.raises(LibraryReadOnly, match=f"the library at {tmp_path} is read-only"):
            ro.transaction()
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            ro.conn.execute("DELETE FROM articles")
    finally:
        ro.close()


def test_a_readonly_store_is_never_created_nor_migrated(tmp_path: Path) -> None:
    path = tmp_path / "ro" / "library.sqlite3"
    with pytest.raises(LibraryUnusable):
        Store(path, readonly=True)  # no folder, no file: nothing is made
    assert not (tmp_path / "ro").exists()
    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES('schema_version', '1')")
    ro = Store(old, readonly=True)
    try:
        assert ro.version == 1 and ro.needs_migration()
        with pytest.raises(LibraryReadOnly) as caught:
            ro.migrate()
        assert str(caught.value) == (
            f"the library at {tmp_path} was written by an older version of Veille and "
            "must be upgraded, but it is read-only")
    finally:
        ro.close()
    assert stored_version(sqlite3.connect(old)) == 1


def test_an_unwritable_wal_store_is_read_as_immutable(tmp_path: Path) -> None:
    """A read-only medium where SQLite cannot open the WAL files: read as immutable."""
    path = tmp_path / "library.sqlite3"
    writer = Store(path)
    _insert(writer, _draft())
    writer.close()
    assert not (tmp_path / "library.sqlite3-wal").exists()
    (tmp_path / "library.sqlite3-wal").mkdir()  # cannot be opened as a file, even by root
    ro = Store(path, readonly=True)
    try:
        assert ro.article_count() == 1
        assert ro._immutable
        other = []
        opened, closed = threading.Event(), threading.Event()

        def worker() -> None:
            conn = ro.conn  # a second connection goes straight to immutable
            other.append(ro.article_count())
            opened.set()
            closed.wait(10)
            with contextlib.suppress(sqlite3.ProgrammingError):
                conn.execute("SELECT 1")
                other.append("still open")

        thread = threading.Thread(target=worker)
        thread.start()
        opened.wait(10)
        ro.close()  # closes the worker's connection too
        closed.set()
        thread.join()
        assert other == [1]
    finally:
        ro.close()


@pytest.mark.parametrize("readonly", [False, True])
def test_close_closes_the_connections_of_live_threads(tmp_path: Path, readonly: bool) -> None:
    path = tmp_path / "library.sqlite3"
    Store(path).close()
    store = Store(path, readonly=readonly)
    opened, closed, done = threading.Event(), threading.Event(), []

    def worker() -> None:
        conn = store.conn
        opened.set()
        closed.wait(10)
        try:
            conn.execute("SELECT 1")
            done.append("still open")
        except sqlite3.ProgrammingError:
            done.append("closed")

    thread = threading.Thread(target=worker)
    thread.start()
    opened.wait(10)
    store.close()  # from another thread than the one that opened it
    closed.set()
    thread.join(10)
    assert done == ["closed"]


def test_one_connection_per_thread_all_closed_on_close(tmp_path: Path) -> None:
    store = Store(tmp_path / "library.sqlite3")
    mine = store.conn
    assert store.conn is mine
    theirs: list[sqlite3.Connection] = []
    thread = threading.Thread(target=lambda: theirs.append(store.conn))
    thread.start()
    thread.join()
    assert theirs[0] is not mine
    store.close()
    for conn in (mine, theirs[0]):
        with pytest.raises(sqlite3.ProgrammingError):
            conn.execute("SELECT 1")
    reopened = store.conn  # a closed store opens a fresh connection when asked
    assert reopened is not mine
    assert reopened.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    store.close()


def test_migrate_upgrades_an_old_store_in_place(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with sqlite3.connect(path) as conn:
        MIGRATIONS[0](conn)
        conn.execute("INSERT INTO meta VALUES('schema_version', '1')")
        conn.execute("INSERT INTO articles(title, text, content_hash, imported_at, indexed)"
                     " VALUES('t', 'x', 'h', 'now', 1)")
    store = Store(path)
    try:
        assert store.version == 1 and store.needs_migration()
        assert store.migrate() == 1
        assert store.version == SCHEMA_VERSION and not store.needs_migration()
        assert stored_version(store.conn) == SCHEMA_VERSION
        row = store.conn.execute("SELECT rev, indexed FROM articles").fetchone()
        assert tuple(row) == (0, 1)
        columns = [r[1] for r in store.conn.execute("PRAGMA table_info(articles)")]
        assert columns[-2:] == ["rev", "synced"]  # named as the code names them
        assert store.generation() == 0 and store.store_id()
    finally:
        store.close()


def test_migrate_skips_what_another_process_already_did(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with sqlite3.connect(path) as conn:
        MIGRATIONS[0](conn)
        conn.execute("INSERT INTO meta VALUES('schema_version', '1')")
    slow = Store(path)  # reads version 1 ...
    fast = Store(path)
    fast.migrate()  # ... while another process upgrades the file
    fast.close()
    try:
        assert slow.migrate() == 1  # must not run step 2 again (ALTER TABLE would fail)
        assert slow.version == SCHEMA_VERSION
    finally:
        slow.close()


def test_a_failed_migration_rolls_back_and_keeps_the_version(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with sqlite3.connect(path) as conn:
        MIGRATIONS[0](conn)
        conn.execute("INSERT INTO meta VALUES('schema_version', '1')")
        conn.execute("CREATE TABLE article_state (x)")  # step 3 will fail on it
    store = Store(path)
    try:
        with pytest.raises(LibraryUnusable) as caught:
            store.migrate()
        assert str(caught.value) == (f"cannot open the library store {path}: "
                                     "table article_state already exists")
        assert store.version == 1
        assert stored_version(store.conn) == 1
        columns = [r[1] for r in store.conn.execute("PRAGMA table_info(articles)")]
        assert "rev" not in columns  # step 2 was rolled back with step 3
        assert not store.conn.in_transaction
    finally:
        store.close()


# -- migrations module ------------------------------------------------------------------


def test_stored_version_of_empty_and_unstamped_databases() -> None:
    conn = sqlite3.connect(":memory:")
    assert stored_version(conn) == 0
    conn.execute("CREATE TABLE other (key, value)")
    assert stored_version(conn) == 0  # only a table named meta counts
    conn.execute("CREATE VIEW meta_v AS SELECT 1")
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    assert stored_version(conn) == 0
    conn.execute("INSERT INTO meta VALUES('schema_version', '2')")
    assert stored_version(conn) == 2
    assert isinstance(stored_version(conn), int)


def test_migrate_runs_each_later_step_once_and_stamps_it() -> None:
    conn = sqlite3.connect(":memory:")
    migrate(conn, 0)
    assert stored_version(conn) == SCHEMA_VERSION == len(MIGRATIONS) == 5
    tables = set(_names(conn, "table"))
    assert {"meta", "blobs", "articles", "imports", "import_files", "entities",
            "entity_keys", "edits", "mentions", "article_state", "tags", "article_tags",
            "highlights", "dossiers", "dossier_items", "watches", "watch_new",
            "article_edits", "trash", "story_members", "story_keys", "sync_changes",
            "sync_registers"} <= tables
    assert {"articles_canonical_url", "articles_pending_entities", "articles_unindexed",
            "entity_keys_entity", "mentions_article", "mentions_entity",
            "articles_rev", "story_members_story"} <= set(_names(conn, "index"))
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    assert meta["generation"] == "0"
    assert re.fullmatch(r"[0-9a-f]{32}", meta["store_id"])
    migrate(conn, SCHEMA_VERSION)  # nothing after the last step
    assert dict(conn.execute("SELECT key, value FROM meta")) == meta


def test_migrate_from_one_adds_only_later_steps() -> None:
    conn = sqlite3.connect(":memory:")
    MIGRATIONS[0](conn)
    conn.execute("INSERT INTO meta VALUES('store_id', 'kept')")
    conn.execute("INSERT INTO meta VALUES('schema_version', '1')")
    migrate(conn, 1)
    assert conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone() == ("kept",)
    assert stored_version(conn) == SCHEMA_VERSION
    versions = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    assert versions == [(str(SCHEMA_VERSION),)]


def test_the_v1_schema_holds_its_constraints() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys=ON")
    migrate(conn, 0)
    conn.execute("INSERT INTO articles(id, title, text, content_hash, imported_at, canonical_url)"
                 " VALUES(1, 't', 'x', 'h1', 'now', 'https://a.fr/1')")
    row = conn.execute("SELECT authors, origin, indexed, entities_done, rev FROM articles"
                       ).fetchone()
    assert row == ("[]", "", 0, 0, 0)
    with pytest.raises(sqlite3.IntegrityError):  # same text twice
        conn.execute("INSERT INTO articles(title, text, content_hash, imported_at)"
                     " VALUES('t', 'x', 'h1', 'now')")
    with pytest.raises(sqlite3.IntegrityError):  # same canonical URL twice
        conn.execute("INSERT INTO articles(title, text, content_hash, imported_at, canonical_url)"
                     " VALUES('t', 'y', 'h2', 'now', 'https://a.fr/1')")
    for n in (3, 4):  # many articles without a URL
        conn.execute("INSERT INTO articles(title, text, content_hash, imported_at)"
                     " VALUES('t', 'x', ?, 'now')", (f"h{n}",))
    with pytest.raises(sqlite3.IntegrityError):  # blobs must exist
        conn.execute("INSERT INTO articles(title, text, content_hash, imported_at, blob_hash)"
                     " VALUES('t', 'x', 'h5', 'now', 'nope')")
    conn.execute("INSERT INTO entities(id, name, label) VALUES(1, 'A', 'person')")
    conn.execute("INSERT INTO mentions(article_id, entity_id, start, end, text)"
                 " VALUES(1, 1, 0, 1, 'x')")
    assert conn.execute("SELECT confidence FROM mentions").fetchone() == (1.0,)
    conn.execute("INSERT INTO article_state(article_id, starred) VALUES(1, 1)")
    conn.execute("DELETE FROM articles WHERE id = 1")  # mentions and state go with it
    assert conn.execute("SELECT count(*) FROM mentions").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM article_state").fetchone() == (0,)
    conn.execute("INSERT INTO edits(kind, payload, created_at) VALUES('k', '{}', 'now')")
    assert conn.execute("SELECT undone FROM edits").fetchone() == (0,)


def _names(conn: sqlite3.Connection, kind: str) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))]


# -- writing ----------------------------------------------------------------------------


def test_insert_article_keeps_every_field(store: Store) -> None:
    draft = _draft("Texte de l’article.", title="Élection à Niamey", date="2025-08-14",
                   source="Le Sahel", url="https://www.lesahel.ne/a?utm_source=x",
                   authors=("Aïcha Maïga", "Jean Dupont"), origin="/tmp/a.html")
    blob = store.put_blob("abc", 3, zlib.compress(b"raw"))
    with store.transaction() as conn:
        aid = store.insert_article(draft, lang="fr", chash="c1",
                                   curl="https://lesahel.ne/a", blob=blob)
        generation = conn.execute("SELECT value FROM meta WHERE key = 'generation'"
                                  ).fetchone()[0]
    assert aid == 1
    article = store.article(aid)
    assert article is not None
    assert (article.id, article.title, article.text, article.date, article.source,
            article.url, article.lang, article.authors, article.origin) == (
        1, "Élection à Niamey", "Texte de l’article.", "2025-08-14", "Le Sahel",
        "https://www.lesahel.ne/a?utm_source=x", "fr", ("Aïcha Maïga", "Jean Dupont"),
        "/tmp/a.html")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", article.imported_at)
    assert article.entities_done is False
    row = store.conn.execute("SELECT canonical_url, blob_hash, content_hash, rev, indexed,"
                             " authors FROM articles").fetchone()
    assert tuple(row[:5]) == ("https://lesahel.ne/a", "abc", "c1", int(generation), 0)
    assert json.loads(row[5]) == ["Aïcha Maïga", "Jean Dupont"]
    assert "Aïcha" in row[5]  # stored as written, not \u-escaped
    assert store.original_bytes(aid) == b"raw"
    second = _insert(store, _draft("Autre texte."))
    assert second == 2
    store.conn.execute("UPDATE articles SET authors = '' WHERE id = ?", (second,))
    assert store.article(second).authors == ()  # type: ignore[union-attr]


def test_blobs_are_stored_once_and_may_be_empty(store: Store) -> None:
    assert store.put_blob("h", 10, zlib.compress(b"first")) == "h"
    assert store.put_blob("h", 99, zlib.compress(b"second")) == "h"  # ignored: same hash
    assert _column(store, "SELECT size FROM blobs") == [10]
    store.put_blob("empty", 5, None)  # originals not kept: the row, no bytes
    with_blob = _insert(store, _draft("a"), blob="h")
    without_data = _insert(store, _draft("b"), blob="empty")
    without_blob = _insert(store, _draft("c"))
    assert store.original_bytes(with_blob) == b"first"
    assert store.original_bytes(without_data) is None
    assert store.original_bytes(without_blob) is None
    assert store.original_bytes(999) is None


def test_find_duplicate_by_text_then_by_canonical_url(store: Store) -> None:
    first = _insert(store, _draft("Texte un.", url="https://a.fr/page"))
    _insert(store, _draft("Texte deux."))
    assert store.find_duplicate(content_hash(_draft("TEXTE  UN.")), None) == first
    # An edited page (new text) with a known canonical URL is the same article.
    assert store.find_duplicate("new-hash", "https://a.fr/page") == first
    assert store.find_duplicate("new-hash", "https://a.fr/other") is None
    assert store.find_duplicate("new-hash", None) is None
    # The text wins over the URL when both are known.
    second = store.find_duplicate(content_hash(_draft("Texte deux.")), "https://a.fr/page")
    assert second == first + 1


def test_flags_indexed_and_counts(store: Store) -> None:
    ids = [_insert(store, _draft(f"Texte {n}.")) for n in range(4)]
    assert store.unindexed_count() == 4
    with store.transaction():
        store.mark_indexed(ids[:3])
    assert store.unindexed_count() == 1
    assert _column(store, "SELECT id FROM articles WHERE indexed = 1") == ids[:3]
    with store.transaction():
        store.mark_all_unindexed()
    assert store.unindexed_count() == 4
    assert store.article_count() == 4


def test_mark_dirty_unflags_and_stamps_the_generation(store: Store) -> None:
    ids = [_insert(store, _draft(f"Texte {n}.")) for n in range(3)]
    with store.transaction():
        store.mark_indexed(ids)
    with store.transaction() as conn:
        mark_dirty(conn, ids[1:])
    generation = store.generation()
    rows = store.conn.execute("SELECT id, indexed, rev FROM articles ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [
        (ids[0], 1, 1), (ids[1], 0, generation), (ids[2], 0, generation)]
    assert generation == 5


def test_import_log(store: Store) -> None:
    with store.transaction():
        first = store.begin_import()
        store.log_files(first, [
            FileReport("/a.txt", "imported", "", (1, 2)),
            FileReport("/b.bin", "failed", "binary file"),
        ])
    with store.transaction():
        second = store.begin_import()
        store.finish_import(second)
    assert (first, second) == (1, 2)
    rows = store.conn.execute("SELECT import_id, path, status, reason, article_ids"
                              " FROM import_files ORDER BY rowid").fetchall()
    assert [tuple(r) for r in rows] == [
        (1, "/a.txt", "imported", "", "[1, 2]"), (1, "/b.bin", "failed", "binary file", "[]")]
    imports = store.conn.execute("SELECT id, started_at, finished_at FROM imports").fetchall()
    assert imports[0]["finished_at"] is None
    assert imports[1]["finished_at"] is not None and imports[1]["started_at"]


# -- reading ----------------------------------------------------------------------------


def test_articles_in_the_order_asked_across_chunks(store: Store) -> None:
    with store.transaction():
        for n in range(1, 1203):
            store.insert_article(_draft(f"Texte {n}."), lang=None, chash=f"h{n}", curl=None,
                                 blob=None)
    asked = [1202, 5, 999_999, 600, 1, 501, 500]
    got = store.articles(asked)
    assert [a.id for a in got] == [1202, 5, 600, 1, 501, 500]
    assert got[0].text == "Texte 1202."
    assert [a.id for a in store.articles(list(range(1, 1203)))] == list(range(1, 1203))
    assert store.articles([]) == []
    assert store.article(999_999) is None
    batches = list(store.iter_articles("1", batch=500))
    assert [len(b) for b in batches] == [500, 500, 202]
    assert [a.id for b in batches for a in b] == list(range(1, 1203))
    odd = [a.id for b in store.iter_articles("id % 2 = 1", batch=100) for a in b]
    assert odd == list(range(1, 1203, 2))
    assert [len(b) for b in store.iter_articles()] == [500, 500, 202]  # defaults
    assert list(store.iter_articles("0")) == []


def test_pending_entities_queue(store: Store) -> None:
    ids = [_insert(store, _draft(f"Texte {n}.")) for n in range(5)]
    assert store.pending_entities() == 5
    assert store.pending_entity_ids(2) == ids[:2]
    assert store.pending_entity_ids(2, after=ids[1]) == ids[2:4]
    assert store.pending_entity_ids(10, after=ids[4]) == []
    store.conn.execute("UPDATE articles SET entities_done = 1")
    assert store.pending_entities() == 0 and store.pending_entity_ids(5) == []
    with store.transaction():
        assert store.reset_entities([ids[0], ids[3], 999]) == 2
    assert store.pending_entity_ids(5) == [ids[0], ids[3]]
    with store.transaction():
        assert store.reset_entities() == 5
    assert store.pending_entities() == 5
    assert store.article(ids[0]).entities_done is False  # type: ignore[union-attr]
    store.conn.execute("UPDATE articles SET entities_done = 1 WHERE id = ?", (ids[0],))
    assert store.article(ids[0]).entities_done is True  # type: ignore[union-attr]


def test_check_reports_what_sqlite_finds(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    store = Store(path)
    for n in range(300):
        _insert(store, _draft(f"Texte numéro {n} " * 20))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name ="
                            " 'articles_unindexed'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as f:  # scribble over the index's root page
        f.seek((root - 1) * page_size)
        f.write(b"\x0d" + b"\xff" * 200)
    store = Store(path)
    try:
        problems = store.quick_check()
        assert problems and all(isinstance(p, str) for p in problems)
        assert problems != ["ok"]
        assert store.integrity_check()
    finally:
        store.close()


def test_a_check_that_cannot_run_is_its_error() -> None:
    conn = sqlite3.connect(":memory:")
    assert _check(conn, "quick_check") == []
    assert _check(conn, "quick_check('nosuch')") == ["no such table: nosuch"]
    conn.execute("CREATE TABLE t (x)")
    assert _check(conn, "table_info(t)") == ["0"]  # every row that is not "ok"


# -- transactions -----------------------------------------------------------------------


def test_each_write_transaction_bumps_the_generation(store: Store) -> None:
    with store.transaction() as conn:
        assert conn is store.conn and conn.in_transaction
    with store.transaction() as conn:
        pass
    tx = store.transaction()
    assert tx.generation == 0
    with tx:
        assert tx.generation == 3
    assert store.generation() == 3
    assert not store.conn.in_transaction


def test_a_failed_batch_is_rolled_back_not_committed(store: Store) -> None:
    kept = _insert(store, _draft("Gardé."))
    before = store.generation()
    with pytest.raises(RuntimeError, match="parser bug"), store.transaction():
        store.insert_article(_draft("Perdu."), lang=None, chash="lost", curl=None, blob=None)
        raise RuntimeError("parser bug")
    assert _column(store, "SELECT id FROM articles") == [kept]
    assert store.generation() == before  # the bump was rolled back too
    assert not store.conn.in_transaction
    _insert(store, _draft("Après."))  # the store is still usable
    assert store.article_count() == 2


def test_a_database_error_in_a_transaction_is_one_sentence(store: Store) -> None:
    _insert(store, _draft("Texte."))
    with pytest.raises(LibraryUnusable) as caught, store.transaction() as conn:
        conn.execute("INSERT INTO articles(title, text, content_hash, imported_at)"
                     " SELECT title, text, content_hash, imported_at FROM articles")
    assert str(caught.value) == (f"cannot open the library store {store.path}: "
                                 "UNIQUE constraint failed: articles.content_hash")
    assert isinstance(caught.value.__cause__, sqlite3.IntegrityError)
    assert store.article_count() == 1 and not store.conn.in_transaction


def test_a_failed_commit_is_rolled_back(store: Store) -> None:
    parent = _insert(store, _draft("Parent."))
    message = f"cannot open the library store {store.path}: FOREIGN KEY constraint failed"
    with pytest.raises(LibraryUnusable, match=re.escape(message)), store.transaction() as conn:
        conn.execute("PRAGMA defer_foreign_keys=ON")
        conn.execute("UPDATE articles SET blob_hash = 'missing' WHERE id = ?", (parent,))
    assert not store.conn.in_transaction
    assert _column(store, "SELECT blob_hash FROM articles") == [None]


def test_a_transaction_that_cannot_begin_leaves_no_transaction(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    store = Store(path)
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        store.conn.execute("DELETE FROM meta WHERE key = 'generation'")
        tx = store.transaction()
        with tx as conn:  # no generation row: still a transaction
            assert conn.in_transaction
        assert tx.generation == 0
        other.execute("BEGIN IMMEDIATE")
        store.conn.execute("PRAGMA busy_timeout = 0")
        with pytest.raises(sqlite3.OperationalError, match="locked"), store.transaction():
            pass
        assert not store.conn.in_transaction
    finally:
        other.close()
        store.close()


def test_the_bump_failing_rolls_the_transaction_back(tmp_path: Path) -> None:
    store = Store(tmp_path / "library.sqlite3")
    try:
        store.conn.execute("CREATE TRIGGER no_bump BEFORE UPDATE ON meta"
                           " BEGIN SELECT RAISE(ABORT, 'bump refused'); END")
        message = f"cannot open the library store {store.path}: bump refused"
        with pytest.raises(LibraryUnusable, match=re.escape(message)), store.transaction():
            pass
        assert not store.conn.in_transaction
    finally:
        store.close()


def test_an_error_after_the_transaction_ended_is_still_the_callers(store: Store) -> None:
    with pytest.raises(RuntimeError, match="caller"), store.transaction() as conn:
        conn.execute("ROLLBACK")  # nothing left to roll back when it fails
        raise RuntimeError("caller")
    # The COMMIT at the end fails, and so does the ROLLBACK after it.
    with pytest.raises(LibraryUnusable, match="no transaction is active"), \
            store.transaction() as conn:
        conn.execute("COMMIT")
    assert not store.conn.in_transaction


@pytest.mark.parametrize("immutable", [False, True])
def test_a_refused_write_leaves_a_reader_in_autocommit(tmp_path: Path, immutable: bool) -> None:
    """A read-only connection never opens a transaction of its own: after a refused
    write it still sees what a writer commits later (no snapshot held open)."""
    path = tmp_path / "library.sqlite3"
    writer = Store(path)
    _insert(writer, _draft("Premier."))
    if immutable:
        writer.close()
        (tmp_path / "library.sqlite3-wal").mkdir()
    ro = Store(path, readonly=True)
    try:
        assert ro._immutable is immutable
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            ro.conn.execute("UPDATE articles SET title = 'x'")
        assert not ro.conn.in_transaction
        if not immutable:
            _insert(writer, _draft("Second."))
            assert ro.article_count() == 2
    finally:
        ro.close()
        writer.close()


def _wal_attempts(conn: sqlite3.Connection) -> list[str]:
    """Every switch to WAL the connection is asked for (SQLite's own statement trace)."""
    seen: list[str] = []
    conn.set_trace_callback(lambda sql: seen.append(sql) if "journal_mode" in sql else None)
    return seen


def test_wal_switch_gives_up_at_once_on_other_errors(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "library.sqlite3", isolation_level=None)
    try:
        conn.execute("BEGIN")
        attempts = _wal_attempts(conn)
        with pytest.raises(sqlite3.OperationalError, match="from within a transaction"):
            _enter_wal(conn, patience=0.3)
        assert len(attempts) == 1
    finally:
        conn.close()


def test_wal_switch_is_retried_while_another_creator_holds_the_file(tmp_path: Path) -> None:
    """Two processes creating one library: the second is answered "locked" at once, without
    SQLite's busy handler, and keeps trying every 20 ms until the first one commits."""
    path = tmp_path / "library.sqlite3"
    first = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    second = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        first.execute("CREATE TABLE t (x)")
        first.execute("BEGIN IMMEDIATE")
        first.execute("INSERT INTO t VALUES (1)")
        attempts = _wal_attempts(second)
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            _enter_wal(second, patience=0.3)  # held all along: gives up after its patience
        assert len(attempts) >= 3  # retried every 20 ms (about 15 tries), not once a second
        attempts.clear()
        release = threading.Timer(0.3, lambda: first.execute("COMMIT"))
        release.start()
        _enter_wal(second)  # succeeds once the other writer has committed
        release.join()
        assert len(attempts) >= 2
        assert second.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        first.close()
        second.close()


def test_fold_is_declared_deterministic(store: Store) -> None:
    """So that SQLite accepts it where only deterministic functions may go (an index)."""
    store.conn.execute("CREATE INDEX entities_folded ON entities(fold(name))")
    store.conn.execute("INSERT INTO entities(name, label) VALUES('Élysée', 'place')")
    assert _column(store, "SELECT id FROM entities WHERE fold(name) = 'elysee'") == [1]


def test_new_ids_are_the_rows_own_even_zero(store: Store) -> None:
    """The id returned is the one SQLite gave the row (after a row with id -1 it is 0)."""
    store.conn.execute("INSERT INTO articles(id, title, text, content_hash, imported_at)"
                       " VALUES(-1, 't', 'x', 'h-1', 'now')")
    store.conn.execute("INSERT INTO imports(id, started_at) VALUES(-1, 'now')")
    with store.transaction():
        aid = store.insert_article(_draft("Zéro."), lang=None, chash="h0", curl=None, blob=None)
        import_id = store.begin_import()
    assert (aid, import_id) == (0, 0)
    assert store.article(0) is not None and store.article(0).text == "Zéro."  # type: ignore[union-attr]
    assert _column(store, "SELECT id FROM imports ORDER BY id") == [-1, 0]

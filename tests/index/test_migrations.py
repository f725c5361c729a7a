"""Libraries written by earlier versions open with nothing lost (numbered migrations)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from index import Library
from index.errors import LibraryUnusable
from index.migrations import MIGRATIONS, SCHEMA_VERSION

RELEASED = Path(__file__).resolve().parent / "fixtures" / "libraries"


@pytest.fixture
def v01(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    shutil.copy(RELEASED / "v0.1" / "library.sqlite3", folder / "library.sqlite3")
    return folder


def _rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_v01_library_opens_with_everything_kept(v01: Path) -> None:
    store_file = v01 / "library.sqlite3"
    before = {
        table: _rows(store_file, f"SELECT * FROM {table} ORDER BY rowid")
        for table in ("articles", "blobs", "mentions", "entities", "entity_keys", "edits",
                      "imports", "import_files")
    }
    with Library.open(v01) as lib:
        assert lib.store.version == SCHEMA_VERSION
        assert lib.store.store_id()
        # Every row of every table is still there, column for column.
        for table, rows in before.items():
            after = lib.store.conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            assert [tuple(r)[: len(rows[0])] for r in after] == rows, table
        # Curation made with 0.1 still shows: rename, hide, merge, retype, undone rename.
        names = {e.name: e for e in lib.entities(include_hidden=True)}
        assert "Fatoumata Diallo (ministre)" in names
        assert names["Ukraine"].hidden
        assert "Europe" not in names and "Europe" in names["France"].aliases
        assert names["Sahel"].label == "other"
        assert "Pieter van Dijk" in names
        assert lib.pending_entities() == 1  # article 7 was imported with --no-entities
        # 0.1's index is not kept (and would not be trusted): upkeep rebuilds it.
        assert lib.needs_upkeep()
        lib.upkeep()
        assert lib.search("Niamey").total >= 1
        assert lib.search('entity:"Fatoumata Diallo (ministre)"').total == 2
        assert lib.article(7) is not None and lib.article(7).title.startswith("Le ministre")
        assert lib.original_bytes(1) is not None


def test_migration_is_one_transaction(v01: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failing step leaves the library exactly as the old version wrote it."""
    store_file = v01 / "library.sqlite3"
    before = _rows(store_file, "SELECT * FROM meta ORDER BY key")

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done(x)")
        raise RuntimeError("step failed")

    import index.migrations as migrations

    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS[:1], broken, *MIGRATIONS[2:]))
    with pytest.raises(RuntimeError):
        Library.open(v01)
    assert _rows(store_file, "SELECT * FROM meta ORDER BY key") == before
    assert not _rows(store_file, "SELECT name FROM sqlite_master WHERE name = 'half_done'")


def test_newer_library_is_refused_in_one_sentence(v01: Path) -> None:
    with sqlite3.connect(v01 / "library.sqlite3") as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(LibraryUnusable, match="newer version of Veille"):
        Library.open(v01)


def test_v03_library_opens_with_the_person_s_work_kept(tmp_path: Path) -> None:
    """Schema 3 (stop 14): read state, stars, tags, notes, highlights, dossiers, watches."""
    folder = tmp_path / "lib"
    folder.mkdir()
    shutil.copy(RELEASED / "v0.3" / "library.sqlite3", folder / "library.sqlite3")
    tables = ("articles", "blobs", "mentions", "entities", "article_state", "tags",
              "article_tags", "highlights", "dossiers", "dossier_items", "watches")
    before = {t: _rows(folder / "library.sqlite3", f"SELECT * FROM {t} ORDER BY 1, 2")
              for t in tables}
    with Library.open(folder) as lib:
        assert lib.store.version == SCHEMA_VERSION
        for table, rows in before.items():
            after = lib.store.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            assert [tuple(r)[: len(rows[0])] for r in after] == rows, table
        assert lib.story(1) is None  # stories came after schema 3: grouped by a writer
        full_names = lib.store.conn.execute(
            "SELECT count(*) FROM entities WHERE label = 'person' AND name LIKE '% %'"
        ).fetchone()[0]
        surnames = lib.store.conn.execute("SELECT count(*) FROM person_surnames").fetchone()[0]
        assert full_names > 0 and surnames == full_names  # every known person can be meant
        assert lib.group_stories() == 6 and lib.story(1) is not None
        lib.upkeep()
        assert lib.search("tag:sahel").total == 3 and lib.search("is:starred").total == 1
        assert lib.notes([1]) == {1: "**À suivre** : sommet de l'AES"}
        assert lib.dossier_articles("Rapport AES — décembre") == [3, 1]
        assert [w.name for w in lib.watches()] == ["Sahel"]


def _utc_ms(stamp: str) -> str:
    """A stored ISO instant as the change log writes it (UTC, milliseconds)."""
    return datetime.fromisoformat(stamp).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _baseline_expected(store_file: Path) -> Counter[tuple]:
    """What the first sync of this schema-4 library must send, from its own rows."""
    expected: Counter[tuple] = Counter()
    for h, read_at, starred, note, note_updated in _rows(store_file, (
            "SELECT a.content_hash, s.read_at, s.starred, s.note, s.note_updated"
            " FROM article_state s JOIN articles a ON a.id = s.article_id")):
        if read_at:
            expected["read", h, "1", _utc_ms(read_at)] += 1
        if starred:
            expected["star", h, "1"] += 1
        if note:
            expected["note", h, note, _utc_ms(note_updated)] += 1
    for h, name in _rows(store_file, "SELECT a.content_hash, g.name FROM article_tags t"
                         " JOIN articles a ON a.id = t.article_id JOIN tags g ON g.id = t.tag_id"):
        expected["tag", h, name] += 1
    for h, name, added in _rows(store_file, (
            "SELECT a.content_hash, d.name, i.added_at FROM dossier_items i JOIN articles a"
            " ON a.id = i.article_id JOIN dossiers d ON d.id = i.dossier_id")):
        expected["dossier_item", h, name, _utc_ms(added)] += 1
    for h, comment, created in _rows(store_file, "SELECT a.content_hash, h.comment, h.created_at"
                                     " FROM highlights h JOIN articles a ON a.id = h.article_id"):
        expected["highlight", h, comment, _utc_ms(created)] += 1
    for name, created in _rows(store_file, "SELECT name, created_at FROM watches"):
        expected["watch", None, name, _utc_ms(created)] += 1
    return expected


def _baseline_logged(conn: sqlite3.Connection) -> Counter[tuple]:
    """The unsent changes, keyed like ``_baseline_expected`` (stars and tags carry no date:
    the store kept none, so they are dated at the migration)."""
    said = {"note": "text", "tag": "name", "dossier_item": "dossier", "highlight": "comment",
            "watch": "name"}
    logged: Counter[tuple] = Counter()
    for kind, h, raw, made_at in conn.execute(
            "SELECT kind, article, value, made_at FROM sync_changes WHERE sent = 0"):
        if kind not in said and kind not in ("read", "star"):
            continue  # kept by the triggers from now on (not part of this guarantee)
        value = raw if kind in ("read", "star") else json.loads(raw)[said[kind]]
        logged[(kind, h, value) if kind in ("star", "tag") else (kind, h, value, made_at)] += 1
    return logged


def test_v04_library_opens_with_everything_kept_and_its_work_logged_for_the_team(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Schema 4 (stop 16): the person's work is kept, and the new change log starts with
    it (``_baseline``) so the first team sync sends what the library already held."""
    folder = tmp_path / "lib"
    folder.mkdir()
    store_file = folder / "library.sqlite3"
    shutil.copy(RELEASED / "v0.4" / "library.sqlite3", store_file)
    tables = [t for (t,) in _rows(store_file, "SELECT name FROM sqlite_master WHERE type ="
                                  " 'table' AND name NOT LIKE 'sqlite_%' AND name != 'meta'")]
    before = {t: _rows(store_file, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables}
    meta = _rows(store_file, "SELECT * FROM meta WHERE key != 'schema_version' ORDER BY key")
    expected = _baseline_expected(store_file)
    assert sum(expected.values()) == 14  # 2 read, star, note, 6 tags, 2 items, highlight, watch

    # One transaction: a failure after the log is built leaves schema 4 as it was.
    import index.migrations as migrations

    def fails_after(conn: sqlite3.Connection) -> None:
        MIGRATIONS[4](conn)
        raise RuntimeError("step failed")

    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS[:4], fails_after))
        with pytest.raises(RuntimeError):
            Library.open(folder)
    assert _rows(store_file, "SELECT value FROM meta WHERE key = 'schema_version'") == [("4",)]
    assert not _rows(store_file, "SELECT name FROM sqlite_master WHERE name = 'sync_changes'")

    with Library.open(folder) as lib:
        conn = lib.store.conn
        assert lib.store.version == SCHEMA_VERSION
        for table, rows in before.items():
            after = conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            width = len(rows[0]) if rows else 0
            assert [tuple(r)[:width] for r in after] == rows, table
        assert [tuple(r) for r in conn.execute("SELECT * FROM meta WHERE key !="
                                               " 'schema_version' ORDER BY key")] == meta
        assert {r[0] for r in conn.execute("SELECT synced FROM articles")} == {0}
        # Stories, curation, the metadata edit and the delete made with 0.4 still show.
        assert [lib.story(i) is not None for i in range(1, 6)] == [True] * 5
        assert lib.group_stories() == 0
        names = {e.name: e for e in lib.entities(include_hidden=True)}
        assert "Fatoumata Diallo (ministre)" in names and names["Ukraine"].hidden
        assert "Europe" not in names and "Europe" in names["France"].aliases
        assert lib.article(4).title == "Sahel trade: West Africa keeps goods moving"
        assert lib.article(6) is None
        assert lib.dossier_articles("Défense européenne — janvier") == [5, 3]
        # The baseline: each piece of the person's work once, unsent, dated when made.
        assert _baseline_logged(conn) == expected
        seq = conn.execute("SELECT max(seq) FROM sync_changes").fetchone()[0]
        # Changes made from now on are logged by the triggers.
        assert lib.tag([3], add=["x"]) == 1
        new = conn.execute("SELECT kind, article, value, sent FROM sync_changes WHERE seq > ?",
                           (seq,)).fetchall()
        hash3 = conn.execute("SELECT content_hash FROM articles WHERE id = 3").fetchone()[0]
        assert [tuple(r) for r in new] == [("tag", hash3, '{"name":"x","on":1}', 0)]

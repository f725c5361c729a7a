"""Libraries written by earlier versions open with nothing lost (numbered migrations)."""

from __future__ import annotations

import shutil
import sqlite3
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

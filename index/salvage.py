"""Recovering what can be read from a damaged store.

SQLite's own ``.recover`` lives in its command-line shell, which a desktop may not
have; Python's module does not expose it. So the salvage copies table by table into a
fresh store of the current schema, reading rows in rowid order and stepping over the
pages that cannot be read. Articles whose rows are lost but whose original files
survive in ``blobs`` are parsed again by the caller (``kept_originals``). The damaged
file is kept beside the library, never deleted.
"""

from __future__ import annotations

import contextlib
import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from index.migrations import SCHEMA_VERSION, migrate

# Tables in an order that satisfies their references: the archive, then what the person
# added to it. Stories are not copied: they are derived, and grouped again.
TABLES = ("meta", "blobs", "articles", "imports", "import_files", "entities", "entity_keys",
          "edits", "mentions", "article_state", "tags", "article_tags", "highlights",
          "dossiers", "dossier_items", "watches", "watch_new", "article_edits", "trash",
          "place_entities", "person_surnames")
# Rows about an article whose own row was lost go too: the id may be given again to an
# article re-imported from its kept original, which must not inherit another's notes.
ABOUT_ARTICLES = ("mentions", "article_state", "article_tags", "highlights",
                  "dossier_items", "watch_new", "article_edits")
_PAGE = 500
_MAX_SKIP = 1 << 22  # without a known last rowid, stop probing this far past the last page


@dataclass(slots=True)
class SalvageReport:
    rows: dict[str, int] = field(default_factory=dict)
    unreadable: dict[str, int] = field(default_factory=dict)  # tables with holes
    kept_as: Path | None = None


def recover_store(damaged: Path, dest: Path) -> SalvageReport:
    """Copy every readable row of ``damaged`` into a new store at ``dest``."""
    report = SalvageReport()
    with contextlib.suppress(FileNotFoundError):
        dest.unlink()
    src = sqlite3.connect(f"{damaged.resolve().as_uri()}?mode=ro", uri=True)
    out = sqlite3.connect(dest, isolation_level=None)
    try:
        out.execute("BEGIN IMMEDIATE")
        migrate(out, 0)
        for table in TABLES:
            columns = _common_columns(src, out, table)
            if not columns:
                continue
            copied, holes = (_copy_table(src, out, table, columns) if _has_rowid(src, table)
                             else _copy_whole(src, out, table, columns))
            report.rows[table] = copied
            if holes:
                report.unreadable[table] = holes
        out.execute("INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', ?)",
                    (str(SCHEMA_VERSION),))
        for table in ABOUT_ARTICLES:
            out.execute(f"DELETE FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
        out.execute("UPDATE articles SET indexed = 0")  # the index is rebuilt after a salvage
        out.execute("COMMIT")
    finally:
        src.close()
        out.close()
    return report


def kept_originals(conn: sqlite3.Connection) -> Iterator[tuple[str, bytes]]:
    """Every kept original, to be imported again after a salvage.

    Not only those no article points to: one file (a JSON Lines file, a feed, an mbox)
    holds many articles, and the survivors of a lost page still point to it. Importing
    it again adds back only the lost ones; the others are found as duplicates."""
    rows = conn.execute("SELECT hash, data FROM blobs WHERE data IS NOT NULL ORDER BY hash")
    for digest, data in rows:
        with contextlib.suppress(zlib.error):
            yield str(digest), zlib.decompress(data)


def set_aside(store: Path) -> Path:
    """Move the damaged store (and its WAL files) aside; returns its new name."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    kept = store.with_name(f"{store.name}.damaged-{stamp}")
    store.rename(kept)
    for suffix in ("-wal", "-shm"):
        side = store.with_name(store.name + suffix)
        if side.exists():
            side.rename(kept.with_name(kept.name + suffix))
    return kept


def _common_columns(src: sqlite3.Connection, out: sqlite3.Connection, table: str) -> list[str]:
    try:
        have = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
    except sqlite3.DatabaseError:
        return []
    want = {r[1] for r in out.execute(f"PRAGMA table_info({table})")}
    return [c for c in have if c in want]


def _copy_table(src: sqlite3.Connection, out: sqlite3.Connection, table: str,
                columns: list[str]) -> tuple[int, int]:
    """Rows in rowid order, a page of rows at a time; where a page cannot be read, row by
    row (point lookups) across the damaged stretch, then pages again."""
    cols = ", ".join(columns)
    marks = ", ".join("?" * (len(columns) + 1))
    insert = f"INSERT OR IGNORE INTO {table}(rowid, {cols}) VALUES({marks})"
    ceiling = _max_rowid(src, table)
    last, copied, holes = -(1 << 62), 0, 0
    while True:
        try:
            rows = src.execute(
                f"SELECT rowid, {cols} FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT ?",
                (last, _PAGE)).fetchall()
        except sqlite3.DatabaseError:
            holes += 1
            start = max(last, 0)
            if ceiling is not None and start >= ceiling:
                return copied, holes
            copied += _row_by_row(src, out, insert, table, cols, start, _PAGE)
            last = start + _PAGE
            if ceiling is None and holes > _MAX_SKIP // _PAGE:
                return copied, holes
            continue
        fresh = [r for r in rows if int(r[0]) > last]
        if not fresh:
            return copied, holes
        for row in fresh:
            with contextlib.suppress(sqlite3.DatabaseError):
                out.execute(insert, tuple(row))
                copied += 1
        last = max(int(r[0]) for r in fresh)


def _has_rowid(src: sqlite3.Connection, table: str) -> bool:
    try:
        src.execute(f"SELECT rowid FROM {table} LIMIT 0")
    except sqlite3.DatabaseError:
        return False
    return True


def _copy_whole(src: sqlite3.Connection, out: sqlite3.Connection, table: str,
                columns: list[str]) -> tuple[int, int]:
    """A table without rowids (tags of articles, dossier items): small, read in one go;
    what a damaged page keeps from being read is counted as one hole."""
    cols = ", ".join(columns)
    insert = f"INSERT OR IGNORE INTO {table}({cols}) VALUES({', '.join('?' * len(columns))})"
    copied = 0
    try:
        for row in src.execute(f"SELECT {cols} FROM {table}"):
            out.execute(insert, tuple(row))
            copied += 1
    except sqlite3.DatabaseError:
        return copied, 1
    return copied, 0


def _row_by_row(src: sqlite3.Connection, out: sqlite3.Connection, insert: str, table: str,
                cols: str, start: int, span: int) -> int:
    copied = 0
    for rowid in range(start + 1, start + span + 1):
        try:
            row = src.execute(f"SELECT rowid, {cols} FROM {table} WHERE rowid = ?",
                              (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            continue
        if row is not None:
            with contextlib.suppress(sqlite3.DatabaseError):
                out.execute(insert, tuple(row))
                copied += 1
    return copied


def _max_rowid(src: sqlite3.Connection, table: str) -> int | None:
    """The largest rowid, read down the b-tree's right edge (often intact)."""
    try:
        row = src.execute(f"SELECT max(rowid) FROM {table}").fetchone()
    except sqlite3.DatabaseError:
        return None
    return int(row[0]) if row and row[0] is not None else 0

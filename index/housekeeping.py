"""Deleting articles (with undo) and editing their metadata.

A delete moves the article's rows (article, mentions, state, tags, highlights, dossier
places, watch marks, edit history) into ``trash`` as one JSON payload, in one
transaction, and the index entry goes after it. Undo puts every row back under the same
id. The trash of a window is purged when that window closes (the original bytes go then,
unless another article shares them); the command line purges at once.

Edits change the article row itself and log the old value, so reindexing, re-extraction
and re-importing the same file (a duplicate) all keep them.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Sequence
from typing import Any

from index.store import mark_dirty, now_iso
from index.sync.changelog import log_presence
from index.user_state import StateError

EDITABLE = ("title", "date", "source", "lang")
# Rows that belong to an article, with the column naming it (the trash keeps them all).
_OWNED = (
    ("mentions", "article_id"),
    ("article_state", "article_id"),
    ("article_tags", "article_id"),
    ("highlights", "article_id"),
    ("dossier_items", "article_id"),
    ("watch_new", "article_id"),
    ("article_edits", "article_id"),
)


def new_batch() -> str:
    """A trash batch name that says which process owns it (see ``stale_batches``)."""
    return f"{os.getpid()}-{now_iso()}"


def trash(conn: sqlite3.Connection, ids: Sequence[int], batch: str) -> list[int]:
    """Move articles to the trash; returns the ids that were articles."""
    moved = []
    hashes: list[str] = []
    for article_id in ids:
        row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            continue
        payload: dict[str, Any] = {"articles": [_row_dict(row)]}
        for table, column in _OWNED:
            payload[table] = [_row_dict(r) for r in conn.execute(
                f"SELECT * FROM {table} WHERE {column} = ?", (article_id,))]
        conn.execute(
            "INSERT OR REPLACE INTO trash(article_id, batch, blob_hash, payload, deleted_at)"
            " VALUES(?,?,?,?,?)",
            (article_id, batch, row["blob_hash"], json.dumps(payload, ensure_ascii=False),
             now_iso()))
        conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))  # cascades
        for table, column in _OWNED:  # tables without a cascading reference
            conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (article_id,))
        moved.append(int(article_id))
        hashes.append(str(row["content_hash"]))
    log_presence(conn, hashes, present=False)  # the team's other desktops follow
    return moved


def restore(conn: sqlite3.Connection, batch: str) -> list[int]:
    """Undo a delete: every row back, the articles flagged for indexing."""
    restored = []
    hashes: list[str] = []
    for article_id, payload_text in conn.execute(
            "SELECT article_id, payload FROM trash WHERE batch = ? ORDER BY article_id",
            (batch,)).fetchall():
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
            continue  # the id was taken meanwhile (cannot happen while the trash holds it)
        payload = json.loads(payload_text)
        for table in ("articles", *(t for t, _ in _OWNED)):
            for row in payload.get(table, []):
                _insert(conn, table, row)
        restored.append(int(article_id))
        hashes.append(str(payload["articles"][0]["content_hash"]))
    log_presence(conn, hashes, present=True)
    conn.execute("DELETE FROM trash WHERE batch = ?", (batch,))
    mark_dirty(conn, restored)
    return restored


def purge(conn: sqlite3.Connection, batches: Sequence[str] | None = None) -> int:
    """Forget trashed articles for good, and the originals no article needs any more."""
    if batches is None:
        count = conn.execute("DELETE FROM trash").rowcount
    else:
        count = sum(conn.execute("DELETE FROM trash WHERE batch = ?", (b,)).rowcount
                    for b in batches)
    conn.execute(
        "DELETE FROM blobs WHERE hash NOT IN (SELECT blob_hash FROM articles"
        " WHERE blob_hash IS NOT NULL) AND hash NOT IN (SELECT blob_hash FROM trash"
        " WHERE blob_hash IS NOT NULL)")
    return count


def stale_batches(conn: sqlite3.Connection) -> list[str]:
    """Trash batches whose process has ended (a window that crashed): nobody can undo."""
    out = []
    for (batch,) in conn.execute("SELECT DISTINCT batch FROM trash"):
        pid = int(str(batch).split("-", 1)[0] or 0)
        if pid != os.getpid() and not _alive(pid):
            out.append(str(batch))
    return out


def edit(conn: sqlite3.Connection, article_id: int, changes: dict[str, str | None]) -> bool:
    """Change title, date, source or language; logs the old values. True if changed."""
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise StateError(f"there is no article {article_id}")
    changed = False
    for field, value in changes.items():
        if field not in EDITABLE:
            raise StateError(f"{field} cannot be edited (only {', '.join(EDITABLE)})")
        value = _clean(field, value)
        if value == row[field]:
            continue
        conn.execute(f"UPDATE articles SET {field} = ? WHERE id = ?", (value, article_id))
        conn.execute("INSERT INTO article_edits(article_id, field, old, new, edited_at)"
                     " VALUES(?,?,?,?,?)", (article_id, field, row[field], value, now_iso()))
        changed = True
    if changed:
        mark_dirty(conn, [article_id])
    return changed


def _clean(field: str, value: str | None) -> str | None:
    from index.search.schema import normalise_date

    if value is None or not value.strip():
        if field == "title":
            raise StateError("an article needs a title")
        return None
    value = " ".join(value.split())
    if field == "date":
        if normalise_date(value) is None:
            raise StateError(f"{value!r} is not a date (use YYYY-MM-DD)")
        return value
    if field == "lang":
        value = value.lower()
        if not (2 <= len(value) <= 3 and value.isalpha()):
            raise StateError(f"{value!r} is not a language code (fr, en, ...)")
    return value


def _row_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {key: row[key] for key in row.keys()}  # noqa: SIM118 - Row is not a dict


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    columns = list(row)
    conn.execute(f"INSERT OR IGNORE INTO {table}({', '.join(columns)}) VALUES"
                 f"({', '.join('?' * len(columns))})", [row[c] for c in columns])


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

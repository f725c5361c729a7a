"""Watches: saved searches that count the articles each import brings them.

A watch stores a query and its side filters. After every import, each watch's query is
run and intersected with the new articles; those land in ``watch_new`` until the person
marks the watch as seen. A list of names (one per line, or a CSV with a name column and
an optional query column) becomes many watches at once, the way investigators run a
batch search over an archive.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict

from index.models import SearchFilters
from index.store import fold_text, now_iso
from index.user_state import StateError, clean_name

MAX_BATCH = 5000


def filters_json(filters: SearchFilters | None) -> str:
    return json.dumps(asdict(filters) if filters is not None else {}, ensure_ascii=False)


def filters_from_json(text: str) -> SearchFilters | None:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return None
    if not data:
        return None
    fields = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()
              if k in SearchFilters.__dataclass_fields__}
    return SearchFilters(**fields)  # type: ignore[arg-type]  # a JSON object we wrote


def add(conn: sqlite3.Connection, name: str, query: str,
        filters: SearchFilters | None = None, replace: bool = False) -> int:
    name = clean_name(name, "a watch")
    if not query.strip() and filters is None:
        raise StateError("a watch needs a query or filters")
    row = conn.execute("SELECT id FROM watches WHERE folded = ?", (fold_text(name),)).fetchone()
    if row is not None:
        if not replace:
            raise StateError(f"there is already a watch {name!r}")
        conn.execute("UPDATE watches SET name = ?, query = ?, filters = ? WHERE id = ?",
                     (name, query, filters_json(filters), int(row[0])))
        return int(row[0])
    cur = conn.execute(
        "INSERT INTO watches(name, folded, query, filters, created_at) VALUES(?,?,?,?,?)",
        (name, fold_text(name), query, filters_json(filters), now_iso()))
    return int(cur.lastrowid or 0)


def watch_id(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM watches WHERE folded = ?",
                       (fold_text(" ".join(name.split())),)).fetchone()
    if row is None:
        raise StateError(f"there is no watch {name!r}")
    return int(row[0])


def remove(conn: sqlite3.Connection, name: str) -> None:
    conn.execute("DELETE FROM watches WHERE id = ?", (watch_id(conn, name),))


def mark_seen(conn: sqlite3.Connection, name: str | None = None) -> int:
    if name is None:
        return conn.execute("DELETE FROM watch_new").rowcount
    return conn.execute("DELETE FROM watch_new WHERE watch_id = ?",
                        (watch_id(conn, name),)).rowcount


def all_watches(conn: sqlite3.Connection) -> list[tuple[int, str, str, SearchFilters | None,
                                                        int, str]]:
    """(id, name, query, filters, new count, created) in name order."""
    rows = conn.execute(
        "SELECT w.id, w.name, w.query, w.filters, count(n.article_id), w.created_at"
        " FROM watches w LEFT JOIN watch_new n ON n.watch_id = w.id GROUP BY w.id"
        " ORDER BY w.folded").fetchall()
    return [(int(r[0]), r[1], r[2], filters_from_json(r[3]), int(r[4]), r[5]) for r in rows]


def new_ids(conn: sqlite3.Connection, name: str) -> list[int]:
    return [int(r[0]) for r in conn.execute(
        "SELECT article_id FROM watch_new WHERE watch_id = ? ORDER BY article_id DESC",
        (watch_id(conn, name),))]


def record(conn: sqlite3.Connection, watch: int, ids: Sequence[int]) -> int:
    return conn.executemany("INSERT OR IGNORE INTO watch_new(watch_id, article_id) VALUES(?,?)",
                            [(watch, i) for i in ids]).rowcount


def parse_list(text: str) -> list[tuple[str, str]]:
    """(name, query) pairs from a list of names: one per line, or CSV (``name`` and
    optional ``query`` columns, or first column name, second query). A name alone is
    searched as a phrase ("Sadio Camara" finds the two words side by side)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    sample = "\n".join(lines[:20])
    is_csv = any(sep in sample for sep in (",", ";", "\t"))
    rows: list[list[str]]
    if is_csv:
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = [r for r in csv.reader(io.StringIO("\n".join(lines)), dialect) if r]
    else:
        rows = [[line] for line in lines]
    header = [c.strip().casefold() for c in rows[0]]
    name_col, query_col = 0, 1
    if "name" in header or "nom" in header:
        name_col = header.index("name") if "name" in header else header.index("nom")
        query_col = (header.index("query") if "query" in header
                     else header.index("requête") if "requête" in header else -1)
        rows = rows[1:]
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for row in rows[:MAX_BATCH]:
        name = " ".join(row[name_col].split()) if name_col < len(row) else ""
        if not name or fold_text(name) in seen:
            continue
        seen.add(fold_text(name))
        query = row[query_col].strip() if 0 <= query_col < len(row) else ""
        out.append((name, query or _phrase(name)))
    return out


def _phrase(name: str) -> str:
    cleaned = name.replace('"', " ").strip()
    return f'"{cleaned}"' if " " in cleaned else cleaned

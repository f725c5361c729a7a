"""The SQLite store: the library's source of truth.

Articles, their original bytes, the import log, entities and mentions live here; the
Whoosh index is a cache rebuilt from it. WAL mode lets readers (one connection per
thread) run while the single writer commits. Each article row carries ``indexed``:
0 until the search index has committed it, so an import killed between the two
commits is finished (re-indexed) on the next open instead of being half-visible.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import sqlite3
import threading
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from index.models import Article, ArticleDraft, FileReport

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS blobs (
    hash TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    data BLOB                      -- zlib-compressed original bytes; NULL when not kept
);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    date TEXT,
    source TEXT,
    url TEXT,
    canonical_url TEXT,
    lang TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    origin TEXT NOT NULL DEFAULT '',
    blob_hash TEXT REFERENCES blobs(hash),
    content_hash TEXT NOT NULL UNIQUE,
    imported_at TEXT NOT NULL,
    indexed INTEGER NOT NULL DEFAULT 0,
    entities_done INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS articles_canonical_url
    ON articles(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX IF NOT EXISTS articles_pending_entities
    ON articles(entities_done) WHERE entities_done = 0;
CREATE INDEX IF NOT EXISTS articles_unindexed ON articles(indexed) WHERE indexed = 0;
CREATE TABLE IF NOT EXISTS imports (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE TABLE IF NOT EXISTS import_files (
    import_id INTEGER NOT NULL REFERENCES imports(id),
    path TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    article_ids TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    hidden INTEGER NOT NULL DEFAULT 0,
    merged_into INTEGER REFERENCES entities(id)   -- set by a merge; kept for undo
);
-- What extraction produces (canonical name, type) -> the entity the user sees. Curation
-- edits the entities row or re-points keys, so it survives re-extraction.
CREATE TABLE IF NOT EXISTS entity_keys (
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    PRIMARY KEY(name, label)
);
CREATE INDEX IF NOT EXISTS entity_keys_entity ON entity_keys(entity_id);
CREATE TABLE IF NOT EXISTS edits (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    confidence REAL NOT NULL DEFAULT 1.0
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
"""

_SPACES = re.compile(r"\s+")
_TRACKING_PARAMS = re.compile(r"^(utm_|fbclid$|gclid$|xtor$|at_medium$|at_campaign$)")


def fold_text(value: str | None) -> str:
    """Lower case without accents: what a person types when looking for "États"."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(draft: ArticleDraft) -> str:
    """Same text after normalising white space and case = same article."""
    body = _SPACES.sub(" ", draft.text).strip().casefold()
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def canonical_url(url: str | None) -> str | None:
    """Drop fragment, tracking parameters, default ports and trailing slashes."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc.lower().removesuffix(":80").removesuffix(":443")
    host = host.removeprefix("www.")
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING_PARAMS.match(k))
    )
    return urlunsplit(("https", host, parts.path.rstrip("/") or "/", query, ""))


def blob_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Store:
    """SQLite access. Writes must come from one thread at a time (the library's lane)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        conn = self.conn
        conn.executescript(_SCHEMA)
        conn.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', ?)",
            (str(SCHEMA_VERSION),),
        )
        conn.commit()

    @property
    def conn(self) -> sqlite3.Connection:
        """One connection per thread: sqlite3 connections must not cross threads."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self.path, timeout=30.0, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.row_factory = sqlite3.Row
            conn.create_function("fold", 1, fold_text, deterministic=True)
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                # A connection made in a thread that is gone may refuse; sqlite frees it.
                with contextlib.suppress(sqlite3.ProgrammingError):
                    conn.close()
            self._connections.clear()
        self._local = threading.local()

    # -- writing ---------------------------------------------------------------

    def transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    def put_blob(self, digest: str, size: int, payload: bytes | None) -> str:
        """Store an original file once (content-addressed); ``payload`` is zlib data."""
        self.conn.execute(
            "INSERT OR IGNORE INTO blobs(hash, size, data) VALUES(?, ?, ?)",
            (digest, size, payload),
        )
        return digest

    def find_duplicate(self, chash: str, curl: str | None) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ?", (chash,)
        ).fetchone()
        if row is None and curl is not None:
            row = self.conn.execute(
                "SELECT id FROM articles WHERE canonical_url = ?", (curl,)
            ).fetchone()
        return None if row is None else int(row[0])

    def insert_article(
        self, draft: ArticleDraft, *, lang: str | None, chash: str, curl: str | None,
        blob: str | None,
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO articles(title, text, date, source, url, canonical_url, lang, authors,"
            " origin, blob_hash, content_hash, imported_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                draft.title, draft.text, draft.date, draft.source, draft.url, curl, lang,
                json.dumps(list(draft.authors), ensure_ascii=False), draft.origin, blob,
                chash, now_iso(),
            ),
        )
        return int(cur.lastrowid or 0)

    def mark_indexed(self, ids: Sequence[int]) -> None:
        self.conn.executemany("UPDATE articles SET indexed = 1 WHERE id = ?", [(i,) for i in ids])

    def mark_all_unindexed(self) -> None:
        self.conn.execute("UPDATE articles SET indexed = 0")

    def begin_import(self) -> int:
        cur = self.conn.execute("INSERT INTO imports(started_at) VALUES(?)", (now_iso(),))
        return int(cur.lastrowid or 0)

    def log_files(self, import_id: int, files: Iterable[FileReport]) -> None:
        self.conn.executemany(
            "INSERT INTO import_files(import_id, path, status, reason, article_ids)"
            " VALUES(?,?,?,?,?)",
            [(import_id, f.path, f.status, f.reason, json.dumps(list(f.article_ids)))
             for f in files],
        )

    def finish_import(self, import_id: int) -> None:
        self.conn.execute(
            "UPDATE imports SET finished_at = ? WHERE id = ?", (now_iso(), import_id)
        )

    # -- reading ---------------------------------------------------------------

    def article_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def article(self, article_id: int) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else _article_from_row(row)

    def articles(self, ids: Sequence[int]) -> list[Article]:
        """Rows for ``ids`` in the given order (missing ids are left out)."""
        found: dict[int, Article] = {}
        for chunk_start in range(0, len(ids), 500):
            chunk = list(ids[chunk_start:chunk_start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT * FROM articles WHERE id IN ({marks})", chunk):
                found[int(row["id"])] = _article_from_row(row)
        return [found[i] for i in ids if i in found]

    def iter_articles(self, where: str = "1", batch: int = 500) -> Iterator[list[Article]]:
        """All articles matching a fixed SQL condition, in id order, in batches."""
        last = 0
        while True:
            rows = self.conn.execute(
                f"SELECT * FROM articles WHERE ({where}) AND id > ? ORDER BY id LIMIT ?",
                (last, batch),
            ).fetchall()
            if not rows:
                return
            last = int(rows[-1]["id"])
            yield [_article_from_row(r) for r in rows]

    def unindexed_count(self) -> int:
        return int(self.conn.execute(
            "SELECT count(*) FROM articles WHERE indexed = 0").fetchone()[0])

    def pending_entity_ids(self, limit: int, after: int = 0) -> list[int]:
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE entities_done = 0 AND id > ? ORDER BY id LIMIT ?",
            (after, limit),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def reset_entities(self, article_ids: Sequence[int] | None = None) -> int:
        """Queue articles for entity extraction again (all when ``article_ids`` is None)."""
        if article_ids is None:
            return self.conn.execute("UPDATE articles SET entities_done = 0").rowcount
        return sum(
            self.conn.execute(
                "UPDATE articles SET entities_done = 0 WHERE id = ?", (i,)).rowcount
            for i in article_ids
        )

    def pending_entities(self) -> int:
        return int(self.conn.execute(
            "SELECT count(*) FROM articles WHERE entities_done = 0").fetchone()[0])

    def original_bytes(self, article_id: int) -> bytes | None:
        row = self.conn.execute(
            "SELECT b.data FROM articles a JOIN blobs b ON b.hash = a.blob_hash WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None or row[0] is None:
            return None
        return zlib.decompress(row[0])


class _Transaction:
    """``with store.transaction():`` = BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self._conn.execute("BEGIN IMMEDIATE")
        return self._conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self._conn.execute("COMMIT")
        else:
            self._conn.execute("ROLLBACK")


def _article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=int(row["id"]),
        title=row["title"],
        text=row["text"],
        date=row["date"],
        source=row["source"],
        url=row["url"],
        lang=row["lang"],
        authors=tuple(json.loads(row["authors"] or "[]")),
        origin=row["origin"],
        imported_at=row["imported_at"],
        entities_done=bool(row["entities_done"]),
    )

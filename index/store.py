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
import shutil
import sqlite3
import threading
import time
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from index.errors import DiskFull, LibraryReadOnly, LibraryUnusable
from index.migrations import SCHEMA_VERSION, migrate, stored_version
from index.models import Article, ArticleDraft, FileReport

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
    """SQLite access. Writes must come from one thread at a time (the library's lane).

    Opening creates the schema of a new store, but never changes an existing one:
    ``migrate()`` (which the library calls under its writer lock) brings it forward.
    """

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self._immutable = False
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        if not readonly:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.version = stored_version(self.conn)
        except sqlite3.DatabaseError as exc:
            self.close()
            raise LibraryUnusable(unusable_message(path, exc)) from exc
        if self.version == 0 and not readonly:
            self.migrate()  # a new store: create the schema (safe against a racing creator)
        if self.version > SCHEMA_VERSION:
            self.close()
            raise LibraryUnusable(
                f"the library at {path.parent} was written by a newer version of Veille "
                f"(store schema {self.version}; this version reads up to {SCHEMA_VERSION})"
            )

    @property
    def conn(self) -> sqlite3.Connection:
        """One connection per thread: sqlite3 connections must not cross threads."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:
            conn = self._connect_readonly()
        else:
            conn = sqlite3.connect(
                self.path, timeout=30.0, isolation_level=None, check_same_thread=False
            )
            _enter_wal(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.row_factory = sqlite3.Row
        conn.create_function("fold", 1, fold_text, deterministic=True)
        return conn

    def _connect_readonly(self) -> sqlite3.Connection:
        """A library on a read-only medium or folder: WAL needs its ``-shm`` file, which a
        reader may not be allowed to create; then the file is read as immutable."""
        uri = self.path.resolve().as_uri()
        if not self._immutable:
            try:
                conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30.0,
                                       isolation_level=None, check_same_thread=False)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return conn
            except sqlite3.OperationalError:
                self._immutable = True
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True,
                               isolation_level=None, check_same_thread=False)

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                # A connection made in a thread that is gone may refuse; sqlite frees it.
                with contextlib.suppress(sqlite3.ProgrammingError):
                    conn.close()
            self._connections.clear()
        self._local = threading.local()

    # -- schema and generation ---------------------------------------------------

    def needs_migration(self) -> bool:
        return self.version < SCHEMA_VERSION

    def migrate(self) -> int:
        """Bring the schema to this version in one transaction; returns the old version."""
        old = self.version
        if old >= SCHEMA_VERSION:
            return old
        if self.readonly:
            raise LibraryReadOnly(
                f"the library at {self.path.parent} was written by an older version of "
                "Veille and must be upgraded, but it is read-only"
            )
        conn = self.conn
        with translate_errors(self.path):
            conn.execute("BEGIN IMMEDIATE")
            try:
                current = stored_version(conn)  # another process may have migrated it
                migrate(conn, current)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        self.version = SCHEMA_VERSION
        return old

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def generation(self) -> int:
        """Bumped by every committed write, in any process: readers poll it."""
        return int(self.meta("generation", "0") or 0)

    def store_id(self) -> str:
        return self.meta("store_id", "") or ""

    def quick_check(self) -> list[str]:
        """SQLite's ``quick_check``: problems found (empty when the file is sound)."""
        return _check(self.conn, "quick_check")

    def integrity_check(self) -> list[str]:
        return _check(self.conn, "integrity_check")

    # -- writing ---------------------------------------------------------------

    def transaction(self) -> _Transaction:
        return _Transaction(self)

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
            " origin, blob_hash, content_hash, imported_at, rev) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,"
            " (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'))",
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
    """``with store.transaction():`` = BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error.

    Every write transaction bumps the store's generation first, so readers in other
    processes see that something changed, and rows changed in it can be stamped with it.
    """

    def __init__(self, store: Store) -> None:
        if store.readonly:
            raise LibraryReadOnly(f"the library at {store.path.parent} is read-only")
        self._store = store
        self._conn = store.conn
        self.generation = 0

    def __enter__(self) -> sqlite3.Connection:
        with translate_errors(self._store.path):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                row = self._conn.execute(
                    "UPDATE meta SET value = CAST(value AS INTEGER) + 1"
                    " WHERE key = 'generation' RETURNING value"
                ).fetchone()
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        self.generation = int(row[0]) if row is not None else 0
        return self._conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            try:
                with translate_errors(self._store.path):
                    self._conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                raise
        else:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                with translate_errors(self._store.path):
                    raise exc


def mark_dirty(conn: sqlite3.Connection, article_ids: Iterable[int]) -> None:
    """Inside a write transaction: these articles' index documents must be rewritten.

    ``indexed = 0`` makes the next writer finish the job if this one is killed before
    the index commit; ``rev`` (this transaction's generation) lets a rebuild running
    beside the live index catch up with the change.
    """
    conn.executemany(
        "UPDATE articles SET indexed = 0,"
        " rev = (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation')"
        " WHERE id = ?",
        [(i,) for i in article_ids],
    )


def _enter_wal(conn: sqlite3.Connection, patience: float = 30.0) -> None:
    """Switch a new store to WAL. SQLite answers "database is locked" at once, without
    its busy handler, when two processes create one library and both switch it: retry."""
    deadline = time.monotonic() + patience
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _check(conn: sqlite3.Connection, pragma: str) -> list[str]:
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def unusable_message(path: Path, exc: BaseException) -> str:
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return (f"the library store {path} is damaged ({text}); "
                "run `reader-app check --repair` to recover what can be read")
    return f"cannot open the library store {path}: {text}"


@contextlib.contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """SQLite errors a person can cause or fix become one plain sentence."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "disk is full" in text or ("disk I/O error" in text and _disk_full(path)):
            raise DiskFull(f"the disk holding {path.parent} is full; nothing was written") \
                from exc
        if "readonly" in text or "read-only" in text:
            raise LibraryReadOnly(f"the library at {path.parent} is read-only") from exc
        if "locked" in text or "busy" in text:
            raise
        raise LibraryUnusable(unusable_message(path, exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise LibraryUnusable(unusable_message(path, exc)) from exc


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < 1 << 20
    except OSError:
        return False


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

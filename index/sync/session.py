"""One sync of a desktop's library with the team server.

Four steps, each in batches: send new articles (with their originals, once per file
across the team), send the log of changes, receive the others' articles, receive and
apply their changes. Every batch is one transaction on the server and one in the
library, and the library records how far it got in the same transaction as the batch,
so a sync killed at any point, or a server restarted midway, leaves both sides whole:
the next sync sends again what was not acknowledged (the server ignores what it has,
by content hash and change id) and receives from where it stopped.
"""

from __future__ import annotations

import getpass
import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from index.models import Article, ArticleDraft
from index.store import now_iso
from index.sync import changelog, following, server
from index.sync.apply import Change, Outcome, apply_changes, reapply, retry_waiting
from index.sync.credentials import remember, without_password

if TYPE_CHECKING:
    import psycopg

    from index.library import Library
    from index.sync.following import Follow

Progress = Callable[[int, int | None, str], None]
ARTICLE_BATCH = 200  # sent per server transaction
# Received per library transaction: each batch is one commit of the search index, so
# larger batches index faster (an import writes up to 5,000 at a time).
RECEIVE_BATCH = 5000
BLOB_BATCH_BYTES = 32_000_000
CHANGE_BATCH = 1000


@dataclass(slots=True)
class SyncReport:
    server: str
    sent_articles: int = 0
    sent_changes: int = 0
    received_articles: int = 0
    received_changes: int = 0
    applied: int = 0
    skipped: int = 0
    conflicts: int = 0
    waiting: int = 0
    deleted: int = 0
    cancelled: bool = False
    finished_at: str = ""

    def summary(self) -> str:
        parts = [f"sent {self.sent_articles} article(s) and {self.sent_changes} change(s)",
                 f"received {self.received_articles} article(s) and "
                 f"{self.received_changes} change(s)"]
        if self.conflicts:
            parts.append(f"{self.conflicts} note(s) edited on two desktops kept both ways")
        if self.waiting:
            parts.append(f"{self.waiting} entity edit(s) wait for their entity")
        if self.cancelled:
            parts.append("cancelled: the next sync goes on from here")
        return f"Synced with {self.server}: " + "; ".join(parts) + "."


def author_of(library: Library) -> str:
    return library.store.meta("sync_author") or _login()


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"


def last_synced(library: Library) -> tuple[str, str] | None:
    """(when, server URL without password) of the last completed sync."""
    when, url = library.store.meta("sync_last"), library.store.meta("sync_remote")
    return (when, url) if when and url else None


def sync(library: Library, url: str, *, author: str | None = None,
         progress: Progress | None = None, cancel: threading.Event | None = None,
         follow: Follow | None = None) -> SyncReport:
    """Send this desktop's news and work, bring back everyone else's (all of it, or what
    ``follow`` says; None keeps this library's last choice)."""
    shown = without_password(url)
    report = SyncReport(server=shown)
    flag = cancel or threading.Event()
    step = _Steps(library, report, progress or (lambda _d, _t, _c: None), flag)
    with server.connect(url) as pg:
        remember(url)  # only a password the server accepted is kept
        archive = server.ensure_schema(pg)
        step.start(archive, author or author_of(library), follow)
        for run in (step.send_articles, step.send_changes, step.receive_articles,
                    step.receive_changes):
            if flag.is_set():
                break
            run(pg)
        if not flag.is_set():
            step.finish(pg, shown)
    report.cancelled = flag.is_set()
    step.after()
    return report


class _Steps:
    """The four steps of one sync, sharing the library, the report and the cancel flag."""

    def __init__(self, library: Library, report: SyncReport, progress: Progress,
                 cancel: threading.Event) -> None:
        self.lib = library
        self.store = library.store
        self.report = report
        self.progress = progress
        self.cancel = cancel
        self.desktop = library.store.store_id()
        self.author = ""
        self.archive = ""
        self.new_ids: list[int] = []
        self.follow = following.following(library)

    # -- bookkeeping --------------------------------------------------------------------

    def _key(self, name: str) -> str:
        return f"sync:{self.archive}:{name}"

    def _seq(self, name: str) -> int:
        return int(self.store.meta(self._key(name)) or 0)

    def start(self, archive: str, author: str, follow: Follow | None) -> None:
        self.archive, self.author = archive, author
        with self.lib.writing("a sync"), self.store.transaction() as conn:
            if follow is not None and following.save(conn, follow):
                _set_meta(conn, self._key("article_seq"), "0")  # look again for the rest
            if self.store.meta("sync_archive") != archive:
                # Another archive (or the first sync): it must receive everything.
                conn.execute("UPDATE articles SET synced = 0 WHERE synced != 0")
                conn.execute("UPDATE sync_changes SET sent = 0 WHERE desktop IN ('', ?)",
                             (self.desktop,))
                _set_meta(conn, "sync_archive", archive)
            _set_meta(conn, "sync_author", author)

    # -- sending ------------------------------------------------------------------------

    def send_articles(self, pg: psycopg.Connection[Any]) -> None:
        total = int(self.store.conn.execute(
            "SELECT count(*) FROM articles WHERE synced = 0").fetchone()[0])
        while not self.cancel.is_set():
            rows = self.store.conn.execute(
                "SELECT id, content_hash, title, text, date, source, url, canonical_url, lang,"
                " authors, origin, blob_hash, imported_at FROM articles WHERE synced = 0"
                " ORDER BY id LIMIT ?", (ARTICLE_BATCH,)).fetchall()
            if not rows:
                return
            with pg.transaction():
                pg.execute("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE")
                self._send_blobs(pg, [r[11] for r in rows if r[11]])
                with pg.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO articles(content_hash, title, body, date, source, url,"
                        " canonical_url, lang, authors, origin, blob_hash, imported_at,"
                        " imported_by, desktop) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,"
                        "%s,%s) ON CONFLICT (content_hash) DO NOTHING",
                        [(*tuple(r)[1:13], self.author, self.desktop) for r in rows])
            with self.lib.writing("a sync"), self.store.transaction() as conn:
                conn.executemany("UPDATE articles SET synced = 1 WHERE id = ?",
                                 [(r[0],) for r in rows])
            self.report.sent_articles += len(rows)
            self.progress(self.report.sent_articles, total, "sending articles")

    def _send_blobs(self, pg: psycopg.Connection[Any], hashes: Sequence[str]) -> None:
        wanted = sorted(set(hashes))
        if not wanted:
            return
        have = {r[0] for r in pg.execute("SELECT hash FROM blobs WHERE hash = ANY(%s)",
                                         (wanted,))}
        missing = [h for h in wanted if h not in have]
        for start in range(0, len(missing), 50):
            chunk = missing[start:start + 50]
            marks = ",".join("?" * len(chunk))
            rows = self.store.conn.execute(
                f"SELECT hash, size, data FROM blobs WHERE hash IN ({marks})", chunk).fetchall()
            with pg.cursor() as cur:
                cur.executemany("INSERT INTO blobs(hash, size, data) VALUES (%s,%s,%s)"
                                " ON CONFLICT (hash) DO NOTHING",
                                [(r[0], r[1], r[2]) for r in rows])

    def send_changes(self, pg: psycopg.Connection[Any]) -> None:
        while not self.cancel.is_set():
            rows = self.store.conn.execute(
                "SELECT seq, change_id, kind, article, register, value, author, made_at"
                " FROM sync_changes WHERE sent = 0 ORDER BY seq LIMIT ?",
                (CHANGE_BATCH,)).fetchall()
            if not rows:
                return
            signed = [(r[1], r[2], r[3], r[4], r[5], r[6] or self.author, self.desktop, r[7])
                      for r in rows]
            with pg.transaction():
                pg.execute("LOCK TABLE changes IN SHARE ROW EXCLUSIVE MODE")
                with pg.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO changes(change_id, kind, article, register, value, author,"
                        " desktop, made_at) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)"
                        " ON CONFLICT (change_id) DO NOTHING", signed)
            with self.lib.writing("a sync"), self.store.transaction() as conn:
                conn.executemany(
                    "UPDATE sync_changes SET sent = 1, author = ?, desktop = ? WHERE seq = ?",
                    [(s[5], self.desktop, r[0]) for s, r in zip(signed, rows, strict=True)])
            self.report.sent_changes += len(rows)
            self.progress(self.report.sent_changes, None, "sending changes")

    # -- receiving ----------------------------------------------------------------------

    def receive_articles(self, pg: psycopg.Connection[Any]) -> None:
        self.follow = following.following(self.lib)
        wanted, params = following.server_condition(self.lib, self.follow)
        while not self.cancel.is_set():
            params.update(after=self._seq("article_seq"), me=self.desktop, n=RECEIVE_BATCH)
            rows = pg.execute(
                "SELECT seq, content_hash, title, body, date, source, url, lang, authors,"
                " origin, blob_hash FROM articles a WHERE seq > %(after)s AND desktop <> %(me)s"
                f" AND NOT {_DELETED} AND {wanted} ORDER BY seq LIMIT %(n)s",
                params).fetchall()
            if not rows:
                return
            self._store_articles(pg, rows, self._key("article_seq"), int(rows[-1][0]))
            self.progress(self.report.received_articles, None, "receiving articles")

    def fetch(self, pg: psycopg.Connection[Any], hashes: Sequence[str]) -> None:
        """Articles restored on another desktop, or opened from the team archive."""
        rows = pg.execute(
            "SELECT seq, content_hash, title, body, date, source, url, lang, authors, origin,"
            " blob_hash FROM articles WHERE content_hash = ANY(%s)", (list(hashes),)).fetchall()
        if rows:
            self._store_articles(pg, rows, None, 0)

    def _store_articles(self, pg: psycopg.Connection[Any], rows: Sequence[Any],
                        seq_key: str | None, seq: int) -> None:
        held = _held(self.store.conn, [r[1] for r in rows])
        fresh = [r for r in rows if r[1] not in held]
        blobs = self._missing_blobs(pg, [r[10] for r in fresh if r[10]])
        articles: list[Article] = []
        outcome = Outcome()
        with self.lib.writing("a sync"):
            with self.store.transaction() as conn:
                for digest, size, data in blobs:
                    self.store.put_blob(digest, size, data)
                for r in fresh:
                    draft = ArticleDraft(title=r[2], text=r[3], date=r[4], source=r[5],
                                         url=r[6], lang=r[7],
                                         authors=tuple(json.loads(r[8] or "[]")),
                                         origin=r[9] or "")
                    from index.store import canonical_url

                    curl = canonical_url(draft.url)
                    if self.store.find_duplicate(r[1], curl) is not None:
                        continue  # the same page, another version: kept as it is here
                    aid = self.store.insert_article(draft, lang=r[7], chash=r[1], curl=curl,
                                                    blob=r[10])
                    conn.execute("UPDATE articles SET synced = 1 WHERE id = ?", (aid,))
                    articles.append(_article(aid, draft))
                if seq_key is not None:
                    _set_meta(conn, seq_key, str(seq))
                if articles:  # what the team did to them before they came here
                    _set_meta(conn, "sync_applying", "1")
                    reapply(conn, [r[1] for r in fresh], outcome)
                    conn.execute("DELETE FROM meta WHERE key = 'sync_applying'")
            self.lib.index_articles(self.store.articles([a.id for a in articles]))
        self.new_ids.extend(a.id for a in articles)
        self.report.received_articles += len(articles)

    def _missing_blobs(self, pg: psycopg.Connection[Any], hashes: Sequence[str]
                       ) -> list[tuple[str, int, bytes | None]]:
        wanted = sorted(set(hashes) - _held_blobs(self.store.conn, hashes))
        if not wanted:
            return []
        rows = pg.execute("SELECT hash, size, data FROM blobs WHERE hash = ANY(%s)",
                          (wanted,)).fetchall()
        return [(str(r[0]), int(r[1]), bytes(r[2]) if r[2] is not None else None)
                for r in rows]

    def receive_changes(self, pg: psycopg.Connection[Any]) -> None:
        while not self.cancel.is_set():
            rows = pg.execute(
                "SELECT seq, change_id, kind, article, register, value, author, desktop,"
                " made_at FROM changes WHERE seq > %s AND desktop <> %s ORDER BY seq LIMIT %s",
                (self._seq("change_seq"), self.desktop, CHANGE_BATCH)).fetchall()
            if not rows:
                break
            changes = [Change(str(r[1]), str(r[2]), r[3], str(r[4]), str(r[5]), str(r[6]),
                              str(r[7]), str(r[8])) for r in rows]
            self._apply(changes, int(rows[-1][0]), pg)
            self.progress(self.report.received_changes, None, "receiving changes")
        if self.store.conn.execute(
                "SELECT 1 FROM sync_changes WHERE local_ref = 'waiting' LIMIT 1").fetchone():
            self._apply([], None, pg)  # entities extracted since: their edits may apply

    def _apply(self, changes: list[Change], seq: int | None,
               pg: psycopg.Connection[Any]) -> None:
        outcome = Outcome()
        with self.lib.writing("a sync"):
            with self.store.transaction() as conn:
                _set_meta(conn, "sync_applying", "1")
                apply_changes(conn, changes, outcome,
                              lambda kind, value: following.brings_article(self.follow, kind,
                                                                           value))
                retry_waiting(conn, outcome)
                conn.execute("DELETE FROM meta WHERE key = 'sync_applying'")
                if seq is not None:
                    _set_meta(conn, self._key("change_seq"), str(seq))
            self._index_outcome(outcome)
        if outcome.fetch:
            self.fetch(pg, outcome.fetch)
        report = self.report
        report.received_changes += len(changes)
        report.applied += outcome.applied
        report.skipped += outcome.skipped
        report.conflicts += outcome.conflicts
        report.deleted += len(outcome.deleted)
        report.waiting = int(self.store.conn.execute(
            "SELECT count(*) FROM sync_changes WHERE local_ref = 'waiting'").fetchone()[0])

    def _index_outcome(self, outcome: Outcome) -> None:
        lib = self.lib
        if outcome.deleted and lib._index is not None and lib.index_problem is None:
            from index.upkeep import write_deletes

            write_deletes(lib, lib._index, outcome.deleted)
        alive = [i for i in outcome.reindex if i not in set(outcome.deleted)]
        if alive:
            lib.index_articles(lib.store.articles(alive))

    def finish(self, pg: psycopg.Connection[Any], url: str) -> None:
        with pg.transaction():
            pg.execute("INSERT INTO desktops(id, author, last_sync) VALUES (%s, %s, now())"
                       " ON CONFLICT (id) DO UPDATE SET author = excluded.author,"
                       " last_sync = excluded.last_sync", (self.desktop, self.author))
        self.report.finished_at = now_iso()
        with self.lib.writing("a sync"), self.store.transaction() as conn:
            _set_meta(conn, "sync_last", self.report.finished_at)
            _set_meta(conn, "sync_remote", without_password(url))

    def after(self) -> None:
        """What an import does after its articles land: state caches, watches, stories."""
        self.lib._state_changed()
        if self.new_ids:
            self.lib._record_watches(self.new_ids)
            self.lib._group_after_import(self.cancel)


# The newest presence change of the article says it was deleted.
_DELETED = ("coalesce((SELECT c.value FROM changes c WHERE c.register = 'article|' ||"
            " a.content_hash ORDER BY c.made_at DESC, c.change_id DESC LIMIT 1), '')"
            " LIKE '%%\"on\":0%%'")


def _set_meta(conn: Any, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def _held(conn: Any, hashes: Sequence[str]) -> set[str]:
    return {str(r[0]) for r in conn.execute(
        "SELECT content_hash FROM articles WHERE content_hash IN (SELECT value FROM"
        " json_each(?))", (json.dumps(list(hashes)),))}


def _held_blobs(conn: Any, hashes: Sequence[str]) -> set[str]:
    return {str(r[0]) for r in conn.execute(
        "SELECT hash FROM blobs WHERE hash IN (SELECT value FROM json_each(?))",
        (json.dumps(list(hashes)),))}


def _article(article_id: int, draft: ArticleDraft) -> Article:
    return Article(id=article_id, title=draft.title, text=draft.text, date=draft.date,
                   source=draft.source, url=draft.url, lang=draft.lang, authors=draft.authors,
                   origin=draft.origin, imported_at=now_iso())


def log_presence(library: Library, hashes: Sequence[str], present: bool) -> None:
    """Deleted or restored here: the others follow (called inside the write)."""
    changelog.log_presence(library.store.conn, hashes, present)


def fetch_article(library: Library, url: str, content_hash: str) -> int | None:
    """An article opened from the team archive joins this library; returns its id here
    (None when the server does not hold it)."""
    found = library.store.conn.execute("SELECT id FROM articles WHERE content_hash = ?",
                                       (content_hash,)).fetchone()
    if found is not None:
        return int(found[0])
    step = _Steps(library, SyncReport(server=without_password(url)),
                  lambda _d, _t, _c: None, threading.Event())
    with server.connect(url) as pg:
        step.fetch(pg, [content_hash])
    step.after()
    return step.new_ids[0] if step.new_ids else None

"""Numbered migrations of the store's schema.

A library written by any earlier version must open with nothing lost. The schema
version is read at open; each step from it to ``SCHEMA_VERSION`` runs in order, all of
them inside one transaction, so a failure (or a kill) leaves the library as it was.
A new library simply runs every step from 0. Libraries written by each released version
are kept in ``tests/index/fixtures/libraries/`` and opened by the tests.

Never edit a released step: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

_V1 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS blobs (
    hash TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    data BLOB
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
    merged_into INTEGER REFERENCES entities(id)
);
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


def _statements(script: str) -> list[str]:
    """``executescript`` would commit the surrounding transaction: run one by one."""
    return [s.strip() for s in script.split(";") if s.strip()]


def _v1_base(conn: sqlite3.Connection) -> None:
    """The schema of Veille 0.1 (stop 6)."""
    for statement in _statements(_V1):
        conn.execute(statement)


def _v2_generation(conn: sqlite3.Connection) -> None:
    """A store id (so an index copied from another library is recognised as foreign), a
    generation bumped by every commit (other processes notice changes by it), and per
    article the generation of its last indexed change (``rev``), so a rebuild made beside
    the live index can catch up with what changed while it ran."""
    import uuid  # here: it imports ``platform``, 5 ms of every command-line search

    conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES('store_id', ?)",
                 (uuid.uuid4().hex,))
    conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES('generation', '0')")
    conn.execute("ALTER TABLE articles ADD COLUMN rev INTEGER NOT NULL DEFAULT 0")
    conn.execute("CREATE INDEX IF NOT EXISTS articles_rev ON articles(rev)")
    # Version 0.1 flagged every article indexed; the index of a 0.1 library is not
    # authenticated and will be rebuilt, which sets the flags again.


_V3 = """
CREATE TABLE article_state (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    read_at TEXT,
    starred INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    note_format TEXT NOT NULL DEFAULT 'plain',
    note_updated TEXT
);
CREATE INDEX article_state_read ON article_state(read_at) WHERE read_at IS NOT NULL;
CREATE INDEX article_state_starred ON article_state(starred) WHERE starred = 1;
CREATE INDEX article_state_note ON article_state(article_id) WHERE note != '';
CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    folded TEXT NOT NULL UNIQUE,
    color TEXT
);
CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY(article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag_id);
CREATE TABLE highlights (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    quote TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX highlights_article ON highlights(article_id);
CREATE TABLE dossiers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    folded TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE TABLE dossier_items (
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position REAL NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY(dossier_id, article_id)
) WITHOUT ROWID;
CREATE INDEX dossier_items_article ON dossier_items(article_id);
CREATE TABLE watches (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    folded TEXT NOT NULL UNIQUE,
    query TEXT NOT NULL,
    filters TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
);
CREATE TABLE watch_new (
    watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY(watch_id, article_id)
) WITHOUT ROWID;
CREATE INDEX watch_new_article ON watch_new(article_id);
CREATE TABLE article_edits (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    old TEXT,
    new TEXT,
    edited_at TEXT NOT NULL
);
CREATE INDEX article_edits_article ON article_edits(article_id);
CREATE TABLE trash (
    article_id INTEGER PRIMARY KEY,
    batch TEXT NOT NULL,
    blob_hash TEXT,
    payload TEXT NOT NULL,
    deleted_at TEXT NOT NULL
);
CREATE INDEX trash_batch ON trash(batch);
"""


def _v3_user_state(conn: sqlite3.Connection) -> None:
    """What a person adds to the archive: read state, stars, notes, tags, highlights,
    dossiers, watches, edits of an article's metadata, and deleted articles kept for
    undo (``trash``) until the window that deleted them closes."""
    for statement in _statements(_V3):
        conn.execute(statement)


_V4 = """
CREATE TABLE story_members (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL,
    similarity REAL NOT NULL DEFAULT 1.0
);
CREATE INDEX story_members_story ON story_members(story_id);
CREATE TABLE story_keys (
    key INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
CREATE TABLE place_entities (
    place_key TEXT PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id)
);
CREATE TABLE person_surnames (
    surname TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    PRIMARY KEY (surname, entity_id)
) WITHOUT ROWID;
"""


def _v4_stories(conn: sqlite3.Connection) -> None:
    """Versions of one story (index/stories.py). Every existing article is left without a
    story, so the next writer groups the whole archive; ``story_keys`` has no reference
    to articles (a deleted article's keys only propose a candidate that is not found).
    ``place_entities``: the entity of a place whatever the language of its name (the
    gazetteer's key, "country:GB" for Royaume-Uni, United Kingdom and UK).
    ``person_surnames``: the surname of every person with a full name, so that a surname
    used alone in another article finds who is meant."""
    for statement in _statements(_V4):
        conn.execute(statement)
    from index.entity_store import surname_of  # the rule new names follow

    named = ((surname_of(name), entity_id) for entity_id, name in conn.execute(
        "SELECT id, name FROM entities WHERE label = 'person' AND name LIKE '% %'"))
    conn.executemany("INSERT OR IGNORE INTO person_surnames(surname, entity_id) VALUES (?, ?)",
                     [(s, e) for s, e in named if s])


def _v5_sync_log(conn: sqlite3.Connection) -> None:
    """The log of what the person changes, kept by triggers, for the team server
    (index/sync/changelog.py). What an earlier version recorded is not in it: the first
    sync sends the library's state as it stands (index/sync/session.py)."""
    from index.sync.changelog import install

    install(conn)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _v1_base,
    _v2_generation,
    _v3_user_state,
    _v4_stories,
    _v5_sync_log,
)
SCHEMA_VERSION = len(MIGRATIONS)


def stored_version(conn: sqlite3.Connection) -> int:
    """0 for an empty database (no meta table yet)."""
    has_meta = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if not has_meta:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row is not None else 0


def migrate(conn: sqlite3.Connection, current: int) -> None:
    """Run the steps after ``current``; the caller holds the transaction."""
    for number in range(current + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[number - 1](conn)
        conn.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', ?)",
            (str(number),),
        )

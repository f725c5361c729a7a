"""The team archive on a PostgreSQL server: its schema and the connection to it.

The server holds every desktop's articles (one row per content hash, so the same story
imported on two desktops is stored once), their originals (one row per file hash) and
an append-only log of changes. Writers take the log's and the articles' locks for the
length of their transaction, so ``seq`` grows in commit order and a desktop that has
read up to ``seq`` N never misses a row committed later with a smaller number.

psycopg is imported here only: nothing else in Veille needs it, and a desktop that never
syncs never loads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from index.errors import VeilleError

if TYPE_CHECKING:
    import psycopg

EXIT_REMOTE = 5
SERVER_SCHEMA_VERSION = 1
CONNECT_TIMEOUT = 10  # seconds: a dead network answers within it, as one line
# PostgreSQL refuses a tsvector over 1 MB: the search vector covers the first 400,000
# characters of an article (about 60,000 words), the whole text stays in ``body``.
SEARCH_CHARS = 400_000


class RemoteError(VeilleError):
    """The team server cannot be reached, refused us, or failed; nothing local changed."""

    exit_code = EXIT_REMOTE


_SCHEMA = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'veille_fr') THEN
    CREATE TEXT SEARCH CONFIGURATION veille_fr (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION veille_fr
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'veille_en') THEN
    CREATE TEXT SEARCH CONFIGURATION veille_en (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION veille_en
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
  END IF;
END $$;
CREATE TABLE IF NOT EXISTS veille_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS blobs (
  hash text PRIMARY KEY,
  size bigint NOT NULL,
  data bytea
);
CREATE TABLE IF NOT EXISTS articles (
  seq bigserial NOT NULL UNIQUE,
  content_hash text PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  date text,
  source text,
  url text,
  canonical_url text,
  lang text,
  authors text NOT NULL DEFAULT '[]',
  origin text NOT NULL DEFAULT '',
  blob_hash text REFERENCES blobs(hash),
  imported_by text NOT NULL DEFAULT '',
  desktop text NOT NULL DEFAULT '',
  imported_at text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  search_fr tsvector GENERATED ALWAYS AS (CASE WHEN lang = 'fr' THEN
      setweight(to_tsvector('veille_fr'::regconfig, title), 'A')
      || setweight(to_tsvector('veille_fr'::regconfig, left(body, {SEARCH_CHARS})), 'B')
    END) STORED,
  search_en tsvector GENERATED ALWAYS AS (CASE WHEN lang IS DISTINCT FROM 'fr' THEN
      setweight(to_tsvector('veille_en'::regconfig, title), 'A')
      || setweight(to_tsvector('veille_en'::regconfig, left(body, {SEARCH_CHARS})), 'B')
    END) STORED,
  title_words tsvector GENERATED ALWAYS AS (to_tsvector(CASE WHEN lang = 'fr' THEN
      'veille_fr'::regconfig ELSE 'veille_en'::regconfig END, title)) STORED
);
CREATE INDEX IF NOT EXISTS articles_search_fr ON articles USING gin (search_fr);
CREATE INDEX IF NOT EXISTS articles_search_en ON articles USING gin (search_en);
CREATE INDEX IF NOT EXISTS articles_date ON articles (date);
CREATE TABLE IF NOT EXISTS changes (
  seq bigserial PRIMARY KEY,
  change_id text NOT NULL UNIQUE,
  kind text NOT NULL,
  article text,
  register text NOT NULL DEFAULT '',
  value text NOT NULL,
  author text NOT NULL,
  desktop text NOT NULL,
  made_at text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS changes_article ON changes (article);
CREATE INDEX IF NOT EXISTS changes_register ON changes (register);
CREATE TABLE IF NOT EXISTS desktops (
  id text PRIMARY KEY,
  author text NOT NULL,
  last_sync timestamptz NOT NULL
);
"""

# Any number: the key of the lock that makes two desktops' first syncs create the
# schema one after the other.
_SCHEMA_LOCK = 7_460_221


def _describe(exc: BaseException) -> str:
    """libpq's message, first line only ("connection refused", "password
    authentication failed for user ...")."""
    text = str(exc).strip().splitlines()
    first = text[0] if text else type(exc).__name__
    return first.removeprefix("connection failed: ")


def safe_url(url: str) -> str:
    """The URL as it may be shown: without its password."""
    from index.sync.credentials import without_password

    return without_password(url)


@contextmanager
def connect(url: str) -> Iterator[psycopg.Connection[Any]]:
    """A connection with the schema in place; every failure is a ``RemoteError``."""
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise RemoteError("the PostgreSQL driver (psycopg) is not installed") from exc
    from index.sync.credentials import connect_arguments

    conninfo, extra = connect_arguments(url)
    try:
        # Autocommit: each ``with conn.transaction()`` is then a real transaction that has
        # committed when the block ends (inside an implicit transaction it would only be a
        # savepoint, and a batch acknowledged here could still be lost with the connection).
        conn = psycopg.connect(conninfo, connect_timeout=CONNECT_TIMEOUT, autocommit=True,
                               **extra)
    except psycopg.Error as exc:
        raise RemoteError(f"cannot reach the team server {safe_url(url)}: "
                          f"{_describe(exc)}") from exc
    try:
        try:
            ensure_schema(conn)
            yield conn
        except psycopg.Error as exc:
            raise RemoteError(f"the team server {safe_url(url)} failed: "
                              f"{_describe(exc)}") from exc
    finally:
        conn.close()


def ensure_schema(conn: psycopg.Connection[Any]) -> str:
    """Create the archive's tables on first use; returns the archive's id (a desktop that
    moves to another archive sends everything again)."""
    with conn.transaction():
        row = _archive_id(conn)
        if row is not None:
            return row
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
        for statement in _split(_SCHEMA):
            conn.execute(statement)
        conn.execute("INSERT INTO veille_meta(key, value) VALUES ('archive_id', "
                     "md5(random()::text || clock_timestamp()::text)) ON CONFLICT DO NOTHING")
        conn.execute("INSERT INTO veille_meta(key, value) VALUES ('schema_version', %s) "
                     "ON CONFLICT DO NOTHING", (str(SERVER_SCHEMA_VERSION),))
    found = _archive_id(conn)
    assert found is not None
    return found


def _archive_id(conn: psycopg.Connection[Any]) -> str | None:
    exists = conn.execute("SELECT to_regclass('veille_meta')").fetchone()
    if exists is None or exists[0] is None:
        return None
    row = conn.execute("SELECT value FROM veille_meta WHERE key = 'archive_id'").fetchone()
    return None if row is None else str(row[0])


def _split(script: str) -> list[str]:
    """Statements of ``_SCHEMA``; the one ``DO`` block keeps its inner semicolons."""
    out: list[str] = []
    buffer: list[str] = []
    in_block = False
    for line in script.splitlines():
        buffer.append(line)
        if line.startswith("DO $$"):
            in_block = True
        if in_block:
            if line.startswith("END $$;"):
                in_block = False
                out.append("\n".join(buffer).rstrip().rstrip(";"))
                buffer = []
            continue
        if line.rstrip().endswith(";"):
            out.append("\n".join(buffer).rstrip().rstrip(";"))
            buffer = []
    return [s for s in out if s.strip()]

"""Searching the team's whole archive on the server, with PostgreSQL's own text search.

French articles are indexed with the ``french`` configuration, the others with
``english``, both behind ``unaccent`` (``veille_fr``, ``veille_en``: index/sync/server.py),
so "securite" finds "sécurité". A query is read by ``websearch_to_tsquery`` in both
languages ("quoted phrases", ``or``, ``-word``) and each article is matched with its own
language's reading. Hits say whether the article is already in this library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.errors import QueryError
from index.sync import server

if TYPE_CHECKING:
    from index.library import Library

_MARK = re.compile(r"</?mark>")


@dataclass(frozen=True, slots=True)
class RemoteHit:
    content_hash: str
    title: str
    date: str | None
    source: str | None
    lang: str | None
    snippet: str
    score: float
    imported_by: str
    local_id: int | None  # the article's id in this library, when it holds it


@dataclass(frozen=True, slots=True)
class RemoteResults:
    query: str
    total: int
    hits: tuple[RemoteHit, ...]


_QUERY = """WITH q AS (SELECT websearch_to_tsquery('veille_fr', %(q)s) AS fr,
                  websearch_to_tsquery('veille_en', %(q)s) AS en)"""
# Each language's articles have their own search column and index, so a match (and the
# exact count) is read from the two indexes alone, never from the large vectors.
_MATCH = "(a.search_fr @@ q.fr OR a.search_en @@ q.en)"
_DATES_ONLY = """WITH q AS (SELECT ''::tsquery AS fr, ''::tsquery AS en)"""
# Ranking reads each candidate's whole vector: only the CANDIDATES most likely ones are
# ranked (title matches first, then the newest), not every match of a common word.
CANDIDATES = 400
_TOP = """{with}
SELECT c.content_hash, c.title, c.date, c.source, c.lang, c.imported_by,
       ts_rank_cd(coalesce(c.search_fr, c.search_en), c.tsq) AS score,
       ts_headline(CASE WHEN c.lang = 'fr' THEN 'veille_fr'::regconfig
                   ELSE 'veille_en'::regconfig END, left(c.body, 20000), c.tsq,
                   'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12,
                    MaxFragments=1') AS snippet
FROM (SELECT a.*, CASE WHEN a.lang = 'fr' THEN q.fr ELSE q.en END AS tsq
      FROM articles a, q WHERE {match} {dates}
      ORDER BY a.title_words @@ CASE WHEN a.lang = 'fr' THEN q.fr ELSE q.en END DESC,
               a.date DESC NULLS LAST
      LIMIT %(candidates)s) c
ORDER BY score DESC, c.date DESC NULLS LAST
LIMIT %(limit)s"""


def search(url: str, query: str, *, limit: int = 20, date_from: str | None = None,
           date_to: str | None = None, library: Library | None = None) -> RemoteResults:
    """The exact count of matching articles and the first ``limit`` by rank, with a
    snippet of the passage that matched."""
    if not query.strip() and not (date_from or date_to):
        raise QueryError("type something to search the team archive for")
    params: dict[str, object] = {"q": query, "limit": limit,
                                 "candidates": max(CANDIDATES, limit)}
    dates = ""
    with_, match = (_QUERY, _MATCH) if query.strip() else (_DATES_ONLY, "TRUE")
    if date_from:
        dates += " AND a.date >= %(from)s"
        params["from"] = date_from
    if date_to:
        dates += " AND a.date <= %(to)s"
        params["to"] = date_to + "\uffff"
    with server.connect(url) as pg:
        counted = pg.execute(f"{with_} SELECT count(*) FROM articles a, q WHERE {match}"
                             f" {dates}", params).fetchone()
        total = int(counted[0]) if counted is not None else 0
        rows = pg.execute(_TOP.format(**{"with": with_, "match": match, "dates": dates}),
                          params).fetchall()
    held = _held(library, [str(r[0]) for r in rows])
    hits = tuple(RemoteHit(str(r[0]), str(r[1]), r[2], r[3], r[4], str(r[7] or ""),
                           float(r[6]), str(r[5]), held.get(str(r[0]))) for r in rows)
    return RemoteResults(query, total, hits)


def _held(library: Library | None, hashes: list[str]) -> dict[str, int]:
    if library is None or not hashes:
        return {}
    marks = ",".join("?" * len(hashes))
    return {str(r[0]): int(r[1]) for r in library.store.conn.execute(
        f"SELECT content_hash, id FROM articles WHERE content_hash IN ({marks})", hashes)}


def plain_snippet(snippet: str) -> str:
    return _MARK.sub("", snippet)

"""Which entities appear together: beside one entity, and among a set of articles.

Counted in articles, not mentions (a name repeated ten times in one article is one
meeting), over visible entities only; merges are already followed by the mentions.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from index.models import EntityType

NETWORK_ARTICLES = 2000  # the best-ranked results a network is drawn from


@dataclass(frozen=True, slots=True)
class Companion:
    entity_id: int
    name: str
    label: EntityType
    articles: int  # articles where both appear


@dataclass(frozen=True, slots=True)
class Network:
    """The entities most present in a set of articles and how often each pair meets."""

    nodes: tuple[Companion, ...]  # ``articles``: articles of the set mentioning it
    edges: tuple[tuple[int, int, int], ...]  # (entity id, entity id, articles together)


def companions(conn: sqlite3.Connection, entity_id: int, limit: int = 20) -> list[Companion]:
    """The entities most often in the same articles as ``entity_id``."""
    rows = conn.execute(
        "SELECT e.id, e.name, e.label, count(DISTINCT m2.article_id) AS together"
        " FROM mentions m1 JOIN mentions m2 ON m2.article_id = m1.article_id"
        " JOIN entities e ON e.id = m2.entity_id"
        " WHERE m1.entity_id = ? AND m2.entity_id != ? AND e.hidden = 0"
        " AND e.merged_into IS NULL"
        " GROUP BY e.id ORDER BY together DESC, e.name LIMIT ?",
        (entity_id, entity_id, limit))
    return [Companion(int(i), str(n), label, int(c)) for i, n, label, c in rows]


def network(conn: sqlite3.Connection, article_ids: Sequence[int], size: int = 12) -> Network:
    """The ``size`` entities in most of the articles, and the pairs among them that meet."""
    ids = list(article_ids[:NETWORK_ARTICLES])
    per_article: dict[int, set[int]] = {}
    names: dict[int, tuple[str, EntityType]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for article, entity, name, label in conn.execute(
                "SELECT DISTINCT m.article_id, e.id, e.name, e.label FROM mentions m"
                " JOIN entities e ON e.id = m.entity_id WHERE e.hidden = 0"
                f" AND e.merged_into IS NULL AND m.article_id IN ({','.join('?' * len(chunk))})",
                chunk):
            per_article.setdefault(int(article), set()).add(int(entity))
            names[int(entity)] = (str(name), label)
    presence = Counter(e for entities in per_article.values() for e in entities)
    ranked = sorted(presence, key=lambda e: (-presence[e], names[e][0].casefold(), e))
    top = ranked[:size]  # ties by name: the same drawing for the same results
    chosen = set(top)
    pairs: Counter[tuple[int, int]] = Counter()
    for entities in per_article.values():
        pairs.update(combinations(sorted(entities & chosen), 2))
    nodes = tuple(Companion(e, *names[e], presence[e]) for e in top)
    edges = tuple((a, b, n) for (a, b), n in pairs.most_common())
    return Network(nodes, edges)

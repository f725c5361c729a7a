"""The query classes every search benchmark runs, written for each engine.

One ``Case`` is one question asked of Veille, SQLite FTS5 and Recoll in each engine's
own syntax; ``None`` where an engine cannot express it (FTS5 has no infix wildcard).
Dates are a range FTS5 applies through its side table; Recoll reads a document's date
from its file's modification time (``bench/recoll_peer.py`` sets it to the article's).
``soak_queries`` draws many more queries from the corpus's own words, for the memory
figure (a search process after 1,800 queries) and a second latency view.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

Dates = tuple[str, str] | None


@dataclass(frozen=True, slots=True)
class Case:
    """One query as Veille, FTS5 (MATCH text, date range) and Recoll write it."""

    veille: str
    fts: str | None
    dates: Dates = None
    fts_ok: bool = True  # False: FTS5 cannot express it (no infix wildcard)
    recoll: str | None = None  # None: the same text as Veille's

    @property
    def recoll_query(self) -> str:
        return self.veille if self.recoll is None else self.recoll


def _same(*queries: str) -> list[Case]:
    return [Case(q, q) for q in queries]


AUG_2025 = ("2025-08-01", "2025-08-31")
CLASSES: dict[str, list[Case]] = {
    "term": _same("sécurité", "gouvernement", "ministre", "économie", "oil", "bank", "market",
                  "election", "president", "football"),
    "phrase": _same('"premier ministre"', '"président de la République"', '"United States"',
                    '"interest rates"', '"the company said"', '"Conseil de sécurité"'),
    "boolean": [Case("pétrole OR oil", "pétrole OR oil"),
                Case("ministre -France", "ministre NOT France"),
                Case("(bank OR banque) taux", "(bank OR banque) AND taux"),
                Case("election AND president", "election AND president"),
                Case("trade -japan", "trade NOT japan"),
                Case("sécurité OR defence", "sécurité OR defence")],
    "field": [Case("title:oil", "title:oil"), Case("title:gouvernement", "title:gouvernement"),
              Case("source:reuters market", "source:reuters AND market"),
              Case("source:rfi", "source:rfi"),
              Case('source:"BBC News" film', 'source:"BBC News" AND film'),
              Case("lang:fr sécurité", "lang:fr AND sécurité"),
              Case("lang:en bank", "lang:en AND bank")],
    "date": [Case("date:2025-08", None, AUG_2025, recoll="date:2025-08-01/2025-08-31"),
             Case("date:2025-08 oil", "oil", AUG_2025, recoll="date:2025-08-01/2025-08-31 oil"),
             Case("date:[2024-01-01 TO 2024-06-30] ministre", "ministre",
                  ("2024-01-01", "2024-06-30"), recoll="date:2024-01-01/2024-06-30 ministre"),
             Case("date:[2019 TO 2020] bank", "bank", ("2019-01-01", "2020-12-31"),
                  recoll="date:2019-01-01/2020-12-31 bank"),
             Case("date:>2026-06 économie", "économie", ("2026-07-01", "9999"),
                  recoll="date:2026-07-01/ économie")],
    "prefix": _same("secur*", "gouv*", "a*", "minist*", "econ*", "bank*", "elect*", "pr*"),
    "wildcard": [Case("minist*r", None, fts_ok=False), Case("b?nk", None, fts_ok=False),
                 Case("gouv*nement", None, fts_ok=False), Case("s?curit*", None, fts_ok=False)],
}
FIRST_QUERY = "sécurité"
WORD = re.compile(r"[^\W\d_]{4,}")
SOAK_KINDS = ("term", "two words", "phrase", "prefix")


def soak_queries(rows: Sequence[dict[str, object]], n: int = 1800,
                 seed: int = 20261204) -> list[tuple[str, Case]]:
    """``n`` seeded queries from the articles' words: one word, two words (AND), two
    neighbouring words as a phrase, a prefix of five letters; the same text for all."""
    rnd = random.Random(seed)
    out: list[tuple[str, Case]] = []
    while len(out) < n:
        words = WORD.findall(str(rnd.choice(rows)["text"]))
        if len(words) < 3:
            continue
        kind = SOAK_KINDS[len(out) % len(SOAK_KINDS)]
        i = rnd.randrange(len(words) - 1)
        query = {"term": words[i].lower(),
                 "two words": f"{words[i].lower()} {rnd.choice(words).lower()}",
                 "phrase": f'"{words[i]} {words[i + 1]}"',
                 "prefix": words[i][:5].lower() + "*"}[kind]
        out.append((kind, Case(query, query)))
    return out

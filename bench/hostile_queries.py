"""Hostile queries (issue #8): deep nesting, huge words, thousands of words, a 1 MB query.

Before the query limits (index/search/query_syntax.py) a query nested 900 deep was a
RecursionError, a 32,767-letter word took a minute and 1,000 unknown words half a
minute. Each query below goes through ``SearchIndex.search(q, limit=20)`` (every matching
id plus 20 highlighted snippets), what ``Library.search`` runs for the window and the
command line (the library's own checks at open are left out); the same
text goes to SQLite FTS5 (``bench/scale_library.py``) where FTS5 accepts it, as a
baseline of what a plain engine does with it. Queries run in rounds, each after all the
others, so the engine's small per-query result cache never answers (its term caches do,
as they would for a person trying variants). Target: every query well under a second
at 10,000 articles.

Run: .venv/bin/python bench/hostile_queries.py [--size 10000 [100000]] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import code_version, machine
from bench.scale_corpus import RECIPE_TEXT
from bench.scale_library import Fts5Library, build_library
from index.library import INDEX_DIR
from index.search import SearchIndex
from index.search.query_syntax import (
    MAX_DEPTH,
    MAX_EXPANDED,
    MAX_QUERY_CHARS,
    MAX_WORD_CHARS,
    MAX_WORDS,
    query_notice,
)

FREQUENT = ("oil bank market price said year company share rate trade government minister "
            "president election football economy growth profit loss sales stock dollar "
            "tonnes wheat corn sugar coffee gold copper steel loans debt budget tax tariff "
            "export import deficit surplus inflation interest bonds treasury reserve central "
            "crude gas coal power energy nuclear world team music film court police water "
            "health school party union week month").split()


def _junk(rnd: random.Random, n: int) -> str:
    return "".join(rnd.choice(string.ascii_lowercase) for _ in range(n))


def cases() -> dict[str, str]:
    rnd = random.Random(8)
    return {
        "parentheses 900 deep": "(" * 900 + "oil" + ")" * 900,
        "NOT x 900": "NOT " * 900 + "oil",
        "quotes 900 deep": '"«“„' * 900 + "oil",
        "32,767 x's": "x" * 32_767,
        "32,767 random letters": _junk(rnd, 32_767),
        "2,000 random letters": _junk(rnd, 2_000),
        "1,000 unknown words": " ".join(_junk(rnd, 8) for _ in range(1_000)),
        "5,000 frequent words": " ".join(FREQUENT[i % len(FREQUENT)] for i in range(5_000)),
        "64 frequent words": " ".join(FREQUENT[:64]),
        "64 unknown words": " ".join(_junk(rnd, 8) for _ in range(64)),
        "64 words of 100 letters": " ".join(_junk(rnd, 100) for _ in range(64)),
        "64-word phrase": '"' + " ".join(FREQUENT[:64]) + '"',
        "only operators": " ".join(["AND", "OR", "NOT", "(", ")", "-", "+", "~", "*"] * 200),
        "unbalanced": '(((oil "bank ) ) « market “ price ))) (',
        "control characters": "oil\x00bank\x07\x1f market\x1b[31m \x85price",
        "lone surrogates": "oil \ud800 bank\udfff market* lang:\udbff",
        "26 one-letter prefixes": " ".join(f"{c}*" for c in string.ascii_lowercase),
        f"{MAX_EXPANDED} infix wildcards": " ".join(f"{c}*e*" for c in "abcd"[:MAX_EXPANDED]),
        "64 fuzzy words": " ".join(_junk(rnd, 6) + "~2" for _ in range(64)),
        f"{MAX_EXPANDED} fuzzy 32-letter words": " ".join(
            _junk(rnd, 32) + "~2" for _ in range(MAX_EXPANDED)),
        "64 exact words": " ".join("=" + w for w in FREQUENT[:64]),
        "1 MB query": "oil (bank OR \"market price\") " * 37_450,
        "1 MB of brackets and quotes": "(" * 500_000 + '"' * 500_000,
    }


def timed(fn: Callable[[], int]) -> tuple[float, str]:
    """(seconds, outcome): the number of results, or the error it raised."""
    t0 = time.perf_counter()
    try:
        outcome = f"{fn():,}"
    except (sqlite3.Error, UnicodeError, RecursionError, ValueError) as exc:
        outcome = f"{type(exc).__name__}: {str(exc)[:40]}"
    return time.perf_counter() - t0, outcome


def run(size: int, repeat: int) -> None:
    built = build_library(size)
    fts, _ = Fts5Library.build(size)
    lib = SearchIndex.open(built.path / INDEX_DIR)
    queries = cases()
    lib.search("warm up", limit=20)
    fts.search("warm")
    veille: dict[str, list[float]] = {name: [] for name in queries}
    sqlite: dict[str, list[float]] = {name: [] for name in queries}
    outcome: dict[str, tuple[str, str]] = {}
    for n in range(repeat):
        for name, q in queries.items():
            v_s, v_out = timed(lambda q=q: lib.search(q, limit=20).total)
            f_s, f_out = timed(lambda q=q: fts.search(q)[0])
            veille[name].append(v_s)
            sqlite[name].append(f_s)
            if n == 0:
                outcome[name] = (v_out, f_out)
    lib.close()
    fts.close()
    print(f"\n{size:,} articles ({built.detail}); {repeat} rounds; ms: first run, median")
    print(f"{'query':<30} {'chars':>9} {'Veille 1st':>10} {'median':>7} {'results':>8}   "
          f"{'FTS5 med':>8} {'FTS5 results':<14} notice")
    for name, q in queries.items():
        v_out, f_out = outcome[name]
        notice = (query_notice(q) or "").removeprefix("Query shortened: ")
        print(f"{name:<30} {len(q):>9,} {veille[name][0] * 1000:>10.1f} "
              f"{statistics.median(veille[name]) * 1000:>7.1f} {v_out:>8}   "
              f"{statistics.median(sqlite[name]) * 1000:>8.1f} {f_out[:14]:<14} {notice}")
    worst = max(queries, key=lambda name: max(veille[name]))
    print(f"slowest Veille search: {worst!r}, {max(veille[worst]) * 1000:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, nargs="+", default=[10_000])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"Machine: {machine()}")
    print(f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"Engine: {code_version('index/search', 'index/library.py')}")
    print(f"Limits: {MAX_QUERY_CHARS:,} characters, {MAX_DEPTH} levels of parentheses, "
          f"{MAX_WORDS} words, {MAX_WORD_CHARS} characters a word, {MAX_EXPANDED} words "
          "with * ? or ~")
    print(RECIPE_TEXT)
    for size in args.size:
        run(size, args.repeat)


if __name__ == "__main__":
    main()

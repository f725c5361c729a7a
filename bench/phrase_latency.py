"""Search latency per query class next to a fair FTS5: count + 20 ranked hits with snippets.

``bench/search_latency.py``'s FTS5 baseline fetches up to 100,000 ranked ids (issue 12:
its ``a*`` took 4.4 s, 67 ms with LIMIT 20 and a count). Here FTS5 does what a search
box needs, the same job as ``Library.search(q, limit=20)`` shows: the number of matches
and the first 20 by rank with ``snippet()``. Same libraries and corpora as
search_latency.py (``bench/scale_library.py``, cached in ``$VEILLE_BENCH_CACHE``), same
query classes; each pass runs every query once, Veille then FTS5, so a query is never
answered by the engine's small result cache.

Run: .venv/bin/python bench/phrase_latency.py [--size 10000 100000] [--repeat 5]
     [--classes phrase term ...] [--verbose]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import code_version, machine, percentile
from bench.scale_corpus import RECIPE_TEXT, build_corpus
from bench.scale_library import Fts5Library, build_library, folder_mb
from bench.search_latency import CLASSES
from index import Library
from index.library import INDEX_DIR
from index.search import SCHEMA_VERSION

Dates = tuple[str, str] | None


def fts_search(conn: sqlite3.Connection, match: str | None, dates: Dates,
               limit: int = 20) -> tuple[int, list[tuple[int, str]]]:
    """(number of matches, first ``limit`` by rank with snippets): a search box's job."""
    where, params = [], []
    if match is not None:
        where.append("docs MATCH ?")
        params.append(match)
    if dates is not None:
        where.append("meta.date BETWEEN ? AND ?")
        params += list(dates)
    cond = " AND ".join(where)
    total = conn.execute(f"SELECT count(*) FROM docs JOIN meta ON meta.id = docs.rowid "
                         f"WHERE {cond}", params).fetchone()[0]
    if match is None:
        rows = conn.execute(f"SELECT docs.rowid, substr(text, 1, 200) FROM docs JOIN meta "
                            f"ON meta.id = docs.rowid WHERE {cond} ORDER BY meta.date DESC "
                            f"LIMIT {limit}", params).fetchall()
    else:
        rows = conn.execute(f"SELECT docs.rowid, snippet(docs, 1, '<mark>', '</mark>', '…', 24) "
                            f"FROM docs JOIN meta ON meta.id = docs.rowid WHERE {cond} "
                            f"ORDER BY rank LIMIT {limit}", params).fetchall()
    return total, rows


def run(lib: Library, conn: sqlite3.Connection, classes: Sequence[str], repeat: int,
        verbose: bool) -> dict[str, tuple[list[float], list[float], list[float]]]:
    """Per class: Veille times, Veille first-run times, FTS5 times (seconds)."""
    lib.search("warm up", limit=20)
    fts_search(conn, "warm", None)
    out: dict[str, tuple[list[float], list[float], list[float]]] = {
        k: ([], [], []) for k in classes}
    for n in range(repeat):
        for kind in classes:
            veille, first, fts = out[kind]
            for case in CLASSES[kind]:
                t0 = time.perf_counter()
                res = lib.search(case.veille, limit=20)
                veille.append(time.perf_counter() - t0)
                if n == 0:
                    first.append(veille[-1])
                if case.fts_ok:
                    t1 = time.perf_counter()
                    total, _ = fts_search(conn, case.fts, case.dates)
                    fts.append(time.perf_counter() - t1)
                    if n == 0 and verbose:
                        print(f"  {kind}: {case.veille} = {res.total} / FTS5 {total}")
    return out


def ms(values: Sequence[float], pct: float) -> float:
    return percentile([v * 1000 for v in values], pct) if values else float("nan")


def report(size: int, args: argparse.Namespace) -> None:
    build_corpus(size)
    built = build_library(size)
    fts, fts_built = Fts5Library.build(size)
    fts.close()
    index_mb = folder_mb(built.path / INDEX_DIR)
    print(f"\n=== {size:,} articles === Veille index {index_mb:.0f} MB "
          f"({index_mb / size * 1000:.2f} MB per 1,000 articles), FTS5 {fts_built.index_mb:.0f} MB"
          f" (text included); build {built.seconds:.0f} s ({built.detail})")
    conn = sqlite3.connect(fts_built.path)
    lib = Library.open(built.path)
    try:
        results = run(lib, conn, args.classes, args.repeat, args.verbose)
    finally:
        lib.close()
        conn.close()
    print(f"{'class':<9} {'Veille p50':>10} {'p95':>7} {'1st p95':>8} {'FTS5 p50':>9} "
          f"{'p95':>7} {'x p95':>6}  target: p95 <= 2x FTS5's")
    for kind, (veille, first, f) in results.items():
        v50, v95, f50, f95 = ms(veille, 50), ms(veille, 95), ms(f, 50), ms(f, 95)
        ratio = v95 / f95 if f else float("nan")
        verdict = "n.a." if not f else ("met" if ratio <= 2 else "MISSED")
        print(f"{kind:<9} {v50:10.1f} {v95:7.1f} {ms(first, 95):8.1f} {f50:9.1f} {f95:7.1f} "
              f"{ratio:6.2f}  {verdict}")
    print("(ms; FTS5 = count(*) + 20 ranked rows with snippet(), porter unicode61 "
          "remove_diacritics 2; wildcard: FTS5 has no infix wildcard)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--classes", nargs="+", choices=list(CLASSES), default=list(CLASSES))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    print(f"Machine: {machine()}")
    print(f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"Engine: index schema {SCHEMA_VERSION}, "
          f"{code_version('index/search', 'index/library.py')}")
    print(RECIPE_TEXT)
    for size in args.size:
        report(size, args)


if __name__ == "__main__":
    main()

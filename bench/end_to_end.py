"""Issue #2 figures: import until searchable, entity extraction, search latency, launch.

Data: the 80 French Wikinews articles and the 1,800 BBC articles of ../shared/data,
written to JSON Lines files in a temporary folder. Import: ``reader-app import
--no-entities`` as a fresh process timed from outside (interpreter start and imports
included), beside SQLite FTS5 (porter, unicode61, diacritics removed) importing the same
files, also as a process that parses them (``bench/fts5_peer.py``). Search: the same
queries in alternation, Veille's ``Library.search`` and FTS5 doing the same job (count
+ first 20 with snippets). Launch: the real window (offscreen) started by
``bench/launch_probe.py``, the clock read before its process starts (issue 12: the old
figure started inside a running interpreter), to the window shown and to its first result.

Run: .venv/bin/python bench/end_to_end.py [--launches 5]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    REPO,
    Timer,
    code_version,
    machine,
    percentile,
    read_jsonl,
    require_data,
    run_process,
    summary_ms,
    tree_env,
)
from bench.fts5_peer import fts5_search
from bench.import_speed import fts5_import, veille_import
from index import Library

WORD = re.compile(r"[^\W\d_]{5,}")
PROBE = Path(__file__).resolve().parent / "launch_probe.py"


def write_corpus(folder: Path) -> tuple[list[Path], list[dict[str, object]]]:
    data = require_data()
    rows_fr = list(read_jsonl(data / "news-fr" / "wikinews-fr.jsonl.gz"))
    rows_en = list(read_jsonl(data / "news-en" / "bbc.jsonl.gz"))
    paths = []
    for name, rows in (("wikinews-fr.jsonl", rows_fr), ("bbc.jsonl", rows_en)):
        path = folder / name
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths, rows_fr + rows_en


def make_queries(rows: list[dict[str, object]], n: int = 100) -> list[str]:
    rng = random.Random(20261130)
    queries = []
    for row in rng.sample(rows, n):
        words = WORD.findall(str(row["text"]))
        queries.append(" ".join(rng.sample(words, min(2, len(words)))) if words else "news")
    return queries


def launch(library: Path, tree: Path) -> dict[str, float]:
    """One launch of the window, seconds from before its process starts to each event."""
    env = tree_env(tree, QT_QPA_PLATFORM="offscreen")
    t0 = time.clock_gettime(time.CLOCK_MONOTONIC)
    run = run_process([sys.executable, str(PROBE), "--library", str(library)], env=env,
                      timeout=300)
    events = {}
    for line in run.stdout.splitlines():
        if line.startswith('{"event"'):
            event = json.loads(line)
            events[event["event"]] = event["t"] - t0
    if "first_result" not in events:
        raise SystemExit(f"the window showed no result ({run.code}): {run.stderr[-500:]}")
    return events


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--launches", type=int, default=5, help="counted, after one warm-up")
    args = ap.parse_args()
    print(f"machine: {machine()}")
    print(f"code: {code_version('index', 'reader_app', tree=REPO)}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths, rows = write_corpus(folder)
        n = len(rows)
        words = sum(len(str(r["text"]).split()) for r in rows)
        print(f"data: {n} articles ({words} words): 80 Wikinews fr + 1,800 BBC en")
        ours, imported = veille_import(paths, folder / "lib", REPO)
        print(f"import until searchable, from process start: wall {ours.wall:.2f} s = "
              f"{imported / ours.wall:.0f} articles/s, CPU {ours.cpu:.1f} s, peak RSS "
              f"{ours.max_rss_mib:.0f} MiB ({imported} articles)")
        theirs, _ = fts5_import("jsonl", paths, folder / "fts.sqlite3")
        print(f"baseline FTS5, same files, from process start: wall {theirs.wall:.2f} s = "
              f"{n / theirs.wall:.0f} articles/s, CPU {theirs.cpu:.2f} s; Veille / FTS5: "
              f"wall x{ours.wall / theirs.wall:.1f}, CPU x{ours.cpu / theirs.cpu:.1f}")
        queries = make_queries(rows)
        lib = Library.open(folder / "lib")
        conn = sqlite3.connect(folder / "fts.sqlite3")
        lib.search(queries[0])  # warm the searcher once, as the open window has
        fts5_search(conn, queries[0])
        veille: list[float] = []
        fts: list[float] = []
        for i, q in enumerate(queries):
            for engine in (("veille", "fts5") if i % 2 == 0 else ("fts5", "veille")):
                with Timer() as t:
                    if engine == "veille":
                        lib.search(q, limit=20)
                    else:
                        fts5_search(conn, q)
                (veille if engine == "veille" else fts).append(t.seconds)
        conn.close()
        print(f"search, 100 two-word queries, count + 20 snippets: Veille {summary_ms(veille)}")
        print(f"                                                  FTS5   {summary_ms(fts)}")
        with Timer() as t_ent:
            done = lib.extract_pending()
        print(f"entity extraction: {done} articles, {t_ent.seconds:.1f} s, "
              f"{words / t_ent.seconds:.0f} words/s (one worker process, model load included)")
        lib.close()
        runs = [launch(folder / "lib", REPO) for _ in range(args.launches + 1)]
        first = [r["first_result"] for r in runs[1:]]
        shown = [r["shown"] for r in runs[1:]]
        print(f"launch, clock read before the process starts ({n} articles, entities extracted;"
              f" median / p95 of {len(first)} after a warm-up of "
              f"{runs[0]['first_result']:.2f} s): window shown {statistics.median(shown):.2f} / "
              f"{percentile(shown, 95):.2f} s, first result {statistics.median(first):.2f} / "
              f"{percentile(first, 95):.2f} s; interpreter running after "
              f"{statistics.median(r['probe_start'] for r in runs[1:]) * 1000:.0f} ms")


if __name__ == "__main__":
    main()

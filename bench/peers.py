"""Veille beside Recoll (Xapian) and SQLite FTS5 on the same 10,000 and 100,000 articles.

Issue 12, point 6. Per size, in one run on this machine (``peer_measures.py`` says how
each figure is taken): import CPU and wall from process start, files parsed on every
side; p50/p95 per query class in-process (Veille, FTS5) and as a fresh process per query
(``reader-app search``, ``recollq``, FTS5 from a Python script, and a bare interpreter
start for the command-line target); launch of the window to its first result; resident
memory of the search process after many queries; disk per 1,000 articles, and for Veille
after entity extraction (at 10,000 only: 100,000 would take hours). Corpora:
``bench/scale_corpus.py``. Raw figures are kept as JSON beside the corpora, so that
``--table`` prints the table of docs/benchmarks.md from the last run of every size.

Run: .venv/bin/python bench/peers.py [--size 10000 100000] [--quick] [--no-recoll]
     [--tree DIR] [--table]   (bench/run_all.py runs it on a frozen copy of the tree)
     [--searches-only]   (the searches again on the engines the last full run left)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import peer_measures as pm
from bench import recoll_peer
from bench.common import REPO, code_version, machine
from bench.peer_report import print_report, print_searches, table_markdown
from bench.query_classes import soak_queries
from bench.scale_corpus import CACHE, RECIPE, RECIPE_TEXT, describe, load_corpus

RESULTS = CACHE / "peers"


def results_path(size: int) -> Path:
    return RESULTS / f"results-{size}-r{RECIPE}.json"


def run_size(size: int, args: argparse.Namespace, recoll_note: str) -> dict[str, Any]:
    engines = [e for e in pm.ENGINES if e != "recoll" or not args.no_recoll]
    rows = load_corpus(size)
    work = pm.Work(RESULTS / f"work-{size}", args.tree)
    print(f"\n=== {size:,} articles: {describe(size, rows)}", flush=True)
    work.jsonl = pm.write_jsonl(rows, work.root / "jsonl", args.chunk)
    if "recoll" in engines:
        work.html = recoll_peer.write_articles(rows, work.root / "html")
    res: dict[str, Any] = {"size": size, "engines": engines, "machine": machine(),
                           "code": code_version("index", "reader_app", tree=args.tree),
                           "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                           "corpus": describe(size, rows), "recoll": recoll_note,
                           "jsonl_files": len(work.jsonl), "chunk": args.chunk}
    t0 = time.monotonic()
    repeat = args.import_repeat or (3 if size <= 10_000 else 1)
    runs = pm.imports(work, engines, repeat)
    res["import"] = {e: [_run(r) for r in rs] for e, rs in runs.items()}
    res["fts5_optimize"] = _run(pm.fts5_optimize(work))
    res["disk"] = pm.disk(work, engines)
    _phase(t0, "in-process searches")
    res["inprocess"] = pm.inprocess(work, args.passes, soak_queries(rows, args.soak))
    _phase(t0, "fresh-process searches")
    res["cli"] = pm.cli(work, engines, args.cli_passes)
    _phase(t0, "launches (entities pending)")
    res["launch"] = pm.launches(work, args.launches)
    if size <= args.entities_max:
        _phase(t0, "entity extraction")
        res["entities"] = {"run": _run(pm.extract_entities(work)),
                           "disk": pm.disk(work, ["veille"])["veille"]}
        _phase(t0, "launches (entities extracted)")
        res["launch_extracted"] = pm.launches(work, args.launches)
    _phase(t0, "done")
    return res


def searches_again(size: int, args: argparse.Namespace) -> dict[str, Any]:
    """The in-process and fresh-process searches again on a full run's engines, as they
    were left (a code change that touches only searching: its figures beside FTS5's and
    Recoll's from the same minutes). Saved apart; the full run's file is kept."""
    res = _load(size)
    rows = load_corpus(size)
    work = pm.Work(RESULTS / f"work-{size}", args.tree)
    engines = [e for e in res["engines"] if e != "recoll" or not args.no_recoll]
    res.update(engines=engines, machine=machine(),
               code=code_version("index", "reader_app", tree=args.tree),
               date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    t0 = time.monotonic()
    _phase(t0, "in-process searches")
    res["inprocess"] = pm.inprocess(work, args.passes, soak_queries(rows, args.soak))
    _phase(t0, "fresh-process searches")
    res["cli"] = pm.cli(work, engines, args.cli_passes)
    _phase(t0, "done")
    return res


def _phase(t0: float, what: str) -> None:
    print(f"  [{(time.monotonic() - t0) / 60:5.1f} min] {what}", flush=True)


def _run(run: Any) -> dict[str, float]:
    return {"wall": run.wall, "cpu": run.cpu, "rss": run.max_rss_mib}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--tree", type=Path, default=REPO,
                    help="the code to measure (default: this repository)")
    ap.add_argument("--passes", type=int, default=5, help="in-process passes over the queries")
    ap.add_argument("--cli-passes", type=int, default=3)
    ap.add_argument("--launches", type=int, default=5, help="counted, after one warm-up")
    ap.add_argument("--soak", type=int, default=1800, help="queries drawn from the corpus")
    ap.add_argument("--import-repeat", type=int, default=0,
                    help="import rounds (default 3 up to 10,000 articles, else 1)")
    ap.add_argument("--chunk", type=int, default=10_000, help="articles per JSON Lines file")
    ap.add_argument("--entities-max", type=int, default=10_000,
                    help="extract entities for sizes up to this")
    ap.add_argument("--no-recoll", action="store_true")
    ap.add_argument("--no-install", action="store_true", help="never apt-get recollcmd")
    ap.add_argument("--quick", action="store_true",
                    help="10,000 only, 2 passes, 1 CLI pass, 2 launches, 300 soak queries, "
                         "1 import round, no entity extraction")
    ap.add_argument("--table", action="store_true",
                    help="only print the table from the saved results of each size")
    ap.add_argument("--searches-only", action="store_true",
                    help="only the searches again, on the engines a full run left")
    args = ap.parse_args()
    if args.quick:
        args.size, args.passes, args.cli_passes, args.launches = [10_000], 2, 1, 2
        args.soak, args.import_repeat, args.entities_max = 300, 1, 0
    if args.table:
        print(table_markdown([_load(s) for s in args.size if results_path(s).exists()]))
        return
    print(f"Machine: {machine()}")
    print(f"Code measured: {args.tree} ({code_version('index', 'reader_app', tree=args.tree)})")
    print(RECIPE_TEXT)
    recoll_ok, note = (False, "Recoll skipped (--no-recoll)") if args.no_recoll else \
        recoll_peer.available(install=not args.no_install)
    args.no_recoll = not recoll_ok
    print(note)
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.searches_only:
        for size in args.size:
            res = searches_again(size, args)
            results_path(size).with_suffix(".searches.json").write_text(json.dumps(res))
            print_searches(res)
        return
    done = []
    for size in args.size:
        res = run_size(size, args, note)
        results_path(size).write_text(json.dumps(res))
        print_report(res)
        done.append(res)
    print("\n" + table_markdown([_load(s) for s in sorted({*args.size, *_saved()})
                                 if results_path(s).exists()]))


def _load(size: int) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(results_path(size).read_text())
    return data


def _saved() -> list[int]:
    return [int(p.name.split("-")[1]) for p in RESULTS.glob(f"results-*-r{RECIPE}.json")]


if __name__ == "__main__":
    main()

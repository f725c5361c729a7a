"""Issue 12, "Lean": the library on disk before and after entity extraction, index segments
over repeated launches, term latency, and (``--rss``) the search process's memory.

The scenario is a person's: a library freshly imported (the cached bench library, one
bulk segment, no entities), then ``--launches`` sessions, each a fresh process doing what a
launch of the window does to the index: open, compact in the background step
(``Library.compact_index``), extract entities for a share of the articles (the window
starts that at launch), close. Together the launches extract every article, so after the
last one the library is the "after entity extraction" one. Printed: disk per 1,000
articles (library folder: store + index) before and after, segments and deleted copies
after each launch, term p50/p95 in-process before and after (``bench/query_classes.py``,
the same queries as ``bench/peers.py``), and with ``--rss`` VmRSS of a
``bench/search_worker.py`` process after the peers' 1,800 soak queries, beside FTS5's.

    .venv/bin/python bench/lean_index.py [--size 10000] [--launches 5] [--rss 100000]
    .venv/bin/python bench/lean_index.py --breakdown LIBRARY_FOLDER

Any ``--size`` works (the corpus and library of that size are built and cached first,
``bench/scale_corpus.py``; up to 10,000, real articles only).
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import REPO, folder_mb
from bench.query_classes import CLASSES, soak_queries
from bench.scale_corpus import CACHE, RECIPE, load_corpus
from bench.scale_library import build_library

PY = sys.executable

LAUNCH = """
import json, sys, threading
from pathlib import Path
from index import Library
from index.search import compaction
path, share = Path(sys.argv[1]), int(sys.argv[2])
lib = Library.open(path)
t0 = __import__("time").perf_counter()
opened = lib.compact_index()
t1 = __import__("time").perf_counter()
stop = threading.Event()
def progress(done, total, _title):
    if done >= share:
        stop.set()
n = lib.extract_pending(progress=progress, cancel=stop)
t2 = __import__("time").perf_counter()
segs = lib.index.live_segments()
print(json.dumps({"extracted": n, "open_compaction": opened, "open_compaction_s": t1 - t0,
                  "extraction_s": t2 - t1, "segments": len(segs),
                  "deleted": sum(s.deleted_count() for s in segs),
                  "pending": lib.pending_entities()}))
lib.close()
"""


def term_latency(library: Path, passes: int = 5) -> dict[str, float]:
    """Term class, in-process, ``passes`` rounds (a query comes back after the others)."""
    from index import Library

    lib = Library.open(library, readonly=True)
    lib.search("warm up")
    times = []
    for _ in range(passes):
        for case in CLASSES["term"]:
            t0 = time.perf_counter()
            lib.search(case.veille, limit=20)
            times.append(time.perf_counter() - t0)
    lib.close()
    return {"p50_ms": float(np.percentile(times, 50)) * 1000,
            "p95_ms": float(np.percentile(times, 95)) * 1000, "n": len(times)}


def launches(library: Path, count: int, size: int) -> list[dict[str, Any]]:
    share = -(-size // count)
    out = []
    for n in range(count):
        t0 = time.perf_counter()
        run = subprocess.run([PY, "-c", LAUNCH, str(library), str(share)], cwd=REPO,
                             capture_output=True, text=True, timeout=4 * 3600, check=False)
        if run.returncode != 0:
            raise RuntimeError(f"launch {n + 1} failed: {run.stderr[-800:]}")
        info = json.loads(run.stdout.strip().splitlines()[-1])
        info["wall_s"] = time.perf_counter() - t0
        info["index_mb"] = folder_mb(library / "search-index")
        out.append(info)
        print(f"  launch {n + 1}: {info['extracted']} articles' entities in "
              f"{info['extraction_s']:.0f} s, {info['segments']} segments, {info['deleted']} "
              f"deleted copies, index {info['index_mb']:.1f} MB; at open: "
              f"{info['open_compaction'] or 'nothing to compact'}", flush=True)
    return out


def breakdown(library: Path) -> dict[str, Any]:
    """Where the bytes are: SQLite per table and index (``dbstat``: pages, and bytes left
    unused in them), the index per segment file, and per field the term index and
    postings bytes (postings as whoosh3 writes them: a pickled block per term at least)."""
    import collections
    import sqlite3

    from whoosh.codec.whoosh3 import W3TermInfo
    from whoosh.filedb import filetables
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.structfile import StructFile

    out: dict[str, Any] = {"sqlite": {}, "files": {}, "fields": {}}
    con = sqlite3.connect(f"{(library / 'library.sqlite3').resolve().as_uri()}?mode=ro",
                          uri=True)
    rows = con.execute("SELECT name, sum(pgsize), sum(unused) FROM dbstat GROUP BY name"
                       " HAVING count(*) > 1 ORDER BY 2 DESC").fetchall()
    free = con.execute("PRAGMA freelist_count").fetchone()[0] * con.execute(
        "PRAGMA page_size").fetchone()[0]
    con.close()
    out["sqlite"] = {name: {"mb": size / 1e6, "unused_mb": unused / 1e6}
                     for name, size, unused in rows}
    out["sqlite"]["(free pages)"] = {"mb": free / 1e6, "unused_mb": free / 1e6}
    files: collections.Counter[str] = collections.Counter()
    fields: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for seg in sorted((library / "search-index").glob("*.seg")):
        with seg.open("rb") as fh:
            storage = CompoundStorage(StructFile(fh), use_mmap=False)
            for name, entry in storage._dir.items():
                files[name.split(".", 1)[1]] += entry["length"]
            trm = next(n for n in storage._dir if n.endswith(".trm"))
            table = filetables.OrderedHashReader(storage.open_file(trm),
                                                storage._dir[trm]["length"])
            names = {v: k for k, v in table.extras["fieldmap"].items()}
            for key, value in table.items():
                field = fields[names[int.from_bytes(key[:2], "big")]]
                info = W3TermInfo.from_bytes(value)
                field["terms"] += 1
                field["postings"] += info.doc_frequency()
                field["term_bytes"] += len(key) + len(value)
                if not info.is_inlined():
                    length = info._length
                    field["posting_bytes"] += length[0] if isinstance(length, tuple) else length
    out["files"] = {k: v / 1e6 for k, v in files.most_common()}
    out["fields"] = {k: dict(v) for k, v in sorted(
        fields.items(), key=lambda kv: -kv[1]["posting_bytes"])}
    return out


def print_breakdown(title: str, parts: dict[str, Any]) -> None:
    print(f"  {title}: store (SQLite) per table/index, MB [unused in its pages]")
    for name, v in parts["sqlite"].items():
        if v["mb"] >= 0.05:
            print(f"    {name:34s} {v['mb']:7.2f} [{v['unused_mb']:.2f}]")
    print("  index files (all segments), MB: " + ", ".join(
        f"{k} {v:.2f}" for k, v in parts["files"].items() if v >= 0.05))
    for name, f in parts["fields"].items():
        print(f"    field {name:7s} {f['terms']:7,d} terms {f['postings']:9,d} postings: "
              f"postings {f['posting_bytes'] / 1e6:6.2f} MB, term index entries "
              f"{f['term_bytes'] / 1e6:5.2f} MB")


def segment_stats(library: Path) -> tuple[int, int]:
    from index import Library

    lib = Library.open(library, readonly=True)
    segs = lib.index.live_segments()
    lib.close()
    return len(segs), sum(s.deleted_count() for s in segs)


def rss(size: int, soak: int) -> dict[str, Any]:
    """VmRSS of a Veille and an FTS5 search worker after the 52 class queries and ``soak``
    corpus queries (the peers' procedure, without its latency passes)."""
    library = CACHE / f"library-{size}-r{RECIPE}"
    fts = CACHE / f"fts5-{size}-r{RECIPE}.sqlite3"
    rows = load_corpus(size)
    queries = [c for cases in CLASSES.values() for c in cases]
    queries += [c for _, c in soak_queries(rows, soak)]
    out: dict[str, Any] = {}
    for kind, path in (("veille", library), ("fts5", fts)):
        proc = subprocess.Popen([PY, str(REPO / "bench" / "search_worker.py"), kind, str(path)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                bufsize=1)
        assert proc.stdin is not None and proc.stdout is not None
        start = json.loads(proc.stdout.readline())
        for case in queries:
            if kind == "fts5" and not case.fts_ok:
                continue
            req = {"q": case.veille} if kind == "veille" else {"q": case.fts, "dates": case.dates}
            proc.stdin.write(json.dumps(req) + "\n")
            proc.stdout.readline()
        proc.stdin.write(json.dumps({"rss": True}) + "\n")
        end = json.loads(proc.stdout.readline())
        proc.stdin.close()
        proc.wait(60)
        out[kind] = {"start_mib": start["VmRSS"] / 1024, "end_mib": end["VmRSS"] / 1024,
                     "peak_mib": end["VmHWM"] / 1024, "queries": len(queries)}
        print(f"  {kind}: RSS {out[kind]['start_mib']:.0f} MiB after open, "
              f"{out[kind]['end_mib']:.0f} MiB after {len(queries)} queries "
              f"(peak {out[kind]['peak_mib']:.0f})", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--launches", type=int, default=5)
    ap.add_argument("--rss", type=int, default=0, help="also measure RSS at this size")
    ap.add_argument("--soak", type=int, default=1800)
    ap.add_argument("--work", type=Path, default=CACHE / "lean")
    ap.add_argument("--breakdown", type=Path, help="only print where a library's bytes are")
    args = ap.parse_args()
    if args.breakdown:
        print_breakdown(str(args.breakdown), breakdown(args.breakdown))
        return
    print(f"machine: {platform.processor() or platform.machine()}, {_cpus()} cores, "
          f"Python {platform.python_version()}; data: {CACHE}/library-{args.size}-r{RECIPE} "
          "(bench/scale_corpus.py, bench/scale_library.py)", flush=True)
    results: dict[str, Any] = {"size": args.size, "when": time.strftime("%Y-%m-%d %H:%M UTC",
                                                                        time.gmtime())}
    if args.launches:
        library = args.work / f"library-{args.size}"
        shutil.rmtree(library, ignore_errors=True)
        # Rebuilt when the cached library was written by another store or index version.
        shutil.copytree(build_library(args.size).path, library)
        per_k = 1000 / args.size
        before = folder_mb(library) * per_k
        segs_before = segment_stats(library)
        lat_before = term_latency(library)
        print(f"before: {before:.2f} MB per 1,000 articles, {segs_before[0]} segments, term "
              f"p50/p95 {lat_before['p50_ms']:.1f}/{lat_before['p95_ms']:.1f} ms", flush=True)
        runs = launches(library, args.launches, args.size)
        after = folder_mb(library) * per_k
        lat_after = term_latency(library)
        print(f"after {args.launches} launches: {after:.2f} MB per 1,000 articles "
              f"(x{after / before:.2f}), {runs[-1]['segments']} segments, "
              f"{runs[-1]['deleted']} deleted copies, term p50/p95 "
              f"{lat_after['p50_ms']:.1f}/{lat_after['p95_ms']:.1f} ms", flush=True)
        parts = {"before": breakdown(build_library(args.size).path), "after": breakdown(library)}
        for when, found in parts.items():
            print_breakdown(f"{when} ({args.size:,} articles)", found)
        results.update(disk_before=before, disk_after=after, segments_before=segs_before,
                       launches=runs, term_before=lat_before, term_after=lat_after,
                       breakdown=parts)
    if args.rss:
        results["rss"] = rss(args.rss, args.soak)
    out = args.work / f"results-{args.size}-{int(time.time())}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1))
    print(f"raw figures: {out}")


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    main()

"""Issue 12, point 5: large JSON Lines streamed article by article, entities on every core.

Data: the cached scale corpus (``/tmp/veille-bench/corpus-100000-r1.jsonl.gz``, built by
bench/scale_corpus.py from ../shared/data; 100,000 articles, 40% French, ~1.7 KB each).
From it this benchmark writes, in a temporary folder:

- ``large.jsonl``: every article, then as many again re-titled (so they are new
  articles, not duplicates) until the file reaches ``--large-mb`` (200 MB by default);
- ``medium.jsonl``: the first articles up to ``--medium-mb`` (60 MB, under the old
  64 MB per-file limit, so the old behaviour can import it too).

Each import is a fresh process (``run_process``: wall from before its start, CPU and peak
RSS of the process and its children from the kernel) running ``Library.import_paths``
without entities. "old" is the same code with streaming switched off (the
stream threshold set beyond any file): the file is read whole and parsed before anything
is written, as before issue 12, and a file over 64 MB is refused.

Entities: the first ``--entity-articles`` (1,000) articles are imported into two
libraries, then ``extract_pending`` runs in a fresh process with
``VEILLE_ENTITY_PROCESSES=1`` and ``=2``; articles per second of the extraction alone
(model loading included, as a person waits for it).

Run: .venv/bin/python bench/streaming_import.py [--large-mb 200] [--medium-mb 60]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ProcessRun, code_version, machine, read_jsonl, run_process, tree_env

CORPUS = Path("/tmp/veille-bench/corpus-100000-r1.jsonl.gz")
MB = 1024 * 1024

IMPORT_CHILD = """
import json, sys, time
from pathlib import Path
mode, path, library = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
if mode == "old":
    import index.importers.streams as streams, index.parse_pool as pool
    streams.STREAM_MIN_BYTES = pool.STREAM_MIN_BYTES = 1 << 62
from index import Library
if __name__ == "__main__":
    with Library.open(library) as lib:
        started = time.perf_counter()
        report = lib.import_paths([path])
        seconds = time.perf_counter() - started
        line = report.files[0] if report.files else None
        print(json.dumps({"articles": len(report.article_ids), "seconds": seconds,
                          "status": line.status if line else "",
                          "reason": line.reason if line else "",
                          "count": lib.article_count()}))
"""

EXTRACT_CHILD = """
import json, sys, time
from index import Library
compacting = [0.0]
compact = Library.compact_index
def timed_compact(self, *args, **kwargs):  # the index upkeep extraction ends with
    started = time.perf_counter()
    try:
        return compact(self, *args, **kwargs)
    finally:
        compacting[0] += time.perf_counter() - started
Library.compact_index = timed_compact
if __name__ == "__main__":
    with Library.open(sys.argv[1]) as lib:
        started = time.perf_counter()
        done = lib.extract_pending()
        seconds = time.perf_counter() - started
        mentions = lib.store.conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
        print(json.dumps({"done": done, "seconds": seconds, "mentions": mentions,
                          "compact": compacting[0], "workers": lib.extractor.workers}))
"""

BURN = "sum(i * i for i in range(30_000_000))"


def write_files(folder: Path, large_mb: int, medium_mb: int) -> tuple[Path, Path, int, int]:
    if not CORPUS.exists():
        raise SystemExit(f"{CORPUS} not found: run bench/scale_corpus.py first")
    rows = list(read_jsonl(CORPUS))
    large, medium = folder / "large.jsonl", folder / "medium.jsonl"
    counts = [0, 0]
    with large.open("w", encoding="utf-8") as big, medium.open("w", encoding="utf-8") as mid:
        size, mid_size, lap = 0, 0, 0
        while size < large_mb * MB:
            for row in rows:
                if lap:
                    row = {**row, "title": f"{row['title']} ({lap + 1})",
                           "text": f"{row['text']}\n({lap + 1})", "url": None}
                line = json.dumps(row, ensure_ascii=False) + "\n"
                big.write(line)
                counts[0] += 1
                size += len(line.encode("utf-8"))
                if mid_size < medium_mb * MB:
                    mid.write(line)
                    counts[1] += 1
                    mid_size += len(line.encode("utf-8"))
                if size >= large_mb * MB:
                    break
            lap += 1
    return large, medium, counts[0], counts[1]


def one_import(mode: str, path: Path, library: Path) -> tuple[ProcessRun, dict[str, object]]:
    run = run_process([sys.executable, "-c", IMPORT_CHILD, mode, str(path), str(library)],
                      env=tree_env(), timeout=3600)
    if run.code != 0:
        raise SystemExit(f"import ({mode}) failed: {run.stderr[-2000:]}")
    return run, json.loads(run.stdout.strip().splitlines()[-1])


def one_extraction(library: Path, workers: int) -> tuple[ProcessRun, dict[str, object]]:
    run = run_process([sys.executable, "-c", EXTRACT_CHILD, str(library)],
                      env=tree_env(VEILLE_ENTITY_PROCESSES=str(workers)), timeout=3600)
    if run.code != 0:
        raise SystemExit(f"extraction ({workers}) failed: {run.stderr[-2000:]}")
    return run, json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large-mb", type=int, default=200)
    parser.add_argument("--medium-mb", type=int, default=60)
    parser.add_argument("--entity-articles", type=int, default=1000)
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"code: {code_version('index', 'bench/streaming_import.py')}")
    with tempfile.TemporaryDirectory(prefix="veille-stream-") as tmp:
        work = Path(tmp)
        large, medium, n_large, n_medium = write_files(work, args.large_mb, args.medium_mb)
        if not args.skip_import:
            print(f"\nImport without entities (fresh process each; {CORPUS.name})")
            print(f"{'file':<28} {'mode':<4} {'articles':>9} {'wall s':>7} {'CPU s':>7} "
                  f"{'peak RSS MiB':>13}  outcome")
            for path, count in ((medium, n_medium), (large, n_large)):
                label = f"{path.name} {path.stat().st_size / MB:,.0f} MB ({count:,})"
                for mode in ("old", "new"):
                    run, out = one_import(mode, path, work / f"lib-{path.stem}-{mode}")
                    outcome = out["status"] + (f": {out['reason']}" if out["reason"] else "")
                    print(f"{label:<28} {mode:<4} {out['count']:>9,} {run.wall:>7.1f} "
                          f"{run.cpu:>7.1f} {run.max_rss_mib:>13.0f}  {outcome[:60]}")
        extraction(work, args.entity_articles)


def extraction(work: Path, articles: int) -> None:
    source = work / "entities.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for n, row in enumerate(read_jsonl(CORPUS)):
            if n == articles:
                break
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"\nEntity extraction, {articles:,} articles (fresh process each, model load "
          "included; 'compaction' is the index upkeep extract_pending ends with)")
    print(f"{'processes':>9} {'wall s':>7} {'of which compaction s':>22} {'CPU s':>7} "
          f"{'articles/s':>11} {'without compaction':>19} {'mentions':>9} {'peak RSS MiB':>13}")
    before = parallel_factor()
    for workers in (1, 2):
        library = work / f"lib-entities-{workers}"
        one_import("new", source, library)
        run, out = one_extraction(library, workers)
        seconds = float(out["seconds"])  # type: ignore[arg-type]
        compacting = float(out["compact"])  # type: ignore[arg-type]
        done = float(out["done"])  # type: ignore[arg-type]
        print(f"{out['workers']:>9} {seconds:>7.1f} {compacting:>22.1f} {run.cpu:>7.1f} "
              f"{done / seconds:>11.1f} {done / (seconds - compacting):>19.1f} "
              f"{out['mentions']:>9,} {run.max_rss_mib:>13.0f}")
    print(f"cores free before / after: {before:.2f} / {parallel_factor():.2f} (two busy "
          "processes at once ran this many times as fast as one; 2.00 = two idle cores)")


def parallel_factor() -> float:
    """How much of a second core this shared machine gives right now."""
    one = run_process([sys.executable, "-c", BURN]).wall
    two = run_process([sys.executable, "-c",
                       "import subprocess, sys; ps = [subprocess.Popen([sys.executable, '-c', "
                       f"{BURN!r}]) for _ in range(2)]; [p.wait() for p in ps]"]).wall
    return 2 * one / two


if __name__ == "__main__":
    main()

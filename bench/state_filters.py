"""Search by state at 100,000 articles, beside the same query without the state filter.

Issue 9: ``is:read``, ``is:unread``, ``is:starred``, ``tag:NAME``, ``dossier:"NAME"`` and
``has:note`` combine with every query; p95 must stay under 50 ms at 100,000 articles.
The library is the scale corpus (bench/scale_library.py, built directly); states are set
through the public API the way a person would in bulk (10,000 tagged at once, 30% read,
1% starred, 1,000 notes, a 500-article dossier). Each base query is run once to
read its postings, then measured alone and with the filter, both without a cached result.

Also timed: tagging 10,000 articles in one call, and exporting 10,000 articles to CSV,
JSON Lines and Markdown (and 1,000 to PDF through Qt, offscreen).

Run: .venv/bin/python bench/state_filters.py [--size 100000] [--words 60]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import code_version, machine, percentile
from bench.scale_library import build_library
from index import Library

FILTERS = ("is:unread", "is:read", "is:starred", "tag:mali", 'dossier:"brief sahel"',
           "has:note", "is:unread tag:niger")
BASES = ("sécurité", "ministre", "market", "government", "pétrole OR oil",
         '"premier ministre"', "banque*", "president -France")


def _timed(lib: Library, query: str) -> float:
    start = time.perf_counter()
    lib.search(query, limit=20)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--words", type=int, default=40, help="extra one-word queries")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    built = build_library(args.size)
    work = Path(tempfile.mkdtemp(prefix="veille-state-bench-"))
    folder = work / "lib"
    shutil.copytree(built.path, folder)
    print(f"Machine: {machine()}\nCode: {code_version('index')}")
    print(f"Library: {args.size:,} articles of the scale corpus ({built.detail})")
    lib = Library.open(folder)
    lib.upkeep()
    rng = random.Random(7)
    ids = list(range(1, args.size + 1))
    t = time.perf_counter()
    tagged = lib.tag(rng.sample(ids, 10_000), add=["Mali"])
    tag_s = time.perf_counter() - t
    lib.tag(rng.sample(ids, 2_000), add=["Niger"])
    lib.mark_read(rng.sample(ids, int(args.size * 0.3)))
    lib.set_starred(rng.sample(ids, args.size // 100))
    lib.add_to_dossier("Brief Sahel", rng.sample(ids, 500))
    for i in rng.sample(ids, 1000):
        lib.set_note(i, f"Note de travail {i}: vérifier la source, piste sécurité.")
    print(f"Tagging 10,000 articles in one call: {tag_s * 1000:.0f} ms ({tagged} pairs)")

    words = [w for w in ("armée", "budget", "accord", "football", "élection", "oil", "bank",
                         "trade", "minister", "court", "police", "santé", "école", "climat",
                         "energy", "vote", "strike", "festival", "airline", "farm")]
    bases = list(BASES) + words[: args.words]
    rows: dict[str, tuple[list[float], list[float]]] = {}
    for state in FILTERS:
        plain, filtered = [], []
        for base in bases:
            _timed(lib, base)  # postings read once: both runs below find them in memory
            lib._state_changed()  # but no cached result: each query is evaluated again
            plain.append(_timed(lib, base))
            filtered.append(_timed(lib, f"{base} {state}"))
        rows[state] = (plain, filtered)
    alone = []
    for state in FILTERS:
        lib._state_changed()
        alone.append((state, _timed(lib, state)))

    print(f"\n{len(bases)} base queries, each alone and with the filter (first run, limit 20)")
    print(f"{'filter':<24} {'without p50/p95':>18} {'with p50/p95':>18}  ratio p95")
    for state, (plain, filtered) in rows.items():
        p95a, p95b = percentile(plain, 95) * 1000, percentile(filtered, 95) * 1000
        print(f"{state:<24} {percentile(plain, 50) * 1000:7.1f} /{p95a:7.1f} ms"
              f" {percentile(filtered, 50) * 1000:7.1f} /{p95b:7.1f} ms  {p95b / p95a:5.2f}x")
    print("\nThe filter alone (all its articles, newest first):")
    for state, seconds in alone:
        print(f"  {state:<24} {seconds * 1000:7.1f} ms")

    from index.export import export_articles

    sample = list(lib.search("*", limit=0, sort="newest").ids[:10_000])
    for fmt in ("csv", "jsonl", "md"):
        t = time.perf_counter()
        export_articles(lib, sample, fmt, work / f"export.{fmt}")
        seconds = time.perf_counter() - t
        size = (work / f"export.{fmt}").stat().st_size / 1e6
        print(f"Export 10,000 to {fmt}: {seconds:.2f} s ({10_000 / seconds:,.0f} articles/s, "
              f"{size:.1f} MB)")
    from reader_app.pdf_export import write_pdf

    t = time.perf_counter()
    write_pdf(lib, sample[:1000], work / "export.pdf")
    print(f"Export 1,000 to PDF: {time.perf_counter() - t:.2f} s")
    lib.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

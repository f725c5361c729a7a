"""A command-line search as a fresh process, next to a bare interpreter start (issue 12).

Runs ``reader-app --library DIR search Q --limit 20`` (the venv's console script, exactly
as a person types it) ``--runs`` times per query class, each run a new process timed
from before ``Popen`` to after its exit (``bench.common.run_process``), and the same
number of bare starts (``python -c pass``) in the same run, interleaved with the searches
so that the machine's load weighs on both alike. The target is four bare starts plus
40 ms (issue 12, point 3).

Before timing, the packages are byte-compiled (``compileall``), as an installed wheel
is: this environment sets ``PYTHONDONTWRITEBYTECODE=1``, so a module edited since its
``.pyc`` was written is compiled again by every process (seen as 10 ms of "self" time
for ``index.models`` under ``-X importtime``). ``--no-compile`` measures the tree as it is.

``--tree DIR`` (repeatable) measures copies of the code instead (``PYTHONPATH``, as
``bench/run_all.py`` does), for example a "before" tree beside the working tree: the
trees' searches alternate within every round, so both see the same load.

Data: the 10,000-article library of ``bench/scale_library.py`` (built and cached when
missing, ``$VEILLE_BENCH_CACHE``) unless ``--library DIR`` names another.

Run: .venv/bin/python bench/cli_latency.py [--runs 20] [--library DIR] [--no-compile]
     [--tree DIR --tree DIR2]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    REPO,
    code_version,
    machine,
    percentile,
    reader_app_command,
    run_process,
    tree_env,
)

# Two queries per class, in the syntax of bench/query_classes.py.
QUERIES: dict[str, tuple[str, ...]] = {
    "term": ("gouvernement", "market"),
    "phrase": ('"premier ministre"', '"interest rates"'),
    "prefix": ("secur*", "elect*"),
    "boolean": ("ministre -France", "(bank OR banque) taux"),
    "field/date": ("source:reuters market", "date:[2024-01-01 TO 2024-06-30] ministre"),
}


def _library(path: Path | None) -> tuple[Path, str]:
    if path is not None:
        return path, f"the library at {path}"
    from bench.scale_library import build_library

    built = build_library(10_000)
    return built.path, f"bench/scale_library.py 10,000 articles ({built.path}; {built.detail})"


def _env(tree: Path) -> dict[str, str]:
    env = tree_env(tree) if tree != REPO else dict(os.environ)
    env.pop("VEILLE_LIBRARY", None)  # --library is given on every command line
    return env


Samples = dict[str, list[float]]  # query class -> seconds


def measure(library: Path, runs: int, trees: list[Path]
            ) -> tuple[list[float], dict[Path, Samples], dict[Path, Samples]]:
    """Wall seconds of bare starts; wall and CPU seconds of searches per tree and class."""
    envs = {tree: _env(tree) for tree in trees}
    bare_cmd = [sys.executable, "-c", "pass"]
    search = [*reader_app_command(), "--library", str(library), "search"]
    for tree in trees:  # once untimed: warm the page cache; check that it works
        print(f"  {tree}:")
        for cls, queries in QUERIES.items():
            for q in queries:
                run = run_process([*search, q, "--limit", "20"], env=envs[tree])
                if run.code != 0:
                    raise SystemExit(f"{cls} query {q!r} failed ({run.code}): "
                                     f"{run.stderr.strip()}")
                first = run.stdout.splitlines()[0] if run.stdout else "?"
                print(f"    {cls:10} {q!r}: {first}")
    bare: list[float] = []
    wall: dict[Path, Samples] = {tree: {cls: [] for cls in QUERIES} for tree in trees}
    cpu: dict[Path, Samples] = {tree: {cls: [] for cls in QUERIES} for tree in trees}
    for i in range(runs):
        for cls, queries in QUERIES.items():
            bare.append(run_process(bare_cmd, env=envs[trees[0]]).wall)
            for tree in trees:
                run = run_process([*search, queries[i % len(queries)], "--limit", "20"],
                                  env=envs[tree])
                wall[tree][cls].append(run.wall)
                cpu[tree][cls].append(run.cpu)
    return bare, wall, cpu


def report(tree: Path, wall: Samples, cpu: Samples, target: float) -> None:
    print(f"\n{tree}  ({code_version('reader_app', 'index', tree=tree)})")
    print(f"{'class':12} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50':>8}  target")
    for cls in QUERIES:
        p50 = statistics.median(wall[cls]) * 1000
        print(f"{cls:12} {p50:8.1f} {percentile(wall[cls], 95) * 1000:8.1f} "
              f"{statistics.median(cpu[cls]) * 1000:8.1f}  {'met' if p50 < target else 'MISSED'}")
    every = [t for ts in wall.values() for t in ts]
    every_cpu = [t for ts in cpu.values() for t in ts]
    print(f"{'all':12} {statistics.median(every) * 1000:8.1f} {percentile(every, 95) * 1000:8.1f} "
          f"{statistics.median(every_cpu) * 1000:8.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=20, help="processes per query class")
    ap.add_argument("--library", type=Path, help="library folder (default: the 10k one)")
    ap.add_argument("--no-compile", action="store_true",
                    help="do not byte-compile index/ and reader_app/ first")
    ap.add_argument("--tree", type=Path, action="append",
                    help="a copy of the code to measure (repeatable; default: this tree)")
    args = ap.parse_args()
    trees = [t.resolve() for t in args.tree] if args.tree else [REPO]
    if not args.no_compile:
        for tree in trees:
            for package in ("index", "reader_app"):
                compileall.compile_dir(tree / package, quiet=1)
    library, data = _library(args.library)
    print(f"machine: {machine()}")
    print(f"data:    {data}")
    print(f"command: {' '.join(reader_app_command())} --library DIR search Q --limit 20")
    print(f"bytecode: {'as the tree has it' if args.no_compile else 'compiled first'}; "
          f"load average {os.getloadavg()[0]:.1f}")
    bare, wall, cpu = measure(library, args.runs, trees)
    bare_ms = statistics.median(bare) * 1000
    target = 4 * bare_ms + 40
    print(f"\nbare interpreter start ({sys.executable} -c pass): p50 {bare_ms:.1f} ms, "
          f"p95 {percentile(bare, 95) * 1000:.1f} ms (n={len(bare)})")
    print(f"target: 4 x bare + 40 ms = {target:.0f} ms (median); "
          f"load average at the end {os.getloadavg()[0]:.1f}")
    for tree in trees:
        report(tree, wall[tree], cpu[tree], target)


if __name__ == "__main__":
    main()

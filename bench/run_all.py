"""Every benchmark behind docs/benchmarks.md's peer table, on a frozen copy of the code.

``make bench`` runs this. Several people edit the working tree while a run takes an hour
or more, so the code is first copied (``index/``, ``reader_app/``, ``resources/``,
``pyproject.toml``, and this ``bench/``) to a dated folder beside the corpora, with a
note naming what was copied; every benchmark then runs from that copy, its processes
pointed at it through PYTHONPATH. Then, one after the other (never two at once: they
would measure each other), each printing its figures and kept in a log:

- ``bench/peers.py``: Veille / Recoll / FTS5 at 10,000 and 100,000 articles (the table);
- ``bench/import_speed.py``: the import sets of issue #3, end to end;
- ``bench/end_to_end.py``: the 1,880-article figures of issue #2 and the launch;
- with ``--with-search-latency``, ``bench/search_latency.py`` (builds its own libraries).

Run: .venv/bin/python bench/run_all.py [--source DIR] [--size 10000 100000] [--quick]
     [--only peers import_speed end_to_end search_latency] [--no-recoll]
``--source`` measures another copy of the code (for example a "before" tree) with this
``bench/``. ``--quick``: 10,000 articles only, fewer passes (a check, not the table).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import DATA, REPO, SNAPSHOT_NOTE, code_version, machine, tree_env
from bench.scale_corpus import CACHE

COPIED = ("index", "reader_app", "resources", "pyproject.toml")
STEPS = ("peers", "import_speed", "end_to_end", "search_latency")


def freeze(source: Path, stamp: str) -> Path:
    """A copy of ``source``'s code and this bench/ under the cache; returns its root."""
    top = CACHE / "trees" / stamp
    root = top / "main"
    root.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in COPIED:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, root / name)
    shutil.copytree(REPO / "bench", root / "bench", ignore=ignore)
    (top / "shared").symlink_to(DATA.parent)
    (root / ".venv").symlink_to(Path(sys.executable).parents[1])
    what = code_version("index", "reader_app", tree=source)
    (root / SNAPSHOT_NOTE).write_text(
        f"copy of {source} made {stamp.replace('_', ' ')} UTC ({what}); bench/ from {REPO} "
        f"({code_version('bench')})\n", encoding="utf-8")
    return root


def run_step(step: str, args: argparse.Namespace, logs: Path) -> int:
    script = REPO / "bench" / f"{step}.py"
    cmd = [sys.executable, str(script)]
    if step == "peers":
        cmd += ["--size", *map(str, args.size)] + (["--quick"] if args.quick else [])
        cmd += ["--no-recoll"] if args.no_recoll else []
    elif step == "import_speed" and args.quick:
        cmd += ["--quick", "--repeat", "1"]
    elif step == "end_to_end" and args.quick:
        cmd += ["--launches", "2"]
    elif step == "search_latency":
        cmd += ["--quick"] if args.quick else ["--size", *map(str, args.size)]
    log = logs / f"{step}.log"
    print(f"\n##### {step}: {' '.join(cmd[1:])}  (log: {log})", flush=True)
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, cwd=REPO, env=tree_env(REPO), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        assert proc.stdout is not None
        for line in proc.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            out.write(line)
        return proc.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=REPO, help="the code to measure")
    ap.add_argument("--size", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--only", nargs="+", choices=STEPS, default=list(STEPS[:3]))
    ap.add_argument("--with-search-latency", action="store_true")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--no-recoll", action="store_true")
    ap.add_argument("--here", action="store_true",
                    help="run in this tree without copying it (used inside the copy)")
    args = ap.parse_args()
    if not args.here:
        stamp = time.strftime("%Y-%m-%d_%H%M%S", time.gmtime())
        root = freeze(args.source.resolve(), stamp)
        print(f"code frozen in {root}: {(root / SNAPSHOT_NOTE).read_text().strip()}")
        argv = [a for a in sys.argv[1:]]
        cmd = [sys.executable, str(root / "bench" / "run_all.py"), "--here", *argv]
        env = dict(os.environ, VEILLE_BENCH_DATA=str(DATA))
        raise SystemExit(subprocess.call(cmd, cwd=root, env=env))
    steps = list(args.only) + (["search_latency"] if args.with_search_latency else [])
    logs = CACHE / "logs" / time.strftime("%Y-%m-%d_%H%M%S", time.gmtime())
    logs.mkdir(parents=True)
    print(f"Machine: {machine()}\nCode: {code_version('index', 'reader_app')}\nLogs: {logs}")
    failed = [step for step in steps if run_step(step, args, logs) != 0]
    print(f"\nrun_all: {len(steps) - len(failed)} of {len(steps)} benchmarks ran"
          + (f"; FAILED: {', '.join(failed)}" if failed else ""))
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()

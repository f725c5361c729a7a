"""The measurements behind ``bench/peers.py``: Veille, Recoll and SQLite FTS5 on the same
articles, each figure taken the way its claim reads.

- import: each engine as a fresh process from its start to its exit (``run_process``:
  wall, CPU of the process and its children, peak RSS), reading and parsing its files:
  ``reader-app import --no-entities`` and ``fts5_peer.py import`` read the same JSON Lines
  files, ``recollindex`` one HTML file per article;
- in-process search: one worker process per engine (``search_worker.py``), every query
  sent to each engine in turn, the engine order rotating query by query;
- command line: a fresh process per query, timed from outside: ``reader-app search``,
  ``recollq``, ``fts5_peer.py query``, and a bare ``python -c pass`` in the same rotation;
- launch: ``launch_probe.py`` (the real window, offscreen) from before its process starts
  to the first result row painted.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import recoll_peer
from bench.common import REPO, ProcessRun, folder_mb, reader_app_command, run_process, tree_env
from bench.query_classes import CLASSES, Case

BENCH = REPO / "bench"
PY = sys.executable
ENGINES = ("veille", "recoll", "fts5")


@dataclass
class Work:
    """Where one size's inputs and engines live."""

    root: Path
    tree: Path
    jsonl: list[Path] = field(default_factory=list)
    html: Path | None = None

    @property
    def veille(self) -> Path:
        return self.root / "veille-library"

    @property
    def recoll(self) -> Path:
        return self.root / "recoll-config"

    @property
    def fts5(self) -> Path:
        return self.root / "fts5.sqlite3"


def write_jsonl(rows: Sequence[dict[str, object]], folder: Path, chunk: int) -> list[Path]:
    """The corpus as JSON Lines files of ``chunk`` articles (cached)."""
    paths = [folder / f"articles-{i // chunk:03d}.jsonl" for i in range(0, len(rows), chunk)]
    stamp = folder / ".complete"
    if stamp.exists() and stamp.read_text() == f"{len(rows)}/{chunk}":
        return paths
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path, start in zip(paths, range(0, len(rows), chunk), strict=True):
        with path.open("w", encoding="utf-8") as fh:
            for row in rows[start:start + chunk]:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    stamp.write_text(f"{len(rows)}/{chunk}")
    return paths


# --- import ----------------------------------------------------------------------------
def import_once(work: Work, engine: str) -> ProcessRun:
    """Build ``engine``'s index of the articles from nothing, as one fresh process."""
    env = tree_env(work.tree)
    if engine == "veille":
        shutil.rmtree(work.veille, ignore_errors=True)
        cmd = [*reader_app_command(), "import", *map(str, work.jsonl), "--no-entities",
               "--library", str(work.veille)]
    elif engine == "fts5":
        work.fts5.unlink(missing_ok=True)
        cmd = [PY, str(BENCH / "fts5_peer.py"), "import", str(work.fts5), *map(str, work.jsonl)]
    else:
        assert work.html is not None
        recoll_peer.write_config(work.recoll, work.html)
        cmd = recoll_peer.index_command(work.recoll)
    run = run_process(cmd, env=env, timeout=4 * 3600)
    if run.code != 0:
        raise RuntimeError(f"{engine} import failed ({run.code}): {run.stderr[-600:]}")
    return run


def imports(work: Work, engines: Sequence[str], repeat: int) -> dict[str, list[ProcessRun]]:
    """``repeat`` rounds, the engine order rotating; the last round's indexes are kept."""
    out: dict[str, list[ProcessRun]] = {e: [] for e in engines}
    for n in range(repeat):
        for engine in _rotate(engines, n):
            run = import_once(work, engine)
            out[engine].append(run)
            print(f"  import {engine} round {n + 1}: wall {run.wall:.1f} s, CPU {run.cpu:.1f} s, "
                  f"peak RSS {run.max_rss_mib:.0f} MiB", flush=True)
    return out


def fts5_optimize(work: Work) -> ProcessRun:
    return run_process([PY, str(BENCH / "fts5_peer.py"), "optimize", str(work.fts5)])


def disk(work: Work, engines: Sequence[str]) -> dict[str, dict[str, float]]:
    """MB on disk per engine: what its index (and Veille's store) hold."""
    out: dict[str, dict[str, float]] = {}
    if "veille" in engines:
        index = folder_mb(work.veille / "search-index")
        out["veille"] = {"total": folder_mb(work.veille), "index": index,
                         "store": folder_mb(work.veille) - index,
                         "segments": float(segments(work.veille))}
    if "recoll" in engines:
        out["recoll"] = {"total": recoll_peer.index_mb(work.recoll)}
    if "fts5" in engines:
        out["fts5"] = {"total": folder_mb(work.fts5)}
    return out


def segments(library: Path) -> int:
    return len(list((library / "search-index").glob("*.seg")))


# --- in-process search -------------------------------------------------------------------
class Worker:
    """A ``search_worker.py`` process for one engine."""

    def __init__(self, kind: str, path: Path, tree: Path) -> None:
        self.kind = kind
        self.proc = subprocess.Popen(
            [PY, str(BENCH / "search_worker.py"), kind, str(path)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, env=tree_env(tree), bufsize=1)
        self.start_rss = self._read()

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"{self.kind} search worker stopped (code {self.proc.wait()})")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def search(self, case: Case) -> dict[str, Any]:
        if self.kind == "veille":
            return self.ask({"q": case.veille})
        return self.ask({"q": case.fts, "dates": case.dates})

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


Samples = dict[str, dict[str, list[float]]]  # engine -> class -> seconds


def inprocess(work: Work, passes: int, soak: list[tuple[str, Case]]) -> dict[str, Any]:
    """Latency per class in alternation, then the soak queries, then each worker's RSS."""
    workers = [Worker("veille", work.veille, work.tree), Worker("fts5", work.fts5, work.tree)]
    try:
        for w in workers:
            w.ask({"q": "warm up" if w.kind == "veille" else "warm"})
        samples: Samples = {w.kind: {k: [] for k in CLASSES} for w in workers}
        totals: dict[str, dict[str, int]] = {w.kind: {} for w in workers}
        turn = 0
        for n in range(passes):
            for kind, cases in CLASSES.items():
                for case in cases:
                    turn += 1
                    for w in _rotate(workers, turn):
                        if w.kind == "fts5" and not case.fts_ok:
                            continue
                        answer = _checked(w, w.search(case), case)
                        samples[w.kind][kind].append(answer["s"])
                        if n == 0:
                            totals[w.kind][case.veille] = answer["total"]
        rss_after_classes = {w.kind: w.ask({"rss": True}) for w in workers}
        soak_s: Samples = {w.kind: {k: [] for k, _ in soak} for w in workers}
        for turn, (kind, case) in enumerate(soak):
            for w in _rotate(workers, turn):
                answer = w.search(case)
                if "s" in answer:
                    soak_s[w.kind][kind].append(answer["s"])
        rss_after_soak = {w.kind: w.ask({"rss": True}) for w in workers}
    finally:
        for w in workers:
            w.close()
    return {"samples": samples, "totals": totals, "soak": soak_s,
            "rss_start": {w.kind: w.start_rss for w in workers},
            "rss_classes": rss_after_classes, "rss_soak": rss_after_soak,
            "queries_before_rss": passes * sum(map(len, CLASSES.values())) + len(soak) + 1}


def _checked(worker: Worker, answer: dict[str, Any], case: Case) -> dict[str, Any]:
    if "error" in answer:
        raise RuntimeError(f"{worker.kind} failed on {case.veille!r}: {answer['error']}")
    return answer


# --- fresh process per query -------------------------------------------------------------
def cli_commands(work: Work, engines: Sequence[str]) -> dict[str, Callable[[Case], list[str]]]:
    out: dict[str, Callable[[Case], list[str]]] = {"python": lambda _c: [PY, "-c", "pass"]}
    if "veille" in engines:
        out["veille"] = lambda c: [*reader_app_command(), "search", c.veille, "--limit", "20",
                                   "--library", str(work.veille)]
    if "recoll" in engines:
        out["recoll"] = lambda c: recoll_peer.query_command(work.recoll, c.recoll_query)
    if "fts5" in engines:
        out["fts5"] = lambda c: ([PY, str(BENCH / "fts5_peer.py"), "query", str(work.fts5),
                                  c.fts or "-", *(c.dates or ())] if c.fts_ok else [])
    return out


def cli(work: Work, engines: Sequence[str], passes: int) -> dict[str, Any]:
    """Every query as a fresh process per engine, timed from outside, in rotation."""
    commands = cli_commands(work, engines)
    env = tree_env(work.tree)
    samples: Samples = {e: {k: [] for k in CLASSES} for e in commands}
    rss: dict[str, list[float]] = {e: [] for e in commands}
    cpu: dict[str, list[float]] = {e: [] for e in commands}
    totals: dict[str, dict[str, int | None]] = {e: {} for e in commands}
    turn = 0
    for n in range(passes):
        for kind, cases in CLASSES.items():
            for case in cases:
                turn += 1
                for engine in _rotate(list(commands), turn):
                    cmd = commands[engine](case)
                    if not cmd:
                        continue
                    run = run_process(cmd, env=env, timeout=300)
                    if run.code != 0:
                        raise RuntimeError(f"{engine} CLI failed on {case.veille!r} "
                                           f"({run.code}): {run.stderr[-400:]}")
                    samples[engine][kind].append(run.wall)
                    rss[engine].append(run.max_rss_mib)
                    cpu[engine].append(run.cpu)
                    if n == 0:
                        totals[engine][case.veille] = _cli_total(engine, run.stdout)
    return {"samples": samples, "rss": rss, "cpu": cpu, "totals": totals}


def _cli_total(engine: str, out: str) -> int | None:
    if engine == "recoll":
        return recoll_peer.result_count(out)
    for line in out.splitlines()[:4]:
        head = line.split(" ", 1)
        if len(head) == 2 and head[1].startswith("result") and head[0].isdigit():
            return int(head[0])
    return None


# --- the window --------------------------------------------------------------------------
def launches(work: Work, runs: int) -> dict[str, Any]:
    """``runs`` launches of the window after one not counted, each timed from before its
    process starts to the first result painted; index segments before and after."""
    before = segments(work.veille)
    env = tree_env(work.tree, QT_QPA_PLATFORM="offscreen")
    cmd = [PY, str(BENCH / "launch_probe.py"), "--library", str(work.veille)]
    out: dict[str, list[float]] = {"first_result": [], "shown": [], "interpreter": [],
                                   "exit": [], "rss": []}
    warmup: dict[str, float] = {}
    for n in range(runs + 1):
        t0 = time.clock_gettime(time.CLOCK_MONOTONIC)
        run = run_process(cmd, env=env, timeout=600)
        events = {e["event"]: e["t"] - t0 for e in _events(run.stdout)}
        if "first_result" not in events:
            raise RuntimeError(f"the window showed no result (code {run.code}): "
                               f"{run.stderr[-600:]}")
        figures = {"first_result": events["first_result"], "shown": events.get("shown", 0.0),
                   "interpreter": events.get("probe_start", 0.0), "exit": run.wall,
                   "rss": run.max_rss_mib}
        if n == 0:
            warmup = figures
            continue
        for key, value in figures.items():
            out[key].append(value)
    return {**out, "warmup": warmup, "segments_before": before, "segments_after":
            segments(work.veille)}


def _events(stdout: str) -> list[dict[str, Any]]:
    events = []
    for line in stdout.splitlines():
        if line.startswith('{"event"'):
            events.append(json.loads(line))
    return events


def extract_entities(work: Work) -> ProcessRun:
    """``Library.extract_pending`` to the end, as its own process (model load included)."""
    code = ("import sys; from pathlib import Path; from index import Library; "
            "lib = Library.open(Path(sys.argv[1])); n = lib.extract_pending(); lib.close(); "
            "print(n)")
    run = run_process([PY, "-c", code, str(work.veille)], env=tree_env(work.tree),
                      cwd=work.tree, timeout=6 * 3600)  # cwd: ``-c`` puts it first on the path
    if run.code != 0:
        raise RuntimeError(f"entity extraction failed ({run.code}): {run.stderr[-600:]}")
    return run


def _rotate(items: Sequence[Any], n: int) -> list[Any]:
    k = n % len(items)
    return list(items[k:]) + list(items[:k])

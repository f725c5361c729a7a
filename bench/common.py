"""Shared helpers for the benchmarks: the data sets, the machine, the FTS5 baseline,
and timing a whole process from outside.

Benchmarks print figures; they are not tests. This machine is shared and noisy, so
every figure is reported next to a baseline measured in the same run (SQLite FTS5 on
the same articles) and quoted as medians and ratios. A figure said to include process
start is taken by ``run_process``: the clock starts before the process does, and CPU
and peak memory come from the kernel's accounting of the process and its children.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("VEILLE_BENCH_DATA") or REPO.parent / "shared" / "data")
SNAPSHOT_NOTE = "BENCH-SNAPSHOT.txt"  # written by bench/run_all.py in a frozen copy


def require_data() -> Path:
    if not DATA.is_dir():
        raise SystemExit(f"benchmark data not found at {DATA}; nothing to measure")
    return DATA


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def code_version(*paths: str, tree: Path = REPO) -> str:
    """The commit measured, and whether ``paths`` had uncommitted edits (read-only git);
    for a frozen copy of a tree (bench/run_all.py), the note written when it was made."""
    def git(*cmd: str) -> str:
        try:
            out = subprocess.run(["git", *cmd], cwd=tree, capture_output=True, text=True)
        except OSError:
            return ""
        return out.stdout.strip()

    note = tree / SNAPSHOT_NOTE
    if note.exists():  # a frozen copy of a working tree (bench/run_all.py): no git here
        return note.read_text(encoding="utf-8").strip()
    if tree.resolve() != REPO:
        return f"the tree at {tree} (no {SNAPSHOT_NOTE} in it)"
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", *paths) if paths else ""
    return f"commit {head}" + (f" + uncommitted changes in {', '.join(paths)}" if dirty else "")


def read_jsonl(path: Path) -> Iterator[dict[str, object]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        for line in fh:
            if line.strip():
                yield json.loads(line)


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary_ms(values: Sequence[float]) -> str:
    ms = [v * 1000 for v in values]
    return (f"p50 {statistics.median(ms):.1f} ms, p95 {percentile(ms, 95):.1f} ms, "
            f"max {max(ms):.1f} ms (n={len(ms)})")


@dataclass(frozen=True, slots=True)
class ProcessRun:
    """One process timed from outside: the clock starts before it exists."""

    wall: float  # seconds from before the start to after the exit
    cpu: float  # user + system seconds of the process and every child it waited for
    max_rss_mib: float  # peak resident memory of the largest of those processes
    code: int
    stdout: str
    stderr: str


GNU_TIME = "/usr/bin/time"


def run_process(cmd: Sequence[str], *, env: dict[str, str] | None = None,
                cwd: Path | None = None, timeout: float | None = None) -> ProcessRun:
    """Run ``cmd`` to its end, timed from before its start to after its exit.

    CPU and peak RSS come from the kernel's accounting of the process and the children it
    waited for. They are read by GNU time (``/usr/bin/time``, a 2 MB process) around the
    command, not by our own ``wait4``: a child started by a large process inherits that
    process's peak RSS at ``exec``, so this benchmark's own memory would show as the
    child's. GNU time adds about a millisecond to every wall figure, the same for every
    engine; without it, ``wait4`` figures are used and the RSS is a ceiling.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".time") as usage_file:
        wrapped = ([GNU_TIME, "-f", "%U %S %M", "-o", usage_file.name, *cmd]
                   if os.path.exists(GNU_TIME) else list(cmd))
        t0 = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                env=env, cwd=cwd, start_new_session=True)
        timer = threading.Timer(timeout, _kill_group, (proc.pid,)) if timeout else None
        if timer is not None:
            timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            if timer is not None:
                timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        cpu, rss = usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
        lines = usage_file.read().strip().splitlines()
        if wrapped[0] == GNU_TIME and lines and len(lines[-1].split()) == 3:
            user, system, kib = lines[-1].split()
            cpu, rss = float(user) + float(system), int(kib) / 1024
        out.seek(0)
        err.seek(0)
        return ProcessRun(wall, cpu, rss, proc.returncode, out.read().decode("utf-8", "replace"),
                          err.read().decode("utf-8", "replace"))


def _kill_group(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)


def tree_env(tree: Path = REPO, **extra: str) -> dict[str, str]:
    """The environment for a process that must run the code of ``tree`` (a frozen copy
    of the working tree, or the repository itself), whatever the editable install says."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH")
                                     else "")
    env.update(extra)
    return env


def reader_app_command() -> list[str]:
    """``reader-app`` exactly as a person runs it: the console script of this venv."""
    script = Path(sys.executable).parent / "reader-app"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reader_app"]


def folder_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start

"""Shared helpers for the benchmarks: the data sets, the machine, the FTS5 baseline.

Benchmarks print figures; they are not tests. This machine is shared and noisy, so
every figure is reported next to a baseline measured in the same run (SQLite FTS5 on
the same articles) and quoted as medians and ratios.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"


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


def code_version(*paths: str) -> str:
    """The commit measured, and whether ``paths`` had uncommitted edits (read-only git)."""
    def git(*cmd: str) -> str:
        try:
            out = subprocess.run(["git", *cmd], cwd=REPO, capture_output=True, text=True)
        except OSError:
            return ""
        return out.stdout.strip()

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


class Fts5Baseline:
    """SQLite FTS5 with the porter/unicode61 tokenizer: the plain engine we compare to."""

    def __init__(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        self.conn = sqlite3.connect(path)
        self.conn.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(title, text, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )

    def add(self, rows: Sequence[tuple[str, str]]) -> None:
        self.conn.executemany("INSERT INTO docs(title, text) VALUES(?, ?)", rows)
        self.conn.commit()

    def search(self, query: str, limit: int = 20) -> list[tuple[int, str]]:
        return self.conn.execute(
            "SELECT rowid, snippet(docs, 1, '<mark>', '</mark>', '…', 24) FROM docs "
            "WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
            (query, limit),
        ).fetchall()


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start

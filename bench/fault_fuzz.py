"""Fuzz trials of bench/fault_trials.py: files mutated from the committed fixtures under
tests/ (bit flips, truncations, splices), each timed through the importers in a process
pool (a hang is over HANG_S seconds), then all of them through ``reader-app import --json``
in chunks of 50: crashes, tracebacks, files without a report line.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import REPO
from bench.fault_kit import reader_app

HANG_S = 10.0  # a fuzzed file taking longer than this through the importers is a hang




FUZZ_ROOTS = ("tests/importers/fixtures", "tests/index/fixtures")
FUZZ_SKIP = {".py", ".gitattributes"}


def fixture_files() -> list[Path]:
    found = []
    for root in FUZZ_ROOTS:
        for path in sorted((REPO / root).rglob("*")):
            if (path.is_file() and path.suffix not in FUZZ_SKIP and path.name not in FUZZ_SKIP
                    and "libraries" not in path.parts and path.stat().st_size > 0):
                found.append(path)
    return found


def mutate(data: bytes, other: bytes, kind: str, rnd: random.Random) -> bytes:
    if kind == "bit flips":
        out = bytearray(data)
        for _ in range(rnd.randint(1, max(1, len(out) // 200) + 8)):
            at = rnd.randrange(len(out))
            out[at] ^= 1 << rnd.randrange(8)
        return bytes(out)
    if kind == "truncation":
        return data[: rnd.randrange(len(data))]
    return data[: rnd.randrange(len(data) + 1)] + other[rnd.randrange(len(other) + 1):]


def write_fuzz(folder: Path, count: int, rnd: random.Random) -> list[Path]:
    sources = fixture_files()
    paths = []
    for i in range(count):
        a, b = rnd.choice(sources), rnd.choice(sources)
        kind = ("bit flips", "truncation", "splice")[i % 3]
        data = mutate(a.read_bytes(), b.read_bytes(), kind, rnd)
        chunk = folder / f"chunk-{i // 50:03d}"
        chunk.mkdir(parents=True, exist_ok=True)
        path = chunk / f"{i:04d}-{kind.split()[0]}-{a.name}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def timed_file(path: str) -> tuple[float, str, list[str]]:
    """Through the importers as an import reads it: (seconds, escaped exception, statuses).
    Runs in a pool worker; ``parse`` must never raise, ``read`` only ImportFailure."""
    from index.importers import ImportFailure, iter_sources, parse

    t0 = time.perf_counter()
    statuses = []
    try:
        for source in iter_sources([Path(path)]):
            if source.error:
                statuses.append("unreadable")
                continue
            try:
                data = source.read()
            except ImportFailure:
                statuses.append("failed")
                continue
            statuses.append(parse(source.origin, data).status)
    except Exception as exc:  # an importer bug: the figure this trial looks for
        return (time.perf_counter() - t0, f"{type(exc).__name__}: {exc}"[:160], statuses)
    return (time.perf_counter() - t0, "", statuses)


@dataclass(slots=True)
class FuzzRow:
    files: int = 0
    fixtures: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    escaped: list[str] = field(default_factory=list)
    hangs: int = 0
    slowest: tuple[float, str] = (0.0, "")
    parse_p50: float = 0.0
    imports: int = 0
    crashes: int = 0
    tracebacks: int = 0
    missing_lines: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    orphans: list[str] = field(default_factory=list)
    check: str = ""
    notes: list[str] = field(default_factory=list)


def fuzz(work: Path, env: dict[str, str], count: int, rnd: random.Random) -> FuzzRow:
    from concurrent.futures import ProcessPoolExecutor, wait
    from multiprocessing import get_context

    row = FuzzRow(fixtures=len(fixture_files()))
    paths = write_fuzz(work / "fuzz", count, rnd)
    row.files = len(paths)
    for p in paths:
        kind = p.name.split("-")[1]
        row.kinds[kind] = row.kinds.get(kind, 0) + 1
    pool = ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn"))
    futures = {pool.submit(timed_file, str(p)): p for p in paths}
    done, pending = wait(futures, timeout=max(300.0, count * 0.5))
    row.hangs = len(pending)
    times = []
    for fut in done:
        seconds, escaped, _statuses = fut.result()
        times.append(seconds)
        row.hangs += seconds > HANG_S
        if seconds > row.slowest[0]:
            row.slowest = (seconds, futures[fut].name)
        if escaped:
            row.escaped.append(f"{futures[fut].name}: {escaped}")
    for proc in list(getattr(pool, "_processes", {}).values()):  # a hung worker
        if pending:
            proc.kill()
    pool.shutdown(wait=True, cancel_futures=True)
    row.parse_p50 = statistics.median(times) if times else float("nan")
    lib_dir = work / "fuzz-lib"
    for chunk in sorted({p.parent for p in paths}):
        files = sorted(chunk.iterdir())
        run = reader_app("import", "--no-entities", "--json", *files, "--library", lib_dir,
                         env=env, timeout=HANG_S * len(files))
        row.imports += 1
        row.crashes += run.code not in (0, 1)
        row.tracebacks += run.traceback
        if "left running" in run.stderr:
            row.orphans.append(chunk.name)
        if run.code not in (0, 1) and len(row.notes) < 4:
            row.notes.append(f"{chunk.name}: exit {run.code}: {(run.err_lines or ['?'])[-1][:140]}")
        try:
            report = json.loads(run.stdout)
        except ValueError:
            row.missing_lines += len(files)
            continue
        reported = [f["path"] for f in report["files"]]
        for f in report["files"]:
            row.outcomes[f["status"]] = row.outcomes.get(f["status"], 0) + 1
        for path in files:
            name = str(path)
            row.missing_lines += not any(r == name or r.startswith(name + "!") for r in reported)
    check = reader_app("check", "--library", lib_dir, env=env)
    row.check = "sound" if check.code == 0 else f"exit {check.code}: {check.stdout[-120:]!r}"
    return row

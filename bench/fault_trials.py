"""Fault trials (issue 8): kills, two writers, damage and fuzz against the real command line.

Every trial runs ``reader-app`` (this venv's console script) as a person would, on a
library in a temporary folder, and checks the outcome through the library's own API
and a read-only look at the store:

- kills: SIGKILL an import, a reindex or the window (offscreen) at a seeded random
  moment; count articles lost, halved or doubled after the next writer runs, store-vs-index
  mismatches, child processes still alive 5 s later (the trial's session, read from
  /proc), and how long the next search and the next import took;
- two writers: two ``import`` at once plus ``search`` in a loop during them;
- damage: a bad store page, garbage in a segment (with and without a changed stat), a
  kill then a lost ``-wal``, a file where the index folder should be, a library path that
  is a file, a read-only library (bind mount), a full disk (small tmpfs);
- fuzz: files mutated (bit flips, truncations, splices) from the committed fixtures
  under tests/, each timed through the importers (iter_sources, read, parse) in a process
  pool, then all of them through ``reader-app import --json`` in chunks.

Corpora are written to a temporary folder from resources/samples and, when
../shared/data exists, from news-en/bbc.jsonl.gz. Everything is seeded. The read-only
and full-disk trials need root (mount); they are skipped otherwise.

Run: .venv/bin/python bench/fault_trials.py [--seed 8] [--import-kills 20]
     [--reindex-kills 8] [--window-kills 4] [--races 10] [--fuzz 1000] [--only kills,...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import DATA, code_version, folder_mb, machine
from bench.fault_damage import DamageRow, damage_trials
from bench.fault_fuzz import FuzzRow, fuzz
from bench.fault_kit import (
    READER_APP,
    Audit,
    Corpus,
    Killed,
    Run,
    audit_store,
    check_index,
    cli_env,
    kill_at,
    note_file,
    reader_app,
    reap_session,
    write_corpus,
)

# -- kills ----------------------------------------------------------------------------


@dataclass(slots=True)
class KillRow:
    kind: str
    entities: bool = False
    trials: int = 0
    ended_first: int = 0
    halved_at_kill: int = 0
    landed: dict[str, int] = field(default_factory=dict)  # where the kills fell
    lost: int = 0
    halved: int = 0
    doubled: int = 0
    mismatches: int = 0
    entity_gaps: int = 0
    left_todo: int = 0
    orphans: list[str] = field(default_factory=list)
    families: list[int] = field(default_factory=list)
    search_s: list[float] = field(default_factory=list)
    search_failed: int = 0
    next_s: list[float] = field(default_factory=list)
    next_failed: int = 0
    upkeep_said: int = 0  # the next writer said what it finished first
    tracebacks: int = 0
    notes: list[str] = field(default_factory=list)


def after_kill(row: KillRow, killed: Killed, lib_dir: Path, corpus: Corpus, env: dict[str, str],
               redo: Sequence[object], entities: bool) -> None:
    """What a person does next: search, then run the writer again; then audit."""
    row.trials += 1
    row.ended_first += killed.ended_first
    row.orphans += killed.orphans
    row.families.append(len(killed.family))
    at_kill = audit_store(lib_dir)
    row.halved_at_kill += at_kill.halved
    where = landed(at_kill, corpus.expected, killed, lib_dir)
    row.landed[where] = row.landed.get(where, 0) + 1
    search = reader_app("search", "ftb1", "--library", lib_dir, env=env)
    row.search_s.append(search.seconds)
    row.search_failed += search.code not in (0,) or len(search.err_lines) > 1
    nxt = reader_app(*redo, "--library", lib_dir, env=env, timeout=600)
    row.next_s.append(nxt.seconds)
    row.next_failed += nxt.code != 0
    row.upkeep_said += "first, " in nxt.stderr
    row.tracebacks += search.traceback + nxt.traceback
    if nxt.code != 0 and len(row.notes) < 3:
        row.notes.append(f"next command exit {nxt.code}: {(nxt.err_lines or ['?'])[-1][:140]}")
    final = audit_store(lib_dir, sorted(corpus.numbers))
    row.lost += final.lost
    row.halved += final.halved
    row.doubled += final.doubled
    index = check_index(lib_dir, entities=entities)
    row.mismatches += max(0, index.mismatches) + (index.mismatches < 0)
    row.entity_gaps += max(0, index.entity_gaps)
    row.left_todo += bool(index.todo)


def landed(audit: Audit, expected: int, killed: Killed, lib_dir: Path) -> str:
    """Where a kill fell, from what it left."""
    if killed.ended_first:
        return "after the end"
    if (lib_dir / "search-index.new").exists():
        return "building the new index"
    if audit.stored == 0:
        return "before the first commit"
    if audit.stored < expected:
        return "between commits"
    if audit.unindexed:
        return "indexing"
    if audit.no_entities:
        return "extracting entities"
    return "all saved"


def import_kills(work: Path, env: dict[str, str], count: int, entity_every: int,
                 rnd: random.Random, args: argparse.Namespace) -> list[KillRow]:
    corpus = write_corpus(work / "corpus", args.feeds, args.per_feed, args.singles, rnd)
    feeds = [p for p in corpus.files if p.suffix == ".jsonl"]
    singles = [p for p in corpus.files if p.suffix != ".jsonl"]
    small = Corpus.of(feeds[:4] + singles[:30])  # spaCy is slow: a smaller import
    plain, ents = KillRow("import --no-entities"), KillRow("import (with entities)", True)
    durations: dict[bool, float] = {}
    for trial in range(count):
        with_entities = entity_every > 0 and trial % entity_every == entity_every - 1
        use = small if with_entities else corpus
        cmd = ["import", *([] if with_entities else ["--no-entities"]), *use.files]
        if with_entities not in durations:
            clean = reader_app(*cmd, "--library", work / f"calib-{with_entities}", env=env,
                               timeout=900)
            durations[with_entities] = clean.seconds
            audit = audit_store(work / f"calib-{with_entities}", sorted(use.numbers))
            print(f"  calibration ({'entities' if with_entities else 'no entities'}): "
                  f"{use.expected} articles in {clean.seconds:.1f} s, exit {clean.code}, "
                  f"lost {audit.lost}, stored {audit.stored}", flush=True)
        lib_dir = work / f"kill-import-{trial:02d}"
        delay = rnd.uniform(0.3, 0.95) * durations[with_entities]
        killed = kill_at([*cmd, "--library", lib_dir], env, delay)
        row = ents if with_entities else plain
        after_kill(row, killed, lib_dir, use, env, cmd, with_entities)
        shutil.rmtree(lib_dir, ignore_errors=True)
        print(f"  import kill {trial + 1}/{count} at {killed.at:.1f} s "
              f"({'entities' if with_entities else 'plain'}): next {row.next_s[-1]:.1f} s",
              flush=True)
    return [r for r in (plain, ents) if r.trials]


def reindex_kills(work: Path, env: dict[str, str], count: int, rnd: random.Random,
                  args: argparse.Namespace) -> KillRow:
    corpus = write_corpus(work / "reindex-corpus", args.feeds * 3, args.per_feed, 0, rnd)
    base = work / "reindex-base"
    reader_app("import", "--no-entities", *corpus.files, "--library", base, env=env, timeout=900)
    clean = reader_app("reindex", "--library", base, env=env, timeout=900)
    print(f"  calibration: reindex of {corpus.expected} articles {clean.seconds:.1f} s, "
          f"exit {clean.code}", flush=True)
    row = KillRow("reindex")
    note = note_file(work, corpus.expected)
    for trial in range(count):
        lib_dir = work / f"kill-reindex-{trial:02d}"
        shutil.copytree(base, lib_dir)
        killed = kill_at(["reindex", "--library", lib_dir], env,
                         rnd.uniform(0.2, 0.95) * clean.seconds)
        after_kill(row, killed, lib_dir, Corpus.of([*corpus.files, note]), env,
                   ["import", "--no-entities", note], False)
        leftover = lib_dir / "search-index.new"
        if leftover.exists():
            row.notes.append(f"trial {trial + 1}: a partial search-index.new "
                             f"({folder_mb(leftover):.1f} MB) is left after the next writer")
        shutil.rmtree(lib_dir, ignore_errors=True)
        print(f"  reindex kill {trial + 1}/{count} at {killed.at:.1f} s", flush=True)
    return row


def window_kills(work: Path, env: dict[str, str], count: int, rnd: random.Random,
                 args: argparse.Namespace) -> KillRow:
    corpus = write_corpus(work / "window-corpus", 4, args.per_feed, 30, rnd)
    row = KillRow("window (offscreen)", True)
    calib = work / "window-calib"
    # The window never exits by itself: time how long it takes to finish the import and
    # the entities.
    proc = subprocess.Popen([str(READER_APP), "--library", str(calib), *map(str, corpus.files)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    t0 = time.perf_counter()
    done_at = 300.0
    while time.perf_counter() - t0 < 300:
        audit = audit_store(calib)
        if audit.stored >= corpus.expected and audit.unindexed == audit.no_entities == 0:
            done_at = time.perf_counter() - t0
            break
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reap_session(proc.pid)
    print(f"  calibration: window imported {corpus.expected} articles with their entities "
          f"in {done_at:.1f} s",
          flush=True)
    for trial in range(count):
        lib_dir = work / f"kill-window-{trial:02d}"
        killed = kill_at(["--library", lib_dir, *corpus.files], env,
                         rnd.uniform(0.3, 1.0) * done_at)
        after_kill(row, killed, lib_dir, corpus, env, ["import", *corpus.files], True)
        shutil.rmtree(lib_dir, ignore_errors=True)
        print(f"  window kill {trial + 1}/{count} at {killed.at:.1f} s", flush=True)
    return row


# -- two writers ----------------------------------------------------------------------


@dataclass(slots=True)
class RaceRow:
    races: int = 0
    with_entities: int = 0
    both_ok: int = 0
    exact: int = 0
    tracebacks: int = 0
    failed_imports: int = 0
    waits_said: int = 0
    searches: int = 0
    search_failed: int = 0
    went_back: int = 0  # a search saw fewer articles than an earlier one
    orphans: list[str] = field(default_factory=list)
    import_s: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _start(args: Sequence[object], env: dict[str, str]) -> tuple[subprocess.Popen[str], float]:
    proc = subprocess.Popen([str(READER_APP), *map(str, args)], env=env, text=True,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    return proc, time.perf_counter()


def races(work: Path, env: dict[str, str], count: int, entity_every: int, rnd: random.Random,
          args: argparse.Namespace) -> RaceRow:
    half = args.race_articles // 2
    a = write_corpus(work / "race-a", 2, half // 2, 0, rnd, first=0)
    b = write_corpus(work / "race-b", 2, half // 2, 0, rnd, first=a.expected)
    expected = a.expected + b.expected
    row = RaceRow()
    for r in range(count):
        lib_dir = work / f"race-{r:02d}"
        entities = entity_every > 0 and r % entity_every == entity_every - 1
        first = ["import", *([] if entities else ["--no-entities"]), *a.files, "--library", lib_dir]
        pa, ta = _start(first, env)
        time.sleep(rnd.uniform(0.0, 0.5))
        pb, tb = _start(["import", "--no-entities", *b.files, "--library", lib_dir], env)
        seen: list[int] = []
        ends: dict[int, float] = {}
        while pa.poll() is None or pb.poll() is None:
            s = reader_app("search", "*", "--json", "--limit", "1", "--library", lib_dir, env=env)
            row.searches += 1
            row.tracebacks += s.traceback
            if s.code != 0:
                row.search_failed += 1
                if len(row.notes) < 4:
                    row.notes.append(f"search exit {s.code}: {(s.err_lines or ['?'])[-1][:120]}")
            else:
                seen.append(int(json.loads(s.stdout)["total"]))
            for p, t in ((pa, ta), (pb, tb)):
                if p.poll() is not None and p.pid not in ends:
                    ends[p.pid] = time.perf_counter() - t
        results = []
        for p, t in ((pa, ta), (pb, tb)):
            out, err = p.communicate()
            results.append(Run(p.returncode, ends.get(p.pid, time.perf_counter() - t), out, err))
            row.orphans += reap_session(p.pid, wait=0.0)
        row.races += 1
        row.with_entities += entities
        row.both_ok += all(x.code == 0 for x in results)
        row.failed_imports += sum(x.code != 0 for x in results)
        row.tracebacks += sum(x.traceback for x in results)
        row.waits_said += sum("Waiting for" in x.stderr for x in results)
        row.import_s += [x.seconds for x in results]
        row.went_back += any(b < a for a, b in itertools.pairwise(seen))
        for x in results:
            if x.code != 0 and len(row.notes) < 4:
                row.notes.append(f"import exit {x.code}: {(x.err_lines or ['?'])[-1][:120]}")
        audit = audit_store(lib_dir, range(expected))
        index = check_index(lib_dir, entities=entities)
        row.exact += (audit.stored == expected and not audit.lost and not audit.doubled
                      and index.mismatches == 0 and not index.todo and not index.entity_gaps)
        shutil.rmtree(lib_dir, ignore_errors=True)
        print(f"  race {r + 1}/{count}{' (entities)' if entities else ''}: exits "
              f"{[x.code for x in results]}, {len(seen)} searches, stored {audit.stored}/"
              f"{expected}", flush=True)
    return row


# -- the tables -----------------------------------------------------------------------


def _s(values: Sequence[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):.1f} / {max(values):.1f}"


def kill_table(rows: Sequence[KillRow]) -> list[str]:
    out = ["| Killed | Trials | Where the kills fell | Lost | Halved | Doubled "
           "| Store vs index after next writer "
           "| Entities not in index | Work left | Orphans (alive 5 s after) "
           "| Next search s (median / max) | Next writer s (median / max) | Failed next commands "
           "| Tracebacks |",
           "|" + "---|" * 14]
    for r in rows:
        orphans = f"{len(r.orphans)}" + (f" ({', '.join(sorted(set(r.orphans)))})"
                                         if r.orphans else "")
        out.append(
            f"| {r.kind} | {r.trials} | "
            + ", ".join(f"{n} {k}" for k, n in sorted(r.landed.items(), key=lambda x: -x[1]))
            + f" | {r.lost} | {r.halved} (at the kill: {r.halved_at_kill}) | {r.doubled} "
            f"| {r.mismatches} | {r.entity_gaps if r.entities else '-'} "
            f"| {r.left_todo} | {orphans} of {sum(r.families)} children | {_s(r.search_s)} "
            f"| {_s(r.next_s)} ({r.upkeep_said} said \"first, …\") "
            f"| {r.search_failed + r.next_failed} | {r.tracebacks} |")
    return out


def race_table(r: RaceRow) -> list[str]:
    return [
        "| Races | Both imports completed | Final counts exact | Failed imports "
        "| LockError / traceback | \"Waiting for\" said | Searches during imports (failed) "
        "| A search saw fewer than before | Orphans | Import s (median / max) |",
        "|" + "---|" * 10,
        f"| {r.races} ({r.with_entities} with entities) | {r.both_ok} | {r.exact} "
        f"| {r.failed_imports} | {r.tracebacks} | {r.waits_said} | {r.searches} "
        f"({r.search_failed}) | {r.went_back} | {len(r.orphans)} | {_s(r.import_s)} |",
    ]


def damage_table(rows: Sequence[DamageRow]) -> list[str]:
    out = ["| Damage | Detected by | Exit codes | Message (first line) | One line, no traceback "
           "| Repaired by | Search works after | Articles searchable after / before |",
           "|" + "---|" * 8]
    for r in rows:
        out.append(f"| {r.kind} | {r.detected} | {r.exits} | {r.message.replace('|', '/')} "
                   f"| {'yes' if r.one_line else 'NO'} | {r.repair} | {r.works_after} "
                   f"| {r.kept} |")
    return out


def fuzz_table(r: FuzzRow) -> list[str]:
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(r.kinds.items()))
    outcomes = ", ".join(f"{n} {k}" for k, n in sorted(r.outcomes.items()))
    return [
        "| Fuzzed files | From fixtures | Exceptions escaping the importers | Hangs > 10 s "
        "| Slowest file | Parse p50 | `import` runs | Crashes (exit not 0/1) | Tracebacks "
        "| Files without a report line | Report lines | Library after |",
        "|" + "---|" * 12,
        f"| {r.files} ({kinds}) | {r.fixtures} | {len(r.escaped)} | {r.hangs} "
        f"| {r.slowest[0]:.2f} s ({r.slowest[1]}) | {r.parse_p50 * 1000:.1f} ms | {r.imports} "
        f"| {r.crashes} | {r.tracebacks} | {r.missing_lines} | {outcomes} | {r.check} |",
    ]


# -- main -----------------------------------------------------------------------------


def seeded(args: argparse.Namespace, part: str) -> random.Random:
    """Each part its own generator: `--only fuzz` makes the same files as a full run."""
    return random.Random(f"{args.seed}:{part}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--import-kills", type=int, default=20)
    parser.add_argument("--entity-every", type=int, default=4,
                        help="every Nth import kill (and race) extracts entities (0: never)")
    parser.add_argument("--reindex-kills", type=int, default=8)
    parser.add_argument("--window-kills", type=int, default=4)
    parser.add_argument("--races", type=int, default=10)
    parser.add_argument("--race-articles", type=int, default=800)
    parser.add_argument("--fuzz", type=int, default=1000)
    parser.add_argument("--feeds", type=int, default=40, help="JSONL files in a kill corpus")
    parser.add_argument("--per-feed", type=int, default=50)
    parser.add_argument("--singles", type=int, default=60, help="single-article files")
    parser.add_argument("--only", default="kills,races,damage,fuzz")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    only = set(args.only.split(","))
    work = args.keep or Path(tempfile.mkdtemp(prefix="veille-faults-"))
    work.mkdir(parents=True, exist_ok=True)
    env = cli_env(work / "home")
    os.environ.update({k: env[k] for k in ("XDG_CONFIG_HOME", "XDG_STATE_HOME",
                                           "XDG_DATA_HOME", "XDG_CACHE_HOME")})
    started = time.perf_counter()
    tables: list[str] = []
    try:
        if "kills" in only:
            print("kills", flush=True)
            rows = import_kills(work, env, args.import_kills, args.entity_every,
                                seeded(args, "import"), args)
            if args.reindex_kills:
                rows.append(reindex_kills(work, env, args.reindex_kills,
                                          seeded(args, "reindex"), args))
            if args.window_kills:
                rows.append(window_kills(work, env, args.window_kills,
                                         seeded(args, "window"), args))
            tables += ["### Kills", "", *kill_table(rows), ""]
            tables += [f"- {r.kind}: {n}" for r in rows for n in r.notes[:3]]
        if "races" in only and args.races:
            print("two writers", flush=True)
            race = races(work, env, args.races, 5 if args.entity_every else 0,
                         seeded(args, "races"), args)
            tables += ["", "### Two writers", "", *race_table(race), ""]
            tables += [f"- {n}" for n in race.notes]
        if "damage" in only:
            print("damage", flush=True)
            damage = damage_trials(work, env, seeded(args, "damage"), args)
            tables += ["", "### Damage", "", *damage_table(damage), ""]
        if "fuzz" in only and args.fuzz:
            print("fuzz", flush=True)
            fz = fuzz(work, env, args.fuzz, seeded(args, "fuzz"))
            tables += ["", "### Fuzz", "", *fuzz_table(fz), ""]
            tables += [f"- escaped: {e}" for e in fz.escaped[:5]]
            tables += [f"- {n}" for n in fz.notes]
    finally:
        log = work / "home" / "state" / "Veille" / "log" / "veille.log"
        internal = log.read_text(errors="replace").count("Traceback") if log.exists() else 0
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(f"Fault trials, {dt.date.today().isoformat()}: {machine()}; nproc {os.cpu_count()}; "
          f"{code_version('index', 'reader_app')}; seed {args.seed}; "
          f"{(time.perf_counter() - started) / 60:.1f} min; data: "
          f"{'resources/samples + news-en/bbc' if (DATA / 'news-en').exists() else 'samples'}"
          f"; internal errors logged (tracebacks in veille.log): {internal}")
    print()
    print("\n".join(tables))


if __name__ == "__main__":
    main()

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
import contextlib
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import DATA, REPO, code_version, machine, read_jsonl  # noqa: E402

READER_APP = Path(sys.executable).parent / "reader-app"
GONE_WITHIN = 5.0  # seconds a child may take to follow its killed parent
HANG_S = 10.0  # a fuzzed file taking longer than this through the importers is a hang
MARK = re.compile(r"\bftb(\d+)\b|\bfte(\d+)\b")
BAD_WORDS = ("Traceback", "LockError", "FileNotFoundError")


# -- processes ------------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    code: int
    seconds: float
    stdout: str
    stderr: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    @property
    def traceback(self) -> bool:
        return any(w in self.stderr for w in BAD_WORDS)


def cli_env(home: Path) -> dict[str, str]:
    """An environment with its own config, state and data folders (index key, logs,
    window settings), so the trials touch nothing of the person running them."""
    env = dict(os.environ)
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state"),
                     ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache")):
        env[var] = str(home / sub)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("VEILLE_LIBRARY", None)
    return env


def reader_app(*args: str | Path, env: dict[str, str], timeout: float = 300) -> Run:
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(READER_APP), *map(str, args)], env=env, text=True,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        reap_session(proc.pid)
        out, err = proc.communicate()
        return Run(-999, time.perf_counter() - t0, out, err + "\n(timed out)")
    left = reap_session(proc.pid, wait=0.0)
    if left:
        err += f"\n({len(left)} child process(es) left running)"
    return Run(proc.returncode, time.perf_counter() - t0, out, err)


def session_members(sid: int) -> list[tuple[int, str, str]]:
    """Live (not zombie) processes of session ``sid``: (pid, start time, name)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] not in ("Z", "X") and int(fields[3]) == sid:
            found.append((int(entry.name), fields[19], name))
    return found


def reap_session(sid: int, wait: float = GONE_WITHIN) -> list[str]:
    """Wait up to ``wait`` s for the session's processes to end; SIGKILL (by pid) and
    name those that did not. Only processes this script started are in the session."""
    deadline = time.monotonic() + wait
    left = session_members(sid)
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = session_members(sid)
    for pid, _start, _name in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return [name for _pid, _start, name in left]


@dataclass(slots=True)
class Killed:
    at: float  # seconds after the start
    ended_first: bool  # the process finished before the kill came
    family: list[str]  # names of its descendants at the kill
    orphans: list[str]  # still running GONE_WITHIN s later


def kill_at(args: Sequence[str | Path], env: dict[str, str], delay: float) -> Killed:
    proc = subprocess.Popen([str(READER_APP), *map(str, args)], env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < delay and proc.poll() is None:
        time.sleep(0.01)
    ended = proc.poll() is not None
    family = [n for pid, _s, n in session_members(proc.pid) if pid != proc.pid]
    at = time.perf_counter() - t0
    with contextlib.suppress(ProcessLookupError):
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return Killed(at, ended, family, reap_session(proc.pid))


# -- corpora --------------------------------------------------------------------------


def bodies(limit: int, rnd: random.Random) -> list[str]:
    """Article bodies: the committed samples, plus BBC texts when the data set is here."""
    texts = []
    for path in sorted((REPO / "resources" / "samples").iterdir()):
        raw = path.read_text(encoding="utf-8")
        texts.append(re.sub(r"<[^>]+>|^---.*?---|^\s*date \S+", " ", raw, flags=re.S))
    bbc = DATA / "news-en" / "bbc.jsonl.gz"
    if bbc.exists():
        for row in read_jsonl(bbc):
            texts.append(str(row.get("text") or ""))
            if len(texts) >= limit:
                break
    out = []
    for text in texts:
        words = text.split()
        start = rnd.randrange(max(1, len(words) - 150))
        out.append(" ".join(words[start:start + 150]))
    return out


@dataclass(slots=True)
class Corpus:
    files: list[Path]
    expected: int  # articles, numbered 0..expected-1


def write_corpus(folder: Path, feeds: int, per_feed: int, singles: int, rnd: random.Random,
                 first: int = 0) -> Corpus:
    """JSON Lines feeds plus single .txt/.md/.html files. Article n's body starts with
    the word ``ftb<n>`` and ends with ``fte<n>``: a half article lacks one of them."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = bodies(400, rnd)
    n = first
    files = []
    for f in range(feeds):
        path = folder / f"feed-{f:03d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for _ in range(per_feed):
                out.write(json.dumps({"title": f"Dépêche {n}", "date": "2025-08-01",
                                      "text": f"ftb{n} {rnd.choice(pool)} fte{n}",
                                      "source": "Trials"}, ensure_ascii=False) + "\n")
                n += 1
        files.append(path)
    for s in range(singles):
        text, kind = rnd.choice(pool), ("txt", "md", "html")[s % 3]
        day = 1 + n % 28
        path = folder / f"single-{n:05d}.{kind}"
        if kind == "txt":
            body = f" date 2025-07-{day:02d} ftb{n} {text}\nSuite. fte{n}\n"
        elif kind == "md":
            body = f"---\ntitle: Article {n}\ndate: 2025-07-{day:02d}\n---\n\nftb{n} {text} fte{n}\n"
        else:
            half = len(text) // 2
            body = (f"<html><head><meta charset='utf-8'><title>Article {n}</title></head>"
                    f"<body><article><h1>Article {n}</h1><p>ftb{n} {text[:half]}</p>"
                    f"<p>{text[half:]} fte{n}</p></article></body></html>")
        path.write_text(body, encoding="utf-8")
        files.append(path)
        n += 1
    return Corpus(files, n - first)


# -- looking at a library -------------------------------------------------------------


@dataclass(slots=True)
class Audit:
    stored: int = 0
    lost: int = 0
    halved: int = 0
    doubled: int = 0
    unmarked: int = 0
    unindexed: int = 0


def audit_store(lib_dir: Path, expected: Sequence[int] = ()) -> Audit:
    """A read-only look at the store: which numbered articles are there, whole, once."""
    store = lib_dir / "library.sqlite3"
    audit = Audit()
    if not store.exists():
        audit.lost = len(expected)
        return audit
    conn = sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        seen: dict[int, int] = {}
        for title, text, indexed in conn.execute("SELECT title, text, indexed FROM articles"):
            audit.stored += 1
            audit.unindexed += indexed == 0
            starts = {int(m[0]) for m in MARK.findall(f"{title} {text}") if m[0]}
            ends = {int(m[1]) for m in MARK.findall(f"{title} {text}") if m[1]}
            if not starts and not ends:
                audit.unmarked += 1
            audit.halved += starts != ends
            for num in starts | ends:
                seen[num] = seen.get(num, 0) + 1
    finally:
        conn.close()
    audit.doubled = sum(1 for c in seen.values() if c > 1)
    audit.lost = sum(1 for num in expected if num not in seen)
    return audit


@dataclass(slots=True)
class IndexCheck:
    mismatches: int  # ids in the index but not the store, plus the reverse
    entity_gaps: int  # articles whose indexed entity names differ from the store's
    todo: list[str]
    problem: str | None


def check_index(lib_dir: Path, entities: bool = False) -> IndexCheck:
    from index import Library, entity_store

    with Library.open(lib_dir) as lib:
        todo = lib.needs_upkeep()
        if lib.index_problem is not None or lib._index is None:
            return IndexCheck(-1, -1, todo, lib.index_problem)
        in_index = set(lib.index.article_ids().tolist())
        stored = {int(r[0]) for r in lib.store.conn.execute("SELECT id FROM articles")}
        gaps = 0
        if entities:
            names = entity_store.article_entity_names(lib.store.conn, sorted(stored))
            gaps = _entity_gaps(lib, names)
        return IndexCheck(len(in_index ^ stored), gaps, todo, None)


def _entity_gaps(lib: object, names: dict[int, Sequence[str]]) -> int:
    """Compare each indexed document's entity names with the store's (Whoosh's stored
    fields, read the way the index's own code reads them)."""
    from index.search.schema import split_list

    gaps = 0
    with lib.index._reading() as (searcher, _table):  # type: ignore[attr-defined]
        reader = searcher.reader()
        for docnum in reader.all_doc_ids():
            stored = reader.stored_fields(docnum)
            aid = int(stored["aid"]) if "aid" in stored else int(stored["id"])
            gaps += set(split_list(stored.get("ents"))) != set(names.get(aid, ()))
    return gaps


def stale_hits(lib_dir: Path, word: str) -> tuple[int, int]:
    """(hits, hits pointing at no article) for ``word``, as a reader sees them."""
    from index import Library
    from index.errors import VeilleError

    with Library.open(lib_dir) as lib:
        try:
            results = lib.search(word, limit=10_000)
        except VeilleError:
            return (-1, -1)
        ids = list(results.ids)
        return (len(ids), sum(1 for i in ids if lib.article(i) is None))


# -- kills ----------------------------------------------------------------------------


@dataclass(slots=True)
class KillRow:
    kind: str
    trials: int = 0
    ended_first: int = 0
    halved_at_kill: int = 0
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
    tracebacks: int = 0
    notes: list[str] = field(default_factory=list)


def after_kill(row: KillRow, killed: Killed, lib_dir: Path, corpus: Corpus, env: dict[str, str],
               redo: Sequence[str | Path], entities: bool) -> None:
    """What a person does next: search, then run the writer again; then audit."""
    row.trials += 1
    row.ended_first += killed.ended_first
    row.orphans += killed.orphans
    row.families.append(len(killed.family))
    row.halved_at_kill += audit_store(lib_dir).halved
    search = reader_app("search", "ftb1", "--library", lib_dir, env=env)
    row.search_s.append(search.seconds)
    row.search_failed += search.code not in (0,) or len(search.err_lines) > 1
    nxt = reader_app(*redo, "--library", lib_dir, env=env, timeout=600)
    row.next_s.append(nxt.seconds)
    row.next_failed += nxt.code != 0
    row.tracebacks += search.traceback + nxt.traceback
    if nxt.code != 0 and len(row.notes) < 3:
        row.notes.append(f"next command exit {nxt.code}: {(nxt.err_lines or ['?'])[-1][:140]}")
    final = audit_store(lib_dir, range(corpus.expected))
    row.lost += final.lost
    row.halved += final.halved
    row.doubled += final.doubled
    index = check_index(lib_dir, entities=entities)
    row.mismatches += max(0, index.mismatches) + (index.mismatches < 0)
    row.entity_gaps += max(0, index.entity_gaps)
    row.left_todo += bool(index.todo)


def import_kills(work: Path, env: dict[str, str], count: int, entity_every: int,
                 rnd: random.Random, args: argparse.Namespace) -> list[KillRow]:
    corpus = write_corpus(work / "corpus", args.feeds, args.per_feed, args.singles, rnd)
    small = Corpus(corpus.files[: max(4, len(corpus.files) // 6)], 0)
    small.expected = audit_expected(small.files)
    plain, ents = KillRow("import --no-entities"), KillRow("import (with entities)")
    durations: dict[bool, float] = {}
    for trial in range(count):
        with_entities = entity_every > 0 and trial % entity_every == entity_every - 1
        use = small if with_entities else corpus
        cmd = ["import", *([] if with_entities else ["--no-entities"]), *use.files]
        if with_entities not in durations:
            clean = reader_app(*cmd, "--library", work / f"calib-{with_entities}", env=env,
                               timeout=900)
            durations[with_entities] = clean.seconds
            audit = audit_store(work / f"calib-{with_entities}", range(use.expected))
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


def audit_expected(files: Sequence[Path]) -> int:
    """How many numbered articles a subset of the corpus holds (articles are numbered
    consecutively from 0 across the files in order)."""
    total = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        total += len({m[0] for m in MARK.findall(text) if m[0]})
    return total


def reindex_kills(work: Path, env: dict[str, str], count: int, rnd: random.Random,
                  args: argparse.Namespace) -> KillRow:
    corpus = write_corpus(work / "reindex-corpus", args.feeds * 3, args.per_feed, 0, rnd)
    base = work / "reindex-base"
    reader_app("import", "--no-entities", *corpus.files, "--library", base, env=env, timeout=900)
    clean = reader_app("reindex", "--library", base, env=env, timeout=900)
    print(f"  calibration: reindex of {corpus.expected} articles {clean.seconds:.1f} s, "
          f"exit {clean.code}", flush=True)
    row = KillRow("reindex")
    note = work / "note.txt"
    note.write_text(f" date 2025-08-02 ftb{corpus.expected} Une note après la reprise. "
                    f"fte{corpus.expected}\n", encoding="utf-8")
    for trial in range(count):
        lib_dir = work / f"kill-reindex-{trial:02d}"
        shutil.copytree(base, lib_dir)
        killed = kill_at(["reindex", "--library", lib_dir], env,
                         rnd.uniform(0.2, 0.95) * clean.seconds)
        every = Corpus(corpus.files, corpus.expected + 1)
        after_kill(row, killed, lib_dir, every, env, ["import", "--no-entities", note], False)
        if (lib_dir / "search-index.new").exists():
            row.notes.append("search-index.new left after the next writer")
        shutil.rmtree(lib_dir, ignore_errors=True)
        print(f"  reindex kill {trial + 1}/{count} at {killed.at:.1f} s", flush=True)
    return row


def window_kills(work: Path, env: dict[str, str], count: int, rnd: random.Random,
                 args: argparse.Namespace) -> KillRow:
    corpus = write_corpus(work / "window-corpus", max(2, args.feeds // 2), args.per_feed,
                          args.singles // 2, rnd)
    row = KillRow("window (offscreen)")
    calib = work / "window-calib"
    # The window never exits by itself: time how long it takes to finish the import.
    proc = subprocess.Popen([str(READER_APP), "--library", str(calib), *map(str, corpus.files)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    t0 = time.perf_counter()
    done_at = 300.0
    while time.perf_counter() - t0 < 300:
        audit = audit_store(calib)
        if audit.stored >= corpus.expected and audit.unindexed == 0:
            done_at = time.perf_counter() - t0
            break
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reap_session(proc.pid)
    print(f"  calibration: window imported {corpus.expected} articles in {done_at:.1f} s",
          flush=True)
    for trial in range(count):
        lib_dir = work / f"kill-window-{trial:02d}"
        killed = kill_at(["--library", lib_dir, *corpus.files], env,
                         rnd.uniform(0.3, 1.0) * done_at)
        after_kill(row, killed, lib_dir, corpus, env, ["import", *corpus.files], True)
        shutil.rmtree(lib_dir, ignore_errors=True)
        print(f"  window kill {trial + 1}/{count} at {killed.at:.1f} s", flush=True)
    return row

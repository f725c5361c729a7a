"""What the fault trials (bench/fault_trials.py) share: running ``reader-app`` in its own
session and finding what it leaves running, numbered corpora, and looking at a library
from outside (the store read-only, the index through the library's own API).

Every article of a trial corpus starts with the word ``ftb<n>`` and ends with ``fte<n>``:
an article missing one of them was cut in half, a number seen twice was imported twice.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.common import DATA, REPO, read_jsonl

READER_APP = Path(sys.executable).parent / "reader-app"
GONE_WITHIN = 5.0  # seconds a child may take to follow its killed parent
MARK = re.compile(r"\bftb(\d+)\b|\bfte(\d+)\b")
BAD_WORDS = ("Traceback", "LockError", "FileNotFoundError")


# -- processes ------------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    code: int
    seconds: float
    stdout: str
    stderr: str
    name: str = ""

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


def reader_app(*args: object, env: dict[str, str], timeout: float = 300) -> Run:
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


def kill_at(args: Sequence[object], env: dict[str, str], delay: float) -> Killed:
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
    numbers: set[int]  # the articles' numbers (ftb<n> ... fte<n>)

    @property
    def expected(self) -> int:
        return len(self.numbers)

    @classmethod
    def of(cls, files: Sequence[Path]) -> Corpus:
        numbers: set[int] = set()
        for path in files:
            numbers.update(int(m[0]) for m in MARK.findall(path.read_text(encoding="utf-8"))
                           if m[0])
        return cls(list(files), numbers)


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
            body = (f"---\ntitle: Article {n}\ndate: 2025-07-{day:02d}\n---\n\n"
                    f"ftb{n} {text} fte{n}\n")
        else:
            half = len(text) // 2
            body = (f"<html><head><meta charset='utf-8'><title>Article {n}</title></head>"
                    f"<body><article><h1>Article {n}</h1><p>ftb{n} {text[:half]}</p>"
                    f"<p>{text[half:]} fte{n}</p></article></body></html>")
        path.write_text(body, encoding="utf-8")
        files.append(path)
        n += 1
    return Corpus(files, set(range(first, n)))


# -- looking at a library -------------------------------------------------------------


@dataclass(slots=True)
class Audit:
    stored: int = 0
    lost: int = 0
    halved: int = 0
    doubled: int = 0
    unmarked: int = 0
    unindexed: int = 0
    no_entities: int = 0  # articles whose entities are not extracted yet


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
        for title, text, indexed, done in conn.execute(
                "SELECT title, text, indexed, entities_done FROM articles"):
            audit.stored += 1
            audit.unindexed += indexed == 0
            audit.no_entities += done == 0
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


def _entity_gaps(lib: object, names: dict[int, list[str]]) -> int:
    """Compare each indexed document's entity names with the store's (the index's own
    column of names, read the way its code reads it)."""
    from index.search.schema import split_list

    gaps = 0
    with lib.index._reading() as (_searcher, table):  # type: ignore[attr-defined]
        aids, ents = table.column("aid"), table.column("ents")
        for docnum in table.live_docs():
            raw = ents[docnum]
            found = split_list(raw.encode("utf-8") if isinstance(raw, str) else raw)
            gaps += set(found) != set(names.get(int(aids[docnum]), ()))
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


def note_file(work: Path, number: int) -> Path:
    """One short numbered article in a seed-format text file."""
    path = work / f"note-{number}.txt"
    path.write_text(f" date 2025-08-02 ftb{number} Une note après la reprise. fte{number}\n",
                    encoding="utf-8")
    return path

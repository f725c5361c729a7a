"""No orphans: every child process ends with its parent, and closing ends it at once.

The kill tests run the real command line (``python -m reader_app import``, spawn start
method) on enough files for a parse pool (>= POOL_THRESHOLD sources) and an index batch
big enough for Whoosh's sub-writers (>= BULK_ARTICLES articles), find its children by
the names they give themselves, SIGKILL it and watch them go.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from whoosh import index as windex
from whoosh.fields import ID, TEXT, Schema

from index import Library
from index.entity_worker import ExtractionStopped, ProcessExtractor
from index.library import BULK_ARTICLES, STORE_FILE
from index.parse_pool import POOL_THRESHOLD
from index.search.subwriters import GuardedMpWriter

REPO = Path(__file__).resolve().parents[2]
GONE_WITHIN = 5.0  # seconds: the watchdog polls twice a second, PR_SET_PDEATHSIG is at once
WORDS = ("Niamey Bamako Ouagadougou sécurité alliance coopération frontière ministre "
         "armée accord sommet budget élection réforme").split()
# Written for these tests: entity-rich French and English sentences.
SENTENCES = (
    "Le ministre malien de la Défense, Sadio Camara, a reçu mercredi à Bamako une délégation "
    "de l'Alliance des États du Sahel venue préparer le sommet avec le Niger. ",
    "Aminata Diop, who leads a fishing cooperative in Dakar, met officials of the Senegalese "
    "fisheries ministry and the World Bank on Tuesday. ",
)


def _feeds(folder: Path, files: int, per_file: int) -> list[Path]:
    """Small JSON-lines feeds: each file one source, each line one short article."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for f in range(files):
        path = folder / f"feed-{f:02d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i in range(per_file):
                n = f * per_file + i
                text = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(30))
                out.write(json.dumps({"title": f"Dépêche {n}", "text": f"{text} numéro{n}.",
                                      "date": "2025-08-01"}, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def _entity_articles(folder: Path, lengths: list[int]) -> list[Path]:
    """Text articles of these many sentences each, in this (import) order: long ones
    keep spaCy busy for seconds per batch."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, sentences in enumerate(lengths):
        body = "".join(SENTENCES[(n + k) % 2] for k in range(sentences))
        path = folder / f"article-{n:03d}.txt"
        path.write_text(f" date 2025-08-{1 + n % 28:02d} {body}Dépêche {n}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def _entities_done(store: Path) -> int:
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=0.1) as conn:
            return int(conn.execute(
                "SELECT count(*) FROM articles WHERE entities_done = 1").fetchone()[0])
    except sqlite3.Error:  # not created yet, or busy
        return 0


def _reader_app(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "reader_app", *args], cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _kill_when(proc: subprocess.Popen[bytes], processes, wanted: Callable[[set[str]], bool],
               timeout: float = 120.0):
    """SIGKILL ``proc`` as soon as the names of its live descendants satisfy ``wanted``;
    returns those descendants as they were at the kill."""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            family = processes.descendants(proc.pid)
            if wanted({c.name for c in family}):
                proc.send_signal(signal.SIGKILL)
                return family
            time.sleep(0.005)
        pytest.fail(f"{proc.args[3]} ended or took too long before starting its children")
    finally:
        proc.kill()
        proc.wait()


def _assert_gone(processes, family) -> None:
    """All of ``family`` ends within GONE_WITHIN; on failure they are killed, so that a
    failing run leaves no orphans behind either."""
    left = processes.wait_gone(family, GONE_WITHIN)
    for child in left:
        os.kill(child.pid, signal.SIGKILL)
    assert not left, "left running: " + "; ".join(c.describe() for c in left)


def test_killed_import_takes_its_parse_workers_and_sub_writers_along(tmp_path, processes):
    # 120 sources >= POOL_THRESHOLD, 12,000 articles: parsing still runs when the first
    # index batch (a second of parsing, far more than BULK_ARTICLES) has its sub-writers.
    assert POOL_THRESHOLD <= 120 and BULK_ARTICLES <= 1000
    paths = _feeds(tmp_path / "in", files=120, per_file=100)
    proc = _reader_app("import", "--no-entities", "--library", str(tmp_path / "lib"),
                       *map(str, paths))
    family = _kill_when(proc, processes,
                        lambda names: {"veille-parse", "veille-subwrite"} <= names)
    assert {c.name for c in family} >= {"veille-parse", "veille-subwrite"}
    _assert_gone(processes, family)


def test_killed_import_takes_the_entity_process_along(tmp_path, processes):
    # The command line's batches hold 48 articles: a first batch of short ones, then one
    # of long ones that keeps the child busy for longer than GONE_WITHIN, so that only
    # its own watch on the parent can end it that soon.
    paths = _entity_articles(tmp_path / "in", [1] * 48 + [80] * 48)
    lib_dir = tmp_path / "lib"
    proc = _reader_app("import", "--library", str(lib_dir), *map(str, paths))

    def extracting(names: set[str]) -> bool:
        # The first batch is saved: the child has just begun the next one.
        return "veille-entities" in names and _entities_done(lib_dir / STORE_FILE) > 0

    family = _kill_when(proc, processes, extracting, timeout=300)
    assert "veille-entities" in {c.name for c in family}
    _assert_gone(processes, family)


def test_library_close_kills_the_entity_process_mid_batch(tmp_path, processes):
    lib = Library.open(tmp_path / "lib")  # no extractor given: a ProcessExtractor child
    closed = False
    try:
        # Batches of 6: short articles, then long ones (seconds of work, longer than
        # close may take).
        lib.import_paths(_entity_articles(tmp_path / "in", [1] * 6 + [300] * 6))
        assert lib.pending_entities() == 12
        outcome: list[BaseException | int] = []

        def extract() -> None:
            try:
                outcome.append(lib.extract_pending(batch_size=6))
            except BaseException as exc:
                outcome.append(exc)

        worker = threading.Thread(target=extract)
        worker.start()
        deadline = time.monotonic() + 120
        while lib.pending_entities() == 12 and worker.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)  # the first batch saved: the child now works on the next
        extractor = lib.extractor
        assert isinstance(extractor, ProcessExtractor)
        child = [c for c in processes.children(os.getpid()) if c.pid == extractor.pid]
        assert child and child[0].name == "veille-entities"
        started = time.monotonic()
        lib.close()
        closed = True
        assert time.monotonic() - started < 2.0, "close waited for the batch to finish"
        assert not processes.wait_gone(child, 2.0), "the entity process outlived close()"
        worker.join(10)
        assert not worker.is_alive()
        # Closing is a normal stop: extract_pending returns what it had saved.
        assert outcome == [6], outcome
    finally:
        if not closed:
            lib.close()
    with Library.open(tmp_path / "lib") as again:
        assert 0 < again.pending_entities() < 12  # stopped mid-way, nothing half-saved


def test_the_entity_process_outlives_the_thread_that_started_it(processes):
    """Linux's parent-death signal follows the starting *thread*: the window's worker
    threads come and go, the spaCy child must stay loaded."""
    extractor = ProcessExtractor()
    try:
        batches = []
        starter = threading.Thread(  # a whole extraction job, then the thread ends
            target=lambda: batches.append(extractor.extract_batch([("Sadio Camara.", "fr")])))
        starter.start()
        starter.join(120)
        assert batches
        pid = extractor.pid
        assert pid is not None
        time.sleep(1.0)
        assert processes.process(pid) is not None, "the child died with the thread"
        extractor.extract_batch([("Niamey", "fr")])
        assert extractor.pid == pid
    finally:
        extractor.close()


def test_a_killed_or_stopped_entity_process_fails_its_batches_in_one_sentence(processes):
    """Killed (out of memory, a person) or stopped (window closed): the pending batches
    fail with ExtractionStopped, the next one starts a new child; closed: refused."""
    extractor = ProcessExtractor()
    big = [("Sadio Camara est à Bamako.", "fr")] * 400
    try:
        future = extractor.submit(big)
        deadline = time.monotonic() + 30
        while extractor.pid is None and time.monotonic() < deadline:
            time.sleep(0.01)
        first = extractor.pid
        assert first is not None
        os.kill(first, signal.SIGKILL)
        with pytest.raises(ExtractionStopped, match="ended unexpectedly"):
            future.result(timeout=10)
        mentions = extractor.extract_batch([("Sadio Camara est à Bamako.", "fr")])
        assert any(m.text == "Bamako" for m in mentions[0])
        second = extractor.pid
        assert second not in (None, first)
        future = extractor.submit(big)
        extractor.stop()
        with pytest.raises(ExtractionStopped, match="was stopped"):
            future.result(timeout=5)
        assert extractor.pid is None and processes.process(second) is None
    finally:
        extractor.close()
    with pytest.raises(ExtractionStopped, match="library was closed"):
        extractor.submit([("Niamey", "fr")])


ORPHAN_SCRIPT = """
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from index import child_process

def watchdog_only(parent_pid):
    child_process._kill_me_with_parent = lambda: None  # as on macOS: no PR_SET_PDEATHSIG
    child_process.child_started(parent_pid, "veille-test")

if __name__ == "__main__":
    setup = watchdog_only if sys.argv[1] == "watchdog" else child_process.child_started
    args = (os.getpid(),) if sys.argv[1] == "watchdog" else (os.getpid(), "veille-test")
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=setup, initargs=args)
    if sys.argv[1] == "watchdog":
        pool.submit(time.sleep, 0).result()  # the worker is set up, its parent alive
    pool.submit(time.sleep, 60)
    print(*[p.pid for p in multiprocessing.active_children()], flush=True)
    os._exit(0)  # "early": before the worker has even imported the standard library
"""


@pytest.mark.parametrize("when", ["early", "watchdog"])
def test_an_orphaned_child_exits_without_the_parent_death_signal(tmp_path, processes, when):
    """What PR_SET_PDEATHSIG cannot cover: a parent gone before the child's prctl ran
    ("early"), and systems without it (macOS): the parent watch alone ("watchdog")."""
    script = tmp_path / "orphan.py"
    script.write_text(ORPHAN_SCRIPT, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), when], cwd=REPO,
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert proc.stdout is not None
        pids = [int(p) for p in proc.stdout.readline().split()]  # not to EOF: the orphan
        assert pids                                               # holds our pipe too
    finally:
        proc.wait(30)
        proc.stdout.close()  # type: ignore[union-attr]
    _assert_gone(processes, [c for c in map(processes.process, pids) if c is not None])


def test_cancelling_a_multi_process_write_stops_its_idle_sub_writers(tmp_path, processes):
    """Whoosh's own cancel left sub-writers that had finished their jobs waiting for
    more for ever (and an interpreter exit waiting for them)."""
    ix = windex.create_in(str(tmp_path), Schema(id=ID(stored=True), body=TEXT))
    before = {c.key for c in processes.children(os.getpid())}
    writer = GuardedMpWriter(ix, procs=2, batchsize=10)
    for n in range(30):  # three job files: both sub-writers start
        writer.add_document(id=str(n), body=f"alliance sécurité numéro{n}")
    started = [c for c in processes.children(os.getpid()) if c.key not in before
               and "resource_tracker" not in c.cmdline]
    assert len(started) == 2
    deadline = time.monotonic() + 30
    while list(tmp_path.rglob("*.doclist")) and time.monotonic() < deadline:
        time.sleep(0.02)  # each job file is deleted once a sub-writer has read it
    time.sleep(0.2)  # both now wait for the next job
    writer.cancel()
    assert not processes.wait_gone(started, 2.0), "sub-writers outlived the cancel"
    ix.close()


LEAKY_TESTS = """
import subprocess

def test_leaves_a_child_running():
    subprocess.Popen(["sleep", "30"])

def test_waits_for_its_child():
    subprocess.run(["sleep", "0.1"], check=True)
"""


def test_a_test_that_leaves_a_child_running_fails(pytester, monkeypatch):
    """The autouse guard of tests/conftest.py, run on a session of its own."""
    pytester.makeconftest((REPO / "tests" / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_leaky=LEAKY_TESTS)
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines([
        "*test_leaves_a_child_running*",
        "*the test left 1 child process(es) running after 5 s:*",
        "*[[]sleep[]] sleep 30*",
    ])

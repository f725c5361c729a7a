"""One writer, many readers, across processes: the command line and windows take turns."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from index import Library

REPO = Path(__file__).resolve().parents[2]
WORDS = ("Niamey Bamako Ouagadougou sécurité alliance coopération frontière ministre "
         "armée accord sommet budget élection réforme").split()


def _feed(path: Path, tag: str, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            text = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(40))
            out.write(json.dumps({"title": f"{tag} {n}", "text": f"{text} {tag}{n}.",
                                  "date": "2025-08-01"}, ensure_ascii=False) + "\n")
    return path


def _cli(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "reader_app", *args], cwd=REPO, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)}, **kwargs,  # type: ignore[arg-type]
    )


def test_two_imports_at_once_both_land(tmp_path: Path) -> None:
    lib_dir = tmp_path / "lib"
    feeds = [[_feed(tmp_path / f"{t}{i}.jsonl", f"{t}{i}x", 150) for i in range(4)]
             for t in ("ab", "cd")]
    procs = [_cli("import", "--no-entities", "--library", str(lib_dir), *map(str, f))
             for f in feeds]
    outputs = [p.communicate(timeout=180) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "LockError" not in err
    with Library.open(lib_dir) as lib:
        assert lib.article_count() == 1200
        assert lib.needs_upkeep() == []
        assert lib.search("alliance", limit=1).total == 1200


def test_search_during_an_import_never_fails_nor_writes(tmp_path: Path) -> None:
    lib_dir = tmp_path / "lib"
    Library.open(lib_dir).close()
    feeds = [_feed(tmp_path / f"f{i}.jsonl", f"lot{i}", 400) for i in range(6)]
    importer = _cli("import", "--no-entities", "--library", str(lib_dir), *map(str, feeds))
    seen: list[int] = []
    reader = Library.open(lib_dir)
    try:
        generation = reader.generation()
        while importer.poll() is None:
            reader.refresh()
            seen.append(reader.search("alliance", limit=1).total)  # never raises
            time.sleep(0.05)
        assert reader.generation() >= generation  # a reader only reads it
        _out, err = importer.communicate()
        assert importer.returncode == 0, err
        reader.refresh()
        assert reader.search("alliance", limit=1).total == 2400
    finally:
        reader.close()
    assert seen == sorted(seen), "a reader never sees articles disappear"


def test_reader_sees_another_process_write_within_a_poll(tmp_path: Path) -> None:
    lib_dir = tmp_path / "lib"
    reader = Library.open(lib_dir)
    try:
        assert not reader.refresh()
        note = tmp_path / "note.txt"
        note.write_text("Les ministres zanzibariens se sont réunis à Niamey.", encoding="utf-8")
        proc = _cli("import", "--no-entities", "--library", str(lib_dir), str(note))
        proc.communicate(timeout=60)
        assert reader.refresh()
        assert reader.search("zanzibariens").total == 1
        assert not reader.refresh()
    finally:
        reader.close()


def test_second_writer_waits_its_turn_and_says_so(tmp_path: Path) -> None:
    lib_dir = tmp_path / "lib"
    note = tmp_path / "note.txt"
    note.write_text("Un accord est signé à Bamako.", encoding="utf-8")
    holder = Library.open(lib_dir)
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with holder.writing("an import in a window"):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    try:
        proc = _cli("import", "--no-entities", "--library", str(lib_dir), str(note))
        time.sleep(1.5)
        assert proc.poll() is None, "the second writer must wait, not fail"
        release.set()
        _out, err = proc.communicate(timeout=60)
    finally:
        release.set()
        thread.join()
    assert proc.returncode == 0, err
    assert "Waiting for an import in a window in another Veille process" in err
    holder.refresh()
    assert holder.search("bamako").total == 1
    holder.close()


_OPEN = ("import sys, time; from index import Library; "
         "time.sleep(max(0.0, float(sys.argv[2]) - time.time())); "
         "Library.open(sys.argv[1]).close()")


def test_processes_creating_one_library_at_once_all_open_it(tmp_path: Path) -> None:
    """SQLite answers "database is locked" at once, not after its busy timeout, when two
    connections switch a new store to WAL together: the open must wait its turn."""
    for round_ in range(2):
        lib_dir, start = tmp_path / f"lib{round_}", str(time.time() + 2.0)  # all at once
        procs = [subprocess.Popen([sys.executable, "-c", _OPEN, str(lib_dir), start], cwd=REPO,
                                  stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "PYTHONPATH": str(REPO)})
                 for _ in range(6)]
        errors = [p.communicate(timeout=120)[1] for p in procs]
        assert [p.returncode for p in procs] == [0] * 6, errors

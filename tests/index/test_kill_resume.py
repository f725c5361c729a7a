"""An import killed mid-batch leaves whole articles only, and can simply be run again."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from index import Library

REPO = Path(__file__).resolve().parents[2]

WORDS = ("Niamey Bamako Ouagadougou sécurité alliance coopération frontière ministre "
         "armée accord sommet budget élection réforme").split()


def _write_feed(folder: Path, files: int, per_file: int) -> list[Path]:
    paths = []
    for f in range(files):
        path = folder / f"batch-{f:02d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(per_file):
                n = f * per_file + i
                text = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(60))
                fh.write(json.dumps({"title": f"Dépêche {n}", "text": f"{text} numéro{n}.",
                                     "date": "2025-08-01"}, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def _committed(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=0.1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_kill_during_import_then_resume(tmp_path: Path) -> None:
    paths = _write_feed(tmp_path, files=60, per_file=100)
    lib_dir = tmp_path / "lib"
    script = (
        "import sys; from index import Library\n"
        "lib = Library.open(sys.argv[1])\n"
        "lib.import_paths(sys.argv[2:])\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(lib_dir), *map(str, paths)],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    store = lib_dir / "library.sqlite3"
    deadline = time.monotonic() + 120
    # Kill as soon as the first batch is committed to the store (before the end).
    while time.monotonic() < deadline and proc.poll() is None:
        if _committed(store):
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    with Library.open(lib_dir) as lib:
        lib.upkeep()  # what the window does in the background, and every writer first
        assert lib.needs_upkeep() == []
        stored = lib.article_count()
        assert 0 < stored < 6000, "the kill came too early or too late to test anything"
        # Every article in the store is searchable (each holds "alliance"): none is half in.
        assert lib.search("alliance", limit=1).total == stored
        report = lib.import_paths(paths)
        assert lib.article_count() == 6000
        assert lib.search("alliance", limit=1).total == 6000
        assert report.count("failed") == 0

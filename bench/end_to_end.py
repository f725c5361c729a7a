"""Issue #2 figures: import until searchable, entity extraction, search latency, launch.

Data: the 80 French Wikinews articles and the 1,800 BBC articles of ../shared/data,
written to JSON Lines files in a temporary folder and imported through the real
Library (the same path as a drop on the window). Baseline in the same run: SQLite FTS5
(porter, unicode61, diacritics removed) indexing and querying the same articles.

Run: .venv/bin/python bench/end_to_end.py
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    REPO,
    Fts5Baseline,
    Timer,
    machine,
    read_jsonl,
    require_data,
    summary_ms,
)
from index import Library

WORD = re.compile(r"[^\W\d_]{5,}")


def write_corpus(folder: Path) -> tuple[list[Path], list[dict[str, object]]]:
    data = require_data()
    rows_fr = list(read_jsonl(data / "news-fr" / "wikinews-fr.jsonl.gz"))
    rows_en = list(read_jsonl(data / "news-en" / "bbc.jsonl.gz"))
    paths = []
    for name, rows in (("wikinews-fr.jsonl", rows_fr), ("bbc.jsonl", rows_en)):
        path = folder / name
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths, rows_fr + rows_en


def make_queries(rows: list[dict[str, object]], n: int = 100) -> list[str]:
    rng = random.Random(20261130)
    queries = []
    for row in rng.sample(rows, n):
        words = WORD.findall(str(row["text"]))
        queries.append(" ".join(rng.sample(words, min(2, len(words)))) if words else "news")
    return queries


def launch_seconds(library: Path) -> float:
    script = (
        "import time; t0=time.perf_counter();"
        "from PySide6.QtWidgets import QApplication;"
        "from index import Library;"
        "from reader_app.main_window import MainWindow;"
        "app=QApplication([]);"
        f"lib=Library.open({str(library)!r});"
        "w=MainWindow(lib); w.show(); app.processEvents();"
        "print(time.perf_counter()-t0); w.close(); lib.close()"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=REPO,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths, rows = write_corpus(folder)
        n = len(rows)
        words = sum(len(str(r["text"]).split()) for r in rows)
        print(f"data: {n} articles ({words} words): 80 Wikinews fr + 1,800 BBC en")
        lib = Library.open(folder / "lib")
        with Timer() as t_import:
            report = lib.import_paths(paths)
        print(f"import until searchable: {t_import.seconds:.2f} s, "
              f"{len(report.article_ids) / t_import.seconds:.0f} articles/s "
              f"({report.summary()})")
        fts = Fts5Baseline(folder / "fts.sqlite3")
        with Timer() as t_fts:
            fts.add([(str(r["title"]), str(r["text"])) for r in rows])
        print(f"baseline FTS5 indexing: {t_fts.seconds:.2f} s, {n / t_fts.seconds:.0f} articles/s;"
              f" ratio Veille/FTS5 time {t_import.seconds / t_fts.seconds:.1f}x")
        queries = make_queries(rows)
        lib.search(queries[0])  # warm the searcher once, as the open window has
        ours, theirs = [], []
        for q in queries:
            with Timer() as t:
                lib.search(q, limit=20)
            ours.append(t.seconds)
            with Timer() as t:
                fts.search(q)
            theirs.append(t.seconds)
        print(f"search, 100 two-word queries, 20 snippets: Veille {summary_ms(ours)}")
        print(f"                                            FTS5   {summary_ms(theirs)}")
        with Timer() as t_ent:
            done = lib.extract_pending()
        print(f"entity extraction: {done} articles, {t_ent.seconds:.1f} s, "
              f"{words / t_ent.seconds:.0f} words/s (one worker process, model load included)")
        lib.close()
        runs = [launch_seconds(folder / "lib") for _ in range(3)]
        print(f"launch to interactive window ({n} articles): "
              f"median {sorted(runs)[1]:.2f} s over 3 runs (Python start and imports included)")


if __name__ == "__main__":
    main()

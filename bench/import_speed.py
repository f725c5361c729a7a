"""Issue #3 figures: articles per second from drop to searchable, peak memory.

Data (../shared/data): 10,000 JSON Lines articles (Reuters-21578 then BBC, as shipped),
1,000 plain-text files in the seed format (BBC and Wikinews texts), and the 40 saved
HTML pages of html-articles. Each set is imported into a fresh library through
``Library.import_paths`` with entity extraction deferred (as the window does), then
the same articles go into SQLite FTS5 in the same run as the baseline.

Run: .venv/bin/python bench/import_speed.py [--quick]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import multiprocessing

from bench.common import Fts5Baseline, Timer, machine, read_jsonl, require_data
from index import Library


def jsonl_corpus(folder: Path, n: int) -> tuple[list[Path], list[tuple[str, str]]]:
    data = require_data()
    rows = []
    for name in ("reuters21578.jsonl.gz", "bbc.jsonl.gz"):
        for row in read_jsonl(data / "news-en" / name):
            rows.append(row)
            if len(rows) == n:
                break
        if len(rows) == n:
            break
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return [path], [(str(r["title"]), str(r["text"])) for r in rows]


def text_corpus(folder: Path, n: int) -> tuple[list[Path], list[tuple[str, str]]]:
    data = require_data()
    rows = list(read_jsonl(data / "news-fr" / "wikinews-fr.jsonl.gz"))
    rows += list(read_jsonl(data / "news-en" / "bbc.jsonl.gz"))
    out = folder / "texts"
    out.mkdir()
    docs = []
    for i, row in enumerate(rows[:n]):
        date = row.get("date") or "2005-01-01"
        (out / f"{i:05d}.txt").write_text(f" date {date} {row['text']}", encoding="utf-8")
        docs.append((str(row["title"]), str(row["text"])))
    return [out], docs


def html_corpus(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    src = require_data() / "html-articles" / "html"
    out = folder / "html"
    out.mkdir()
    for gz in sorted(src.glob("*.html.gz")):
        (out / gz.name.removesuffix(".gz")).write_bytes(gzip.decompress(gz.read_bytes()))
    return [out], []


def measure(name: str, folder: Path, paths: list[Path], docs: list[tuple[str, str]]) -> None:
    lib_dir = folder / f"lib-{name}"
    lib = Library.open(lib_dir)
    with Timer() as t:
        report = lib.import_paths(paths)
    n = len(report.article_ids)
    lib.close()
    line = f"{name}: {n} articles in {t.seconds:.1f} s = {n / t.seconds:.0f} articles/s"
    if docs:
        fts = Fts5Baseline(folder / f"fts-{name}.sqlite3")
        with Timer() as tf:
            fts.add(docs)
        line += (f"; FTS5 {len(docs) / tf.seconds:.0f} articles/s "
                 f"(Veille takes {t.seconds / tf.seconds:.1f}x FTS5's time)")
    print(line + f"  [{report.summary()}]")
    shutil.rmtree(lib_dir)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="2,000 JSONL articles, 200 files")
    args = parser.parse_args()
    multiprocessing.set_start_method("spawn")  # as reader-app does
    n_jsonl, n_text = (2000, 200) if args.quick else (10_000, 1000)
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure("jsonl", folder, *jsonl_corpus(folder, n_jsonl))
        measure("text-files", folder, *text_corpus(folder, n_text))
        measure("html-pages", folder, *html_corpus(folder))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the importing process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()

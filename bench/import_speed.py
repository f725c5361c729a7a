"""Issue #3 figures, measured end to end: articles per second from files to searchable.

Data (../shared/data): 10,000 JSON Lines articles (Reuters-21578 then BBC, as shipped),
1,000 plain-text files in the seed format (BBC and Wikinews texts), and the 40 saved
HTML pages of html-articles. Each set is imported into a fresh library by
``reader-app import --no-entities`` (entity extraction deferred, as the window does),
and the same files go into SQLite FTS5 by ``bench/fts5_peer.py``. Both are fresh
processes timed from outside (``run_process``: the clock starts before the process,
so interpreter start and imports count on both sides) and both read and parse the files
(until issue 12, FTS5 was timed after parsing and Veille without process start).
Rounds alternate the engines; medians are printed, with CPU (process and children, so
Veille's parse pool and index writers count) and peak RSS.

Run: .venv/bin/python bench/import_speed.py [--quick] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    REPO,
    ProcessRun,
    code_version,
    machine,
    read_jsonl,
    reader_app_command,
    require_data,
    run_process,
    tree_env,
)

FTS5 = Path(__file__).resolve().parent / "fts5_peer.py"


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


def veille_import(paths: list[Path], library: Path, tree: Path) -> tuple[ProcessRun, int]:
    shutil.rmtree(library, ignore_errors=True)
    cmd = [*reader_app_command(), "import", *map(str, paths), "--no-entities", "--json",
           "--library", str(library)]
    run = run_process(cmd, env=tree_env(tree), cwd=tree)
    if run.code not in (0, 1):  # 1: some input failed (named in the report), still measured
        raise SystemExit(f"reader-app import failed ({run.code}): {run.stderr[-500:]}")
    report = json.loads(run.stdout)
    return run, sum(len(f["article_ids"]) for f in report["files"])


def fts5_import(kind: str, paths: list[Path], db: Path) -> tuple[ProcessRun, int]:
    db.unlink(missing_ok=True)
    cmd = [sys.executable, str(FTS5), "import" if kind == "jsonl" else "import-text", str(db),
           *map(str, paths)]
    run = run_process(cmd)
    if run.code != 0:
        raise SystemExit(f"FTS5 import failed ({run.code}): {run.stderr[-500:]}")
    return run, int(run.stdout.split()[-1])


def measure(name: str, folder: Path, paths: list[Path], fts_kind: str | None,
            repeat: int, tree: Path) -> None:
    ours: list[ProcessRun] = []
    theirs: list[ProcessRun] = []
    n = n_fts = 0
    for r in range(repeat):
        order = ("veille", "fts5") if r % 2 == 0 else ("fts5", "veille")
        for engine in order:
            if engine == "veille":
                run, n = veille_import(paths, folder / f"lib-{name}", tree)
                ours.append(run)
            elif fts_kind is not None:
                run, n_fts = fts5_import(fts_kind, paths, folder / f"fts-{name}.sqlite3")
                theirs.append(run)
    wall, cpu = _med(ours, "wall"), _med(ours, "cpu")
    line = (f"{name}: Veille {n} articles, wall {wall:.1f} s = {n / wall:.0f} articles/s, "
            f"CPU {cpu:.1f} s, peak RSS {_med(ours, 'max_rss_mib'):.0f} MiB")
    if theirs:
        f_wall, f_cpu = _med(theirs, "wall"), _med(theirs, "cpu")
        line += (f"; FTS5 {n_fts} articles, wall {f_wall:.2f} s = {n_fts / f_wall:.0f}/s, "
                 f"CPU {f_cpu:.2f} s; Veille / FTS5: wall x{wall / f_wall:.1f}, "
                 f"CPU x{cpu / f_cpu:.1f}")
    walls = ", ".join(f"{r.wall:.1f}" for r in ours)
    print(f"{line}  (median of {len(ours)}; Veille walls {walls} s)", flush=True)


def _med(runs: list[ProcessRun], key: str) -> float:
    return float(statistics.median(float(getattr(r, key)) for r in runs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="2,000 JSONL articles, 200 files")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n_jsonl, n_text = (2000, 200) if args.quick else (10_000, 1000)
    print(f"machine: {machine()}")
    print(f"code: {code_version('index', 'reader_app', tree=REPO)}")
    print("each figure: a fresh process timed from outside, interpreter start, imports and "
          "file parsing included on both sides")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure("jsonl", folder, jsonl_corpus(folder, n_jsonl)[0], "jsonl", args.repeat,
                REPO)
        measure("text-files", folder, text_corpus(folder, n_text)[0], "text", args.repeat,
                REPO)
        measure("html-pages", folder, html_corpus(folder)[0], None, args.repeat, REPO)


if __name__ == "__main__":
    main()

"""How close can any Whoosh index come to SQLite FTS5's import CPU? (issue 12, point 5)

The issue asks for an import at most 15 times FTS5's CPU, file parsing included on both
sides. This benchmark measures the floor a Whoosh-based importer cannot go under: a bare
Whoosh index of the same JSON Lines files, with Whoosh's own ``StandardAnalyzer`` (a C
regex and lower-casing, no French rules, no lemmas, no accent folding, no entity or
story work, no store), written by one ``SegmentWriter`` in one commit. Two variants:
with positions (phrase search, which the issue requires) and without (terms only).
Beside them, the same files imported by FTS5 (``bench/fts5_peer.py import``) and by
Veille (``reader-app import --no-entities``). Every engine is a fresh process timed from
before its start (``run_process``: CPU of the process and its children), rounds
alternate the engines, medians are printed.

Data: the 10,000-article corpus of ``bench/scale_corpus.py`` (the one-run table's), as
one JSON Lines file.

Run: .venv/bin/python bench/whoosh_floor.py [--size 10000] [--repeat 3]
     .venv/bin/python bench/whoosh_floor.py index DIR FILE.jsonl [--no-positions]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HERE = Path(__file__).resolve()


def bare_whoosh_index(folder: str, path: str, positions: bool) -> int:
    """The least a Whoosh importer does: parse each line, analyse, write one segment."""
    from whoosh import fields, index
    from whoosh.analysis import StandardAnalyzer

    analyzer = StandardAnalyzer()
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=False),
        title=fields.TEXT(analyzer=analyzer, phrase=positions),
        text=fields.TEXT(analyzer=analyzer, phrase=positions),
        source=fields.KEYWORD(lowercase=True),
        lang=fields.ID,
    )
    Path(folder).mkdir(parents=True, exist_ok=True)
    ix = index.create_in(folder, schema)
    writer = ix.writer()
    count = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            writer.add_document(id=str(row.get("id", count)), title=str(row.get("title") or ""),
                                text=str(row.get("text") or ""),
                                source=str(row.get("source") or ""),
                                lang=str(row.get("lang") or ""))
            count += 1
    writer.commit()
    return count


def main() -> None:
    if len(sys.argv) >= 2 and sys.argv[1] == "index":
        print(bare_whoosh_index(sys.argv[2], sys.argv[3], "--no-positions" not in sys.argv))
        return
    from bench import peer_measures as pm
    from bench.common import REPO, code_version, machine, reader_app_command, run_process
    from bench.scale_corpus import describe, load_corpus

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rows = load_corpus(args.size)
    print(f"Machine: {machine()}")
    print(f"Code: {code_version('index', 'reader_app', tree=REPO)}")
    print(f"Data: {describe(args.size, rows)}")
    py = sys.executable
    cpu: dict[str, list[float]] = {}
    wall: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="whoosh-floor-") as tmp:
        work = Path(tmp)
        jsonl = pm.write_jsonl(rows, work / "jsonl", chunk=len(rows))[0]
        commands: dict[str, Callable[[Path], list[str]]] = {
            "FTS5": lambda out: [py, str(HERE.parent / "fts5_peer.py"), "import",
                                 str(out / "fts5.sqlite3"), str(jsonl)],
            "Whoosh, no positions": lambda out: [py, str(HERE), "index", str(out / "w"),
                                                 str(jsonl), "--no-positions"],
            "Whoosh, positions": lambda out: [py, str(HERE), "index", str(out / "w"),
                                              str(jsonl)],
            "Veille": lambda out: [*reader_app_command(), "--library", str(out / "lib"),
                                   "import", "--no-entities", str(jsonl)],
        }
        for round_ in range(args.repeat):
            for name, command in commands.items():
                out = work / f"run-{round_}-{len(cpu.get(name, []))}"
                out.mkdir()
                run = run_process(command(out))
                if run.code != 0:
                    raise SystemExit(f"{name} failed ({run.code}): {run.stderr[-400:]}")
                cpu.setdefault(name, []).append(run.cpu)
                wall.setdefault(name, []).append(run.wall)
                shutil.rmtree(out, ignore_errors=True)
                print(f"  round {round_ + 1} {name}: CPU {run.cpu:.2f} s, wall {run.wall:.2f} s",
                      flush=True)
    base = statistics.median(cpu["FTS5"])
    print(f"\n{args.size:,} articles, medians of {args.repeat} rounds (target: 15 x FTS5's "
          f"CPU = {15 * base:.1f} s)")
    print("| importer | CPU, s | wall, s | CPU ÷ FTS5's |\n| --- | --- | --- | --- |")
    for name in commands:
        c = statistics.median(cpu[name])
        print(f"| {name} | {c:.2f} | {statistics.median(wall[name]):.2f} | x{c / base:.1f} |")


if __name__ == "__main__":
    main()

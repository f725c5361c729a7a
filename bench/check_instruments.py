"""Check that the benchmark instruments measure what their figures claim (issue 12).

Not a benchmark and not part of the test suite (it starts the window, Recoll and
several processes): a quick proof, on a few articles written here, that
1. ``run_process`` gives a small child's own peak RSS even when started by a large
   process (a plain ``wait4`` would report the parent's), and its wall time includes the
   interpreter's start;
2. the FTS5 peer's search is a search box's job: the exact count and at most 20 hits by
   rank, each with a highlighted snippet;
3. Recoll, FTS5 and Veille count the same articles for plain words, a phrase and a date
   range on these articles (so the three do the same job);
4. the launch probe's clock starts before the process: the window's first result comes
   after the interpreter started, both measured from outside.
Each check prints ok or FAILED; the exit code is the number of failures.

Run: .venv/bin/python bench/check_instruments.py [--no-recoll] [--no-window]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import recoll_peer
from bench.common import reader_app_command, run_process, tree_env
from bench.fts5_peer import fts5_search

BENCH = Path(__file__).resolve().parent
ARTICLES: list[dict[str, object]] = [
    {"title": "Le port de Brest attend la tempête", "date": "2024-02-03", "lang": "fr",
     "source": "Le Télégramme d'essai",
     "text": "La préfecture maritime annonce une tempête sur le port de Brest.\n"
             "Les pêcheurs rentrent au port avant la nuit."},
    {"title": "Tempête sur la Manche", "date": "2024-02-04", "lang": "fr", "source": "Essai",
     "text": "Une tempête traverse la Manche. Le trafic des ferries est suspendu."},
    {"title": "Harbour workers vote on a strike", "date": "2023-11-20", "lang": "en",
     "source": "Test Wire",
     "text": "Harbour workers in Brest voted on Monday. The union said the strike could "
             "start next week."},
    {"title": "Storm closes the harbour", "date": "2023-11-21", "lang": "en",
     "source": "Test Wire",
     "text": "A storm closed the harbour for two days. Ferries stayed in port."},
    {"title": "Marché du poisson", "date": "2022-06-01", "lang": "fr", "source": "Essai",
     "text": "Le marché du poisson ouvre tôt. Les prix du bar montent avec la tempête."},
]
QUERIES = [("tempête", "tempête", "tempête", None), ("harbour", "harbour", "harbour", None),
           ('"port de Brest"', '"port de Brest"', '"port de Brest"', None),
           ("date:2024-02 tempête", "tempête", "date:2024-02-01/2024-02-29 tempête",
            ("2024-02-01", "2024-02-29"))]


def report(name: str, ok: bool, detail: str) -> int:
    print(f"{'ok    ' if ok else 'FAILED'} {name}: {detail}")
    return 0 if ok else 1


def check_process_figures() -> int:
    ballast = bytearray(400 * 1024 * 1024)  # this process now holds 400 MiB
    ballast[::4096] = b"x" * len(ballast[::4096])
    bare = run_process([sys.executable, "-c", "pass"])
    sleeper = run_process([sys.executable, "-c", "import time; time.sleep(0.2)"])
    del ballast
    fails = report("child RSS is the child's", bare.max_rss_mib < 100,
                   f"python -c pass peak {bare.max_rss_mib:.0f} MiB while its parent held 400")
    return fails + report("wall time includes the interpreter's start", sleeper.wall >= 0.2 +
                          0.5 * bare.wall, f"sleep 0.2 s took {sleeper.wall:.3f} s from outside "
                          f"(a bare start {bare.wall:.3f} s)")


def check_fts5(folder: Path) -> tuple[int, Path]:
    db = folder / "fts5.sqlite3"
    jsonl = folder / "articles.jsonl"
    jsonl.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES),
                     encoding="utf-8")
    run = run_process([sys.executable, str(BENCH / "fts5_peer.py"), "import", str(db),
                       str(jsonl)])
    conn = sqlite3.connect(db)
    total, rows = fts5_search(conn, "port OR tempête OR harbour")
    plain = conn.execute("SELECT count(*) FROM docs WHERE docs MATCH ?",
                         ("port OR tempête OR harbour",)).fetchone()[0]
    conn.execute("INSERT INTO docs(rowid, title, text) SELECT rowid + 100, title, text FROM "
                 "docs")  # 10 articles match now: a limit of 3 must still count them all
    total_all, top3 = fts5_search(conn, "port OR tempête OR harbour", limit=3)
    conn.close()
    ok = (run.code == 0 and total == plain == len(rows) and total_all == 2 * plain
          and len(top3) == 3 and all("<mark>" in s for _, s in rows))
    return report("FTS5 job: exact count + first hits with snippets", ok,
                  f"{total} counted, {len(rows)} shown; after doubling {total_all} counted, "
                  f"{len(top3)} shown with limit 3"), db


def check_same_counts(folder: Path, db: Path, recoll: bool) -> int:
    library = folder / "library"
    run = run_process([*reader_app_command(), "import", str(folder / "articles.jsonl"),
                       "--no-entities", "--library", str(library)], env=tree_env())
    if run.code != 0:
        return report("Veille import", False, run.stderr[-300:])
    if recoll:
        html = recoll_peer.write_articles(ARTICLES, folder / "html")
        conf = recoll_peer.write_config(folder / "recoll", html)
        run_process(recoll_peer.index_command(conf))
    conn = sqlite3.connect(db)
    fails = 0
    for veille_q, fts_q, recoll_q, dates in QUERIES:
        cli = run_process([*reader_app_command(), "search", veille_q, "--json", "--library",
                           str(library)], env=tree_env())
        veille = json.loads(cli.stdout)["total"] if cli.code == 0 else None
        fts, _ = fts5_search(conn, fts_q, dates)
        counts = [veille, fts]
        if recoll:
            out = run_process(recoll_peer.query_command(conf, recoll_q)).stdout
            counts.append(recoll_peer.result_count(out))
        fails += report(f"same count for {veille_q}", len(set(counts)) == 1,
                        "Veille / FTS5" + (" / Recoll" if recoll else "") + " = "
                        + " / ".join(map(str, counts)))
    conn.close()
    return fails


def check_launch(folder: Path) -> int:
    env = tree_env(QT_QPA_PLATFORM="offscreen")
    t0 = time.clock_gettime(time.CLOCK_MONOTONIC)
    run = run_process([sys.executable, str(BENCH / "launch_probe.py"), "--library",
                       str(folder / "library")], env=env, timeout=300)
    events = {e["event"]: e["t"] - t0 for e in map(json.loads, (
        line for line in run.stdout.splitlines() if line.startswith('{"event"')))}
    ok = 0 < events.get("probe_start", -1) < events.get("first_result", -1) <= run.wall
    return report("launch measured from before the process starts", ok,
                  f"interpreter up after {events.get('probe_start', float('nan')):.3f} s, first "
                  f"result {events.get('first_result', float('nan')):.3f} s, exit {run.wall:.3f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-recoll", action="store_true")
    ap.add_argument("--no-window", action="store_true")
    args = ap.parse_args()
    recoll = not args.no_recoll and recoll_peer.available(install=False)[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        fails = check_process_figures()
        more, db = check_fts5(folder)
        fails += more + check_same_counts(folder, db, recoll)
        if not args.no_window:
            fails += check_launch(folder)
    raise SystemExit(fails)


if __name__ == "__main__":
    main()

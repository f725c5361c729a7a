"""How long a second launch takes to hand its file to the open window (issue 10).

A window is started on a fresh library (offscreen); then ``reader-app --library DIR FILE``
is run N times, each with a new article written by this script (French and English
alternately). Three figures:

- hand-over: from before the second process starts to its exit (it exits 0 once the
  window said "ok"); this is what a file manager's "Open with Veille" waits for;
- to searchable: from the same start until the article is in the store, searchable;
- for comparison, a cold window start until it listens on its socket.

Usage: .venv/bin/python bench/single_instance_handover.py [--runs 10]
No data set needed: the articles are made here.
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import code_version, machine, reader_app_command, summary_ms

ARTICLES = (
    " date 2025-08-{day:02d} Le ministre Sadio Camara a reçu à Bamako la délégation numéro "
    "{n} de l'Alliance des États du Sahel pour préparer le sommet de Niamey.\n",
    " date 2025-09-{day:02d} Fishermen in Dakar met the fisheries ministry for the {n}th "
    "time this season; catches keep falling along the coast.\n",
)


def count(library: Path) -> int:
    try:
        with sqlite3.connect(f"file:{library / 'library.sqlite3'}?mode=ro", uri=True) as db:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def listening(name: str) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    probe = QLocalSocket()
    probe.connectToServer(name)
    ok = probe.waitForConnected(200)
    probe.abort()
    return ok


def wait(check, seconds: float) -> float:
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > seconds:
            raise SystemExit("timed out")
        time.sleep(0.005)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="veille-handover-") as tmp_name:
        tmp = Path(tmp_name)
        runtime = tmp / "run"
        runtime.mkdir(mode=0o700)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp / "cfg"),
                   XDG_STATE_HOME=str(tmp / "state"), XDG_RUNTIME_DIR=str(runtime))
        env.pop("VEILLE_LIBRARY", None)
        os.environ.update(XDG_RUNTIME_DIR=str(runtime))
        from reader_app.single_instance import server_name

        library = tmp / "lib"
        name = server_name(library)
        command = reader_app_command()
        start = time.perf_counter()
        window = subprocess.Popen([*command, "--library", str(library)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait(lambda: listening(name), 120)
        cold = time.perf_counter() - start
        handovers, searchable = [], []
        try:
            for n in range(args.runs):
                path = tmp / f"article-{n}.txt"
                path.write_text(ARTICLES[n % 2].format(day=n % 28 + 1, n=n + 1), "utf-8")
                before = count(library)
                start = time.perf_counter()
                done = subprocess.run([*command, "--library", str(library), str(path)],
                                      env=env, capture_output=True, text=True, check=False)
                handovers.append(time.perf_counter() - start)
                if done.returncode != 0:
                    raise SystemExit(f"second launch failed: {done.stderr.strip()}")
                wait(lambda b=before: count(library) > b, 120)
                searchable.append(time.perf_counter() - start)
        finally:
            window.send_signal(signal.SIGTERM)
            window.wait(60)
    print(f"machine: {machine()}")
    print(f"code: {code_version('reader_app')}")
    print(f"command: {' '.join(Path(c).name for c in command)} --library DIR FILE")
    print(f"cold window start until it listens: {cold * 1000:.0f} ms")
    print(f"hand-over (second launch start to exit 0): {summary_ms(handovers)}")
    print(f"second launch start to article in the store: {summary_ms(searchable)}")


if __name__ == "__main__":
    main()

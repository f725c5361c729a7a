"""The team archive at scale (issue 13): two desktops load 200,000 articles on one
PostgreSQL server at once, then one desktop receives the other's 100,000.

Figures: sync throughput each way (articles per second, wall, from the start of each
`reader-app sync` process to its exit, both desktops' uploads running at the same time),
server-side search p50/p95 per query class (PostgreSQL text search on the server's
200,000) beside the same queries on the desktop's Whoosh library holding the same
200,000, and the server's disk per 1,000 articles.

Data (outside the repository, `$VEILLE_BENCH_CACHE`, default /tmp/veille-bench): desktop A
is the cached 100,000-article scale library (`bench/scale_library.py`); desktop B imports
100,000 other synthetic articles (`bench/scale_corpus.make_corpus` with another seed, real
articles left out so that no article is on both desktops). The server is a throw-away
PostgreSQL cluster (`tests/pg_cluster.py`) with the project's test settings except
fsync and synchronous commit, which stay on as on a real server.

Run: .venv/bin/python bench/team_sync.py [--size 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from bench.common import machine, percentile  # noqa: E402
from bench.query_classes import CLASSES  # noqa: E402

CACHE = Path(os.environ.get("VEILLE_BENCH_CACHE", "/tmp/veille-bench"))
SERVER_CLASSES = ("term", "phrase", "boolean", "date")


def _server_query(veille: str) -> tuple[str, str | None, str | None]:
    """A Veille query of the four classes PostgreSQL's websearch syntax can say, with the
    date range apart."""
    words, since, until = [], None, None
    for part in veille.split(" "):
        if part.startswith("date:["):
            since = part.removeprefix("date:[")
            continue
        if since is not None and until is None and part == "TO":
            continue
        if since is not None and until is None and part.endswith("]"):
            until = part.rstrip("]")
            continue
        if part.startswith("date:>"):
            since = part.removeprefix("date:>") + "-99"
            continue
        if part.startswith("date:"):
            since = until = part.removeprefix("date:")
            continue
        words.append(part)
    return " ".join(words), since, until


def _library_b(size: int) -> Path:
    """Desktop B: ``size`` synthetic articles none of which desktop A holds."""
    from bench.scale_corpus import load_corpus, make_corpus

    folder = CACHE / f"team-desktop-b-{size}"
    if (folder / "built.json").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    a_texts = {str(r["text"]) for r in load_corpus(size)}
    rows = [r for r in make_corpus(size + 20_000, seed=90_210)
            if str(r["text"]) not in a_texts][:size]
    folder.mkdir(parents=True)
    source = folder / "b.jsonl.gz"
    with gzip.open(source, "wt", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    plain = folder / "b.jsonl"
    plain.write_bytes(gzip.decompress(source.read_bytes()))
    started = time.monotonic()
    subprocess.run([*_cli(folder / "library"), "import", "--no-entities", str(plain)],
                   check=True, capture_output=True)
    plain.unlink()
    (folder / "built.json").write_text(json.dumps({"articles": len(rows),
                                                   "import_s": time.monotonic() - started}))
    return folder


def _cli(library: Path) -> list[str]:
    return [str(ROOT / ".venv" / "bin" / "reader-app"), "--library", str(library)]


def _timed(cmd: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(["/usr/bin/time", "-f", "%e %U %S", *cmd], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _finish(proc: subprocess.Popen[bytes]) -> tuple[float, float, str]:
    out, err = proc.communicate()
    lines = err.decode().strip().splitlines()
    wall, user, system = (float(x) for x in lines[-1].split())
    if proc.returncode != 0:
        raise SystemExit(f"sync failed: {err.decode()[-500:]}")
    return wall, user + system, out.decode().strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=100_000, help="articles per desktop")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the queries")
    ap.add_argument("--search-only", action="store_true",
                    help="reuse desktop A of the last run (it holds both desktops' articles):"
                    " send it to a new server, then compare the searches")
    args = ap.parse_args()
    if args.search_only:
        _search_only(args.repeat)
        return
    from pg_cluster import PgCluster

    from bench.scale_library import build_library

    print(f"machine: {machine()}")
    a_source = build_library(args.size).path
    work = CACHE / "team-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copytree(a_source, work / "A")
    b_folder = _library_b(args.size)
    shutil.copytree(b_folder / "library", work / "B")
    env = {**os.environ, "VEILLE_CONFIG_DIR": str(work / "config")}
    with PgCluster(work / "pg") as cluster:
        _durable(cluster)
        url = cluster.create_database("newsroom")
        # Both desktops send at once (each also receives what the other sent so far: the
        # "up" figure is the whole process, the server's articles counted at the end).
        started = time.monotonic()
        procs = {n: _timed([*_cli(work / n), "sync", "--remote", url, "--json",
                            "--only-followed", "--no-watches"], env) for n in ("A", "B")}
        up = {n: _finish(p) for n, p in procs.items()}
        both = time.monotonic() - started
        import psycopg

        with psycopg.connect(url) as pg:
            total = int(pg.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]
        for name, (wall, cpu, out) in up.items():
            sent = json.loads(out)["sent_articles"]
            print(f"up   {name}: {sent} articles in {wall:.1f} s wall ({sent / wall:,.0f}/s),"
                  f" {cpu:.1f} s CPU")
        print(f"up   both at once: {total} articles on the server in {both:.1f} s "
              f"({total / both:,.0f}/s together)")
        _print_disk(url)
        down = _finish(_timed([*_cli(work / "A"), "sync", "--remote", url, "--json",
                               "--everything"], env))
        received = json.loads(down[2])["received_articles"]
        print(f"down A: {received} articles in {down[0]:.1f} s wall "
              f"({received / down[0]:,.0f}/s, Whoosh indexing included), {down[1]:.1f} s CPU")
        _compare_search(work / "A", url, args.repeat)


def _search_only(repeat: int) -> None:
    from pg_cluster import PgCluster

    print(f"machine: {machine()}")
    work = CACHE / "team-work"
    env = {**os.environ, "VEILLE_CONFIG_DIR": str(work / "config")}
    shutil.rmtree(work / "pg-search", ignore_errors=True)
    with PgCluster(work / "pg-search") as cluster:
        _durable(cluster)
        url = cluster.create_database("newsroom")
        wall, _cpu, out = _finish(_timed([*_cli(work / "A"), "sync", "--remote", url, "--json",
                                         "--everything"], env))
        sent = json.loads(out)["sent_articles"]
        print(f"up   A alone: {sent} articles in {wall:.1f} s wall ({sent / wall:,.0f}/s)")
        _print_disk(url)
        _compare_search(work / "A", url, repeat)


def _print_disk(url: str) -> None:
    import psycopg

    with psycopg.connect(url) as pg:
        row = pg.execute("SELECT count(*), pg_database_size(current_database()),"
                         " pg_total_relation_size('articles'), pg_total_relation_size('blobs'),"
                         " pg_total_relation_size('changes') FROM articles").fetchone()
    assert row is not None
    total, disk, articles, blobs, changes = (int(x) for x in row)
    per = total / 1000
    print(f"server disk: {disk / 1e6:.0f} MB, {disk / 1e6 / per:.2f} MB per 1,000 articles "
          f"(articles with their search columns and indexes {articles / 1e6 / per:.2f}, "
          f"originals {blobs / 1e6 / per:.2f}, change log {changes / 1e6 / per:.2f})")


def _durable(cluster: object) -> None:
    """A real server's settings: every commit on disk, a working memory of its size."""
    import psycopg

    with psycopg.connect(cluster.superuser_url, autocommit=True) as pg:  # type: ignore[attr-defined]
        for setting, value in (("fsync", "on"), ("synchronous_commit", "on"),
                               ("full_page_writes", "on"), ("shared_buffers", "512MB"),
                               ("maintenance_work_mem", "256MB")):
            pg.execute(f"ALTER SYSTEM SET {setting} = '{value}'")  # type: ignore[arg-type]
    cluster.restart()  # type: ignore[attr-defined]


def _compare_search(library: Path, url: str, repeat: int) -> None:
    from index import Library
    from index.sync.remote_search import search as remote_search

    times: dict[str, dict[str, list[float]]] = {c: {"server": [], "whoosh": []}
                                               for c in SERVER_CLASSES}
    with Library.open(library, readonly=True) as lib:
        print(f"desktop A holds {lib.article_count()} articles")
        for _ in range(repeat):
            for cls in SERVER_CLASSES:
                for case in CLASSES[cls]:
                    words, since, until = _server_query(case.veille)
                    t = time.perf_counter()
                    remote_search(url, words, date_from=since, date_to=until, library=lib)
                    times[cls]["server"].append((time.perf_counter() - t) * 1000)
                    t = time.perf_counter()
                    lib.search(case.veille, limit=20)
                    times[cls]["whoosh"].append((time.perf_counter() - t) * 1000)
    print("search, ms p50 / p95 (server: a new connection per query, count + 20 ranked with "
          "snippets; Whoosh: in-process, count + 20 with snippets)")
    for cls, by in times.items():
        s, w = by["server"], by["whoosh"]
        print(f"  {cls:<8} server {statistics.median(s):7.1f} / {percentile(s, 95):7.1f}"
              f"   desktop Whoosh {statistics.median(w):7.1f} / {percentile(w, 95):7.1f}")


if __name__ == "__main__":
    main()

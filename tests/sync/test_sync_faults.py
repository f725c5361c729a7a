"""A sync killed at any point, a server restarted midway, a server that is not there:
both sides stay whole, and the next sync completes the work."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest

from index import Library
from index.sync.server import EXIT_REMOTE, RemoteError
from index.sync.session import sync


def _jsonl(path: Path, prefix: str, count: int) -> Path:
    """``count`` small articles, each distinct."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps({
                "title": f"{prefix} dépêche {n}",
                "text": f"{prefix} numéro {n}. Le convoi {n} a quitté Gao pour Ménaka, "
                        f"escorté par l'armée. Dépêche {prefix}{n} du Sahel.",
                "date": f"2026-03-{1 + n % 28:02d}", "source": "Veille test",
                "lang": "fr"}, ensure_ascii=False) + "\n")
    return path


def _cli(library: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reader_app", "--library", str(library), *args]


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "VEILLE_CONFIG_DIR": str(tmp_path / "config")}


def test_syncs_killed_at_random_points_lose_and_double_nothing(tmp_path: Path,
                                                              pg_url: str) -> None:
    env = _env(tmp_path)
    desks = {"A": 1200, "B": 600}
    for name, count in desks.items():
        src = _jsonl(tmp_path / f"{name}.jsonl", name, count)
        subprocess.run(_cli(tmp_path / name, "import", "--no-entities", str(src)), env=env,
                       check=True, capture_output=True)
    with Library.open(tmp_path / "A") as a:
        ids = [h.article_id for h in a.search("convoi", limit=2000).hits]
        a.tag(ids[:500], add=["Convois"])
        a.set_starred(ids[:40])
    rng = random.Random(13)
    kills, midway = 0, set()
    for _round in range(6):
        for name in desks:
            proc = subprocess.Popen(_cli(tmp_path / name, "sync", "--remote", pg_url), env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.1, 0.9))  # the interpreter starts in 0.2-0.3 s
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
                proc.wait()
                midway.add((*_server_counts(pg_url), _local_count(tmp_path / name)))
            proc.wait()
    for name in ("A", "B", "A", "B"):  # now let them finish
        done = subprocess.run(_cli(tmp_path / name, "sync", "--remote", pg_url), env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert kills >= 3
    # Some kill came in the middle of the work (on the server's side or the library's).
    assert any(0 < arts < 1800 or 0 < chg < 540 or min(desks.values()) < here < 1800
               for arts, chg, here in midway), midway
    with psycopg.connect(pg_url) as pg:
        assert pg.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles"
                          ).fetchone() == (1800, 1800)
        changes = pg.execute("SELECT count(*), count(DISTINCT change_id) FROM changes"
                             ).fetchone()
    assert changes == (540, 540)  # 500 tags + 40 stars, each once
    for name in desks:
        with Library.open(tmp_path / name) as lib:
            assert lib.article_count() == 1800
            assert lib.search("convoi", limit=1).total == 1800  # all indexed, none twice
            assert lib.search("tag:convois", limit=1).total == 500
            assert lib.search("is:starred", limit=1).total == 40


def _server_counts(url: str) -> tuple[int, int]:
    with psycopg.connect(url) as pg:
        try:
            row = pg.execute("SELECT (SELECT count(*) FROM articles),"
                             " (SELECT count(*) FROM changes)").fetchone()
        except psycopg.errors.UndefinedTable:
            return 0, 0
    assert row is not None
    return int(row[0]), int(row[1])


def _local_count(library: Path) -> int:
    with sqlite3.connect(library / "library.sqlite3") as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def test_a_server_restarted_midway_leaves_both_sides_whole(tmp_path: Path, pg_url: str,
                                                           pg_cluster: Any,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.setenv("VEILLE_CONFIG_DIR", str(tmp_path / "config"))
    src = _jsonl(tmp_path / "a.jsonl", "A", 700)
    with Library.open(tmp_path / "A") as a, Library.open(tmp_path / "B") as b:
        a.import_paths([src])
        restarted = threading.Event()

        def restart_once(done: int, total: int | None, label: str) -> None:
            if not restarted.is_set() and done >= 200:
                restarted.set()
                pg_cluster.restart()

        with pytest.raises(RemoteError) as failure:
            sync(a, pg_url, progress=restart_once)
        assert restarted.is_set() and "\n" not in str(failure.value)
        assert a.search("convoi", limit=1).total == 700  # nothing local lost
        sync(a, pg_url)
        report = sync(b, pg_url)
        assert report.received_articles == 700 and b.search("convoi", limit=1).total == 700


def test_an_unreachable_server_is_one_line_and_the_exit_code(tmp_path: Path) -> None:
    done = subprocess.run(
        _cli(tmp_path / "lib", "sync", "--remote", "postgresql://ana@127.0.0.1:1/archive"),
        env=_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert done.returncode == EXIT_REMOTE
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the team server" in lines[0]
    assert "Traceback" not in done.stderr


def test_a_wrong_password_is_one_line(tmp_path: Path, pg_url: str) -> None:
    wrong = pg_url.replace(":" + pg_url.split(":")[2].split("@")[0] + "@", ":wrong@")
    done = subprocess.run(_cli(tmp_path / "lib", "sync", "--remote", wrong),
                          env=_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert done.returncode == EXIT_REMOTE
    assert len(done.stderr.strip().splitlines()) == 1 and "wrong" not in done.stderr

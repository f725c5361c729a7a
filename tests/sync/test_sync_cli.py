"""The command line's contract with the team server (README: `sync`, `search --remote`)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from index import Library

ARTICLE = ("Sommet de l'AES à Niamey\n\nNiamey, 6 juillet 2026. Les chefs d'État de "
           "l'Alliance des États du Sahel adoptent le traité de la confédération.\n")


def _run(tmp_path: Path, *args: str, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    base = {**os.environ, "VEILLE_CONFIG_DIR": str(tmp_path / "config")}
    base.pop("VEILLE_REMOTE", None)
    return subprocess.run([sys.executable, "-m", "reader_app", *args], env=base | (env or {}),
                          capture_output=True, text=True, timeout=120)


@pytest.fixture()
def desk(tmp_path: Path) -> Path:
    (tmp_path / "aes.txt").write_text(ARTICLE, encoding="utf-8")
    done = _run(tmp_path, "--library", str(tmp_path / "A"), "import", "--no-entities",
                str(tmp_path / "aes.txt"))
    assert done.returncode == 0, done.stderr
    return tmp_path / "A"


def test_sync_exits_0_and_search_remote_prints_total_and_hits(tmp_path: Path, desk: Path,
                                                             pg_url: str) -> None:
    done = _run(tmp_path, "--library", str(desk), "sync", "--remote", pg_url, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["sent_articles"] == 1 and report["holds"] == "everything in the team archive"
    other = tmp_path / "B"
    found = _run(tmp_path, "--library", str(other), "search", "confederation", "--remote",
                 pg_url, "--json")
    assert found.returncode == 0, found.stderr
    data = json.loads(found.stdout)
    assert data["total"] == 1 and data["hits"][0]["title"] == "Sommet de l'AES à Niamey"
    assert data["hits"][0]["article_id"] is None  # B does not hold it
    fetched = _run(tmp_path, "--library", str(other), "fetch", data["hits"][0]["content_hash"],
                   "--remote", pg_url, "--json")
    assert fetched.returncode == 0 and json.loads(fetched.stdout)["id"] == 1


def test_the_password_is_kept_apart_and_the_url_remembered(tmp_path: Path, desk: Path,
                                                           pg_url: str) -> None:
    password = pg_url.split(":")[2].split("@")[0]
    assert _run(tmp_path, "--library", str(desk), "sync", "--remote", pg_url).returncode == 0
    bare = pg_url.replace(f":{password}@", "@")
    with Library.open(desk) as lib:
        assert lib.store.meta("sync_remote") == bare
    store_bytes = (desk / "library.sqlite3").read_bytes()
    assert password.encode() not in store_bytes
    passfile = tmp_path / "config" / "pgpass"
    assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
    assert password in passfile.read_text(encoding="utf-8")
    again = _run(tmp_path, "--library", str(desk), "sync")  # the URL and password found
    assert again.returncode == 0, again.stderr
    env = _run(tmp_path, "--library", str(tmp_path / "C"), "sync", env={"VEILLE_REMOTE": bare})
    assert env.returncode == 0 and "received 1 article" in env.stdout


def test_sync_without_a_server_is_one_line_of_usage(tmp_path: Path) -> None:
    done = _run(tmp_path, "--library", str(tmp_path / "A"), "sync")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "--remote" in done.stderr
    odd = _run(tmp_path, "--library", str(tmp_path / "A"), "sync", "--remote", "http://x/y")
    assert odd.returncode == 2 and "not a PostgreSQL URL" in odd.stderr


def test_following_part_of_the_archive_from_the_command_line(tmp_path: Path, desk: Path,
                                                             pg_url: str) -> None:
    assert _run(tmp_path, "--library", str(desk), "sync", "--remote", pg_url).returncode == 0
    laptop = str(tmp_path / "L")
    done = _run(tmp_path, "--library", laptop, "sync", "--remote", pg_url, "--only-followed",
                "--no-watches", "--follow-tag", "Sahel", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["received_articles"] == 0 and data["holds"] == "only tags Sahel"
    wrong = _run(tmp_path, "--library", laptop, "sync", "--follow-tag", "x")
    assert wrong.returncode == 2 and "--only-followed" in wrong.stderr

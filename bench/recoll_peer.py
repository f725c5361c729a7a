"""Recoll (Xapian) as a peer: the same articles as files, ``recollindex``, ``recollq``.

Debian's ``recollcmd`` (``recollindex``, ``recollq``) is installed with ``apt-get install
-y recollcmd`` when missing (the benchmarks run as root on this machine); when it cannot
be installed, ``available()`` says why and the Recoll columns are skipped.

Each article becomes one small HTML file (``<title>``, ``<meta name="source">``,
``<meta name="lang">``, one ``<p>`` per paragraph) whose modification time is the
article's date (Recoll's ``date:`` filter reads it; undated articles get 1990-01-01, before
every range queried). The configuration indexes that folder only, with English and
French stemming, the ``source`` and ``lang`` meta tags as searchable fields, and its
spelling dictionary (aspell, English: no French aspell data is installed) built at the
end of indexing as Recoll does by default. Writing the files is not timed: it stands for
the files a person has; ``recollindex`` reading and parsing them is.

``recollq`` does what ``reader-app search`` does: ``-E`` an exact count (not Xapian's
estimate), ``-n 20`` the first 20 results, ``-A`` their abstracts (snippets).
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

UNDATED = datetime(1990, 1, 1, 12, tzinfo=UTC).timestamp()
FIELDS = """[prefixes]
source = XSRC
lang = XLNG
[stored]
source =
lang =
"""


def available(install: bool = True) -> tuple[bool, str]:
    """(usable, note): installs Debian's recollcmd when missing and allowed."""
    if shutil.which("recollq") and shutil.which("recollindex"):
        return True, f"Recoll {version()}"
    if not install:
        return False, "Recoll skipped: recollcmd is not installed"
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False, "Recoll skipped: recollcmd is missing and apt-get cannot run as root here"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "recollcmd"]):
        done = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if done.returncode != 0 and cmd[1] == "install":
            tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            return False, f"Recoll skipped: apt-get install recollcmd failed ({tail[0]})"
    if shutil.which("recollq") and shutil.which("recollindex"):
        return True, f"Recoll {version()} (installed now by apt-get)"
    return False, "Recoll skipped: recollcmd installed but recollq is not on PATH"


def version() -> str:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "recollcmd"],
                         capture_output=True, text=True)
    return out.stdout.strip() or "unknown version"


def write_articles(rows: Sequence[dict[str, object]], folder: Path) -> Path:
    """One HTML file per article under ``folder`` (1,000 per subfolder); cached."""
    stamp = folder / ".complete"
    if stamp.exists() and int(stamp.read_text() or 0) == len(rows):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    for n, row in enumerate(rows, 1):
        sub = folder / f"{n // 1000:03d}"
        if n % 1000 == 0 or n == 1:
            sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{n:06d}.html"
        path.write_text(article_html(row), encoding="utf-8")
        stamp_time = _timestamp(row.get("date"))
        os.utime(path, (stamp_time, stamp_time))
    stamp.write_text(str(len(rows)))
    return folder


def article_html(row: dict[str, object]) -> str:
    esc = html.escape
    paras = "".join(f"<p>{esc(p)}</p>\n" for p in str(row.get("text") or "").split("\n") if p)
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            f"<title>{esc(str(row.get('title') or ''))}</title>"
            f"<meta name=\"source\" content=\"{esc(str(row.get('source') or ''))}\">"
            f"<meta name=\"lang\" content=\"{esc(str(row.get('lang') or ''))}\">"
            f"</head><body>\n{paras}</body></html>\n")


def _timestamp(day: object) -> float:
    if not day:
        return UNDATED
    return datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp()


def write_config(confdir: Path, topdir: Path) -> Path:
    """A fresh configuration (and no index yet) indexing ``topdir`` only."""
    shutil.rmtree(confdir, ignore_errors=True)
    confdir.mkdir(parents=True)
    (confdir / "recoll.conf").write_text(
        f"topdirs = {topdir}\n"
        "indexstemminglanguages = english french\n"
        "aspellLanguage = en\n"
        "loglevel = 2\n"
        f"logfilename = {confdir / 'recoll.log'}\n")
    (confdir / "fields").write_text(FIELDS)
    return confdir


def index_command(confdir: Path) -> list[str]:
    return ["recollindex", "-c", str(confdir), "-z"]


def query_command(confdir: Path, query: str, limit: int = 20) -> list[str]:
    return ["recollq", "-c", str(confdir), "-E", "-n", str(limit), "-A", query]


def index_mb(confdir: Path) -> float:
    """The index Recoll keeps (Xapian database and spelling dictionary), logs left out."""
    files = [p for p in confdir.rglob("*") if p.is_file() and p.suffix != ".log"]
    return sum(p.stat().st_size for p in files) / 1e6


def result_count(output: str) -> int | None:
    """The count ``recollq`` prints ("123 results")."""
    for line in output.splitlines()[:4]:
        head = line.split(" ", 1)
        if len(head) == 2 and head[1].startswith("results") and head[0].isdigit():
            return int(head[0])
    return None

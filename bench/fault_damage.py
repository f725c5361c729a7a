"""Damage trials of bench/fault_trials.py: each kind of damage done to a copy of one
library, then what a person sees (exit codes, the first error line), what finds it
(a search, ``reader-app check``), and what ``reader-app check --repair`` brings back.

The read-only and full-disk trials mount a read-only bind view and a 1.5 MB tmpfs: they
need root and are reported as skipped otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.common import REPO
from bench.fault_kit import (
    Corpus,
    Run,
    audit_store,
    note_file,
    reader_app,
    stale_hits,
    write_corpus,
)


@dataclass(slots=True)
class DamageRow:
    kind: str
    detected: str  # by what, or "no"
    exits: str  # exit codes of the commands tried on the damaged library
    message: str  # the first error line shown
    one_line: bool  # every error was one line, never a traceback
    repair: str  # what mended it
    works_after: str
    kept: str  # articles searchable after / articles before


def _msg(*runs: Run) -> tuple[str, bool]:
    lines = [r.err_lines for r in runs if r.err_lines]
    first = lines[0][0] if lines else ""
    one = all(len(x) == 1 for x in lines) and not any(r.traceback for r in runs)
    return first.removeprefix("reader-app: ")[:110], one


def _total(run: Run) -> int:
    try:
        return int(json.loads(run.stdout)["total"]) if run.code == 0 else -1
    except (ValueError, KeyError):
        return -1


def _search_all(lib_dir: Path, env: dict[str, str]) -> Run:
    return reader_app("search", "*", "--json", "--limit", "1", "--library", lib_dir, env=env)


def _repair_flow(kind: str, lib_dir: Path, env: dict[str, str], total: int,
                 extra: Sequence[Run] = ()) -> DamageRow:
    """Search (a reader), check (detection), check --repair, search again."""
    search = _search_all(lib_dir, env)
    check = reader_app("check", "--library", lib_dir, env=env)
    repair = reader_app("check", "--repair", "--library", lib_dir, env=env, timeout=900)
    after = _search_all(lib_dir, env)
    audit = audit_store(lib_dir)
    message, one = _msg(search, *extra, repair, after)
    if not message:  # nothing on stderr: what check printed
        message = next((line for line in check.stdout.splitlines()[1:]
                        if not line.endswith(": ok")), "")
    detected = []
    if search.code != 0:
        detected.append(f"search (exit {search.code})")
    if check.code != 0:
        detected.append("check")
    ok = after.code == 0 and _total(after) == audit.stored and not audit.halved
    return DamageRow(
        kind, ", ".join(detected) or "no",
        f"search {search.code}, " + "".join(f"{r.name} {r.code}, " for r in extra)
        + f"check {check.code}, repair {repair.code}",
        message,
        one, "check --repair", "yes" if ok else f"no (exit {after.code})",
        f"{max(0, _total(after))}/{total}")


def damage_store_page(lib_dir: Path) -> None:
    """Random bytes over one leaf page of the articles table (as tests/index/test_damage.py)."""
    store = lib_dir / "library.sqlite3"
    with sqlite3.connect(store) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf'")]
    with store.open("r+b") as f:
        f.seek((leaves[len(leaves) // 2] - 1) * page + 100)
        f.write(random.Random(len(leaves)).randbytes(page - 200))


def _lost_ids(base: Path, damaged: Path) -> list[int]:
    """Ids of the rows on the bad page: damage a second copy the same way, recover it,
    and see which ids are gone."""
    probe = damaged.with_name(damaged.name + "-probe")
    shutil.copytree(base, probe)
    damage_store_page(probe)
    from index.checkup import check_library

    check_library(probe, repair=True)
    with contextlib.ExitStack() as stack:
        ids = []
        for folder in (base, probe):
            conn = stack.enter_context(contextlib.closing(sqlite3.connect(
                f"{(folder / 'library.sqlite3').resolve().as_uri()}?mode=ro", uri=True)))
            ids.append({int(r[0]) for r in conn.execute("SELECT id FROM articles")})
    shutil.rmtree(probe, ignore_errors=True)
    return sorted(ids[0] - ids[1])


def _segments(lib_dir: Path) -> list[Path]:
    return sorted((lib_dir / "search-index").glob("*.seg"), key=lambda p: p.stat().st_size)


_KILL_AFTER_SECOND_IMPORT = """
import os, signal, sys
from index import Library
lib = Library.open(sys.argv[1])
lib.import_paths([sys.argv[2]])
lib.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
lib.store.conn.execute("PRAGMA wal_autocheckpoint=0")
lib.import_paths(sys.argv[3:])
os.kill(os.getpid(), signal.SIGKILL)
"""


def damage_trials(work: Path, env: dict[str, str], rnd: random.Random,
                  args: argparse.Namespace) -> list[DamageRow]:
    corpus = write_corpus(work / "damage-corpus", args.feeds, args.per_feed, args.singles, rnd)
    base = work / "damage-base"
    reader_app("import", "--no-entities", *corpus.files, "--library", base, env=env, timeout=900)
    total = audit_store(base).stored
    rows = []

    def fresh(name: str) -> Path:
        lib_dir = work / f"damage-{name}"
        shutil.copytree(base, lib_dir)
        return lib_dir

    lib_dir = fresh("page")
    damage_store_page(lib_dir)
    extra = [reader_app("reindex", "--library", lib_dir, env=env)]
    extra[-1].name = "reindex"
    lost = _lost_ids(base, lib_dir)  # the rows on the bad page, found on a second copy
    if lost:
        extra.append(reader_app("show", lost[0], "--library", lib_dir, env=env))
        extra[-1].name = "show (a row on the bad page)"
    rows.append(_repair_flow("one bad SQLite page", lib_dir, env, total, extra))

    lib_dir = fresh("segment")
    seg = _segments(lib_dir)[-1]
    data = bytearray(seg.read_bytes())
    data[len(data) // 2: len(data) // 2 + 64] = rnd.randbytes(64)
    seg.write_bytes(bytes(data))
    rows.append(_repair_flow("garbage in a segment file", lib_dir, env, total))

    lib_dir = fresh("bitrot")
    for seg in _segments(lib_dir):  # every postings block loses its tag; stat unchanged
        st = seg.stat()
        seg.write_bytes(seg.read_bytes().replace(b"W3Bl", b"\xff\xff\xff\xff"))
        os.utime(seg, ns=(st.st_atime_ns, st.st_mtime_ns))
    words = []
    for word in ("ftb1", "fte2", "Dépêche", '"Dépêche 3"', "ftb1*"):
        words.append(reader_app("search", word, "--library", lib_dir, env=env))
        words[-1].name = f"search {word}"
    rows.append(_repair_flow("garbage in segments, same size and time", lib_dir, env, total,
                             words))

    rows.append(_lost_wal(work, env, corpus, rnd))

    lib_dir = fresh("indexfile")
    shutil.rmtree(lib_dir / "search-index")
    (lib_dir / "search-index").write_text("oops", encoding="utf-8")
    rows.append(_repair_flow("a file where the index folder is", lib_dir, env, total))

    path = work / "not-a-folder"
    path.write_text("x", encoding="utf-8")
    runs = [reader_app("search", "x", "--library", path, env=env),
            reader_app("import", corpus.files[0], "--library", path, env=env)]
    message, one = _msg(*runs)
    rows.append(DamageRow("library path is a file", "yes" if runs[0].code == 3 else "no",
                          f"search {runs[0].code}, import {runs[1].code}", message, one,
                          "n/a", "n/a", "n/a"))
    rows.append(_read_only(work, env, fresh("readonly"), total))
    rows.append(_disk_full(work, env, rnd))
    return rows


def _lost_wal(work: Path, env: dict[str, str], corpus: Corpus, rnd: random.Random) -> DamageRow:
    lib_dir = work / "damage-wal"
    first, rest = corpus.files[:1], corpus.files[1:4]
    expected = Corpus.of(first).expected
    lost = Corpus.of(rest).expected
    subprocess.run([sys.executable, "-c", _KILL_AFTER_SECOND_IMPORT, str(lib_dir),
                    *map(str, first + rest)], cwd=REPO, env={**env, "PYTHONPATH": str(REPO)},
                   check=False, capture_output=True)
    (lib_dir / "library.sqlite3-wal").unlink(missing_ok=True)
    (lib_dir / "library.sqlite3-shm").unlink(missing_ok=True)
    hits, stale = stale_hits(lib_dir, "Dépêche")
    row = _repair_flow("kill, then the -wal file lost", lib_dir, env, expected)
    hits_after, stale_after = stale_hits(lib_dir, "Dépêche")
    newer = write_corpus(work / "wal-newer", 1, 5, 0, rnd, first=90_000)
    reader_app("import", "--no-entities", *newer.files, "--library", lib_dir, env=env)
    new_hits, new_stale = stale_hits(lib_dir, "ftb90001")
    row.detected += f"; {stale}/{hits} hits pointed nowhere before ({lost} articles lost with " \
                    f"the -wal), {stale_after} after; new import: {new_hits} hit(s), " \
                    f"{new_stale} stale"
    del hits_after
    return row


@contextlib.contextmanager
def _mount(where: Path, *steps: list[str]) -> Iterator[bool]:
    where.mkdir(exist_ok=True)
    ok = True
    for step in steps:
        if subprocess.run(step, capture_output=True, check=False).returncode != 0:
            ok = False
            break
    try:
        yield ok
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


def _read_only(work: Path, env: dict[str, str], lib_dir: Path, total: int) -> DamageRow:
    with sqlite3.connect(lib_dir / "library.sqlite3") as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    view = work / "ro-view"
    with _mount(view, ["mount", "--bind", str(lib_dir), str(view)],
                ["mount", "-o", "remount,ro,bind", str(view)]) as ok:
        if not ok:
            return DamageRow("read-only library", "skipped (no mount)", "", "", True, "", "", "")
        search = _search_all(view, env)
        show = reader_app("show", "1", "--library", view, env=env)
        imp = reader_app("import", "--no-entities", note_file(work, 99_999), "--library", view,
                         env=env)
        hide = reader_app("entities", "--hide", "1", "--library", view, env=env)
    message, one = _msg(imp, hide, search, show)
    return DamageRow("read-only library", "yes" if imp.code == 3 else "no",
                     f"search {search.code}, show {show.code}, import {imp.code}, "
                     f"entities --hide {hide.code}", message, one, "n/a",
                     "reads work" if search.code == show.code == 0 else "no",
                     f"{max(0, _total(search))}/{total}")


def _disk_full(work: Path, env: dict[str, str], rnd: random.Random) -> DamageRow:
    disk = work / "disk"
    feed = work / "big.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for n in range(3000):
            words = " ".join(f"mot{rnd.randrange(5000)}" for _ in range(150))
            out.write(json.dumps({"title": f"Dépêche {n}", "text": f"ftb{n} {words} fte{n}"})
                      + "\n")
    with _mount(disk, ["mount", "-t", "tmpfs", "-o", "size=1536k", "tmpfs", str(disk)]) as ok:
        if not ok:
            return DamageRow("full disk", "skipped (no mount)", "", "", True, "", "", "")
        lib_dir = disk / "lib"
        reader_app("import", "--no-entities", note_file(work, 99_999), "--library", lib_dir,
                   env=env)
        imp = reader_app("import", "--no-entities", feed, "--library", lib_dir, env=env)
        search = _search_all(lib_dir, env)
        show = reader_app("show", "1", "--library", lib_dir, env=env)
        audit = audit_store(lib_dir)
        with sqlite3.connect(f"{(lib_dir / 'library.sqlite3').as_uri()}?mode=ro",
                             uri=True) as conn:
            sound = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    message, one = _msg(imp, search, show)
    return DamageRow("full disk (1.5 MB tmpfs)", "yes" if imp.code == 3 else "no",
                     f"import {imp.code}, search {search.code} (disk still full), "
                     f"show {show.code}", message, one,
                     "none needed" if sound else "store damaged",
                     "yes" if search.code == 0 and _total(search) == audit.stored else "no",
                     f"{max(0, _total(search))}/{audit.stored} (halved {audit.halved})")

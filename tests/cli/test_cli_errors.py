"""Every error a person can cause is one line on stderr with the README's exit code."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import Library
from tests.small_disk import small_disk

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "tests" / "index" / "fixtures" / "seed_aes_bamako.txt"


def _run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader_app", *args], cwd=REPO, text=True, capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=timeout, check=False,
    )


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got:\n{err}"
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    lib_dir = tmp_path / "lib"
    with Library.open(lib_dir) as lib:
        lib.import_paths([SEED])
    return lib_dir


def test_library_path_that_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_text("x", encoding="utf-8")
    proc = _run("search", "x", "--library", str(path))
    assert proc.returncode == 3
    assert "is a file, not a library folder" in _one_line(proc.stderr)


def test_query_nested_900_deep_is_not_a_traceback(library: Path) -> None:
    proc = _run("search", "(" * 900 + "bamako" + ")" * 900, "--library", str(library), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["total"] == 1 and data["notice"]


def test_closed_pipe_is_quiet(library: Path) -> None:
    for i in range(30):
        (library.parent / f"n{i}.txt").write_text(
            f"Dépêche {i} : un sommet de l'alliance à Niamey ({i}).", encoding="utf-8")
    assert _run("import", "--no-entities", "--library", str(library),
                *[str(p) for p in library.parent.glob("n*.txt")]).returncode == 0
    proc = subprocess.run(
        f"{sys.executable} -m reader_app search niamey --limit 30 --library {library} | head -1",
        shell=True, cwd=REPO, text=True, capture_output=True, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stdout.strip() == "31 result(s)" or proc.stdout.strip().endswith("result(s)")
    assert proc.stderr == "", proc.stderr


@contextlib.contextmanager
def _read_only_view(source: Path, where: Path) -> Iterator[Path]:
    """The library on a read-only medium: a read-only bind mount (root, as in CI; even
    root cannot write there)."""
    where.mkdir()
    steps = (["mount", "--bind", str(source), str(where)],
             ["mount", "-o", "remount,ro,bind", str(where)])
    for step in steps:
        done = subprocess.run(step, capture_output=True, check=False)
        if done.returncode != 0:
            subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)
            pytest.skip(f"cannot make a read-only mount here: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_read_only_library_reads_and_refuses_writes_in_one_line(library: Path,
                                                                tmp_path: Path) -> None:
    with Library.open(library) as lib:  # a clean, checkpointed store, as on a DVD
        lib.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with _read_only_view(library, tmp_path / "ro") as view:
        proc = _run("search", "bamako", "--library", str(view))
        assert proc.returncode == 0, proc.stderr
        assert "1 result(s)" in proc.stdout
        proc = _run("show", "1", "--library", str(view))
        assert proc.returncode == 0 and "Bamako" in proc.stdout, proc.stderr
        proc = _run("import", str(SEED), "--library", str(view))
        assert proc.returncode == 3
        assert "read-only" in _one_line(proc.stderr)
        proc = _run("entities", "--hide", "1", "--library", str(view))
        assert proc.returncode == 3 and "read-only" in _one_line(proc.stderr)


def test_disk_full_stops_the_import_cleanly_and_reading_still_works(tmp_path: Path) -> None:
    feed = tmp_path / "big.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for n in range(3000):
            words = " ".join(f"mot{(n * 13 + k) % 5000}" for k in range(150))
            out.write(json.dumps({"title": f"Dépêche {n}", "text": f"Sahel {words} fin{n}."})
                      + "\n")
    with small_disk(tmp_path / "disk", 1536) as disk:
        lib_dir = disk / "lib"
        first = tmp_path / "first.txt"
        first.write_text("Un premier article sur Niamey et Bamako.", encoding="utf-8")
        assert _run("import", "--no-entities", "--library", str(lib_dir),
                    str(first)).returncode == 0
        proc = _run("import", "--no-entities", "--library", str(lib_dir), str(feed))
        assert proc.returncode == 3, proc.stderr
        assert "disk" in proc.stderr and "full" in proc.stderr
        assert "Traceback" not in proc.stderr
        # Nothing half-written: every stored article is searchable, the store is sound.
        with Library.open(lib_dir) as lib:
            stored = lib.article_count()
            assert lib.store.integrity_check() == []
            assert lib.search("sahel", limit=1).total == stored - 1
        # While the disk stays full, reading works.
        proc = _run("search", "niamey", "--library", str(lib_dir))
        assert proc.returncode == 0 and "1 result(s)" in proc.stdout, proc.stderr
        proc = _run("show", "1", "--library", str(lib_dir))
        assert proc.returncode == 0, proc.stderr
    shutil.rmtree(tmp_path / "disk", ignore_errors=True)

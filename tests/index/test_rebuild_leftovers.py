"""A rebuild killed before its swap leaves ``search-index.new`` (a partial copy of the
index: 5 to 12 MB for 6,000 short articles in bench/fault_trials.py); the next writer's
upkeep removes it, but never the folder of a rebuild still running elsewhere."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock

from index import Library
from index.library import INDEX_DIR
from index.upkeep import REBUILD_LOCK


def _library(tmp_path: Path) -> Path:
    notes = []
    for n in range(5):
        note = tmp_path / f"note{n}.txt"
        note.write_text(f"Dépêche {n} : le sommet de Bamako, numéro {n * 7}.", encoding="utf-8")
        notes.append(note)
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths(notes)
    return tmp_path / "lib"


def _leave_partial_rebuild(lib_dir: Path) -> list[Path]:
    left = []
    for suffix in (".new", ".old"):
        folder = lib_dir / (INDEX_DIR + suffix)
        folder.mkdir()
        (folder / "MAIN_x.seg").write_bytes(b"\0" * 4096)
        left.append(folder)
    return left


def test_the_next_writer_removes_an_interrupted_rebuild(tmp_path: Path) -> None:
    lib_dir = _library(tmp_path)
    left = _leave_partial_rebuild(lib_dir)
    with Library.open(lib_dir) as lib:
        assert any("interrupted search index rebuild" in t for t in lib.needs_upkeep())
        done = lib.upkeep()
        assert any("interrupted search index rebuild" in line for line in done)
        assert not any(p.exists() for p in left)
        assert lib.needs_upkeep() == []
        assert lib.search("bamako").total == 5


def test_a_running_rebuild_keeps_its_folder(tmp_path: Path) -> None:
    lib_dir = _library(tmp_path)
    left = _leave_partial_rebuild(lib_dir)
    running = FileLock(lib_dir / REBUILD_LOCK, thread_local=False)  # another process's
    running.acquire()
    try:
        with Library.open(lib_dir) as lib:
            assert lib.needs_upkeep() == []
            lib.upkeep()
            assert all(p.exists() for p in left)
    finally:
        running.release()

"""Damage is detected, then repaired safely; a crafted index never runs code."""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from index import Library
from index.checkup import check_library
from index.errors import IndexRebuilding, LibraryUnusable
from index.library import INDEX_DIR, STORE_FILE

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed_aes_bamako.txt"
PAGE = FIXTURES / "uk_ministers.html"


def _feed(path: Path, tag: str, count: int, words: int = 40) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            body = " ".join(f"mot{(n * 7 + k) % 97}" for k in range(words))
            out.write(json.dumps({"title": f"{tag} {n}", "text": f"Sahel {body} {tag}{n}."})
                      + "\n")
    return path


def _segments(lib_dir: Path) -> list[Path]:
    return sorted((lib_dir / INDEX_DIR).glob("*.seg"), key=lambda p: p.stat().st_size)


def test_garbage_in_a_segment_is_found_at_open_and_rebuilt(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([SEED, PAGE])
    seg = _segments(tmp_path / "lib")[-1]
    data = bytearray(seg.read_bytes())
    data[len(data) // 2: len(data) // 2 + 64] = os.urandom(64)
    seg.write_bytes(bytes(data))
    with Library.open(tmp_path / "lib") as lib:
        with pytest.raises(IndexRebuilding, match="rebuilt"):
            lib.search("bamako")
        assert lib.upkeep()
        assert lib.search("bamako").total == 1
        assert lib.search("rail").total == 1


def test_damage_found_while_searching_marks_the_index_for_rebuild(tmp_path: Path) -> None:
    """Bit rot after opening (the stat check passed): a Whoosh error is never shown."""
    lib = Library.open(tmp_path / "lib")
    try:
        lib.import_paths([_feed(tmp_path / "a.jsonl", "lot", 300)])
        for seg in _segments(tmp_path / "lib"):
            # Every postings block loses its tag: any read of postings fails inside Whoosh.
            st = seg.stat()
            seg.write_bytes(seg.read_bytes().replace(b"W3Bl", b"\xff\xff\xff\xff"))
            os.utime(seg, ns=(st.st_atime_ns, st.st_mtime_ns))
        lib.index.reload()  # nothing changed that a stat would see
        failures = 0
        for word in ("sahel", "mot5", "mot50", "lot", '"sahel mot1"', "mot9*"):
            try:
                lib.search(word)
            except IndexRebuilding:
                failures += 1
        assert failures, "the garbage was never read: the test proves nothing"
        assert lib.index_problem and "damaged" in lib.index_problem
        lib.upkeep()
        assert lib.search("sahel").total == 300
    finally:
        lib.close()


_KILL_AFTER_SECOND_IMPORT = """
import os, signal, sys
from index import Library
lib = Library.open(sys.argv[1])
lib.import_paths([sys.argv[2]])
lib.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
lib.store.conn.execute("PRAGMA wal_autocheckpoint=0")
lib.import_paths([sys.argv[3]])
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_lost_wal_file_the_index_is_brought_back_in_step(tmp_path: Path) -> None:
    lib_dir = tmp_path / "lib"
    first = _feed(tmp_path / "first.jsonl", "alpha", 40)
    second = _feed(tmp_path / "second.jsonl", "beta", 23)
    proc = subprocess.run([sys.executable, "-c", _KILL_AFTER_SECOND_IMPORT, str(lib_dir),
                           str(first), str(second)], cwd=REPO, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == -signal.SIGKILL
    (lib_dir / (STORE_FILE + "-wal")).unlink()  # what a careless backup or crash can do
    (lib_dir / (STORE_FILE + "-shm")).unlink(missing_ok=True)
    with Library.open(lib_dir) as lib:
        assert lib.article_count() == 40
        # The index still has the 23 lost articles: a reader leaves them out and says so.
        ghosts = lib.search("sahel", limit=100)
        assert ghosts.total == 40 and len(ghosts.hits) == 40
        assert all(lib.article(h.article_id) is not None for h in ghosts.hits)
        assert ghosts.notice and ghosts.notice.startswith("23 result(s) left out")
        assert any("check the search index" in t for t in lib.needs_upkeep())
        done = lib.upkeep()
        assert any("removed 23" in line for line in done)
        results = lib.search("sahel", limit=100)
        assert results.total == 40
        assert all(lib.article(i) is not None for i in results.ids)
        # New imports reuse the lost ids: their hits must be the new articles.
        lib.import_paths([_feed(tmp_path / "third.jsonl", "gamma", 5)])
        hits = lib.search("gamma", limit=10)
        assert hits.total == 5
        assert {lib.article(i).title.split()[0] for i in hits.ids} == {"gamma"}
        assert lib.search("beta").total == 0


class _Payload:
    """Unpickling this creates a folder: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (os.mkdir, (str(self.marker),))


def _craft_index(folder: Path, marker: Path) -> None:
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    from index.search.schema import build_schema

    folder.mkdir(parents=True)
    TOC(build_schema(), [_Payload(marker)], 1).write(FileStorage(str(folder)), "MAIN")
    forged = {"manifest": {"store_id": "", "schema": 3, "toc": 1, "count": 0, "files": {}},
              "mac": "0" * 64}
    (folder / "veille-manifest.json").write_text(json.dumps(forged), encoding="utf-8")


def test_a_crafted_index_folder_is_never_unpickled(tmp_path: Path) -> None:
    # The payload is real: Whoosh itself would run it.
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    probe = tmp_path / "probe"
    _craft_index(probe / "ix", probe / "ran")
    with contextlib.suppress(Exception):  # the payload returns None, not a segment list
        TOC.read(FileStorage(str(probe / "ix")), "MAIN", schema=None)
    assert (probe / "ran").exists()

    lib_dir = tmp_path / "lib"
    with Library.open(lib_dir) as lib:
        lib.import_paths([SEED])
    import shutil

    shutil.rmtree(lib_dir / INDEX_DIR)
    marker = tmp_path / "ran"
    _craft_index(lib_dir / INDEX_DIR, marker)
    with Library.open(lib_dir) as lib:
        assert "not written by this user's Veille" in (lib.index_problem or "")
        lib.upkeep()
        assert lib.search("bamako").total == 1
    assert not marker.exists()


def test_an_index_signed_by_another_user_is_rebuilt(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    lib_dir = tmp_path / "lib"
    with Library.open(lib_dir) as lib:
        lib.import_paths([SEED])
    monkeypatch.setenv("VEILLE_KEY_FILE", str(tmp_path / "someone-else.key"))
    with Library.open(lib_dir) as lib:
        assert lib.index_problem is not None
        lib.upkeep()
        assert lib.search("bamako").total == 1


def test_an_index_copied_from_another_library_is_foreign(tmp_path: Path) -> None:
    import shutil

    for name in ("a", "b"):
        with Library.open(tmp_path / name) as lib:
            lib.import_paths([SEED if name == "a" else PAGE])
    shutil.rmtree(tmp_path / "b" / INDEX_DIR)
    shutil.copytree(tmp_path / "a" / INDEX_DIR, tmp_path / "b" / INDEX_DIR)
    with Library.open(tmp_path / "b") as lib:
        assert "another library" in (lib.index_problem or "")
        lib.upkeep()
        assert lib.search("bamako").total == 0
        assert lib.search("rail").total == 1


def _damage_store(lib_dir: Path) -> None:
    store = lib_dir / STORE_FILE
    with sqlite3.connect(store) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf'")]
    # One leaf page of the articles table, in the middle: one bad page.
    target = leaves[len(leaves) // 2]
    with store.open("r+b") as f:
        f.seek((target - 1) * page + 100)
        f.write(os.urandom(page - 200))


def test_a_bad_page_is_found_and_what_can_be_read_is_recovered(tmp_path: Path) -> None:
    lib_dir = tmp_path / "lib"
    with Library.open(lib_dir) as lib:
        lib.import_paths([_feed(tmp_path / f"f{i}.jsonl", f"lot{i}", 200, 120) for i in range(3)])
        total = lib.article_count()
        # What the person added, on articles far from the damaged page, must survive.
        lib.tag([1, 2, 3], add=["sahel"])
        lib.set_starred([1])
        lib.set_note(2, "à vérifier")
        lib.add_to_dossier("AES", [3, 1])
    _damage_store(lib_dir)
    report = check_library(lib_dir)
    assert report.store_problems, "one bad page must be detected"
    # A reindex over a damaged store fails in one sentence and leaves the live index alone.
    with Library.open(lib_dir) as lib, pytest.raises((LibraryUnusable, sqlite3.DatabaseError)):
        lib.reindex()
    with Library.open(lib_dir) as lib:
        assert lib.index_problem is None
        # Searching still works; a hit whose row sits on the bad page cannot be read and
        # is left out (with a notice), so the page of 1 may count one less.
        found = lib.search("sahel", limit=1)
        assert total - 1 <= found.total <= total and len(found.hits) <= 1
    repaired = check_library(lib_dir, repair=True)
    assert repaired.repaired and any("damaged file is kept" in r for r in repaired.repaired)
    assert list(lib_dir.glob(f"{STORE_FILE}.damaged-*"))
    assert check_library(lib_dir).sound
    with Library.open(lib_dir) as lib:
        kept = lib.article_count()
        assert kept == total  # the lost rows come back from the kept originals
        assert lib.search("sahel", limit=1).total == kept
        assert lib.search("tag:sahel").total == 3 and lib.search("is:starred").total == 1
        assert lib.notes([2]) == {2: "à vérifier"} and lib.dossier_articles("AES") == [3, 1]


def test_library_path_that_is_a_file_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "not-a-folder"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(LibraryUnusable, match="is a file, not a library folder"):
        Library.open(path)


def test_a_file_where_the_index_folder_should_be(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([SEED])
    import shutil

    shutil.rmtree(tmp_path / "lib" / INDEX_DIR)
    (tmp_path / "lib" / INDEX_DIR).write_text("oops", encoding="utf-8")
    with Library.open(tmp_path / "lib") as lib:
        with pytest.raises(IndexRebuilding):
            lib.search("bamako")
        lib.upkeep()
        assert lib.search("bamako").total == 1


def test_pickle_module_is_what_whoosh_uses() -> None:
    """The crafted-index test relies on Whoosh unpickling the TOC's segment list."""
    import inspect

    from whoosh.index import TOC

    assert "read_pickle" in inspect.getsource(TOC.read)
    assert pickle.loads(pickle.dumps(1)) == 1

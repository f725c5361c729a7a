"""Importing a large JSON Lines file as a stream (issue 12): the 64 MB limit applies to
one article, the file keeps one report line, and a cancelled import keeps what it
committed and says how far it got. Real files written in tmp_path, a real library."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from index import Library
from index.importers.outcome import MAX_FILE_BYTES
from index.importers.streams import STREAM_MIN_BYTES

TEXT = ("La commission a publié jeudi son rapport sur la qualité de l'eau dans les "
        "communes du Jura ; the committee also heard experts from Geneva. ")


def _line(n: int) -> str:
    return json.dumps({"title": f"Rapport {n}", "text": f"{TEXT * 4}Rapport numéro {n}.",
                       "date": "2025-05-06"}, ensure_ascii=False) + "\n"


def _write(path: Path, count: int, huge_after: int | None = None) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(1, count + 1):
            out.write(_line(n))
            if n == huge_after:  # one article of 70 MB: over the limit on its own
                out.write('{"title": "Trop long", "text": "')
                chunk = "eau " * 262_144  # 1 MiB
                for _ in range(70):
                    out.write(chunk)
                out.write('"}\n')


def test_a_file_over_64_mb_imports_but_its_70_mb_article_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rapports.jsonl"
    _write(path, 600, huge_after=300)
    assert path.stat().st_size > MAX_FILE_BYTES  # refused whole before issue 12
    with Library.open(tmp_path / "lib") as lib:
        report = lib.import_paths([path])
        lines = {f.path: f for f in report.files}
        assert set(lines) == {str(path), f"{path}#line-301"}
        refused = lines[f"{path}#line-301"]
        assert refused.status == "failed"
        assert refused.reason.startswith("article too large (70 MB; the limit is 64 MB)")
        whole = lines[str(path)]
        assert whole.status == "imported" and len(whole.article_ids) == 600
        assert any("1 article(s) too large" in w for w in whole.warnings)
        assert lib.article_count() == 600 and not report.cancelled
        assert lib.search('"Rapport numéro 599"').total == 1
        last = lib.article(whole.article_ids[-1])
        assert last is not None and last.origin == f"{path}#line-601"
        original = lib.original_bytes(last.id) or b""
        assert _line(600).encode() in original and len(original) < 2 * 1024 * 1024


def test_a_cancelled_stream_keeps_what_it_committed_and_says_how_far(tmp_path: Path) -> None:
    path = tmp_path / "rapports.jsonl"
    count = STREAM_MIN_BYTES // len(_line(1).encode()) + 2000
    _write(path, count)
    cancel = threading.Event()

    def progress(done: int, total: int | None, current: str) -> None:
        if "(line 2," in current:  # inside the file, after its first pieces
            cancel.set()

    with Library.open(tmp_path / "lib") as lib:
        report = lib.import_paths([path], progress=progress, cancel=cancel)
        assert report.cancelled
        [line] = report.files
        kept = lib.article_count()
        assert line.status == "imported" and len(line.article_ids) == kept
        assert 2000 <= kept < count
        [note] = [w for w in line.warnings if "cancelled" in w]
        assert f"{kept:,} article(s) up to line {kept:,} were imported" in note
        assert lib.needs_upkeep() == []  # nothing half-written
        again = lib.import_paths([path])
        assert not again.cancelled and lib.article_count() == count
        [line] = again.files
        assert len(line.article_ids) == count - kept
        assert any(f"{kept} article(s) already in the library" in w for w in line.warnings)

"""A nested archive whose compressed bytes are damaged is one failed report line, not a
crash of the whole import (found by bench/fault_trials.py: one bit flipped in a ZIP made
`reader-app import` exit 4 and drop the report of every file given with it)."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from index import Library
from index.importers import iter_sources


def _damaged_nested_zip(path: Path) -> Path:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("dedans.txt", "Un article dans une archive imbriquée, à Bamako.")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bon.txt", "Le sommet de Niamey a adopté une feuille de route commune.")
        zf.writestr("imbriquee.zip", inner.getvalue())
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("imbriquee.zip")
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26:
                                                    info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    data[start] = 0xFF  # a deflate block of the reserved type 3: zlib refuses to inflate it
    path.write_bytes(bytes(data))
    return path


def test_a_damaged_nested_archive_is_a_failed_source(tmp_path: Path) -> None:
    archive = _damaged_nested_zip(tmp_path / "lot.zip")
    sources = {s.origin: s for s in iter_sources([archive])}
    nested = sources[f"{archive}!/imbriquee.zip"]
    assert nested.error and "corrupt or unreadable ZIP archive" in nested.error
    assert sources[f"{archive}!/bon.txt"].error is None


def test_the_import_goes_on_and_reports_every_file(tmp_path: Path) -> None:
    archive = _damaged_nested_zip(tmp_path / "lot.zip")
    other = tmp_path / "autre.txt"
    other.write_text("Une dépêche sur la coopération régionale au Sahel.", encoding="utf-8")
    with Library.open(tmp_path / "lib") as lib:
        report = lib.import_paths([archive, other])
        status = {f.path: f.status for f in report.files}
        assert status[f"{archive}!/imbriquee.zip"] == "failed"
        assert status[f"{archive}!/bon.txt"] == "imported"
        assert status[str(other)] == "imported"
        assert lib.article_count() == 2

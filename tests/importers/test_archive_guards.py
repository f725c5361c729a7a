"""Guards on ZIP archives (index/importers/archive.py), each pinned by a test that fails
when one line changes (docs/mutation-testing.md).

``expand_zip`` and ``read_member`` are called directly, in this process: the import
pipeline reads members in worker processes, where mutmut cannot see which tests reach
them. Archives are written by the tests themselves.
"""

from __future__ import annotations

import io
import os
import stat
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.importers.archive import (
    MB,
    ArchiveLimits,
    _OpenArchives,
    expand_zip,
    read_member,
    release,
)
from index.importers.outcome import MAX_FILE_BYTES, ImportFailure
from index.importers.sources import Source

TEXT = b"Le sommet de Niamey a adopte une feuille de route commune. Fin."


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    release()
    yield
    release()


def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _zip_bytes(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _expand(path: Path, limits: ArchiveLimits | None = None) -> list[Source]:
    return list(expand_zip(path, str(path), limits or ArchiveLimits()))


def _set_flags(path: Path, name: bytes, *, set_bits: int = 0, clear_bits: int = 0) -> None:
    """Change the general-purpose flags of member ``name`` in both of its headers."""
    raw = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = raw.find(signature)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if raw[name_at:name_at + len(name)] == name:
                flags = int.from_bytes(raw[at + offset:at + offset + 2], "little")
                flags = (flags | set_bits) & ~clear_bits
                raw[at + offset:at + offset + 2] = flags.to_bytes(2, "little")
            at = raw.find(signature, at + 4)
    path.write_bytes(bytes(raw))


# --- names -------------------------------------------------------------------------------


def test_names_flagged_utf8_are_shown_as_stored(tmp_path: Path) -> None:
    # Box-drawing characters whose cp437 bytes would read as UTF-8 "é".
    archive = _zip(tmp_path / "a.zip", {"\u251c\u2310.txt": TEXT})
    [source] = _expand(archive)
    assert source.origin == f"{archive}!/\u251c\u2310.txt"


def test_utf8_names_without_the_flag_are_shown_as_utf8(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"été.txt": TEXT, "hiver.txt": TEXT})
    _set_flags(archive, "été.txt".encode(), clear_bits=0x800)
    [_hiver, ete] = _expand(archive)
    assert ete.origin == f"{archive}!/été.txt"
    assert ete.read() == TEXT
    # ... also when the member is encrypted (the flags hold both bits).
    _set_flags(archive, "été.txt".encode(), set_bits=0x1)
    [_hiver, ete] = _expand(archive)
    assert ete.origin == f"{archive}!/été.txt"
    assert ete.error == "password-protected archive member: cannot be read"


def test_cp437_names_that_are_not_utf8_stay_cp437(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"xx.txt": TEXT})
    raw = archive.read_bytes().replace(b"xx.txt", "é!.txt".encode("cp437"))
    archive.write_bytes(raw)
    [source] = _expand(archive)
    assert source.origin == f"{archive}!/é!.txt"


def _unsafe_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name in ("/abs.txt", "C:/drive.txt", "a/../up.txt", "nulXbyte.txt", "ok.txt"):
            zf.writestr(name, TEXT)
        link = zipfile.ZipInfo("lien.txt")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    path.write_bytes(path.read_bytes().replace(b"nulXbyte", b"nul\x00byte"))
    return path


def test_unsafe_names_and_links_each_get_their_exact_line(tmp_path: Path) -> None:
    archive = _unsafe_zip(tmp_path / "u.zip")
    found = {s.origin.split("!/", 1)[1]: s for s in _expand(archive)}
    unsafe = "unsafe file name in the archive ({}): not imported"
    assert {name: s.skip for name, s in found.items()} == {
        "/abs.txt": unsafe.format("an absolute path"),
        "C:/drive.txt": unsafe.format("a Windows drive path"),
        "a/../up.txt": unsafe.format("'..' would climb out of the archive's folder"),
        "nul\\0byte.txt": unsafe.format("it contains a NUL character"),
        "lien.txt": "link stored in the archive: not followed",
        "ok.txt": None,
    }
    skipped = found["/abs.txt"]
    assert skipped == Source(skipped.origin, path=archive, members=("/abs.txt",),
                             skip=skipped.skip)  # fmt: skip


# --- the lines of an archive ---------------------------------------------------------------


def test_a_corrupt_archive_is_one_line_naming_it(tmp_path: Path) -> None:
    archive = tmp_path / "c.zip"
    archive.write_bytes(b"PK\x03\x04 not a zip")
    [source] = _expand(archive)
    assert source.path == archive
    assert source.error and source.error.startswith("corrupt or unreadable ZIP archive (")


def test_member_sources_carry_path_chain_size_and_limit(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"a.txt": TEXT})
    limits = ArchiveLimits(max_member_bytes=500)
    assert _expand(archive, limits) == [
        Source(f"{archive}!/a.txt", path=archive, members=("a.txt",), size=len(TEXT), limit=500)
    ]


def test_member_count_limit_is_inclusive(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "m.zip", {f"{i}.txt": TEXT for i in range(3)})
    assert len(_expand(archive, ArchiveLimits(max_members=3))) == 3
    assert _expand(archive, ArchiveLimits(max_members=2)) == [
        Source(str(archive), path=archive,
               error="too many files in the archive (3; the limit is 2)")
    ]  # fmt: skip
    outer = _zip(tmp_path / "o.zip", {"in.zip": archive.read_bytes()})
    assert _expand(outer, ArchiveLimits(max_members=2)) == [
        Source(f"{outer}!/in.zip", path=outer, members=("in.zip",),
               error="too many files in the archive (3; the limit is 2)")
    ]  # fmt: skip


def test_total_size_limit_is_inclusive_and_in_whole_megabytes(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "t.zip", {"a.txt": b"a" * (MB + MB // 2), "b.txt": b"b" * MB})
    declared = 2 * MB + MB // 2
    assert len(_expand(archive, ArchiveLimits(max_total_bytes=declared))) == 2
    assert _expand(archive, ArchiveLimits(max_total_bytes=declared - 1)) == [
        Source(str(archive), path=archive,
               error="archive too large once uncompressed (2 MB; the limit is 2 MB)")
    ]  # fmt: skip


def test_nested_archives_share_one_size_budget(tmp_path: Path) -> None:
    inner = _zip_bytes({"b.txt": b"b" * 1000})
    archive = _zip(tmp_path / "o.zip", {"a.txt": b"a" * 4000, "in.zip": inner})
    outer_declared = 4000 + len(inner)
    found = _expand(archive, ArchiveLimits(max_total_bytes=outer_declared + 999))
    nested = [s for s in found if s.origin.endswith("in.zip")]
    assert nested == [
        Source(f"{archive}!/in.zip", path=archive, members=("in.zip",),
               error="archive too large once uncompressed (0 MB; the limit is 0 MB)")
    ]  # fmt: skip
    found = _expand(archive, ArchiveLimits(max_total_bytes=outer_declared + 1000))
    assert [s.origin.split("!/", 1)[1] for s in found] == ["a.txt", "in.zip!/b.txt"]


@pytest.mark.parametrize(
    ("members", "why"),
    [
        ({}, "empty archive"),
        ({"__MACOSX/._a.txt": b"x", ".cache": b"x"}, "only hidden or system files"),
    ],
)
def test_an_archive_giving_nothing_says_why(
    tmp_path: Path, members: dict[str, bytes], why: str
) -> None:
    archive = _zip(tmp_path / "n.zip", members)
    assert _expand(archive) == [
        Source(str(archive), path=archive, skip=f"nothing to import ({why})")
    ]
    outer = _zip(tmp_path / "o.zip", {"n.zip": archive.read_bytes()})
    assert _expand(outer) == [
        Source(f"{outer}!/n.zip", path=outer, members=("n.zip",),
               skip=f"nothing to import ({why})")
    ]  # fmt: skip


def test_nesting_too_deep_is_one_exact_line(tmp_path: Path) -> None:
    third = _zip_bytes({"deep.txt": TEXT})
    inner = _zip_bytes({"third.zip": third})
    archive = _zip(tmp_path / "o.zip", {"in.zip": inner})
    assert _expand(archive) == [
        Source(f"{archive}!/in.zip!/third.zip", path=archive, members=("in.zip", "third.zip"),
               error="archive nested too deeply (a ZIP in a ZIP in a ZIP): not opened")
    ]  # fmt: skip
    [deep] = _expand(archive, ArchiveLimits(max_depth=2))
    assert deep.members == ("in.zip", "third.zip", "deep.txt")
    release()  # read through both nested archives afresh
    assert deep.read() == TEXT


def test_a_damaged_nested_archive_is_a_line_naming_its_chain(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "o.zip", {"in.zip": b"PK\x05\x06 not a zip"}, zipfile.ZIP_STORED)
    [source] = _expand(archive)
    assert (source.path, source.members) == (archive, ("in.zip",))
    assert source.error and source.error.startswith("corrupt or unreadable ZIP archive (")


def test_a_nested_archive_whose_header_lies_is_refused_with_its_chain(tmp_path: Path) -> None:
    """A nested archive bigger than its limit (its size field was read smaller)."""
    inner = _zip_bytes({"b.txt": os.urandom(3000)}, zipfile.ZIP_STORED)
    archive = _zip(tmp_path / "o.zip", {"in.zip": inner}, zipfile.ZIP_STORED)
    with pytest.raises(ImportFailure, match=r"^nested archive too large \(over 0 MB\)$"):
        read_member(archive, ("in.zip", "b.txt"), 2000)


# --- members refused -------------------------------------------------------------------------


def test_member_problems_are_exact_and_their_bounds_inclusive(tmp_path: Path) -> None:
    data = os.urandom(MB + MB // 2)
    archive = _zip(tmp_path / "p.zip", {"big.bin": data}, zipfile.ZIP_STORED)
    assert _expand(archive, ArchiveLimits(max_member_bytes=len(data)))[0].error is None
    limits = ArchiveLimits(max_member_bytes=len(data) - 1)
    assert _expand(archive, limits) == [
        Source(f"{archive}!/big.bin", path=archive, members=("big.bin",),
               error="file too large (1 MB; the limit is 1 MB)")
    ]  # fmt: skip


def test_the_ratio_is_checked_from_its_minimum_size_and_its_bound_is_inclusive(
    tmp_path: Path,
) -> None:
    archive = _zip(tmp_path / "r.zip", {"zeros.txt": b"\0" * 100_000})
    info = zipfile.ZipFile(archive).getinfo("zeros.txt")
    ratio = info.file_size / info.compress_size
    at_min = ArchiveLimits(ratio_min_bytes=100_000, max_ratio=10)
    assert (_expand(archive, at_min)[0].error or "").startswith("refused: compressed ")
    assert _expand(archive, ArchiveLimits(ratio_min_bytes=100_001, max_ratio=10))[0].error is None
    exact = ArchiveLimits(ratio_min_bytes=1, max_ratio=ratio)
    assert _expand(archive, exact)[0].error is None


def test_incompressible_members_pass_the_ratio_check(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "r.zip", {"noise.bin": os.urandom(5000)})
    assert _expand(archive, ArchiveLimits(ratio_min_bytes=1000))[0].error is None


# --- reading ----------------------------------------------------------------------------------


def test_read_member_reads_up_to_its_limit_exactly(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"a.txt": b"x" * 100})
    assert read_member(archive, ("a.txt",), 100) == b"x" * 100
    with pytest.raises(ImportFailure, match=r"^file too large \(over 0 MB\)$"):
        read_member(archive, ("a.txt",), 99)
    big = _zip(tmp_path / "b.zip", {"b.txt": b"y" * (2 * MB)})
    with pytest.raises(ImportFailure, match=r"^file too large \(over 1 MB\)$"):
        read_member(big, ("b.txt",), MB + MB // 2)


def _patch_headers(path: Path, local: int, central: int, value: bytes) -> None:
    """Overwrite a field of the (only) member's local and central headers."""
    raw = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", local), (b"PK\x01\x02", central)):
        at = raw.index(signature) + offset
        raw[at:at + len(value)] = value
    path.write_bytes(bytes(raw))


def test_read_member_errors_are_sentences(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"a.txt": TEXT})
    with pytest.raises(ImportFailure, match=r"^the file is no longer in the archive$"):
        read_member(archive, ("gone.txt",), 1000)
    _set_flags(archive, b"a.txt", set_bits=0x1)
    release()
    with pytest.raises(ImportFailure, match=r"^cannot read this archive member \(.*encrypted"):
        read_member(archive, ("a.txt",), 1000)
    odd = _zip(tmp_path / "odd.zip", {"a.txt": TEXT})
    _patch_headers(odd, 8, 10, (99).to_bytes(2, "little"))  # AES, which zipfile lacks
    with pytest.raises(ImportFailure, match=r"^unsupported compression in the archive \(.+\)$"):
        read_member(odd, ("a.txt",), 1000)
    damaged = _zip(tmp_path / "d.zip", {"a.txt": TEXT})
    raw = bytearray(damaged.read_bytes())
    raw[30 + len(b"a.txt")] = 0xFF  # a deflate block of the reserved type
    damaged.write_bytes(bytes(raw))
    with pytest.raises(ImportFailure, match=r"^corrupt archive member \(.+\)$"):
        read_member(damaged, ("a.txt",), 1000)


def test_reading_never_inflates_more_than_the_limit(tmp_path: Path) -> None:
    zeros = b"\0" * (30 * MB)
    plain = _zip(tmp_path / "p.zip", {"z.txt": zeros})
    nested = _zip(tmp_path / "n.zip", {"in.zip": _zip_bytes({"z.txt": zeros}, zipfile.ZIP_STORED)})
    for archive, chain in ((plain, ("z.txt",)), (nested, ("in.zip", "z.txt"))):
        release()
        tracemalloc.start()
        try:
            with pytest.raises(ImportFailure, match="too large"):
                read_member(archive, chain, MB)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 8 * MB, (chain, peak)


def test_a_nested_archive_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    inner = _zip_bytes({"b.txt": TEXT})
    archive = _zip(tmp_path / "o.zip", {"in.zip": inner})
    assert read_member(archive, ("in.zip", "b.txt"), len(inner)) == TEXT


def test_nested_members_are_read_with_the_sources_limit(tmp_path: Path) -> None:
    inner = _zip_bytes({"b.txt": TEXT, "c.bin": os.urandom(3000)}, zipfile.ZIP_STORED)
    archive = _zip(tmp_path / "o.zip", {"in.zip": inner})
    with pytest.raises(ImportFailure, match="nested archive too large"):
        read_member(archive, ("in.zip", "b.txt"), 1000)


# --- the archives kept open --------------------------------------------------------------------


def test_the_open_archives_are_reused_and_the_oldest_closed(tmp_path: Path) -> None:
    paths = [str(_zip(tmp_path / f"{i}.zip", {"a.txt": TEXT})) for i in range(5)]
    archives = _OpenArchives()
    first = archives.get(paths[0], (), MAX_FILE_BYTES)
    assert archives.get(paths[0], (), MAX_FILE_BYTES) is first
    opened = [first] + [archives.get(p, (), MAX_FILE_BYTES) for p in paths[1:]]
    assert opened[0].fp is None  # the fifth closed the least recently used
    assert all(zf.fp is not None for zf in opened[1:])
    archives.close_all()
    assert all(zf.fp is None for zf in opened)

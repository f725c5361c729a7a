"""ZIP archives: list members as sources, read one member, refuse zip bombs.

Nothing is extracted to disk, so hostile member names (``../x``) could do no harm here;
they are still reported as skipped and never read, not dropped silently: such a name
comes from a broken or hostile tool, and the person should see the archive is odd.
Links stored in the archive are reported and not followed, and an archive that gives
nothing to import says so. The limits are plain numbers a user can understand in a
refusal message. Declared sizes bound what ``zipfile`` will inflate, so checking them
up front plus a capped read is enough to keep memory bounded.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import threading
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.importers.outcome import MAX_FILE_BYTES, ImportFailure
from index.importers.sources import MemberFilter, Source

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    max_member_bytes: int = MAX_FILE_BYTES
    max_total_bytes: int = 512 * MB
    max_ratio: float = 100.0
    ratio_min_bytes: int = 1 * MB  # small members may compress well (blank padding)
    max_members: int = 10_000
    max_depth: int = 1  # ZIPs inside a ZIP: one level


def is_zip_name(name: str) -> bool:
    return name.lower().endswith(".zip")


def display_name(info: zipfile.ZipInfo) -> str:
    """Member name as the user saw it when zipping (many tools store UTF-8 without the flag).

    ``zipfile`` cuts a name at a NUL character; the full name is shown, NUL as ``\\0``,
    so the report names what is really in the archive.
    """
    name = info.orig_filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("utf-8")
    return name.replace("\\", "/").replace("\x00", "\\0")


_DRIVE = re.compile(r"\A[A-Za-z]:")
UNSAFE_NAME = "unsafe file name in the archive ({why}): not imported"


def unsafe_member(info: zipfile.ZipInfo, name: str) -> str | None:
    """Why a member must be reported and not read (a hostile name or a link), if so."""
    if "\x00" in info.orig_filename:
        return UNSAFE_NAME.format(why="it contains a NUL character")
    if name.startswith("/"):
        return UNSAFE_NAME.format(why="an absolute path")
    if _DRIVE.match(name):
        return UNSAFE_NAME.format(why="a Windows drive path")
    if ".." in name.split("/"):
        return UNSAFE_NAME.format(why="'..' would climb out of the archive's folder")
    if info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16):
        return "link stored in the archive: not followed"
    return None


class _Budget:
    """Uncompressed bytes an archive (and the archives inside it) may still expand to."""

    def __init__(self, total: int) -> None:
        self.left = total


def expand_zip(path: Path, origin: str, limits: ArchiveLimits) -> Iterator[Source]:
    """One source per member worth reading, or one failed source for the whole archive."""
    try:
        zf = _open(str(path), ())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        yield Source(origin, path=path, error=f"corrupt or unreadable ZIP archive ({exc})")
        return
    yield from _members(zf, path, origin, (), limits, _Budget(limits.max_total_bytes))


def _members(
    zf: zipfile.ZipFile,
    path: Path,
    origin: str,
    chain: tuple[str, ...],
    limits: ArchiveLimits,
    budget: _Budget,
) -> Iterator[Source]:
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if len(infos) > limits.max_members:
        yield Source(
            origin,
            path=path,
            members=chain,
            error=(
                f"too many files in the archive ({len(infos):,}; the limit is "
                f"{limits.max_members:,})"
            ),
        )
        return
    declared = sum(i.file_size for i in infos)
    if declared > budget.left:
        yield Source(
            origin,
            path=path,
            members=chain,
            error=(
                f"archive too large once uncompressed ({declared // MB:,} MB; the limit is "
                f"{limits.max_total_bytes // MB:,} MB)"
            ),
        )
        return
    budget.left -= declared
    found = False
    for source in _member_sources(infos, path, origin, chain, limits, budget):
        found = True
        yield source
    if not found:  # an archive that gives nothing still gets its line in the report
        why = "only hidden or system files" if infos else "empty archive"
        yield Source(origin, path=path, members=chain, skip=f"nothing to import ({why})")


def _member_sources(
    infos: list[zipfile.ZipInfo],
    path: Path,
    origin: str,
    chain: tuple[str, ...],
    limits: ArchiveLimits,
    budget: _Budget,
) -> Iterator[Source]:
    names = [display_name(i) for i in infos]
    member_filter = MemberFilter(names)
    for info, name in sorted(zip(infos, names, strict=True), key=lambda p: (p[1].casefold(), p[1])):
        member_origin = f"{origin}!/{name}"
        members = (*chain, info.filename)
        unsafe = unsafe_member(info, name)
        if unsafe:
            yield Source(member_origin, path=path, members=members, skip=unsafe)
        elif member_filter.skipped(name):
            continue
        elif problem := _member_problem(info, limits):
            yield Source(member_origin, path=path, members=members, error=problem)
        elif is_zip_name(name):
            yield from _nested(path, member_origin, members, limits, budget)
        else:
            yield Source(
                member_origin,
                path=path,
                members=members,
                size=info.file_size,
                limit=limits.max_member_bytes,
            )


def _nested(
    path: Path,
    origin: str,
    chain: tuple[str, ...],
    limits: ArchiveLimits,
    budget: _Budget,
) -> Iterator[Source]:
    if len(chain) > limits.max_depth:
        yield Source(
            origin,
            path=path,
            members=chain,
            error="archive nested too deeply (a ZIP in a ZIP in a ZIP): not opened",
        )
        return
    try:
        inner = _open(str(path), chain, limits.max_member_bytes)
    except ImportFailure as exc:
        yield Source(origin, path=path, members=chain, error=exc.reason)
        return
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError) as exc:  # inflating the nested archive: damaged, odd method, locked
        yield Source(
            origin, path=path, members=chain, error=f"corrupt or unreadable ZIP archive ({exc})"
        )
        return
    yield from _members(inner, path, origin, chain, limits, budget)


def _member_problem(info: zipfile.ZipInfo, limits: ArchiveLimits) -> str | None:
    if info.flag_bits & 0x1:
        return "password-protected archive member: cannot be read"
    if info.file_size > limits.max_member_bytes:
        return (
            f"file too large ({info.file_size // MB:,} MB; the limit is "
            f"{limits.max_member_bytes // MB:,} MB)"
        )
    if info.file_size >= limits.ratio_min_bytes:
        ratio = info.file_size / max(1, info.compress_size)
        if ratio > limits.max_ratio:
            return (
                f"refused: compressed {ratio:,.0f} to 1, which looks like a zip bomb "
                f"(the limit is {limits.max_ratio:,.0f} to 1)"
            )
    return None


def read_member(path: Path, chain: tuple[str, ...], limit: int) -> bytes:
    """Bytes of a member (``chain`` names it through nested archives), at most ``limit``."""
    try:
        zf = _open(str(path), chain[:-1], limit)
        with zf.open(chain[-1]) as handle:
            data = handle.read(limit + 1)
    except ImportFailure:
        raise
    except KeyError:
        raise ImportFailure("the file is no longer in the archive") from None
    except NotImplementedError as exc:  # a RuntimeError too: caught first
        raise ImportFailure(f"unsupported compression in the archive ({exc})") from None
    except RuntimeError as exc:  # encrypted member
        raise ImportFailure(f"cannot read this archive member ({exc})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise ImportFailure(f"corrupt archive member ({exc})") from None
    if len(data) > limit:
        raise ImportFailure(f"file too large (over {limit // MB:,} MB)")
    return data


class _OpenArchives:
    """The few archives last read from, kept open.

    Reading 10,000 members must not re-parse the central directory 10,000 times, nor
    re-inflate a nested archive for each of its members. One per process (workers each
    have theirs); keyed by path, modification time and size so a changed file reopens.
    """

    def __init__(self, size: int = 4) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._open: OrderedDict[tuple[object, ...], zipfile.ZipFile] = OrderedDict()

    def get(self, path: str, chain: tuple[str, ...], limit: int) -> zipfile.ZipFile:
        stat = os.stat(path)
        key = (path, stat.st_mtime_ns, stat.st_size, chain)
        with self._lock:
            found = self._open.get(key)
            if found is not None:
                self._open.move_to_end(key)
                return found
        zf = self._load(path, chain, limit)
        with self._lock:
            self._open[key] = zf
            while len(self._open) > self._size:
                self._open.popitem(last=False)[1].close()
        return zf

    def _load(self, path: str, chain: tuple[str, ...], limit: int) -> zipfile.ZipFile:
        if not chain:
            return zipfile.ZipFile(path)
        parent = self.get(path, chain[:-1], limit)
        with parent.open(chain[-1]) as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise ImportFailure(f"nested archive too large (over {limit // MB:,} MB)")
        return zipfile.ZipFile(io.BytesIO(data))

    def close_all(self) -> None:
        with self._lock:
            while self._open:
                self._open.popitem()[1].close()


_ARCHIVES = _OpenArchives()


def _open(path: str, chain: tuple[str, ...], limit: int = MAX_FILE_BYTES) -> zipfile.ZipFile:
    return _ARCHIVES.get(path, chain, limit)


def release() -> None:
    """Close the archives kept open for reading members (call when an import ends)."""
    _ARCHIVES.close_all()

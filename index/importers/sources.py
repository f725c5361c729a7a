"""Turn the paths a user dropped into sources to read: files, folders, ZIP members.

Walking never raises for one bad path: a missing file, a folder we may not open or a
refused archive becomes a :class:`Source` whose ``error`` says why, so the import report
can name it. Order is stable (sorted by name) so two imports of the same folder report
files in the same order.

A dropped folder is imported as what it holds, not as what its links point to: a link
found inside it whose target lies outside it (``passwords -> /etc``) is reported as
skipped and never read, or dropping a folder from an untrusted USB stick could make
``/etc/shadow`` searchable. A path the person names directly is followed: they chose it.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from index.importers.decoding import utf8_or_cp1252
from index.importers.outcome import MAX_FILE_BYTES, ImportFailure, ImportSkipped

if TYPE_CHECKING:
    from index.importers.archive import ArchiveLimits

SYSTEM_NAMES = frozenset(
    name.casefold()
    for name in (
        "Thumbs.db",
        "ehthumbs.db",
        "desktop.ini",
        ".DS_Store",
        "__MACOSX",
        "$RECYCLE.BIN",
        "System Volume Information",
        "Icon\r",
    )
)
_WINDOWS_HIDDEN = stat.FILE_ATTRIBUTE_HIDDEN | stat.FILE_ATTRIBUTE_SYSTEM
# Suffixes browsers give the folder of a saved page's images and scripts (by locale).
SAVED_PAGE_FOLDER_SUFFIXES = ("_files", "_fichiers", "-Dateien", "_archivos", "_arquivos", "_file")
SAVED_PAGE_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml")


@dataclass(frozen=True, slots=True)
class Source:
    """One file or archive member to import. Picklable: it can be read in a worker."""

    origin: str
    path: Path | None = None
    members: tuple[str, ...] = ()  # member names inside path (nested archives: several)
    error: str | None = None
    size: int | None = None
    limit: int = MAX_FILE_BYTES
    skip: str | None = None  # why this entry is deliberately not read (a link out, ...)

    def read(self) -> bytes:
        """The bytes to parse; raises ImportFailure with a plain reason instead of OSError.

        A source with ``skip`` set raises ImportSkipped: the report shows it as skipped.
        """
        if self.skip is not None:
            raise ImportSkipped(self.skip)
        if self.error is not None:
            raise ImportFailure(self.error)
        if self.path is None:
            raise ImportFailure("nothing to read")
        if self.members:
            from index.importers.archive import read_member

            return read_member(self.path, self.members, self.limit)
        return _read_file(self.path, self.limit)


def _read_file(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise ImportFailure(_too_large(size, limit))
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ImportFailure(os_reason(exc)) from None
    if len(data) > limit:
        raise ImportFailure(_too_large(len(data), limit))
    return data


def _too_large(size: int, limit: int) -> str:
    mb = 1024 * 1024
    return f"file too large ({size / mb:,.0f} MB; the limit is {limit // mb:,} MB)"


def os_reason(exc: OSError) -> str:
    """Plain words for the OS errors people meet when importing."""
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "this is a folder, not a file"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return f"could not read the file ({exc.strerror or exc})"


def display_path(path: Path) -> str:
    """The path as text that can be stored and shown.

    A name that is not valid UTF-8 on disk (copied from an old Windows or Mac disk) comes
    back from the OS with lone surrogates, which SQLite and Qt refuse: read it as cp1252.
    """
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return utf8_or_cp1252(os.fsencode(path))
    return text


def is_hidden_or_system(name: str) -> bool:
    return name.startswith((".", "~$")) or name.casefold() in SYSTEM_NAMES


def is_saved_page_folder(name: str, siblings: frozenset[str]) -> bool:
    """True for ``page_files`` when ``page.html`` sits beside it (``siblings`` casefolded)."""
    folded = name.casefold()
    for suffix in SAVED_PAGE_FOLDER_SUFFIXES:
        if folded.endswith(suffix.casefold()) and len(folded) > len(suffix):
            stem = folded[: -len(suffix)]
            if any(stem + ext in siblings for ext in SAVED_PAGE_EXTENSIONS):
                return True
    return False


class MemberFilter:
    """Which ZIP members (``a/b/c.txt``) to leave out, by the same rules as folders.

    Built once per archive: the children of every folder are indexed up front so checking
    10,000 members stays linear.
    """

    def __init__(self, names: Iterable[str]) -> None:
        children: dict[str, set[str]] = {}
        for name in names:
            parts = [p for p in name.casefold().split("/") if p not in ("", ".")]
            for depth, part in enumerate(parts):
                children.setdefault("/".join(parts[:depth]), set()).add(part)
        self._children = {k: frozenset(v) for k, v in children.items()}

    def skipped(self, name: str) -> bool:
        parts = [p for p in name.split("/") if p not in ("", ".")]  # "./a.txt" is "a.txt"
        if not parts or any(is_hidden_or_system(p) for p in parts):
            return True
        folded = [p.casefold() for p in parts]
        for depth in range(len(parts) - 1):  # every folder on the way to the file
            siblings = self._children.get("/".join(folded[:depth]), frozenset())
            if is_saved_page_folder(parts[depth], siblings):
                return True
        return False


def iter_sources(
    paths: Iterable[Path | str], limits: ArchiveLimits | None = None
) -> Iterator[Source]:
    """Expand files, folders (recursively) and ZIP archives into sources, in a stable order.

    Paths given explicitly are taken even when hidden, and followed when they are links;
    inside folders and archives, hidden and system files and a saved page's ``_files``
    folder are left out, and links leading out of the dropped folder are reported as
    skipped.
    """
    from index.importers.archive import ArchiveLimits

    walker = _Walker(limits or ArchiveLimits())
    for path in paths:
        yield from walker.expand(Path(os.path.abspath(os.fspath(path))))


LINK_OUTSIDE = "link to a {kind} outside the imported folder: not followed"
LOOP = "link that leads back to itself (a link loop)"
LINK_LOOP = f"{LOOP}: not followed"
LINK_BROKEN = "broken link (its target does not exist): not followed"


class _Walker:
    def __init__(self, limits: ArchiveLimits) -> None:
        self.limits = limits
        self.seen: set[tuple[int, int]] = set()  # (device, inode): no file twice, no loops

    def expand(self, path: Path, root: str | None = None) -> Iterator[Source]:
        """Sources under ``path``; ``root`` is the real path of the dropped folder it is in
        (None when the person named ``path`` itself)."""
        origin = display_path(path)
        if root is not None and path.is_symlink():
            refusal = _link_refusal(path, root)
            if refusal is not None:  # no path: nothing may ever read it
                yield Source(origin, skip=refusal)
                return
        try:
            info = path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # a link named directly that loops: nothing to read
                yield Source(origin, error=LOOP)
                return
            yield Source(origin, path=path, error=os_reason(exc))
            return
        if root is not None and getattr(info, "st_file_attributes", 0) & _WINDOWS_HIDDEN:
            return
        key = (info.st_dev, info.st_ino)
        if key in self.seen and info.st_ino:
            return
        self.seen.add(key)
        if stat.S_ISDIR(info.st_mode):
            yield from self._walk(path, root if root is not None else os.path.realpath(path))
        elif not stat.S_ISREG(info.st_mode):
            yield Source(origin, path=path, error="not a regular file (device, pipe or socket)")
        elif path.name.lower().endswith(".zip"):
            from index.importers.archive import expand_zip

            yield from expand_zip(path, origin, self.limits)
        else:
            yield Source(origin, path=path, size=info.st_size)

    def _walk(self, folder: Path, root: str) -> Iterator[Source]:
        try:
            with os.scandir(folder) as scan:
                names = sorted((entry.name for entry in scan), key=lambda n: (n.casefold(), n))
        except OSError as exc:
            reason = os_reason(exc)
            error = f"cannot open this folder: {reason}"
            yield Source(display_path(folder), path=folder, error=error)
            return
        siblings = frozenset(n.casefold() for n in names)
        for name in names:
            if is_hidden_or_system(name):
                continue
            child = folder / name
            if is_saved_page_folder(name, siblings) and child.is_dir():
                continue
            yield from self.expand(child, root)


def _link_refusal(link: Path, root: str) -> str | None:
    """Why the link ``link`` found inside the folder ``root`` must not be followed, if so.

    The whole chain of links is resolved: a link to a link that leaves the folder is
    refused too. Only where the chain ends counts, so links within the folder still work.
    """
    try:
        target = os.path.realpath(link, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return LINK_LOOP
        if isinstance(exc, FileNotFoundError):
            return LINK_BROKEN
        return f"link that cannot be followed ({os_reason(exc)})"
    if target == root or target.startswith(root.rstrip(os.sep) + os.sep):
        return None
    return LINK_OUTSIDE.format(kind="folder" if os.path.isdir(target) else "file")

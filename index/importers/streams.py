"""Large JSON Lines files, mailboxes and feeds, read article by article.

Read whole, a 200 MB JSON Lines file was held as bytes, as text and as parsed objects
at once (474 MiB peak), and any file over 64 MB was refused even when each of its
articles was small. A file of these formats from :data:`STREAM_MIN_BYTES` on is instead
cut into pieces of a few hundred records (lines, messages, entries), each parsed on its
own and committed like a small file, so memory is bounded by the pieces in flight
whatever the file's size. The size limit applies to one record, an article: a larger
one is refused with its own report line and the rest of the file imports.

The original kept for a streamed article is the piece that holds it (its own line or
message among its neighbours; for a feed, the piece rebuilt as a small feed), not the
whole file, which would have to be held in memory to be compressed.
"""

from __future__ import annotations

import codecs
import copy
import gzip
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from index.importers.decoding import legacy_decode
from index.importers.outcome import MAX_FILE_BYTES, ImportFailure, ParseOutcome
from index.importers.registry import HEAD_BYTES, filename_of, rank_formats, registry
from index.importers.sources import Source, os_reason
from index.models import ArticleDraft

STREAM_MIN_BYTES = 4 * 1024 * 1024  # smaller files are read whole, original kept whole
PIECE_RECORDS = 256
PIECE_BYTES = 1024 * 1024
READ_SLICE = 1024 * 1024
_MB = 1024 * 1024
_JSONL_EXTENSIONS = (".jsonl", ".ndjson", ".jsonlines")
_UNITS = {"jsonl": ("line", "line"), "mbox": ("message", "msg"), "feed": ("entry", "entry")}
_ITEM_TAGS = frozenset({"item", "entry"})
_ITEM_PARENTS = frozenset({"channel", "rdf", "rss", "feed"})
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[|<!ENTITY", re.IGNORECASE)
_PLACEHOLDER = b"<!--veille-entries-->"


@dataclass(frozen=True, slots=True)
class Piece:
    """Consecutive records of one streamed file; picklable, parsed in a worker."""

    origin: str  # the file's origin
    kind: str  # "jsonl" | "mbox" | "feed"
    records: tuple[bytes, ...]
    first: int  # the number of the first record (line, message or entry)
    frame: tuple[bytes, bytes] = (b"", b"")  # a feed's bytes before and after its entries

    @property
    def where(self) -> str:
        return f"{_UNITS[self.kind][0]} {self.first + len(self.records) - 1:,}"

    def data(self) -> bytes:
        """The piece's own bytes: what is kept as its articles' original."""
        return self.frame[0] + b"".join(self.records) + self.frame[1]


@dataclass(frozen=True, slots=True)
class Refusal:
    """One record that is not read: ``origin`` names it (``file#line-7``)."""

    origin: str
    reason: str
    where: str


@dataclass(frozen=True, slots=True)
class Cut:
    """The rest of the file cannot be read (corrupt compression, broken XML)."""

    reason: str
    where: str


StreamItem = Piece | Refusal | Cut


def stream_kind(source: Source) -> str | None:
    """``"jsonl"``, ``"mbox"`` or ``"feed"`` when this source is read as a stream."""
    if source.path is None or source.members or source.error or source.skip:
        return None
    if (source.size or 0) < STREAM_MIN_BYTES and not _large_gzip(source.path):
        return None
    try:
        with _open(source.path) as handle:
            head = handle.read(HEAD_BYTES)
    except (OSError, EOFError, zlib.error):
        return None  # the whole-file path says why in its own words
    name = filename_of(source.origin)
    name = name[:-3] if name.lower().endswith(".gz") else name
    ranked = rank_formats(head, name)
    if not ranked:
        return None
    _total, sniff, fmt = ranked[0]
    if fmt.name == "json" and _is_jsonl(head, name, sniff):
        return "jsonl"
    if fmt.name == "mbox":
        return "mbox"
    if fmt.name == "feed" and sniff >= 90 and head[:4].count(b"\x00") == 0:
        return None if _INTERNAL_SUBSET.search(head) else "feed"
    return None


def _large_gzip(path: Path) -> bool:
    """A gzip file whose trailer says it holds at least STREAM_MIN_BYTES."""
    try:
        with path.open("rb") as handle:
            if handle.read(2) != b"\x1f\x8b":
                return False
            handle.seek(-4, 2)
            return int.from_bytes(handle.read(4), "little") >= STREAM_MIN_BYTES
    except OSError:
        return False


def _is_jsonl(head: bytes, name: str, sniff: int) -> bool:
    view = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if not view.startswith(b"{"):
        return False
    return sniff >= 60 or name.lower().endswith(_JSONL_EXTENSIONS)


def _open(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed as they are read when it is gzip."""
    handle = path.open("rb")
    if handle.read(2) == b"\x1f\x8b":
        handle.close()
        return gzip.GzipFile(path, "rb")  # type: ignore[return-value]  # an IO[bytes]
    handle.seek(0)
    return handle


def iter_pieces(source: Source, kind: str, limit: int = MAX_FILE_BYTES) -> Iterator[StreamItem]:
    """The file's pieces in order, refusing each record over ``limit`` bytes on its own
    line; a read error ends the stream with a :class:`Cut`."""
    assert source.path is not None
    reader = {"jsonl": _jsonl_records, "mbox": _mbox_records, "feed": _feed_records}[kind]
    unit, fragment = _UNITS[kind]
    batcher = _Batcher(source.origin, kind)
    number = 0
    try:
        with _open(source.path) as handle:
            for number, record in reader(handle, limit):
                if isinstance(record, int):
                    yield from batcher.flush()
                    yield Refusal(f"{source.origin}#{fragment}-{number}",
                                  _too_large(record, limit), f"{unit} {number:,}")
                elif isinstance(record, tuple):  # a feed's frame, before its first entry
                    batcher.frame = record
                else:
                    yield from batcher.add(number, record)
    except (OSError, EOFError, zlib.error, ImportFailure) as exc:
        yield from batcher.flush()
        reason = exc.reason if isinstance(exc, ImportFailure) else _read_error(exc)
        yield Cut(f"the file could not be read after {unit} {number:,} ({reason})",
                  f"{unit} {number:,}")
        return
    yield from batcher.flush()


class _Batcher:
    """Gathers records into pieces of PIECE_RECORDS records or PIECE_BYTES bytes."""

    def __init__(self, origin: str, kind: str) -> None:
        self.origin, self.kind = origin, kind
        self.frame: tuple[bytes, bytes] = (b"", b"")
        self._records: list[bytes] = []
        self._first = 0
        self._size = 0

    def add(self, number: int, record: bytes) -> Iterator[Piece]:
        if not self._records:
            self._first = number
        elif number != self._first + len(self._records):  # numbers must stay consecutive
            yield from self.flush()
            self._first = number
        self._records.append(record)
        self._size += len(record)
        if len(self._records) >= PIECE_RECORDS or self._size >= PIECE_BYTES:
            yield from self.flush()

    def flush(self) -> Iterator[Piece]:
        if self._records:
            yield Piece(self.origin, self.kind, tuple(self._records), self._first, self.frame)
        self._records, self._size = [], 0


def _read_error(exc: BaseException) -> str:
    if isinstance(exc, OSError) and not isinstance(exc, gzip.BadGzipFile):
        return os_reason(exc)
    return f"corrupt or truncated compressed data: {exc}"


def _too_large(size: int, limit: int) -> str:
    return f"article too large ({size / _MB:,.0f} MB; the limit is {limit // _MB:,} MB): left out"


def _lines(handle: IO[bytes], limit: int) -> Iterator[bytes | int]:
    """The file's lines; a line over ``limit`` bytes comes back as its size, and is
    never held whole."""
    while line := handle.readline(READ_SLICE):
        if line.endswith(b"\n") or len(line) < READ_SLICE:
            yield line
            continue
        parts, size = [line], len(line)
        while more := handle.readline(READ_SLICE):
            size += len(more)
            if size > limit:
                parts.clear()
            else:
                parts.append(more)
            if more.endswith(b"\n"):
                break
        yield b"".join(parts) if size <= limit else size


def _jsonl_records(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | int]]:
    yield from enumerate(_lines(handle, limit), 1)


def _mbox_records(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | int]]:
    """Messages with their envelope line, numbered as the whole-file reader numbers
    them (a stretch with nothing but blank lines is not a message)."""
    from index.importers.mail import is_envelope

    number = 0
    message = _Message(limit)
    for line in _lines(handle, limit):
        if isinstance(line, bytes) and message.started and is_envelope(line):
            if message.counts():
                number += 1
                yield number, message.value()
            message = _Message(limit)
        message.add(line, envelope=isinstance(line, bytes) and not message.started
                    and is_envelope(line))
    if message.counts():
        yield number + 1, message.value()


class _Message:
    """One message being read: its lines, or only its size once over the limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0
        self.started = False
        self.text = False  # a line other than the envelope holds something

    def add(self, line: bytes | int, *, envelope: bool) -> None:
        self.started = True
        self.size += line if isinstance(line, int) else len(line)
        if isinstance(line, int) or (not envelope and line.strip()):
            self.text = True
        if self.size > self.limit:
            self.parts.clear()
        elif isinstance(line, bytes):
            self.parts.append(line)

    def counts(self) -> bool:
        return self.text

    def value(self) -> bytes | int:
        return self.size if self.size > self.limit else b"".join(self.parts)


def _feed_records(
    handle: IO[bytes], limit: int
) -> Iterator[tuple[int, bytes | int | tuple[bytes, bytes]]]:
    """Entries serialised one by one (lxml, no entities, no DTD, no network); the
    feed's own elements before the first entry become the frame of every piece."""
    from lxml import etree

    number = 0
    events = etree.iterparse(
        handle, events=("end",), resolve_entities=False, no_network=True, load_dtd=False,
        huge_tree=False, remove_pis=True,
    )
    try:
        for _event, element in events:
            parent = element.getparent()
            if _local(element) not in _ITEM_TAGS or parent is None:
                continue
            if _local(parent) not in _ITEM_PARENTS:
                continue
            number += 1
            if number == 1:
                yield 0, _frame(element)
            record = etree.tostring(element, with_tail=False)
            element.clear(keep_tail=False)
            parent.remove(element)
            yield number, (len(record) if len(record) > limit else record)
    except etree.XMLSyntaxError as exc:
        if number == 0:
            raise ImportFailure(f"not a readable feed: {exc}") from None
        raise ImportFailure(f"the feed is not well-formed: {exc}") from None


def _local(element: object) -> str:
    tag = getattr(element, "tag", "")
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _frame(first_entry: object) -> tuple[bytes, bytes]:
    """The document up to its first entry, as the bytes before and after the entries."""
    from lxml import etree

    parent = first_entry.getparent()  # type: ignore[attr-defined]
    root = first_entry.getroottree().getroot()  # type: ignore[attr-defined]
    path = [parent]
    while path[-1] is not root:
        path.append(path[-1].getparent())
    shell = copy.deepcopy(root)
    holder = shell
    for step in reversed(path[:-1]):  # the same child, by position, in the copy
        holder = holder[step.getparent().index(step)]
    for child in list(holder):
        if _local(child) in _ITEM_TAGS:
            holder.remove(child)
    holder.append(etree.Comment("veille-entries"))
    text = etree.tostring(shell)
    before, _, after = text.partition(_PLACEHOLDER)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + before, after


def parse_piece(piece: Piece) -> ParseOutcome:
    """The piece's articles, cleaned as a whole file's would be; never raises."""
    from index.importers.parsing import parse_with

    fmt = registry().get({"jsonl": "json", "mbox": "mbox", "feed": "feed"}[piece.kind])
    assert fmt is not None
    return parse_with(piece.origin, fmt, lambda warnings: _drafts(piece, warnings))


def _drafts(piece: Piece, warnings: list[str]) -> list[ArticleDraft]:
    numbered = enumerate(piece.records, piece.first)
    if piece.kind == "jsonl":
        from index.importers.jsonfmt import numbered_lines

        return numbered_lines(((n, _line_text(r, n, warnings)) for n, r in numbered),
                              piece.origin, warnings)
    if piece.kind == "mbox":
        from index.importers.mail import numbered_messages

        return numbered_messages(((n, _without_envelope(r)) for n, r in numbered),
                                 piece.origin)
    from index.importers.feeds import numbered_entries

    return numbered_entries(piece.data(), piece.origin, piece.first)


def _without_envelope(record: bytes) -> bytes:
    from index.importers.mail import is_envelope

    first, newline, rest = record.partition(b"\n")
    return rest if newline and is_envelope(first + newline) else record


def _line_text(line: bytes, number: int, warnings: list[str]) -> str:
    """UTF-8 as JSON requires; a line that is not is read as legacy text, and said."""
    if number == 1:
        line = line.removeprefix(codecs.BOM_UTF8)
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text, encoding = legacy_decode(line, [])
    warnings.append(f"line {number}: not valid UTF-8, read as {encoding}")
    return text

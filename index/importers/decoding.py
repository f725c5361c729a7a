"""Bytes to clean text: binary sniffing, gzip, encodings, newlines, NULs, mojibake.

Our readers are French and English analysts whose files come from Windows tools, old Macs,
mail clients and copy-paste, so the rules favour Western encodings: valid UTF-8 wins,
then Windows-1252 (a superset of the printable Latin-1 range, so 0x92 becomes ’ rather than
a C1 control character); charset-normalizer is consulted only when cp1252 reads as
gibberish (Cyrillic, Asian or other legacy encodings).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zlib
from dataclasses import dataclass

from index.importers.outcome import ImportFailure

MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office/EPUB document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an XZ archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon image"),
    (b"OggS", "an Ogg audio/video file"),
    (b"ID3", "an MP3 audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
_BZIP2 = re.compile(rb"\ABZh[1-9]1AY&SY")
_RIFF_KINDS = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, LF, FF, CR and ESC: rare in any real text file.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def gunzip(data: bytes, limit: int = MAX_DECOMPRESSED_BYTES) -> bytes:
    """Decompress gzip bytes (all members) without ever holding more than ``limit`` bytes."""
    out: list[bytes] = []
    size = 0
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=31)
        try:
            chunk = inflater.decompress(rest, limit - size + 1)
        except zlib.error as exc:
            raise ImportFailure(f"corrupt or truncated gzip file ({exc})") from None
        size += len(chunk)
        out.append(chunk)
        if size > limit:
            raise ImportFailure(f"too large once decompressed (over {limit // (1024 * 1024)} MB)")
        if not inflater.eof:
            raise ImportFailure("corrupt or truncated gzip file (the data ends too early)")
        rest = inflater.unused_data.lstrip(b"\x00")
        if rest and not is_gzip(rest):
            break  # trailing garbage after a complete member: keep what we have
    return b"".join(out)


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when every other byte is NUL (BOM-less UTF-16 text)."""
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / max(1, len(odd))
    guess = None
    if even_nul > 0.3 and odd_nul < 0.05:
        guess = "utf-16-be"
    elif odd_nul > 0.3 and even_nul < 0.05:
        guess = "utf-16-le"
    if guess and _plausible_text(sample[: len(sample) // 2 * 2].decode(guess, "replace")):
        return guess
    return None


def _plausible_text(text: str) -> bool:
    """Most characters are letters, digits, spaces or punctuation, and words are separated.

    A NUL in every other byte is also what many binary formats look like; decoding them
    as UTF-16 gives symbol soup ("˿˿˿") that must not become an article.
    """
    if not text:
        return False
    good = sum(1 for c in text if c.isalnum() or c.isspace() or unicodedata.category(c)[0] == "P")
    spaced = len(text) < 40 or any(c.isspace() for c in text)
    return spaced and good / len(text) >= 0.8


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def binary_reason(head: bytes) -> str | None:
    """A plain reason when the bytes are clearly not text (magic number, control bytes)."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"not a text file: looks like {what}"
    if _BZIP2.match(head):
        return "not a text file: looks like a bzip2 archive"
    if head[:4] == b"RIFF" and head[8:12] in _RIFF_KINDS:
        return f"not a text file: looks like {_RIFF_KINDS[head[8:12]]}"
    if head[257:262] == b"ustar":
        return "not a text file: looks like a TAR archive (unpack it first)"
    if head[4:8] == b"ftyp":
        return "not a text file: looks like a video or audio file (MP4)"
    if not head or bom_encoding(head) or utf16_without_bom(head):
        return None
    sample = head[:4096]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    ratio = controls / len(sample)
    if ratio > 0.3 or (ratio > 0.02 and not _mostly_utf8(sample)):
        return "not a text file: it holds binary data"
    return None


def _mostly_utf8(sample: bytes) -> bool:
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut by the end of the sample is still UTF-8
        return exc.start >= len(sample) - 3
    return True


def decode_text(data: bytes) -> Decoded:
    """Decode a text file and normalise it (LF newlines, no NUL, no BOM, mojibake repaired)."""
    warnings: list[str] = []
    text, encoding = _decode(data, warnings)
    text = normalise_text(text, warnings)
    repaired, count = repair_mojibake(text)
    if count:
        warnings.append(f"repaired {count} garbled accented characters (mojibake)")
        text = repaired
    return Decoded(strip_invisible(text), encoding, tuple(warnings))


def _decode(data: bytes, warnings: list[str]) -> tuple[str, str]:
    bom = bom_encoding(data)
    if bom is not None:
        name, skip = bom
        if name == "utf-8":
            return _decode_utf8_or_mixed(data[skip:], warnings), "utf-8"
        return _decode_replacing(data[skip:], name, warnings), name
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return _decode_replacing(data, utf16, warnings), utf16
    if data.isascii():
        return data.decode("ascii"), "ascii"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _has_utf8_multibyte(data):
        mixed = _decode_mixed(data, warnings)
        if mixed is not None:
            return mixed, "utf-8+cp1252"
    return legacy_decode(data, warnings)


def _decode_replacing(data: bytes, encoding: str, warnings: list[str]) -> str:
    if encoding.startswith("utf-16") and len(data) % 2:
        data = data[:-1]
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    if bad:
        warnings.append(f"{bad} undecodable characters replaced ({encoding})")
    return text


_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _has_utf8_multibyte(data: bytes) -> bool:
    return _UTF8_SEQ.search(data) is not None


def _decode_utf8_or_mixed(data: bytes, warnings: list[str]) -> str:
    """Text that says it is UTF-8 (BOM): lines that are not fall back to cp1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_mixed(data, warnings, trust_utf8=True) or ""


def _decode_mixed(data: bytes, warnings: list[str], trust_utf8: bool = False) -> str | None:
    """UTF-8 and cp1252 lines in one file (pasted or concatenated), or None if not a mix.

    Not a mix: a single UTF-8-looking byte pair and no valid accented line (chance, in a
    cp1252 file), or lines that do not read as Western text in cp1252 (GBK, Shift-JIS...).
    """
    lines = data.splitlines(keepends=True)
    out: list[str | None] = []
    utf8_accented = 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            utf8_accented += not line.isascii()
        except UnicodeDecodeError:
            out.append(None)
    bad = b"".join(line for line, text in zip(lines, out, strict=True) if text is None)
    utf8_evidence = utf8_accented > 0 or len(_UTF8_SEQ.findall(data, 0, 1 << 20)) >= 2
    if not trust_utf8 and (not utf8_evidence or not _reads_as_western(_UTF8_SEQ.sub(b"", bad))):
        return None
    warnings.append(
        f"mixed encodings: {out.count(None)} of {len(lines)} lines were not all UTF-8; "
        "their other bytes were read as Windows-1252"
    )
    return "".join(
        line.decode("utf-8", errors=_FALLBACK) if text is None else text
        for line, text in zip(lines, out, strict=True)
    )


def _cp1252_for_invalid_utf8(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as cp1252, byte by byte.

    Per segment rather than per line, so a line mixing both encodings (a cp1252 quote
    pasted into UTF-8 text) comes out right instead of half mojibake; linear time.
    """
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return _cp1252(exc.object[exc.start : exc.end]), exc.end


_FALLBACK = "veille.cp1252-fallback"
codecs.register_error(_FALLBACK, _cp1252_for_invalid_utf8)


def utf8_or_cp1252(raw: bytes) -> str:
    """Bytes as UTF-8, any invalid byte read as cp1252 (file names from old disks)."""
    return raw.decode("utf-8", errors=_FALLBACK)


def _build_cp1252_table() -> str:
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))  # the five bytes cp1252 leaves undefined: as Latin-1
    return "".join(chars)


_CP1252_TABLE = _build_cp1252_table()


def _cp1252(data: bytes) -> str:
    """cp1252 that never fails (its five undefined bytes map as Latin-1 would)."""
    return codecs.charmap_decode(data, "strict", _CP1252_TABLE)[0]


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WESTERN_HIGH = re.compile(
    r"[\u00a0-\u017f\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def legacy_decode(data: bytes, warnings: list[str]) -> tuple[str, str]:
    """Single-byte legacy text: cp1252 unless it reads as gibberish and a detector knows better.

    The detector's guess is only taken for other scripts (Cyrillic, Greek, CJK...): for
    Latin text it sometimes answers mac_latin2 or cp850, where cp1252 is what our users'
    tools write. Polish/Czech text (ą ł ż read as ¹ ³ ¿) falls back to cp1250.
    """
    text = _cp1252(data)
    if _reads_as_western(data, text):
        return text, "cp1252"
    guessed = _detector_guess(data)
    central = len(_CENTRAL_EUROPEAN.findall(text)) >= 3
    if guessed is not None and not _latin_family(guessed[1]):
        warnings.append(f"text encoding guessed as {guessed[1]}")
        return guessed
    if central:
        warnings.append("text encoding guessed as cp1250 (Central European)")
        return _decode_replacing(data, "cp1250", warnings), "cp1250"
    warnings.append("text encoding uncertain: read as Windows-1252")
    return text, "cp1252"


_LATIN_FAMILY = ("cp1252", "latin_1", "iso8859_1", "iso8859_15", "cp850", "cp437", "cp858")


def _latin_family(encoding: str) -> bool:
    name = encoding.lower().replace("-", "_")
    return name.startswith("mac_") or name in _LATIN_FAMILY


# Polish/Czech cp1250 or Latin-2 read as cp1252: ą ł ż ľ become ¹ ³ ¿ ¾ inside words.
_CENTRAL_EUROPEAN = re.compile(r"[A-Za-z][¹³¿¾±¶][A-Za-z]")


def _reads_as_western(data: bytes, text: str | None = None) -> bool:
    """Do these non-UTF-8 bytes read as French/English/Western text in cp1252?"""
    text = _cp1252(data) if text is None else text
    non_ascii = len(_NON_ASCII.findall(text))
    if not non_ascii:
        return True
    if len(_WESTERN_HIGH.findall(text)) / non_ascii <= 0.9:
        return False
    # Cyrillic, Greek or CJK bytes also map to Latin-1 letters, but far too many of them:
    # accented letters are a few percent of a Western text (15-35% in dense short lines).
    high = len(data.translate(None, bytes(range(0x80))))
    letters = len(data.translate(None, bytes(range(0x41))))
    if high / max(1, letters) > 0.5:
        return False
    return len(_CENTRAL_EUROPEAN.findall(text)) < 3


def _detector_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        return None
    try:
        return data.decode(best.encoding, errors="replace"), best.encoding
    except LookupError:
        return None


_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c]")
_STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
_C1 = re.compile(r"[\x80-\x9f]")
# C1 controls never mean anything in a news text: they are cp1252 punctuation that went
# through a Latin-1 decoder (U+0092 for ’). The five bytes cp1252 leaves undefined stay,
# for the mojibake repair, and are dropped after it.
_C1_TABLE = {
    code: _CP1252_TABLE[code] for code in range(0x80, 0xA0) if _CP1252_TABLE[code] != chr(code)
}
_INVISIBLE = re.compile(r"[\x80-\x9f\u00ad\u200b\u2060\ufeff]")


def normalise_text(text: str, warnings: list[str] | None = None) -> str:
    """LF newlines, no BOM, no NUL or stray control characters (form feed becomes a newline)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x0b" in text or "\x0c" in text:
        text = _NEWLINES.sub("\n", text)
    nul = text.count("\x00")
    if nul and warnings is not None:
        warnings.append(f"removed {nul} NUL characters")
    if _C1.search(text):
        fixed = text.translate(_C1_TABLE)
        if fixed != text and warnings is not None:
            warnings.append("control characters read as the Windows-1252 signs they stand for")
        text = fixed
    return _STRAY_CONTROLS.sub("", text)


def strip_invisible(text: str) -> str:
    """Drop soft hyphens, zero-width spaces and leftover C1 controls: they split words."""
    return text if text.isascii() else _INVISIBLE.sub("", text)


def clean_draft_text(text: str) -> str:
    """Last pass over any format's text: C1 controls as cp1252 signs, no NUL, no invisibles."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if text.isascii():
        return text
    if _C1.search(text):
        text = text.translate(_C1_TABLE)
    return _INVISIBLE.sub("", text)


# Mojibake: UTF-8 bytes that were read as cp1252/Latin-1. A lead character (Ã, Â, â, Å...)
# followed by characters standing for continuation bytes 0x80-0xBF.
_CP1252_HIGH = "€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ"
_CONT = "[" + re.escape(_CP1252_HIGH) + "\u0080-\u009f\u00a0-\u00bf]"
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}"
)
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4]" + _CONT)


def _to_byte(char: str) -> int:
    code = ord(char)
    if code < 256:
        return code
    return char.encode("cp1252")[0]


def _fix_one(match: re.Match[str]) -> str:
    raw = bytes(_to_byte(c) for c in match.group())
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group()


MOJIBAKE_MIN = 3


def repair_mojibake(text: str) -> tuple[str, int]:
    """Undo UTF-8-read-as-cp1252 garbling ("Ã©" -> "é"), only for sequences that decode exactly."""
    if _MOJIBAKE_HINT.search(text) is None:
        return text, 0
    original, total = text, 0
    for _ in range(2):  # text garbled twice needs two passes
        fixed, count = _MOJIBAKE.subn(_fix_one, text)
        if fixed == text:
            break
        total += count
        text = fixed
    if total and "Ã  " in text:
        # "à" + space whose NBSP byte was turned into a space on the way: only trusted
        # when the same text holds other mojibake.
        total += text.count("Ã  ")
        text = text.replace("Ã  ", "à ")
    if total < MOJIBAKE_MIN and len(_NON_ASCII.findall(text)) > total:
        return original, 0  # one "Ã©" among correct accents is quoted, not garbled
    return text, total


def sniff_text(head: bytes) -> str:
    """Best-effort text of a file's first bytes, for sniffers (never raises, never exact)."""
    bom = bom_encoding(head)
    if bom is not None:
        name, skip = bom
        head, encoding = head[skip:], name
    else:
        encoding = utf16_without_bom(head) or "utf-8"
    if encoding.startswith("utf-16") and len(head) % 2:
        head = head[:-1]
    return head.decode(encoding, errors="replace").replace("\x00", "")

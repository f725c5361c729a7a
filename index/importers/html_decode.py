"""Bytes of a saved web page -> text, without mojibake or U+FFFD storms.

Saved pages lie about their encoding surprisingly often: a template declares UTF-8
while the article was pasted from Word in Windows-1252, or nothing is declared at
all on an old Latin-1 site. The order below follows what browsers do (BOM, then the
declaration, then detection), with one repair browsers do not make: bytes that are
not valid UTF-8 inside a page declared UTF-8 are read as Windows-1252, one bad run
at a time, so the valid UTF-8 around them survives.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from index.importers.decoding import utf16_without_bom

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_PRESCAN_BYTES = 16 * 1024
_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)", re.I)
# WHATWG maps these labels to windows-1252: browsers never use true Latin-1 for HTML.
_WINDOWS_1252_LABELS = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819"}
)
# Other legacy labels browsers read as a superset (WHATWG Encoding Standard).
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "euc_kr": "cp949", "shift_jis": "cp932",
              "tis-620": "cp874", "iso8859-9": "cp1254", "iso8859-11": "cp874"}  # fmt: skip
_WESTERN_GUESSES = frozenset({"latin_1", "iso8859_15", "cp1252", "cp850", "mac_roman"})
_ERROR_HANDLER = "veille-cp1252-fallback"


@dataclass(frozen=True, slots=True)
class DecodedPage:
    """Text of a page, the codec that produced it, and what went wrong on the way."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the offending bytes as Windows-1252 and carry on."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bytes(bad).decode("cp1252", errors="replace"), exc.end


codecs.register_error(_ERROR_HANDLER, _cp1252_fallback)


def decode_html(data: bytes) -> DecodedPage:
    """Decode a page: BOM, then ``<meta charset>``/XML declaration, then detection."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return DecodedPage(data[len(bom) :].decode(codec, errors="replace"), codec)
    wide = utf16_without_bom(data)
    if wide is not None:
        return DecodedPage(data.decode(wide, errors="replace"), wide)
    declared = declared_encoding(data)
    if declared is not None and declared.startswith(("utf-16", "utf-32")):
        declared = "utf-8"  # readable ASCII declaring UTF-16: the page was re-saved as bytes
    if declared == "utf-8" or declared is None:
        try:
            return DecodedPage(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
        if declared == "utf-8" or _looks_mostly_utf8(data):
            return _utf8_with_fallback(data, declared == "utf-8")
        return _detect(data)
    if _is_multibyte_utf8(data):
        warning = f"page declares {declared} but is UTF-8; read as UTF-8"
        return DecodedPage(data.decode("utf-8"), "utf-8", (warning,))
    try:
        return DecodedPage(data.decode(declared), declared)
    except UnicodeDecodeError:
        detected = _detect(data)
        warning = f"page declares {declared} but is not; read as {detected.encoding}"
        return DecodedPage(detected.text, detected.encoding, (warning, *detected.warnings))


def declared_encoding(data: bytes) -> str | None:
    """The Python codec name the page declares in its head, or None."""
    head = data[:_PRESCAN_BYTES]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii", errors="ignore").strip().lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _is_multibyte_utf8(data: bytes) -> bool:
    """Valid UTF-8 holding non-ASCII: legacy single-byte text is almost never that."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _looks_mostly_utf8(data: bytes) -> bool:
    """True when valid multi-byte UTF-8 sequences outnumber the invalid bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good > bad * 2


def _utf8_with_fallback(data: bytes, declared: bool) -> DecodedPage:
    text = data.decode("utf-8", errors=_ERROR_HANDLER)
    source = "declared UTF-8" if declared else "UTF-8"
    warning = f"page is {source} but holds Windows-1252 bytes; those were read as Windows-1252"
    return DecodedPage(text, "utf-8", (warning,))


def _detect(data: bytes) -> DecodedPage:
    """No usable declaration: ask charset-normalizer, preferring cp1252 for Western guesses."""
    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    if encoding in _WESTERN_GUESSES:
        encoding = "cp1252"
    text = data.decode(encoding, errors="replace")
    if text.count("\ufffd") > 0 and encoding != "cp1252":
        alt = data.decode("cp1252", errors="replace")
        if alt.count("\ufffd") < text.count("\ufffd"):
            encoding, text = "cp1252", alt
    return DecodedPage(text, encoding, (f"no encoding declared; detected {encoding}",))

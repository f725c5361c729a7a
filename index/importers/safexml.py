"""XML that cannot hurt the reader: no entity bombs, no local files, no network.

Every XML-ish importer (feeds, NewsML-G2, NITF) runs its bytes through
:func:`screen_entities` before any parser sees them, then parses with the lxml parser
from :func:`safe_parser`. The screen is needed on top of a careful parser because
feedparser drives its own SAX/sgmllib parsers whose entity handling we do not control:
the internal DTD subset is read here, dangerous declarations are refused with a
plain-language reason, and harmless ones (``<!ENTITY nbsp "&#160;">``) are expanded
textually, with a size cap, so no parser ever needs the DTD.
"""

from __future__ import annotations

import codecs
import html.entities
import re
from dataclasses import dataclass

from lxml import etree

from index.importers.outcome import ImportFailure

NESTED_REASON = "refused: the file defines nested XML entities (entity-expansion attack)"
PARAMETER_REASON = "refused: the file defines XML parameter entities (entity-expansion attack)"
EXTERNAL_REASON = (
    "refused: the file declares external XML entities (they could read local files "
    "or reach the network)"
)
_EXPANSION_REASON = "refused: the file's XML entities would expand it beyond a safe size"
_MAX_DECLARATIONS = 500
_MAX_GROWTH = 1_000_000  # bytes the expansion of simple entities may add

_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_ENTITY_DECL = re.compile(
    r"<!ENTITY\s+(?P<pct>%\s*)?(?P<name>[^\s%\"'>]+)\s+(?P<rest>(?:\"[^\"]*\"|'[^']*'|[^>\"'])*)>",
    re.DOTALL | re.IGNORECASE,
)
# Feeds and NITF files pull in the XHTML entity sets this way; the reference is harmless
# once the subset is dropped, since nothing is ever fetched.
_W3C_ENTITY_SET = re.compile(r"PUBLIC\s+([\"'])-//W3C//ENTITIES [^\"']*\1")
_ENTITY_HINT = re.compile(rb"<!ENTITY", re.IGNORECASE)
_PROLOG_ITEM = re.compile(r"(?:\ufeff|\xef\xbb\xbf|\s+|<\?.*?\?>|<!--.*?-->)", re.DOTALL)
_ELEMENT_START = re.compile(r"<[A-Za-z_]")
_DOCTYPE = re.compile("<!DOCTYPE", re.IGNORECASE)
_NAMED_REF = re.compile(r"&([A-Za-z_:][\w.:-]*);")
_XML_DECL_ENCODING = re.compile(r"^(<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2")


class UnsafeXML(ImportFailure):
    """The bytes declare entities that no parser should be allowed to see."""


@dataclass(frozen=True, slots=True)
class _Subset:
    """Where the internal DTD subset sits in the text, brackets included."""

    start: int
    end: int
    body: str


def safe_parser(*, recover: bool = False) -> etree.XMLParser:
    """A fresh lxml parser that never resolves entities, loads a DTD or opens a socket.

    A new parser per call: lxml parsers must not be shared between threads.
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=recover,
        remove_pis=True,
    )


def parse_xml(data: bytes, *, what: str = "XML") -> tuple[etree._Element, tuple[str, ...]]:
    """Screen then parse; fall back to lxml's recovering mode for ill-formed files.

    Returns the root element and warnings (set when recovery was needed).
    Raises ImportFailure with a plain reason when nothing usable comes out.
    """
    data = numeric_html_entities(screen_entities(data))
    try:
        return etree.fromstring(data, safe_parser()), ()
    except etree.XMLSyntaxError as exc:
        first_error = _describe_syntax_error(exc)
    try:
        root = etree.fromstring(data, safe_parser(recover=True))
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise ImportFailure(f"not well-formed {what}: {first_error}")
    return root, (f"{what} is not well-formed ({first_error}); read what could be recovered",)


def _describe_syntax_error(exc: etree.XMLSyntaxError) -> str:
    line, column = getattr(exc, "position", (0, 0))
    message = str(getattr(exc, "msg", "") or exc).split(", line ")[0].strip()
    return f"{message} at line {line}, column {column}" if line else message


def screen_entities(data: bytes) -> bytes:
    """Return ``data`` with its internal DTD subset removed and simple entities expanded.

    Raises UnsafeXML for parameter, external or nested entity declarations: those
    have no place in a news file and are the classic XXE / "billion laughs" vectors.
    Bytes without any ``<!ENTITY`` come back untouched (the common, fast case).
    """
    codec = _wide_codec(data)
    if codec is None:
        if not _ENTITY_HINT.search(data):
            return data
        text = data.decode("latin-1")  # lossless byte <-> char mapping for ASCII supersets
    else:
        text = data.decode(codec, errors="replace")
        if not re.search("<!ENTITY", text, re.IGNORECASE):
            return data
    cleaned = _expand_internal_subset(text, len(data))
    if codec is None:
        return cleaned.encode("latin-1")
    cleaned = _XML_DECL_ENCODING.sub(r"\1\2utf-8\2", cleaned.lstrip("\ufeff"), count=1)
    return cleaned.encode("utf-8")


def _wide_codec(data: bytes) -> str | None:
    """The UTF-16/32 codec of ``data`` when it uses one (BOM or NUL pattern), else None."""
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    for bom, codec in boms:
        if data.startswith(bom):
            return codec
    patterns = {
        b"\x00\x00\x00<": "utf-32-be",
        b"<\x00\x00\x00": "utf-32-le",
        b"\x00<\x00?": "utf-16-be",
        b"<\x00?\x00": "utf-16-le",
    }
    return patterns.get(data[:4])


def _expand_internal_subset(text: str, original_size: int) -> str:
    subset = _find_internal_subset(text)
    if subset is None:
        return text
    values = _simple_entities(subset.body)
    head = text[: subset.start].rstrip() + " "
    rest = text[subset.end :]
    if not values:
        return head + rest
    growth = 0
    for match in _NAMED_REF.finditer(rest):
        value = values.get(match.group(1))
        if value is not None:
            growth += len(value)
            if growth > _MAX_GROWTH + original_size:
                raise UnsafeXML(_EXPANSION_REASON)
    return head + _NAMED_REF.sub(lambda m: values.get(m.group(1), m.group(0)), rest)


def _find_internal_subset(text: str) -> _Subset | None:
    """Locate ``[ ... ]`` of ``<!DOCTYPE name [ ... ]>``, skipping quoted strings."""
    start = _doctype_position(text)
    if start is None:
        return None  # "<!ENTITY" only in text or CDATA (an article about XML): harmless
    i, n = start + len("<!DOCTYPE"), len(text)
    quote = ""
    while i < n:
        char = text[i]
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == ">":
            return None  # DOCTYPE without an internal subset
        elif char == "[":
            return _close_subset(text, i)
        i += 1
    return None


def _doctype_position(text: str) -> int | None:
    """Where the DOCTYPE starts, if the prolog has one.

    The prolog is walked item by item (declaration, comments, processing
    instructions), so a ``<!DOCTYPE`` quoted inside an article is never mistaken for
    the file's. When junk precedes the root, lenient parsers may still read a DOCTYPE
    further on, so one found before the first element counts too.
    """
    i = 0
    while True:
        match = _PROLOG_ITEM.match(text, i)
        if match is None or match.end() == i:
            break
        i = match.end()
    if text[i : i + 9].upper() == "<!DOCTYPE":
        return i
    if _ELEMENT_START.match(text, i):
        return None
    root = _ELEMENT_START.search(text, i)
    doctype = _DOCTYPE.search(text, i, root.start() if root else len(text))
    return doctype.start() if doctype else None


def _close_subset(text: str, start: int) -> _Subset:
    i, n = start + 1, len(text)
    quote = ""
    while i < n:
        char = text[i]
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            i = n if end < 0 else end + 2
        elif char == "]":
            return _Subset(start, i + 1, text[start + 1 : i])
        i += 1
    raise UnsafeXML("refused: the file's DTD internal subset is never closed")


def _simple_entities(subset: str) -> dict[str, str]:
    """Read ``<!ENTITY name "value">`` declarations; refuse any dangerous kind."""
    values: dict[str, str] = {}
    declarations = list(_ENTITY_DECL.finditer(subset))
    if len(declarations) > _MAX_DECLARATIONS:
        raise UnsafeXML(NESTED_REASON)
    for decl in declarations:
        rest = decl.group("rest").strip()
        if decl.group("pct"):
            if _W3C_ENTITY_SET.match(rest):
                continue  # never fetched: HTML entities are mapped from Python's table
            raise UnsafeXML(PARAMETER_REASON)
        if not rest or rest[0] not in "\"'":
            raise UnsafeXML(EXTERNAL_REASON)
        value = rest[1:].split(rest[0], 1)[0]
        if _NAMED_REF.search(value) or "%" in value:
            raise UnsafeXML(NESTED_REASON)
        values[decl.group("name")] = value
    if subset.upper().count("<!ENTITY") > len(declarations):
        raise UnsafeXML("refused: the file's XML entity declarations cannot be read safely")
    return values


def numeric_html_entities(data: bytes) -> bytes:
    """Turn HTML named entities (``&eacute;``) into character references.

    NITF and hand-made news XML use them without a DTD; with DTD loading off an XML
    parser would reject them. Wide encodings are left alone (rare, and lxml copes).
    """
    if _wide_codec(data) is not None or b"&" not in data:
        return data

    def replace(match: re.Match[bytes]) -> bytes:
        name = match.group(1).decode("ascii")
        if name in _XML_ENTITIES:
            return match.group(0)
        codepoint = html.entities.name2codepoint.get(name)
        if codepoint is None:
            return match.group(0)
        return b"&#%d;" % codepoint

    return re.sub(rb"&([A-Za-z][A-Za-z0-9]*);", replace, data)

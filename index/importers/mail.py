"""E-mail: single messages (.eml) and mailboxes (.mbox) of newsletters.

Named ``mail`` rather than ``email`` so nothing can ever mistake it for the standard
library package it builds on. Mail in the wild lies about its charsets, mangles its
encoded words and truncates its base64, so every decoding step here has a fallback and
a malformed message yields the best text we can get, never an exception.
"""

from __future__ import annotations

import codecs
import email
import email.header
import email.utils
import re
from collections.abc import Iterable
from email.message import Message

from index.importers.datestamps import iso_date
from index.importers.decoding import legacy_decode
from index.importers.htmltext import (
    html_to_paragraphs,
    is_hard_wrapped,
    plain_paragraphs,
    unwrap_paragraphs,
)
from index.importers.outcome import ImportFailure, ImportSkipped, with_warnings
from index.importers.registry import Format
from index.models import ArticleDraft

_HEADER_LINE = re.compile(
    rb"^(?:Return-Path|Received|From|Date|Subject|Message-I[Dd]|MIME-Version|To|Cc|"
    rb"Delivered-To|Reply-To|Content-Type|List-Id|X-[\w-]+|DKIM-Signature|"
    rb"Authentication-Results|Sender|Thread-Topic|Content-Transfer-Encoding):",
    re.MULTILINE | re.IGNORECASE,
)
_MBOX_FROM = re.compile(rb"^From \S+.*$", re.MULTILINE)
# An envelope line carries a time ("From a@b Tue Apr  2 06:00:00 2024"): a body line that
# merely starts with "From " (unescaped by a careless writer) does not split the message.
_MBOX_SPLIT = re.compile(rb"(?:\A|\r?\n)From \S+[^\r\n]*\d:\d\d[^\r\n]*\r?\n")
_ENVELOPE = re.compile(rb"From \S+[^\r\n]*\d:\d\d[^\r\n]*\r?\n")
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)
_META_CHARSET = b'<meta charset="utf-8">'
_NO_TEXT = "the e-mail has no readable text"


def sniff_eml(head: bytes, origin: str) -> int:
    """Two or more RFC 5322 header names in the first lines make a message."""
    top = head.lstrip()[:2048]
    envelope = top.startswith(b"From ")
    if envelope:
        top = top.split(b"\n", 1)[-1]  # saved with its mbox envelope line
    if top.lstrip()[:1] in (b"<", b"{", b"["):
        return 0
    hits = len(_HEADER_LINE.findall(top))
    if hits < 2:
        return 0
    if b"multipart/related" in head.lower():
        return 60  # could be a saved web page (MHTML): the HTML importer claims those
    if envelope:
        return 70  # below the mbox importer, unless the extension says .eml
    if hits >= 4 and _HEADER_LINE.match(top.lstrip()):
        return 92  # headers from the first line: beats an HTML body's <!DOCTYPE html>
    return 70


def sniff_mbox(head: bytes, origin: str) -> int:
    match = _MBOX_FROM.match(head.lstrip(b"\r\n"))
    return 85 if match and _HEADER_LINE.search(head) else 0


def parse_eml(data: bytes, origin: str) -> list[ArticleDraft]:
    if data.startswith(b"From "):  # saved with its mbox envelope line
        data = data.split(b"\n", 1)[-1]
    draft = message_draft(data, origin)
    if draft is None:
        raise ImportSkipped(_NO_TEXT)
    return [draft]


def parse_mbox(data: bytes, origin: str) -> list[ArticleDraft]:
    """One draft per message; a message without text is noted, not fatal."""
    chunks = [c for c in _MBOX_SPLIT.split(data) if c.strip()]
    if not chunks:
        raise ImportFailure("no message in this mailbox")
    return numbered_messages(enumerate(chunks, 1), origin)


def numbered_messages(messages: Iterable[tuple[int, bytes]], origin: str) -> list[ArticleDraft]:
    """Drafts of mbox messages (envelope line removed) given with their numbers: a whole
    mailbox, or one piece of a large one read as a stream (importers/streams.py)."""
    drafts: list[ArticleDraft] = []
    notes: list[str] = []
    count = 0
    for number, chunk in messages:
        count += 1
        draft = message_draft(_ESCAPED_FROM.sub(rb"\1", chunk), f"{origin}#msg-{number}")
        if draft is None:
            notes.append(f"message {number}: no readable text, left out")
        else:
            drafts.append(draft)
    if not drafts:
        raise ImportSkipped(f"none of the {count} messages has readable text")
    drafts[0] = with_warnings(drafts[0], notes)
    return drafts


def is_envelope(line: bytes) -> bool:
    """The mbox line that starts a message, by the same rule as the whole-file split."""
    return _ENVELOPE.fullmatch(line) is not None


def message_draft(data: bytes, origin: str) -> ArticleDraft | None:
    """The article of one raw message, or None when it holds no text at all."""
    message = email.message_from_bytes(data)
    warnings: list[str] = []
    text = _body_text(message, origin, warnings)
    if not text:
        return None
    sender_name, sender_address = _sender(message)
    title = header_text(message, "Subject", _body_charset(message))
    first, _, rest = text.partition("\n")
    if rest and _same_words(first, title):
        text = rest  # the HTML repeated the subject as its heading
    return ArticleDraft(
        title=title,
        text=text,
        date=iso_date(header_text(message, "Date")),
        source=_list_name(message) or sender_name or sender_address or None,
        url=_archive_url(message),
        lang=_lang(header_text(message, "Content-Language")),
        authors=tuple(n for n in (sender_name or sender_address,) if n),
        origin=origin,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _same_words(a: str, b: str) -> bool:
    def words(text: str) -> str:
        return re.sub(r"\W+", " ", text).strip().lower()

    return bool(b) and words(a) == words(b)


# Headers


def header_text(message: Message, name: str, charset: str | None = None) -> str:
    """A header decoded from RFC 2047 words and raw 8-bit bytes, whatever their charsets.

    Raw 8-bit bytes (RFC 6532 or careless senders) are read as UTF-8, else in ``charset``
    (the body's, which such senders also used for headers), else as Western legacy text.
    """
    raw = _raw_header(message, name)
    if raw is None:
        return ""
    if any("\udc80" <= c <= "\udcff" for c in raw):
        raw = _decode_raw8bit(raw.encode("ascii", "surrogateescape"), charset)
    if "=?" not in raw:
        return " ".join(raw.split())
    try:
        pieces = email.header.decode_header(raw)
    except Exception:
        pieces = [(raw, None)]
    decoded = "".join(_decode_piece(piece, code) for piece, code in pieces)
    return " ".join(decoded.split())


def _raw_header(message: Message, name: str) -> str | None:
    """The header as received: compat32 would otherwise hide 8-bit bytes behind U+FFFD."""
    wanted = name.lower()
    for key, value in message.raw_items():
        if key.lower() == wanted:
            return str(value)
    return None


def _decode_raw8bit(raw: bytes, charset: str | None) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return decode_bytes(raw, charset, [])


def _decode_piece(piece: bytes | str, charset: str | None) -> str:
    if isinstance(piece, str):
        return piece
    if charset is None or charset.lower() in ("unknown-8bit", "none"):
        # decode_header hands back undecoded stretches encoded this way.
        return piece.decode("raw-unicode-escape", errors="replace")
    return decode_bytes(piece, charset, [])


def _body_charset(message: Message) -> str | None:
    for part in message.walk():
        charset = _charset(part)
        if charset:
            return charset
    return None


def _sender(message: Message) -> tuple[str, str]:
    pairs = email.utils.getaddresses([header_text(message, "From", _body_charset(message))])
    for name, address in pairs:
        if name or address:
            return name.strip(" \"'"), address.strip()
    return "", ""


def _list_name(message: Message) -> str:
    """``List-Id: Le Fil Info <fil.exemple.fr>`` -> ``Le Fil Info`` (newsletters set it)."""
    value = header_text(message, "List-Id")
    name = value.split("<", 1)[0].strip(" \"'")
    return name


def _archive_url(message: Message) -> str | None:
    for name in ("Archived-At", "List-Archive", "Content-Base", "Content-Location"):
        match = re.search(r"https?://[^\s<>\"]+", header_text(message, name))
        if match:
            return match.group(0)
    return None


def _lang(value: str) -> str | None:
    match = re.match(r"^\s*([A-Za-z]{2,3})(?:[-_,\s]|$)", value)
    return match.group(1).lower() if match else None


# Body


def _body_text(message: Message, origin: str, warnings: list[str]) -> str:
    """Main content of the HTML part when there is one, else the plain-text part."""
    html_part, plain_part = _text_parts(message)
    plain = _plain_text(plain_part, warnings) if plain_part is not None else ""
    if html_part is not None:
        html = _html_text(_part_text(html_part, warnings), origin)
        # A newsletter's extraction may keep one teaser of many: trust the plain copy then.
        if html and len(html) >= 0.4 * len(plain):
            return html
    return plain


def _plain_text(part: Message, warnings: list[str]) -> str:
    raw = _without_signature(_part_text(part, warnings))
    if str(part.get_param("format", "")).lower() == "flowed":
        delsp = str(part.get_param("delsp", "")).lower() == "yes"
        return plain_paragraphs(_unflow(raw, delsp))
    return unwrap_paragraphs(raw) if is_hard_wrapped(raw) else plain_paragraphs(raw)


def _unflow(text: str, delsp: bool) -> str:
    """RFC 3676 format=flowed: a line ending in a space continues on the next one."""
    out: list[str] = []
    pending = ""
    for line in text.splitlines():
        if line.endswith(" ") and line != "-- ":
            pending += line[:-1] if delsp else line
            continue
        out.append(pending + line)
        pending = ""
    if pending:
        out.append(pending)
    return "\n".join(out)


def _without_signature(text: str) -> str:
    """Drop what follows the "-- " signature separator (also a bare "--" near the end)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line == "-- " or (line == "--" and index >= len(lines) - 10):
            return "\n".join(lines[:index])
    return text


def _text_parts(message: Message) -> tuple[Message | None, Message | None]:
    html_part: Message | None = None
    plain_part: Message | None = None
    for part in message.walk():
        if part.is_multipart() or _is_attachment(part):
            continue
        kind = part.get_content_type()
        if kind == "text/html" and html_part is None:
            html_part = part
        elif kind == "text/plain" and plain_part is None:
            plain_part = part
    if html_part is None and plain_part is None and not message.is_multipart():
        plain_part = message  # odd or missing Content-Type on a single-part message
    return html_part, plain_part


def _is_attachment(part: Message) -> bool:
    disposition = str(part.get("Content-Disposition", "")).lower()
    if disposition.startswith("attachment"):
        return True
    return part.get_content_maintype() == "message"


def _part_text(part: Message, warnings: list[str]) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if payload is None:
        raw = part.get_payload()
        payload = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""
    if not isinstance(payload, bytes):
        return ""
    return decode_bytes(payload, _charset(part), warnings)


def _charset(part: Message) -> str | None:
    try:
        return part.get_content_charset()
    except Exception:
        return None


def decode_bytes(payload: bytes, charset: str | None, warnings: list[str]) -> str:
    """Declared charset first; UTF-8, then Western legacy bytes when it lies or is unknown.

    A multi-byte charset that fails on a few bytes (Big5 with HKSCS extras, say) still
    beats a Western guess: its text is kept with those few characters replaced.
    """
    codec = _codec(charset)
    if codec:
        try:
            return payload.decode(codec)
        except UnicodeDecodeError:
            pass
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if codec and codec != "ascii":
        text = payload.decode(codec, errors="replace")
        if text.count("\ufffd") <= max(2, len(text) // 100):
            warnings.append(f"a few bytes do not fit the declared charset {charset!r}")
            return text
    if charset:
        warnings.append(f"declared charset {charset!r} does not fit the text")
    return legacy_decode(payload, warnings)[0]


def _codec(charset: str | None) -> str | None:
    """Python's codec name for a MIME charset, or None when unknown."""
    if not charset:
        return None
    lowered = charset.strip().strip("\"'").lower()
    aliases = {"ks_c_5601-1987": "cp949", "iso-8859-8-i": "iso-8859-8", "unknown-8bit": "cp1252"}
    try:
        return codecs.lookup(aliases.get(lowered, lowered)).name
    except (LookupError, ValueError):  # ValueError: NUL or other junk in the name
        return None


def _html_text(html: str, origin: str) -> str:
    """Main content through the page extractor; a flattened copy when it finds none."""
    try:
        from index.importers.html import extract_html
    except ImportError:  # the page importer is optional for e-mail
        extract_html = None  # type: ignore[assignment]
    if extract_html is not None and html.strip():
        try:
            draft = extract_html(_META_CHARSET + html.encode("utf-8", "replace"), origin)
        except ImportFailure:
            draft = None
        if draft is not None and draft.text.strip():
            return draft.text
    return html_to_paragraphs(html)


FORMATS = (
    Format(
        name="email",
        extensions=(".eml", ".msg822", ".emlx"),
        sniff=sniff_eml,
        parse=parse_eml,
        description="E-mail messages (newsletters)",
    ),
    Format(
        name="mbox",
        extensions=(".mbox", ".mbx"),
        sniff=sniff_mbox,
        parse=parse_mbox,
        description="Mailboxes (mbox) of newsletters",
    ),
)

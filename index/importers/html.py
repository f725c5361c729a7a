"""Saved web pages (.html, .htm, .xhtml, .shtml, .mhtml): one article per page.

The page is decoded (see :mod:`html_decode`), its metadata read from JSON-LD and meta
tags (:mod:`html_meta`) and its main content extracted (:mod:`html_extract`). The
e-mail importer reuses :func:`extract_html` for HTML-only messages.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import Message

from lxml import etree
from lxml import html as lxml_html

from index.importers.html_decode import decode_html
from index.importers.html_extract import extract_text
from index.importers.html_meta import PageMeta, read_meta
from index.importers.outcome import ImportFailure
from index.importers.registry import Format
from index.models import ArticleDraft

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_STRONG_HINT = re.compile(rb"<!doctype\s+html|<html[\s>]", re.I)
_WEAK_HINT = re.compile(rb"<(?:head|body|meta|title|div|p)[\s>]", re.I)
_MHTML_HINT = re.compile(rb"^(?:[\w-]+:.*\r?\n)*?content-type:\s*multipart/related", re.I | re.M)
_NO_TEXT = "no readable article text in this page"


def extract_html(data: bytes, origin: str) -> ArticleDraft:
    """The article of one saved page; raises ImportFailure when it has no readable text."""
    warnings: list[str] = []
    if _is_mhtml(data[:4096]):
        data, part_url = _mhtml_html_part(data)
    else:
        part_url = None
    page = decode_html(data)
    warnings.extend(page.warnings)
    tree = parse_tree(page.text)
    if tree is None:
        raise ImportFailure("the page is empty")
    meta = read_meta(tree, page.text[:2048])
    text = extract_text(tree, meta)
    if not text and meta.body:
        text = meta.body.strip()  # JSON-LD articleBody: better than nothing
    if not text:
        raise ImportFailure(_NO_TEXT)
    return _draft(meta, text, origin, part_url, tuple(warnings))


def parse(data: bytes, origin: str) -> list[ArticleDraft]:
    """Registry entry point: a saved page holds one article."""
    return [extract_html(data, origin)]


def sniff(head: bytes, origin: str) -> int:
    """Score how surely ``head`` starts a web page (see the registry's scale)."""
    sample = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if _is_mhtml(sample):
        return 80
    if _STRONG_HINT.search(sample[:1024]):
        return 90
    if sample.startswith(b"<") and _WEAK_HINT.search(sample):
        return 40
    return 0


def parse_tree(text: str) -> lxml_html.HtmlElement | None:
    """A forgiving parse of the whole page; None when there is nothing to parse.

    libxml2 caps nesting depth itself, so even 20,000 nested divs parse quickly.
    """
    text = _XML_DECLARATION.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        return None
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False)
    try:
        tree = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return tree


def _draft(
    meta: PageMeta, text: str, origin: str, part_url: str | None, warnings: tuple[str, ...]
) -> ArticleDraft:
    title = meta.title or text.split("\n", 1)[0][:120]
    return ArticleDraft(
        title=title,
        text=text,
        date=meta.date,
        source=meta.site,
        url=meta.url or part_url,
        lang=meta.lang,
        authors=meta.authors,
        origin=origin,
        warnings=warnings,
    )


# --- MHTML (web archives saved by Chrome, Edge, Opera) ------------------------------


def _is_mhtml(head: bytes) -> bool:
    return _MHTML_HINT.search(head) is not None


def _mhtml_html_part(data: bytes) -> tuple[bytes, str | None]:
    """The first text/html part of a web archive, re-encoded as UTF-8 with a charset tag."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        return _with_charset(payload, part), part.get("Content-Location")
    raise ImportFailure("the web archive holds no HTML page")


def _with_charset(payload: bytes, part: Message) -> bytes:
    charset = part.get_content_charset()
    if not charset:
        return payload
    try:
        text = payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return payload  # let the page's own declaration or detection decide
    return b'<meta charset="utf-8">' + text.encode("utf-8")


FORMAT = Format(
    name="html",
    extensions=(".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht"),
    sniff=sniff,
    parse=parse,
    description="saved web page",
)

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
from index.importers.htmltext import any_text_to_paragraphs, title_from_text
from index.importers.outcome import ImportFailure
from index.importers.registry import Format
from index.models import ArticleDraft

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_STRONG_HINT = re.compile(rb"<!doctype\s+html|<html[\s>]", re.I)
_WEAK_HINT = re.compile(rb"<(?:head|body|meta|title|div|p)[\s>]", re.I)
_MULTIPART_RELATED = re.compile(rb"^content-type:\s*multipart/related", re.I | re.M)
# Browsers sign their archives; e-mails with inline images are multipart/related too.
_ARCHIVE_SIGNATURE = re.compile(rb"^snapshot-content-location:|<saved by [^>]*>", re.I | re.M)
_DEEP_NESTING = re.compile(r"(?:<(?:div|span|section)\b[^>]*>\s*){200}", re.I)
_NESTING_TAGS = re.compile(r"</?(?:div|span|section)\b[^>]*>", re.I)
_MIN_WORDS = 4  # fewer is a menu or a placeholder, not an article
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
    text = extract_text(page.text, meta, tree)
    if len(text.split()) < _MIN_WORDS and _DEEP_NESTING.search(page.text):
        # libxml2 drops what lies below 256 levels: flatten the nesting and try again.
        flat = _NESTING_TAGS.sub(" ", page.text)
        text = extract_text(flat, meta)
        warnings.append("the page is nested too deeply; its layout was flattened to read it")
    text = _prefer_full_json_ld_body(text, meta, warnings)
    if len(text.split()) < _MIN_WORDS:
        raise ImportFailure(_NO_TEXT)
    return _draft(meta, text, origin, part_url, tuple(warnings))


def _prefer_full_json_ld_body(text: str, meta: PageMeta, warnings: list[str]) -> str:
    """JSON-LD ``articleBody`` when the visible text is only part of it (paywall, app shell)."""
    if not meta.body:
        return text
    full = any_text_to_paragraphs(meta.body)
    if full.split() == text.split():
        return full  # trafilatura read the JSON-LD itself but lost its paragraphs
    if len(full) <= 2 * len(text) or len(full.split()) < _MIN_WORDS:
        return text
    if text:
        warnings.append("the page shows part of the article; its full text came from JSON-LD")
    return full


def parse(data: bytes, origin: str) -> list[ArticleDraft]:
    """Registry entry point: a saved page holds one article."""
    return [extract_html(data, origin)]


def sniff(head: bytes, origin: str) -> int:
    """Score how surely ``head`` starts a web page (see the registry's scale)."""
    sample = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if _is_mhtml(sample):
        return 90 if _ARCHIVE_SIGNATURE.search(_mime_headers(sample)) else 30
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
    title = meta.title or title_from_text(text)
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


def _mime_headers(head: bytes) -> bytes:
    return re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]


def _is_mhtml(head: bytes) -> bool:
    """A MIME web archive: multipart/related declared in the top-level headers."""
    if not re.match(rb"[\w-]+:", head):
        return False
    return _MULTIPART_RELATED.search(_mime_headers(head)) is not None


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

"""News feeds: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed by hand.

feedparser is kept because real feeds are often ill-formed and it still reads them
(its "bozo" mode); we only import what it hands back, one draft per entry. The bytes
first pass :func:`safexml.screen_entities`, because feedparser's SAX and sgmllib
parsers would otherwise see whatever DTD the file declares.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import feedparser

from index.importers.datestamps import iso_date
from index.importers.decoding import legacy_decode
from index.importers.htmltext import (
    html_to_paragraphs,
    looks_like_html,
    plain_paragraphs,
    title_from_text,
)
from index.importers.outcome import ImportFailure, ImportSkipped
from index.importers.registry import Format
from index.importers.safexml import screen_entities
from index.models import ArticleDraft

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_ROOT = re.compile(rb"<(?:[\w-]+:)?(rss|RDF|feed|channel)[\s>/]", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(
    rb"^(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)*"
    rb"<(?:[\w.-]+:)?([A-Za-z_][\w.-]*)",
    re.DOTALL | re.IGNORECASE,
)
_JSON_FEED = re.compile(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/')
_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)[\"']")
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
NO_ENTRIES = "feed has no entries"
NOT_A_FEED = "not a news feed: XML without an RSS, Atom or RDF root element"


def sniff_feed(head: bytes, origin: str) -> int:
    """Score the root element: feeds announce themselves in their first element.

    Only the root counts (a NewsML-G2 message has ``<channel>`` elements inside); a
    feed with junk before its root is still recognised, less surely.
    """
    view = _ascii_view(head)
    root = _FIRST_ELEMENT.match(view)
    if root is not None:
        name = root.group(1).lower()
        if name in (b"rss", b"feed"):
            return 95
        if name == b"rdf":
            return 95 if b"purl.org/rss" in view or b"<channel" in view else 40
        if name == b"channel":
            return 60  # Microsoft CDF
        return 0
    match = _ROOT.search(view)
    return 50 if match is not None and match.group(1).lower() != b"channel" else 0


def _ascii_view(head: bytes) -> bytes:
    """Drop the NULs of UTF-16/32 so the same byte patterns find the root element."""
    return head.replace(b"\x00", b"") if head[:4].count(b"\x00") >= 1 else head


def parse_feed(data: bytes, origin: str) -> list[ArticleDraft]:
    """One draft per entry; ill-formed feeds give what could be read, with a warning."""
    return numbered_entries(data, origin, first=1)


def numbered_entries(data: bytes, origin: str, first: int) -> list[ArticleDraft]:
    """Drafts of a feed whose first entry is number ``first``: a whole feed, or one
    piece of a large one rebuilt around some of its entries (importers/streams.py)."""
    data, repaired = _repair_utf8(screen_entities(data))
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True)
    warnings: tuple[str, ...] = (repaired,) if repaired else ()
    if repaired and _is_encoding_complaint(parsed.get("bozo_exception")):
        parsed["bozo"] = 0
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        problem = _bozo_text(exc)
        if not parsed.entries and not parsed.get("version") and not parsed.feed:
            raise ImportFailure(f"not a readable feed: {problem}")
        if _is_encoding_complaint(exc):
            warnings += (f"the feed's declared encoding is wrong ({problem})",)
        else:
            warnings += (f"the feed is not well-formed ({problem}); imported what could be read",)
    if not parsed.entries:
        raise ImportSkipped(NO_ENTRIES if parsed.get("version") else NOT_A_FEED)
    feed = parsed.feed
    context = _FeedContext(
        source=_one_line(feed.get("title", "")) or _host(feed.get("link")),
        lang=_lang(feed.get("language") or _detail_lang(feed, "title_detail")),
        warnings=warnings,
    )
    drafts = [
        draft
        for number, entry in enumerate(parsed.entries, first)
        if (draft := _entry_draft(entry, context, f"{origin}#entry-{number}")) is not None
    ]
    if not drafts and parsed.get("bozo"):
        problem = _bozo_text(parsed.get("bozo_exception"))
        raise ImportFailure(f"no entry could be read from this ill-formed feed ({problem})")
    if not drafts:
        raise ImportSkipped("feed entries hold no text, title or link")
    return drafts


def _repair_utf8(data: bytes) -> tuple[bytes, str | None]:
    """Re-read a feed that claims UTF-8 (or claims nothing) but is not, as our readers' files are.

    feedparser would fall back to ISO-8859-1/2, turning Windows-1252 quotes (0x92 = ’)
    into control characters; cp1252 (or a detector's guess) reads them right.
    """
    if _ascii_view(data[:4]) != data[:4]:
        return data, None  # UTF-16/32: feedparser reads the BOM itself
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return data, None
    declared = _DECLARED_ENCODING.match(body)
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        return data, None
    text, encoding = legacy_decode(body, [])
    if declared:
        text = text.replace(declared.group(1).decode("ascii"), "utf-8", 1)
    return text.encode("utf-8"), f"the feed is not valid UTF-8 as it claims: read as {encoding}"


def _is_encoding_complaint(exc: object) -> bool:
    return isinstance(exc, feedparser.CharacterEncodingOverride | feedparser.NonXMLContentType)


def _bozo_text(exc: object) -> str:
    text = str(exc or "unknown problem").strip()
    text = re.sub(r"^<unknown>:(\d+):(\d+):", r"line \1, column \2:", text)
    return text.splitlines()[0][:200] if text else "unknown problem"


class _FeedContext:
    """What every entry of one feed inherits."""

    __slots__ = ("lang", "source", "warnings")

    def __init__(self, source: str | None, lang: str | None, warnings: tuple[str, ...]) -> None:
        self.source = source
        self.lang = lang
        self.warnings = warnings


def _entry_draft(entry: Mapping[str, Any], feed: _FeedContext, origin: str) -> ArticleDraft | None:
    text, text_lang = _entry_text(entry)
    title = _entry_title(entry)
    url = _entry_url(entry)
    warnings = feed.warnings
    if not text:
        if not title and not url:
            return None
        text = title or url or ""
        warnings = (*warnings, "the entry has no text; its title stands in")
    return ArticleDraft(
        title=title or title_from_text(text),
        text=text,
        date=_entry_date(entry),
        source=feed.source,
        url=url,
        lang=text_lang or _detail_lang(entry, "title_detail") or feed.lang,
        authors=_entry_authors(entry),
        origin=origin,
        warnings=warnings,
    )


def _entry_text(entry: Mapping[str, Any]) -> tuple[str, str | None]:
    """The fullest body: content (content:encoded, atom:content) over the summary."""
    candidates: list[Mapping[str, Any]] = list(entry.get("content") or ())
    summary = entry.get("summary_detail")
    if summary:
        candidates.append(summary)
    best, best_lang = "", None
    for candidate in candidates:
        text = _detail_text(candidate)
        if len(text) > len(best):
            best, best_lang = text, _lang(candidate.get("language"))
    return best, best_lang


def _detail_text(detail: Mapping[str, Any]) -> str:
    value = str(detail.get("value") or "")
    kind = str(detail.get("type") or "").lower()
    if kind in _HTML_TYPES or looks_like_html(value):
        return html_to_paragraphs(value)
    return plain_paragraphs(value)


def _entry_title(entry: Mapping[str, Any]) -> str:
    detail = entry.get("title_detail") or {}
    value = str(entry.get("title") or "")
    if str(detail.get("type") or "").lower() in _HTML_TYPES or looks_like_html(value):
        value = html_to_paragraphs(value)
    return _one_line(value)


def _entry_url(entry: Mapping[str, Any]) -> str | None:
    link = entry.get("link")
    if link:
        return str(link)
    for item in entry.get("links") or ():
        if item.get("href") and item.get("rel", "alternate") == "alternate":
            return str(item["href"])
    guid = str(entry.get("id") or "")
    return guid if guid.startswith(("http://", "https://")) else None


def _entry_date(entry: Mapping[str, Any]) -> str | None:
    """The raw string keeps the feed's time zone; feedparser's parse (UTC) covers odd notations."""
    for key in ("published", "updated", "created"):
        found = iso_date(str(entry.get(key) or "")) or iso_date(entry.get(f"{key}_parsed"))
        if found:
            return found
    return None


def _entry_authors(entry: Mapping[str, Any]) -> tuple[str, ...]:
    names: list[str] = []
    for author in entry.get("authors") or ():
        name = _one_line(str(author.get("name") or author.get("email") or ""))
        if name:
            names.append(name)
    if not names and entry.get("author"):
        names.append(_one_line(str(entry["author"])))
    return tuple(dict.fromkeys(n for n in names if n))


def _detail_lang(mapping: Mapping[str, Any], key: str) -> str | None:
    detail = mapping.get(key) or {}
    return _lang(detail.get("language")) if isinstance(detail, Mapping) else None


def _lang(value: object) -> str | None:
    """ISO 639-1 from a language tag (``fr-FR`` -> ``fr``); None for anything odd."""
    if not isinstance(value, str):
        return None
    match = _LANG.match(value.strip())
    return match.group(1).lower() if match else None


def _host(link: object) -> str | None:
    """``https://www.exemple.fr/rss`` -> ``exemple.fr``: a source name for untitled feeds."""
    host = urlsplit(link).hostname if isinstance(link, str) else None
    return host.removeprefix("www.") if host else None


def _one_line(text: str) -> str:
    return " ".join(text.split())


# JSON Feed (https://jsonfeed.org/version/1.1): plain JSON, so no feedparser needed.


def sniff_json_feed(head: bytes, origin: str) -> int:
    return 95 if _JSON_FEED.search(head) else 0


def parse_json_feed(data: bytes, origin: str) -> list[ArticleDraft]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFailure(f"not a readable JSON Feed: {exc}") from None
    if not isinstance(document, dict):
        raise ImportFailure("not a JSON Feed: the top level is not an object")
    items = document.get("items")
    if not isinstance(items, list) or not items:
        raise ImportSkipped(NO_ENTRIES)
    context = _FeedContext(
        source=_one_line(str(document.get("title") or "")) or None,
        lang=_lang(document.get("language")),
        warnings=(),
    )
    feed_authors = _json_authors(document)
    drafts = []
    for number, item in enumerate(items, 1):
        if isinstance(item, dict):
            draft = _json_item_draft(item, context, feed_authors, f"{origin}#entry-{number}")
            if draft is not None:
                drafts.append(draft)
    if not drafts:
        raise ImportSkipped("feed entries hold no text, title or link")
    return drafts


def _json_item_draft(
    item: Mapping[str, Any], feed: _FeedContext, feed_authors: Sequence[str], origin: str
) -> ArticleDraft | None:
    html = item.get("content_html")
    if isinstance(html, str) and html.strip():
        text = html_to_paragraphs(html)
    else:
        plain = item.get("content_text") or item.get("summary") or ""
        text = plain_paragraphs(str(plain))
    title = _one_line(str(item.get("title") or ""))
    url = item.get("url") or item.get("external_url")
    url = str(url) if url else None
    if not text:
        if not title and not url:
            return None
        text = title or url or ""
    return ArticleDraft(
        title=title or title_from_text(text),
        text=text,
        date=iso_date(item.get("date_published") or item.get("date_modified")),
        source=feed.source,
        url=url,
        lang=_lang(item.get("language")) or feed.lang,
        authors=_json_authors(item) or tuple(feed_authors),
        origin=origin,
    )


def _json_authors(mapping: Mapping[str, Any]) -> tuple[str, ...]:
    """JSON Feed 1.1 ``authors`` list, or 1.0's single ``author`` object."""
    found = mapping.get("authors")
    people = found if isinstance(found, list) else [mapping.get("author")]
    names = [
        _one_line(str(p.get("name") or "")) for p in people if isinstance(p, dict)
    ]
    return tuple(dict.fromkeys(n for n in names if n))


FORMATS = (
    Format(
        name="feed",
        extensions=(".rss", ".atom", ".rdf", ".xml", ".feed"),
        sniff=sniff_feed,
        parse=parse_feed,
        description="RSS and Atom news feeds",
    ),
    Format(
        name="jsonfeed",
        extensions=(),
        sniff=sniff_json_feed,
        parse=parse_json_feed,
        description="JSON Feed",
    ),
)

"""Article metadata from a page's head: JSON-LD first, then Open Graph and meta tags.

JSON-LD (``NewsArticle``/``Article``, possibly inside ``@graph``) is what publishers
maintain for search engines, so it is the most reliable; meta tags come next; visible
markup (``<time>``, ``<title>``) is only a last resort.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html

_ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "blogposting",
        "socialmediaposting", "liveblogposting", "scholarlyarticle", "techarticle", "report",
        "posting",
    }
)  # fmt: skip
_AUTHOR_META = ("author", "article:author", "byl", "dc.creator", "dcterms.creator",
                "parsely-author", "sailthru.author", "twitter:creator")  # fmt: skip
_DATE_META = (
    "article:published_time", "article:published", "og:published_time", "og:article:published_time",
    "datepublished", "pubdate", "publishdate", "publish-date", "publication_date",
    "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "article.published", "og:updated_time",
    "article:modified_time",
)  # fmt: skip
_BY_PREFIX = re.compile(r"^\s*(?:by|par|de|von|por|di)\s*[:\s]\s*", re.I)
_SAVED_FROM = re.compile(
    r"<!--\s*(?:saved from url=\(\d+\)|Page saved with SingleFile\s*url:)\s*(\S+)", re.I
)
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)([-/.]?)([01]\d)\2([0-3]\d)(?!\d)")
_TITLE_SEPARATOR = re.compile(r"\s+[|–—\-:·•]\s+")
_NOT_PUBLISHED = re.compile(r"modif|updat|expir|revis|birth", re.I)
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_].*)?$")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Metadata of one page; every field may be missing."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    site: str | None = None
    url: str | None = None
    lang: str | None = None
    body: str | None = None  # JSON-LD articleBody, a candidate text for the extractor


def read_meta(tree: lxml_html.HtmlElement, raw_head: str = "") -> PageMeta:
    """Collect metadata from JSON-LD, meta tags and markup of a parsed page."""
    ld = _json_ld_article(tree)
    metas = _meta_values(tree)
    url = (
        _link(tree, "canonical")
        or _first(metas, "og:url", "twitter:url")
        or _ld_url(ld)
        or _saved_from(raw_head)
    )
    site = _ld_publisher(ld) or _first(
        metas, "og:site_name", "application-name", "publisher", "dc.publisher"
    )
    title = (
        _ld_str(ld, "headline", "name")
        or _first(metas, "og:title", "twitter:title", "dc.title")
        or _title_tag(tree)
    )
    return PageMeta(
        title=_clean_title(title, site),
        authors=_ld_authors(ld) or _meta_authors(tree, metas),
        date=_iso_date(_ld_str(ld, "datePublished", "dateCreated", "uploadDate"))
        or _first_date(metas) or _time_tag_date(tree),
        site=site or _host(url),
        url=url,
        lang=_lang(tree, metas, ld),
        body=_ld_str(ld, "articleBody"),
    )  # fmt: skip


def _first(metas: dict[str, str], *names: str) -> str | None:
    for name in names:
        value = metas.get(name)
        if value:
            return value
    return None


def _meta_values(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """First non-empty content of each meta name/property/itemprop/http-equiv, lowercased key."""
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = _clean(meta.get("content"))
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            for key in (meta.get(attr) or "").lower().split():
                values.setdefault(key, content)
    return values


def _clean(value: object) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(value.split())


def _link(tree: lxml_html.HtmlElement, rel: str) -> str | None:
    for link in tree.iter("link"):
        if rel in (link.get("rel") or "").lower().split():
            href = _clean(link.get("href"))
            if href.startswith(("http://", "https://")):
                return href
    return None


def _saved_from(raw_head: str) -> str | None:
    match = _SAVED_FROM.search(raw_head)
    return match.group(1).rstrip("->") if match else None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _title_tag(tree: lxml_html.HtmlElement) -> str | None:
    for title in tree.iter("title"):
        text = _clean(title.text_content())
        if text:
            return text
    for h1 in tree.iter("h1"):
        text = _clean(h1.text_content())
        if text:
            return text
    return None


def _clean_title(title: str | None, site: str | None) -> str | None:
    """Unescape leftover entities and drop a trailing " | Site name"."""
    if not title:
        return None
    if "&" in title:
        title = html.unescape(title)
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) > 1:
        tail = parts[-1].strip().casefold()
        if site and (tail == site.casefold() or tail in site.casefold().split()):
            title = title[: title.rfind(parts[-1])].rstrip(" |–—-:·•")
    return title.strip() or None


# --- JSON-LD -------------------------------------------------------------------------


def _json_ld_article(tree: lxml_html.HtmlElement) -> dict[str, Any]:
    """The article object among the page's JSON-LD blocks, completed by its WebPage.

    Some sites describe the page (``MedicalWebPage``...) rather than an article: its
    fields are used for whatever the article object lacks.
    """
    article: dict[str, Any] = {}
    page: dict[str, Any] = {}
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        for item in _ld_items(data, depth=0):
            types = {t.lower() for t in _as_list(item.get("@type")) if isinstance(t, str)}
            if types & _ARTICLE_TYPES and not article:
                article = item
            elif any(t.endswith("page") for t in types) and not page:
                page = item
    return {**page, **article}


def _ld_items(data: object, depth: int) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD document: top level, lists, ``@graph`` and mainEntity."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_items(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity"):
            if key in data:
                yield from _ld_items(data[key], depth + 1)


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _ld_str(ld: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        for value in _as_list(ld.get(key)):
            text = _clean(value) if key != "articleBody" else value
            if isinstance(text, str) and text.strip():
                return text
    return None


def _ld_name(value: object) -> str:
    if isinstance(value, dict):
        value = value.get("name")
        if isinstance(value, list):
            value = value[0] if value else ""
    return _clean(value)


def _ld_authors(ld: dict[str, Any]) -> tuple[str, ...]:
    names = [_ld_name(a) for a in _as_list(ld.get("author") or ld.get("creator"))]
    return _unique_authors(names)


def _ld_publisher(ld: dict[str, Any]) -> str | None:
    for value in _as_list(ld.get("publisher")) + _as_list(ld.get("sourceOrganization")):
        name = _ld_name(value)
        if name:
            return name
    return None


def _ld_url(ld: dict[str, Any]) -> str | None:
    for value in _as_list(ld.get("url")) + _as_list(ld.get("mainEntityOfPage")):
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        text = _clean(value)
        if text.startswith(("http://", "https://")):
            return text
    return None


# --- authors, dates, language --------------------------------------------------------


def _meta_authors(tree: lxml_html.HtmlElement, metas: dict[str, str]) -> tuple[str, ...]:
    for name in _AUTHOR_META:
        value = metas.get(name)
        if value and not value.startswith(("http://", "https://", "@")):
            return _unique_authors(re.split(r"\s*(?:,|;|\band\b|\bet\b|&)\s*", value))
    for element in tree.xpath('//*[@rel="author" or @itemprop="author"]')[:5]:
        name = _clean(element.text_content())
        if name:
            return _unique_authors([name])
    return ()


def _unique_authors(names: list[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for raw in names:
        name = _BY_PREFIX.sub("", _clean(raw)).strip(" ,;")
        if name and len(name) <= 80 and "://" not in name and name not in seen:
            seen.append(name)
    return tuple(seen)


def _iso_date(value: str | None) -> str | None:
    """ISO 8601 (date, or timestamp when the source gives a time), else None."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        match = _ISO_DATE.search(value)
        if match is None:
            return _rfc822_date(value)
        year, month, day = (int(g) for g in match.group(1, 3, 4))
        try:
            return datetime(year, month, day).date().isoformat()
        except ValueError:
            return None
    if len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


def _rfc822_date(value: str) -> str | None:
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _first_date(metas: dict[str, str]) -> str | None:
    for name in _DATE_META:
        date = _iso_date(metas.get(name))
        if date:
            return date
    for name, value in metas.items():  # site-specific names: "sn-post-date", "pdate"...
        if ("date" in name or "publish" in name) and not _NOT_PUBLISHED.search(name):
            date = _iso_date(value)
            if date:
                return date
    return None


def _time_tag_date(tree: lxml_html.HtmlElement) -> str | None:
    for element in tree.xpath("//time[@datetime]")[:3]:
        date = _iso_date(element.get("datetime"))
        if date:
            return date
    return None


def _lang(tree: lxml_html.HtmlElement, metas: dict[str, str], ld: dict[str, Any]) -> str | None:
    candidates = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        tree.get("xml:lang"),
        metas.get("content-language"),
        metas.get("og:locale"),
        metas.get("language"),
        metas.get("dc.language"),
        _ld_str(ld, "inLanguage"),
    ]
    for value in candidates:
        match = _LANG.match((value or "").strip().split(",")[0].strip())
        if match:
            return match.group(1).lower()
    return None

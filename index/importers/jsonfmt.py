"""JSON and JSON Lines exports: one article per object.

Exports come from scrapers, news APIs, CMS back-ups and research corpora, each with its
own field names, so fields are looked up from lists of the usual names (case-insensitive)
rather than from one schema. JSON Lines files are read line by line so one broken line
costs one article, not the file.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from index.importers.datestamps import iso_date
from index.importers.decoding import legacy_decode
from index.importers.htmltext import any_text_to_paragraphs, html_to_paragraphs, looks_like_html
from index.importers.outcome import ImportFailure, with_warnings
from index.importers.registry import Format
from index.models import ArticleDraft, Highlight, StateDraft

_LIST_KEYS = (
    "articles", "items", "entries", "data", "results", "documents", "docs", "posts",
    "stories", "news", "records", "hits", "response",
)
_TITLE_KEYS = ("title", "headline", "name", "heading", "webtitle")
_TEXT_KEYS = (
    "text", "body", "content", "articlebody", "article", "full_text", "fulltext", "bodytext",
    "content_html", "content_text", "description", "summary", "abstract", "excerpt", "lead",
)
_DATE_KEYS = (
    "date", "published", "published_at", "publishedat", "pubdate", "datepublished",
    "date_published", "publication_date", "publish_date", "webpublicationdate", "created",
    "created_at", "createdat", "datecreated", "timestamp", "time", "updated", "modified",
    "datemodified", "updated_at",
)
_URL_KEYS = ("url", "link", "href", "permalink", "canonical_url", "weburl", "uri")
_SOURCE_KEYS = (
    "source", "site", "publisher", "site_name", "sitename", "outlet", "newspaper",
    "publication", "feed", "domain",
)
_AUTHOR_KEYS = ("authors", "author", "byline", "creator", "creators", "writer", "by")
_LANG_KEYS = ("lang", "language", "inlanguage", "locale")
_NAME_KEYS = ("name", "title", "rendered", "value", "text", "label")
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\s&\s|\band\b|\bet\b)\s*")
NO_ARTICLES = "no articles found: the JSON holds no objects with a title or text"


def sniff(head: bytes, origin: str) -> int:
    """JSON text starts with ``{`` or ``[``; a second line starting with ``{`` hints JSONL."""
    view = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if view[:1] not in (b"{", b"["):
        return 0
    lines = view.split(b"\n", 2)
    if len(lines) > 1 and lines[0].rstrip().endswith(b"}") and lines[1].lstrip()[:1] == b"{":
        return 60
    return 50


def parse(data: bytes, origin: str) -> list[ArticleDraft]:
    text, warnings = _decode(data)
    lines_hint = origin.lower().split("#", 1)[0].endswith((".jsonl", ".ndjson", ".jsonlines"))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if lines_hint or (exc.msg == "Extra data" and exc.lineno > 1):
            return _parse_lines(text, origin, warnings)
        raise ImportFailure(_describe(exc, text)) from None
    records = _find_records(document)
    if records is None:
        raise ImportFailure(NO_ARTICLES)
    single = isinstance(document, dict) and len(records) == 1 and records[0] is document
    numbered = (
        (record, origin if single else f"{origin}#item-{n}") for n, record in enumerate(records, 1)
    )
    return _drafts(numbered, warnings)


def _decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 as JSON requires; a file cut inside a character loses that character only."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), []
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end >= len(data):
            return data[: exc.start].decode("utf-8", errors="replace"), []
    warnings: list[str] = []
    text, encoding = legacy_decode(data, warnings)
    return text, [*warnings, f"the JSON is not valid UTF-8: read as {encoding}"]


def _describe(exc: json.JSONDecodeError, text: str) -> str:
    where = f"line {exc.lineno}, column {exc.colno} (character {exc.pos})"
    message = exc.msg.removesuffix(" at").lower()
    if exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated"):
        return f"the JSON is cut short (truncated file?): {message} at {where}"
    return f"invalid JSON: {message} at {where}"


def _parse_lines(text: str, origin: str, warnings: list[str]) -> list[ArticleDraft]:
    return numbered_lines(enumerate(text.splitlines(), 1), origin, warnings)


def numbered_lines(
    lines: Iterable[tuple[int, str]], origin: str, warnings: list[str]
) -> list[ArticleDraft]:
    """Drafts of JSON Lines given with their line numbers: a whole file, or one piece
    of a large one read as a stream (index/importers/streams.py)."""
    records: list[tuple[Any, str]] = []
    decoder = json.JSONDecoder()
    for number, line in lines:
        line = line.strip()
        if not line:
            continue
        try:
            value, end = decoder.raw_decode(line)
            if end != len(line):
                raise json.JSONDecodeError("Extra data", line, end)
        except json.JSONDecodeError as exc:
            message = exc.msg.removesuffix(" at").lower()
            warnings.append(f"line {number}: invalid JSON ({message} at column {exc.colno})")
            continue
        records.append((_unwrap(value), f"{origin}#line-{number}"))
    if not records:
        raise ImportFailure("no readable line in this JSON Lines file")
    return _drafts(iter(records), warnings)


def _find_records(document: Any, depth: int = 0) -> list[Any] | None:
    """The list of article objects: the top level, or a list under a usual key."""
    if isinstance(document, list):
        return [_unwrap(item) for item in document]
    if not isinstance(document, dict) or depth > 3:
        return None
    lowered = {str(k).lower(): v for k, v in document.items()}
    for key in _LIST_KEYS:
        value = lowered.get(key)
        if isinstance(value, list | dict):
            found = _find_records(value, depth + 1)
            if found:
                return found
    if _first_text(lowered, _TEXT_KEYS) or _first_text(lowered, _TITLE_KEYS):
        return [document]
    values = list(document.values())
    if values and all(isinstance(v, dict) for v in values):
        sample = {str(k).lower(): v for k, v in values[0].items()}
        if _first_text(sample, _TEXT_KEYS):
            return values  # {"id-1": {article}, "id-2": {article}}, as some scrapers dump
    return None


def _unwrap(item: Any) -> Any:
    """Search-engine dumps wrap each article: ``{"_source": {...}}``."""
    if isinstance(item, dict) and isinstance(item.get("_source"), dict):
        return item["_source"]
    return item


def _drafts(records: Iterator[tuple[Any, str]], warnings: list[str]) -> list[ArticleDraft]:
    drafts: list[ArticleDraft] = []
    empty = 0
    for record, origin in records:
        draft = _record_draft(record, origin) if isinstance(record, dict) else None
        if draft is None:
            empty += 1
        else:
            drafts.append(draft)
    if not drafts:
        raise ImportFailure(NO_ARTICLES)
    if empty:
        warnings.append(f"{empty} record(s) without article text were left out")
    drafts[0] = with_warnings(drafts[0], warnings)
    return drafts


def _record_draft(record: Mapping[str, Any], origin: str) -> ArticleDraft | None:
    fields = {str(k).lower(): v for k, v in record.items()}
    raw_text = _first_text(fields, _TEXT_KEYS)
    text = any_text_to_paragraphs(raw_text)
    if not text:
        return None
    title = " ".join(_first_text(fields, _TITLE_KEYS).split())
    if looks_like_html(title):
        title = " ".join(html_to_paragraphs(title).split())
    return ArticleDraft(
        title=title,
        text=text,
        date=_first_date(fields),
        source=" ".join(_first_text(fields, _SOURCE_KEYS).split()) or None,
        url=_first_text(fields, _URL_KEYS).strip() or None,
        lang=_lang(_first_text(fields, _LANG_KEYS)),
        authors=_authors(fields),
        origin=origin,
        state=_state(fields.get("veille")),
    )


def _state(value: Any) -> StateDraft | None:
    """What a Veille JSON Lines export carries beside the article (its round trip)."""
    if not isinstance(value, dict):
        return None
    marks = []
    for item in value.get("highlights") or []:
        if not isinstance(item, dict):
            continue
        try:
            start, end = int(item.get("start", -1)), int(item.get("end", -1))
        except (TypeError, ValueError):
            continue
        quote = _string(item.get("quote"))
        comment = _string(item.get("comment"))
        marks.append(Highlight(start, end, quote, comment))
    return StateDraft(
        read=value.get("read") is True,
        starred=value.get("starred") is True,
        tags=tuple(t for t in value.get("tags") or [] if isinstance(t, str)),
        note=_string(value.get("note")),
        note_format="markdown" if value.get("note_format") == "markdown" else "plain",
        highlights=tuple(marks),
        dossiers=tuple(d for d in value.get("dossiers") or [] if isinstance(d, str)),
    )


def _string(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _first_text(fields: Mapping[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        text = _as_text(fields.get(key))
        if text.strip():
            return text
    return ""


def _as_text(value: Any) -> str:
    """Strings as-is; ``{"name": ...}`` / ``{"rendered": ...}`` unwrapped; lists joined."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        lowered = {str(k).lower(): v for k, v in value.items()}
        for key in _NAME_KEYS:
            if isinstance(lowered.get(key), str) and lowered[key].strip():
                return str(lowered[key])
        return ""
    if isinstance(value, list):
        return "\n".join(t for t in (_as_text(v) for v in value) if t.strip())
    return ""


def _first_date(fields: Mapping[str, Any]) -> str | None:
    for key in _DATE_KEYS:
        value = fields.get(key)
        if isinstance(value, dict):
            value = _as_text(value) or value.get("$date")
        found = iso_date(value)
        if found:
            return found
    return None


def _authors(fields: Mapping[str, Any]) -> tuple[str, ...]:
    for key in _AUTHOR_KEYS:
        value = fields.get(key)
        if not value:
            continue
        names = [_as_text(v) for v in value] if isinstance(value, list) else [_as_text(value)]
        split = [part for name in names for part in _split_names(name)]
        if split:
            return tuple(dict.fromkeys(split))
    return ()


def _split_names(text: str) -> list[str]:
    text = re.sub(r"^\s*(?:by|par)\s+", "", " ".join(text.split()), flags=re.IGNORECASE)
    parts = [p.strip(" ,") for p in _AUTHOR_SPLIT.split(text)]
    return [p for p in parts if p]


def _lang(value: str) -> str | None:
    match = _LANG.match(value.strip())
    return match.group(1).lower() if match else None


FORMAT = Format(
    name="json",
    extensions=(".json", ".jsonl", ".ndjson", ".jsonlines"),
    sniff=sniff,
    parse=parse,
    description="JSON and JSON Lines article exports",
)

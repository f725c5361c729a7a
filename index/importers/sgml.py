"""Reuters-21578 style SGML: many ``<REUTERS>`` stories per file.

These files are SGML, not XML: they reference an external DTD (``lewis.dtd``) that
must never be fetched, use character references to control bytes (``&#2;``) that XML
forbids, and carry unescaped ``<`` in places. So they are cut with regular expressions,
never handed to an XML parser. Briefs (a headline and "Blah blah blah.") and
unprocessed telex dumps have no ``<BODY>`` and are left out, as their own corpus does.
"""

from __future__ import annotations

import html
import re

from index.importers.datestamps import iso_date
from index.importers.decoding import legacy_decode
from index.importers.htmltext import unwrap_paragraphs
from index.importers.outcome import ImportSkipped
from index.importers.registry import Format
from index.models import ArticleDraft

_STORY = re.compile(rb"<REUTERS\b([^>]*)>(.*?)(?:</REUTERS>|(?=<REUTERS\b)|\Z)", re.DOTALL)
_NEWID = re.compile(rb'NEWID="?(\d+)')
_FIELDS = {
    name: re.compile(rb"<%s\b[^>]*>(.*?)(?:</%s>|(?=<[A-Z]+\b)|\Z)" % (name, name), re.DOTALL)
    for name in (b"TITLE", b"DATE", b"DATELINE", b"BODY")
}
_SIGNATURE = re.compile(rb"<!DOCTYPE\s+lewis\b|<REUTERS\s[^>]*NEWID=", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SIGN_OFF = re.compile(r"\s*\bReuter\s*$")
SOURCE = "Reuters"


def sniff(head: bytes, origin: str) -> int:
    return 95 if _SIGNATURE.search(head) else 0


def parse(data: bytes, origin: str) -> list[ArticleDraft]:
    stories = 0
    drafts: list[ArticleDraft] = []
    for match in _STORY.finditer(data):
        stories += 1
        draft = _story_draft(match.group(1), match.group(2), origin, stories)
        if draft is not None:
            drafts.append(draft)
    if not stories:
        raise ImportSkipped("no <REUTERS> story in this SGML file")
    if not drafts:
        raise ImportSkipped(f"none of the {stories} stories has a body (briefs only)")
    return drafts


def _story_draft(attributes: bytes, story: bytes, origin: str, number: int) -> ArticleDraft | None:
    body = _field(story, b"BODY")
    if body is None:
        return None
    text = _SIGN_OFF.sub("", unwrap_paragraphs(_clean(body)))
    if not text:
        return None
    newid = _NEWID.search(attributes)
    title = " ".join(_clean(_field(story, b"TITLE") or b"").split())
    return ArticleDraft(
        title=title,
        text=text,
        date=iso_date(" ".join(_clean(_field(story, b"DATE") or b"").split())),
        source=SOURCE,
        lang="en",
        origin=f"{origin}#newid-{newid.group(1).decode()}" if newid else f"{origin}#story-{number}",
    )


def _field(story: bytes, name: bytes) -> bytes | None:
    match = _FIELDS[name].search(story)
    return match.group(1) if match else None


def _clean(raw: bytes) -> str:
    """Bytes of one field to text: legacy bytes decoded, references resolved, controls dropped."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = legacy_decode(raw, [])[0]
    return _CONTROL.sub("", html.unescape(text))


FORMAT = Format(
    name="reuters-sgml",
    extensions=(".sgm", ".sgml"),
    sniff=sniff,
    parse=parse,
    description="Reuters-21578 style SGML story collections",
)

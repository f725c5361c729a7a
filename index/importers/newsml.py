"""News-agency XML: IPTC NewsML-G2 items and messages, NITF, and old NewsML 1.x.

Agencies send far more than articles through NewsML-G2: pictures, videos, planning
and concept items, packages that only point at other items. Those are *skipped* with a
reason ("not a text article: picture item"), not failed: nothing is wrong with the file,
it just holds no article. Elements are matched by local name, because agencies mix
NewsML-G2 and NITF namespace versions freely.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from index.importers.datestamps import iso_date
from index.importers.htmltext import html_to_paragraphs, plain_paragraphs, title_from_text
from index.importers.outcome import ImportFailure, ImportSkipped, with_warnings
from index.importers.registry import Format
from index.importers.safexml import parse_xml
from index.models import ArticleDraft

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SIGNATURE = re.compile(
    rb"<(?:[\w-]+:)?(newsItem|newsMessage|packageItem|conceptItem|knowledgeItem|planningItem"
    rb"|catalogItem|nitf|NewsML)[\s>/]"
)
_FRAGMENT = re.compile(rb"^\s*<(?:[\w-]+:)?(contentSet|contentMeta|groupSet|itemMeta)[\s>]")
_NON_ARTICLE_ROOTS = {
    "packageItem": "package item (it only points to other items)",
    "conceptItem": "concept item",
    "knowledgeItem": "knowledge item",
    "planningItem": "planning item",
    "catalogItem": "catalog item",
    "catalog": "catalog item",
    "contentMeta": "NewsML-G2 metadata fragment",
    "groupSet": "NewsML-G2 package fragment",
    "itemMeta": "NewsML-G2 metadata fragment",
}
_CLASS_NAMES = {
    "picture": "picture item",
    "graphic": "graphic item",
    "video": "video item",
    "audio": "audio item",
    "composite": "composite item",
    "interactive": "interactive item",
    "newscoverage": "planning item",
}
_TEXT_BLOCKS = frozenset({"p", "hl2", "hl3", "li", "pre", "dd", "dt", "block-quote"})
_NO_TEXT = "the news item carries no article text (metadata only)"


@dataclass
class _Meta:
    """What the item's envelope says about the article; NITF's head fills the gaps."""

    title: str = ""
    date: str | None = None
    source: str | None = None
    lang: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None


def sniff(head: bytes, origin: str) -> int:
    view = head.replace(b"\x00", b"") if b"\x00" in head[:4] else head
    if _SIGNATURE.search(view) or b"iptc.org/std/nar/" in view:
        return 95
    body = re.sub(rb"^\s*(?:<\?xml[^>]*>\s*|<!--.*?-->\s*)*", b"", view, flags=re.DOTALL)
    return 40 if _FRAGMENT.match(body) else 0


def parse(data: bytes, origin: str) -> list[ArticleDraft]:
    root, warnings = parse_xml(data, what="news XML")
    name = _local(root)
    if name == "newsMessage":
        return _message_drafts(root, origin, warnings)
    draft = _item_draft(root, origin)
    return [with_warnings(draft, warnings)]


def _message_drafts(
    root: etree._Element, origin: str, warnings: tuple[str, ...]
) -> list[ArticleDraft]:
    """A newsMessage bundles items: import the text ones, note the others."""
    members = [
        child
        for item_set in _descendants(root, "itemSet")
        for child in item_set
        if isinstance(child.tag, str)
    ]
    drafts: list[ArticleDraft] = []
    skipped: list[str] = []
    for number, item in enumerate(members, 1):
        try:
            drafts.append(_item_draft(item, f"{origin}#item-{number}"))
        except ImportSkipped as exc:
            skipped.append(f"item {number} skipped: {exc.reason}")
    if not drafts:
        reasons = dict.fromkeys(note.split(": ", 1)[1] for note in skipped)
        raise ImportSkipped("no text article in this news message: " + "; ".join(reasons))
    notes = (*warnings, *skipped)
    return [with_warnings(d, notes) for d in drafts]


def _item_draft(item: etree._Element, origin: str) -> ArticleDraft:
    name = _local(item)
    if name in _NON_ARTICLE_ROOTS:
        raise ImportSkipped(f"not a text article: {_NON_ARTICLE_ROOTS[name]}")
    if name == "nitf":
        meta = _Meta()
        text = _nitf_into(item, meta)
    elif name in ("newsItem", "contentSet"):
        meta = _g2_meta(item)
        text = _g2_text(item, meta)
    elif name == "NewsML":
        meta = _Meta()
        text = _newsml1_text(item, meta)
    else:
        raise ImportFailure(f"not a NewsML-G2 or NITF document (root element <{name}>)")
    if not text:
        raise ImportSkipped(_NO_TEXT)
    title = meta.title or title_from_text(text)
    return ArticleDraft(
        title=title, text=text, date=meta.date, source=meta.source, url=meta.url,
        lang=meta.lang, authors=tuple(dict.fromkeys(meta.authors)), origin=origin,
    )


# NewsML-G2 envelope


def _g2_meta(item: etree._Element) -> _Meta:
    item_class = _first(item, "itemMeta", "itemClass")
    if item_class is not None:
        kind = _code(item_class.get("qcode") or item_class.get("uri") or "")
        if kind in _CLASS_NAMES:
            raise ImportSkipped(f"not a text article: {_CLASS_NAMES[kind]}")
    meta = _Meta()
    content_meta = _first(item, "contentMeta")
    item_meta = _first(item, "itemMeta")
    if content_meta is not None:
        meta.title = _main_headline(content_meta)
        for creator in _children(content_meta, "creator"):
            name = _text(_first(creator, "name")) or creator.get("literal") or ""
            if name:
                meta.authors.append(name)
        language = _first(content_meta, "language")
        if language is not None:
            meta.lang = _lang(language.get("tag"))
    meta.lang = meta.lang or _lang(item.get(_XML_LANG))
    meta.date = _first_date(
        _first(item_meta, "firstCreated") if item_meta is not None else None,
        _first(content_meta, "contentCreated") if content_meta is not None else None,
        _first(item_meta, "versionCreated") if item_meta is not None else None,
    )
    meta.source = _g2_source(item_meta, content_meta)
    return meta


def _main_headline(content_meta: etree._Element) -> str:
    """The main headline: one without a role, or with role ``hlrole:main``, over a subtitle."""
    headlines = [h for h in _children(content_meta, "headline") if _text(h)]
    for headline in headlines:
        if _code(headline.get("role") or "main") == "main":
            return _text(headline)
    return _text(headlines[0]) if headlines else ""


def _g2_source(item_meta: etree._Element | None, content_meta: etree._Element | None) -> str | None:
    provider = _first(item_meta, "provider") if item_meta is not None else None
    if provider is not None:
        name = _text(_first(provider, "name")) or provider.get("literal")
        if name:
            return name
    if content_meta is not None:
        credit = _text(_first(content_meta, "creditline"))
        if credit:
            return credit
        source = _first(content_meta, "infoSource")
        if source is not None:
            name = _text(_first(source, "name")) or source.get("literal")
            if name:
                return name
    if provider is not None and (provider.get("qcode") or provider.get("uri")):
        return _code(provider.get("qcode") or provider.get("uri") or "") or None
    return None


def _g2_text(item: etree._Element, meta: _Meta) -> str:
    content_set = item if _local(item) == "contentSet" else _first(item, "contentSet")
    if content_set is None:
        return ""
    for content in content_set:
        if not isinstance(content.tag, str):
            continue
        kind = (content.get("contenttype") or "").lower()
        meta.lang = meta.lang or _lang(content.get(_XML_LANG))
        if _local(content) == "inlineData":
            raw = content.text or ""
            text = html_to_paragraphs(raw) if "html" in kind else plain_paragraphs(raw)
        elif _local(content) == "inlineXML":
            text = _inline_xml_text(content, meta)
        else:
            continue
        if text:
            return text
    return ""


def _inline_xml_text(content: etree._Element, meta: _Meta) -> str:
    nitf = next(_descendants(content, "nitf"), None)
    if nitf is not None:
        return _nitf_into(nitf, meta)
    return _block_text(content)


# NITF


def _nitf_into(nitf: etree._Element, meta: _Meta) -> str:
    """Body paragraphs of an NITF document; its head and hedline complete ``meta``."""
    meta.lang = meta.lang or _lang(nitf.get(_XML_LANG))
    head = _first(nitf, "head")
    if head is not None:
        meta.title = meta.title or _text(_first(head, "title")) or ""
        issue = next(_descendants(head, "date.issue"), None)
        if issue is not None and not meta.date:
            meta.date = iso_date(issue.get("norm") or _text(issue))
        pubdata = next(_descendants(head, "pubdata"), None)
        if pubdata is not None and not meta.source:
            meta.source = pubdata.get("name") or None
        holder = next(_descendants(head, "doc.copyright"), None)
        if holder is not None and not meta.source:
            meta.source = holder.get("holder") or None
    body_head = next(_descendants(nitf, "body.head"), None)
    if body_head is not None:
        meta.title = meta.title or _text(next(_descendants(body_head, "hl1"), None)) or ""
        if not meta.authors:
            meta.authors.extend(_bylines(body_head))
    body = next(_descendants(nitf, "body.content"), None)
    text = _block_text(body) if body is not None else ""
    if not text and body_head is not None:
        abstract = next(_descendants(body_head, "abstract"), None)
        text = _block_text(abstract) if abstract is not None else ""
    return text


def _bylines(body_head: etree._Element) -> Iterator[str]:
    for byline in _descendants(body_head, "byline"):
        person = next(_descendants(byline, "person"), None)
        if person is not None:
            name = _text(person)
        else:
            name = " ".join(byline.text.split()) if byline.text else ""
        name = re.sub(r"^(?:by|par)\s+", "", name, flags=re.IGNORECASE).strip(" ,;")
        if name:
            yield name


def _block_text(container: etree._Element) -> str:
    """Paragraph elements in order, skipping picture captions; raw text if there are none."""
    paragraphs = []
    for element in container.iter(etree.Element):
        name = _local(element)
        if name not in _TEXT_BLOCKS or _inside(element, "media", container):
            continue
        if name == "li" and any(_local(c) == "p" for c in element):
            continue
        text = " ".join("".join(element.itertext()).split())
        if text:
            paragraphs.append(text)
    if paragraphs:
        return "\n".join(paragraphs)
    return plain_paragraphs("\n".join(container.itertext()))


def _inside(element: etree._Element, name: str, stop: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if _local(parent) == name:
            return True
        parent = parent.getparent()
    return False


# NewsML 1.x (still sent by some agencies)


def _newsml1_text(root: etree._Element, meta: _Meta) -> str:
    meta.title = _text(next(_descendants(root, "HeadLine"), None)) or ""
    meta.date = iso_date(_text(next(_descendants(root, "FirstCreated"), None)))
    provider = next(_descendants(root, "Provider"), None)
    if provider is not None:
        meta.source = _text(next(_descendants(provider, "Party"), None)) or None
        party = next(_descendants(provider, "Party"), None)
        meta.source = meta.source or (party.get("FormalName") if party is not None else None)
    meta.lang = _lang(root.get(_XML_LANG))
    for language in _descendants(root, "Language"):
        meta.lang = meta.lang or _lang(language.get("FormalName"))
    for data in _descendants(root, "DataContent"):
        nitf = next(_descendants(data, "nitf"), None)
        text = _nitf_into(nitf, meta) if nitf is not None else _block_text(data)
        if text:
            return text
    return ""


# Small tree helpers: match by local name, whatever the namespace version.


def _local(element: etree._Element) -> str:
    tag = element.tag
    # String slicing, not etree.QName: recovered trees can hold tags QName rejects.
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(parent: etree._Element, name: str) -> Iterator[etree._Element]:
    return (child for child in parent if isinstance(child.tag, str) and _local(child) == name)


def _first(parent: etree._Element | None, *path: str) -> etree._Element | None:
    node = parent
    for name in path:
        if node is None:
            return None
        node = next(_children(node, name), None)
    return node


def _descendants(parent: etree._Element, name: str) -> Iterator[etree._Element]:
    return (el for el in parent.iter(etree.Element) if _local(el) == name)


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _first_date(*elements: etree._Element | None) -> str | None:
    for element in elements:
        found = iso_date(_text(element))
        if found:
            return found
    return None


def _code(qcode_or_uri: str) -> str:
    """``ninat:picture`` or ``http://cv.iptc.org/newscodes/ninature/picture`` -> ``picture``."""
    return re.split(r"[:/]", qcode_or_uri.strip().rstrip("/"))[-1].lower()


def _lang(tag: str | None) -> str | None:
    match = re.match(r"^([A-Za-z]{2,3})(?:[-_]|$)", (tag or "").strip())
    return match.group(1).lower() if match else None


FORMAT = Format(
    name="newsml",
    extensions=(".xml", ".nitf", ".newsml", ".nml", ".g2"),
    sniff=sniff,
    parse=parse,
    description="IPTC NewsML-G2, NewsML 1 and NITF news-agency XML",
)

"""Main-content extraction: the article's paragraphs, without the page around them.

trafilatura finds the article container (its fast mode: on news pages its fallback
comparisons with readability and jusText mostly add boilerplate). What it keeps still
often ends with "related stories" link lists, newsletter and follow-us promos, and holds
"Read more:" teasers between paragraphs, so its XML body is pruned here with signals that
hold across sites: link density, promo labels, and position at the end of the text.
The headline, byline and URL that pages repeat above the text are removed too: the
draft carries them as metadata.

Measured in ``bench/html_extraction.py``; every rule here must stay site-independent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.xml import xmltotxt

from index.importers.html_meta import PageMeta

_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_BULLET = re.compile(r"^[-•·*]\s+")
_NON_WORD = re.compile(r"\W+")
# Labels that introduce teasers for other articles, in English and French.
_PROMO_LABEL = re.compile(
    r"^\W*(?:see more|read more|read also|also read|more from"
    r"|related(?: posts?| stories| articles?)?|don'?t miss|see also|also|recommended"
    r"|you may also like|you might also like|more"
    r"|à lire aussi|lire aussi|lire également|voir aussi|sur le même sujet"
    r"|pour aller plus loin|à voir aussi|à découvrir)\s*(?::|…|\.\.\.|\||$)",
    re.IGNORECASE,
)
# Closing lines that promote the site rather than continue the article.
_TRAILING_PROMO = re.compile(
    r"\b(?:follow|suivez)\b.{0,100}\b(?:twitter|facebook|instagram|linkedin|coverage)\b"
    r"|\b(?:sign up|subscribe|abonnez-vous|inscrivez-vous)\b.{0,60}"
    r"\b(?:newsletter|our|free|today|here|now|podcast|channel|lettre|gratuit)"
    r"|\b(?:our|free|daily|weekly|morning|evening)\s+(?:\w+\s+)?newsletters?\b"
    r"|\bclick here\b|\btell us what you think\b|\ball rights reserved\b"
    r"|\bcopyright\s*(?:©|\(c\)|\d{4})|©|\btous droits réservés\b"
    r"|\bshare this (?:article|story)\b"
    r"|^follow\b.{0,100}(?:https?://|@\w)"
    r"|^email\s+\S+(?:\s+\S+)?\s+at\b"
    r"|^(?:reporting|additional reporting|writing|editing|compiled|edited) by\b"
    r"|^\d*\s*(?:comments?|commentaires?)$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?。！？]$")
_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "table", "code", "div"})
_LINK_DENSE = 0.8
_TEASER_MAX_CHARS = 200  # a fully linked paragraph longer than this is content, not a teaser
_TRAILING_MAX_CHARS = 300
_LABEL_MAX_CHARS = 40
_TRAILING_SHARE = 0.3  # never cut more than this share of the text from the end
_MAX_LEADING_HEADINGS = 3
_SHORT_CHARS = 500  # below this, trafilatura's own fallbacks are worth a try (CJK-safe)


@dataclass(frozen=True, slots=True)
class _Block:
    element: etree._Element
    text: str
    link_density: float


def extract_text(page: str, meta: PageMeta, tree: lxml_html.HtmlElement | None = None) -> str:
    """Paragraphs of the main content joined by newlines; empty when none was found.

    ``tree`` (the parsed ``page``) saves a parse; trafilatura prunes it in place.
    """
    text = _extract(tree if tree is not None else page, meta, fast=True)
    if len(text) < _SHORT_CHARS:
        fuller = _extract(page, meta, fast=False)
        if len(fuller) > 2 * len(text):
            text = fuller
    return text


def _extract(source: lxml_html.HtmlElement | str, meta: PageMeta, *, fast: bool) -> str:
    try:
        document = trafilatura.bare_extraction(
            source,
            url=meta.url,
            fast=fast,
            include_comments=False,
            include_tables=True,
            include_links=True,
        )
    except (ValueError, TypeError, RecursionError, etree.LxmlError):
        return ""
    body = getattr(document, "body", None)
    if body is None:
        return ""
    prune_boilerplate(body)
    unwrap_layout_tables(body)
    etree.strip_tags(body, "ref")
    return clean_body(xmltotxt(body, False), meta)


def prune_boilerplate(body: etree._Element) -> None:
    """Remove teaser blocks anywhere and promo blocks at the end of an extracted body."""
    blocks = [_block(element) for element in body]
    teasers = _teasers(blocks)
    drop = teasers | _trailing_promos(blocks, teasers) | _leading_headings(blocks)
    for index in sorted(drop, reverse=True):
        body.remove(blocks[index].element)


def _block(element: etree._Element) -> _Block:
    text = " ".join("".join(element.itertext()).split())
    linked = sum(len(" ".join("".join(ref.itertext()).split())) for ref in element.iter("ref"))
    return _Block(element, text, linked / len(text) if text else 0.0)


def _is_teaser(block: _Block) -> bool:
    return block.link_density >= _LINK_DENSE and len(block.text) <= _TEASER_MAX_CHARS


def _teasers(blocks: list[_Block]) -> set[int]:
    """'Read more: ...' paragraphs, labels followed by links, and lists made only of links."""
    drop: set[int] = set()
    for index, block in enumerate(blocks):
        tag = block.element.tag
        if tag == "p" and _PROMO_LABEL.match(block.text) and len(block.text.split()) < 30:
            drop.add(index)
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if len(block.text) <= _LABEL_MAX_CHARS and following and _is_teaser(following):
                drop.add(index + 1)
        elif tag == "list" and len(block.element) >= 2 and all(
            _is_teaser(_block(item)) for item in block.element
        ):
            drop.add(index)
    return drop


def _leading_headings(blocks: list[_Block]) -> set[int]:
    """Headings before the first paragraph: the headline and its dek, kept as metadata."""
    drop: set[int] = set()
    for index, block in enumerate(blocks[:_MAX_LEADING_HEADINGS + 1]):
        if not block.text:
            continue
        if block.element.tag != "head" or len(block.text) > _TRAILING_MAX_CHARS:
            return drop
        drop.add(index)
    return set()  # more headings than a headline and its dek: they are content


def _trailing_promos(blocks: list[_Block], teasers: set[int]) -> set[int]:
    """Walk back from the end while blocks are links, promos, or the label above them."""
    total = sum(len(block.text) for block in blocks)
    drop: set[int] = set()
    removed = 0
    after_links = False
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if index in teasers:
            after_links = False
            continue
        if not block.text or _is_teaser(block) or _is_trailing_promo(block.text):
            removed += len(block.text)
            if removed > _TRAILING_SHARE * total:
                break
            drop.add(index)
            after_links = after_links or bool(block.text)
            continue
        if after_links and _is_label(block.text):
            drop.add(index)  # "You may also like...", "Most read"
            after_links = False
            continue
        break
    return drop


def _is_label(text: str) -> bool:
    """A short title over a block ("Most read", "You may also like..."), not a sentence."""
    return len(text) <= _LABEL_MAX_CHARS and not _SENTENCE_END.search(text)


def _is_trailing_promo(text: str) -> bool:
    return len(text) < _TRAILING_MAX_CHARS and _TRAILING_PROMO.search(text) is not None


def unwrap_layout_tables(body: etree._Element) -> None:
    """Tables used for layout (e-mails, old sites) become the paragraphs they hold.

    A table is layout when a cell holds block elements or no row has two cells; data
    tables stay tables (one line per row).
    """
    for table in reversed(list(body.iter("table"))):
        rows = table.findall("row")
        cells = table.findall("row/cell")
        blocky = any(child.tag in _BLOCK_TAGS for cell in cells for child in cell)
        if not blocky and any(len(row) > 1 for row in rows):
            continue
        parent = table.getparent()
        if parent is None:
            continue
        replacement = [block for cell in cells for block in _cell_blocks(cell)]
        position = parent.index(table)
        parent.remove(table)
        for offset, element in enumerate(replacement):
            parent.insert(position + offset, element)


def _cell_blocks(cell: etree._Element) -> list[etree._Element]:
    """A cell's content as block elements; loose text and inline runs become paragraphs."""
    if not any(child.tag in _BLOCK_TAGS for child in cell):
        paragraph = etree.Element("p")
        paragraph.text = cell.text
        paragraph.extend(child for child in cell if child.tag != "row")
        return [paragraph]
    blocks: list[etree._Element] = []
    loose = etree.Element("p")
    loose.text = cell.text
    for child in list(cell):
        if child.tag in _BLOCK_TAGS:
            tail, child.tail = child.tail, None
            blocks.extend([loose, child])
            loose = etree.Element("p")
            loose.text = tail
        elif child.tag != "row":
            loose.append(child)
    blocks.append(loose)
    return [b for b in blocks if len(b) or (b.text and b.text.strip()) or b.tag != "p"]


# --- final text ---------------------------------------------------------------------------


def clean_body(raw: str, meta: PageMeta) -> str:
    """Normalise spaces, drop empty lines and lines that merely repeat the metadata."""
    noise = _metadata_lines(meta)
    title = _key(meta.title or "")
    lines: list[str] = []
    for line in raw.splitlines():
        line = _BULLET.sub("", _SPACES.sub(" ", line).strip())
        if line.startswith("|") and line.endswith("|"):
            line = line.strip("| ")  # a data-table row: cells stay separated by " | "
        key = _key(line)
        if not key or key in noise:
            continue
        if len(lines) < 3 and _part_of_title(key, title):
            continue  # the headline again, without the " - Site" suffix or with a kicker
        lines.append(line)
    return "\n".join(lines)


def _key(line: str) -> str:
    return _NON_WORD.sub(" ", line).strip().casefold()


def _part_of_title(key: str, title: str) -> bool:
    if not title or len(key) < 12:
        return False
    if key in title:
        return len(key) >= 0.5 * len(title)
    return title in key and len(title) >= 0.8 * len(key)


def _metadata_lines(meta: PageMeta) -> set[str]:
    """Lines that are only the title, URL or byline: they must not open the body."""
    noise = {_key(v) for v in (meta.title, meta.url) if v}
    for author in meta.authors:
        for prefix in ("", "by ", "par ", "de "):
            noise.add(_key(prefix + author))
    if meta.authors:
        noise.add(_key("by " + " and ".join(meta.authors)))
        noise.add(_key("par " + " et ".join(meta.authors)))
    noise.discard("")
    return noise

"""HTML fragments and loose text turned into the plain paragraphs an ArticleDraft holds.

Feeds, JSON exports and e-mails carry small HTML fragments (a feed entry's content, a
JSON ``body``), not whole pages: main-content extraction would be wasted on them, so
they are flattened here, one paragraph per block element. Scripts, styles and embedded
objects are dropped, never shown as text.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tbody tr ul".split()
)
_DROP_TAGS = frozenset(
    "script style noscript iframe object embed applet frame frameset form button "
    "select textarea svg math head title template".split()
)
_HTML_HINT = re.compile(
    r"<(?:p|br|div|a|span|b|i|em|strong|ul|ol|li|h[1-6]|img|table|blockquote|figure|"
    r"pre|section|article)\b[^>]*>|&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});",
    re.IGNORECASE,
)
_SENTENCE_END = frozenset('.!?:;"»”)…')
_BREAK = "\x00"  # paragraph marker while walking; cannot occur in parsed text


def any_text_to_paragraphs(text: str) -> str:
    """Paragraphs from a field that may hold HTML, hard-wrapped text or one paragraph a line."""
    if looks_like_html(text):
        return html_to_paragraphs(text)
    if is_hard_wrapped(text):
        return unwrap_paragraphs(text)
    return plain_paragraphs(text)


def looks_like_html(text: str) -> bool:
    """True when ``text`` holds tags or character entities worth parsing."""
    return _HTML_HINT.search(text[:20_000]) is not None


def html_to_paragraphs(fragment: str) -> str:
    """Plain paragraphs joined by ``"\\n"`` from an HTML fragment or page."""
    if not fragment.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError, AssertionError):  # lxml asserts on some junk
        return plain_paragraphs(re.sub(r"<[^>]+>", " ", fragment))
    return plain_paragraphs(_walk_text(root).replace(_BREAK, "\n"))


def _walk_text(root: etree._Element) -> str:
    """Text of ``root`` with a break around each block element (iterative: deep trees are safe)."""
    parts: list[str] = []
    skipping = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if event == "start":
            if skipping or tag in _DROP_TAGS:
                skipping += 1
                continue
            if tag in _BLOCK_TAGS:
                parts.append(_BREAK)
            if element.text and tag:
                parts.append(element.text)
            continue
        if skipping:
            skipping -= 1
            if skipping:
                continue
        elif tag in _BLOCK_TAGS:
            parts.append(_BREAK)
        elif tag in ("td", "th"):
            parts.append(" ")
        if element.tail and element is not root:
            parts.append(element.tail)
    return "".join(parts)


def plain_paragraphs(text: str) -> str:
    """Collapse runs of spaces, drop blank lines: one paragraph per remaining line."""
    text = text.replace("\u200b", "")  # zero-width spaces: invisible noise from CMSes
    lines = (" ".join(line.split()) for line in text.splitlines())  # all Unicode spaces
    return "\n".join(line for line in lines if line)


def is_hard_wrapped(text: str) -> bool:
    """True for text broken at a fixed width (e-mail, wire copy), not one paragraph a line.

    Wrapped lines are all short, mostly of similar length, and many end mid-sentence;
    a paragraph-per-line text has long lines or lines ending in punctuation.
    """
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    if len(lines) < 4:
        return False
    lengths = sorted(len(line) for line in lines)
    longest, median = lengths[-1], lengths[len(lengths) // 2]
    if longest > 100 or median < 35:
        return False
    open_ended = sum(1 for line in lines if line[-1] not in _SENTENCE_END)
    return open_ended >= 0.3 * len(lines)


def unwrap_paragraphs(text: str) -> str:
    """Join hard-wrapped lines (e-mail, wire copy) back into paragraphs.

    A blank line or an indented line starts a new paragraph; other line breaks were
    only there to fit 70-odd columns.
    """
    paragraphs: list[list[str]] = [[]]
    for raw in text.replace("\u200b", "").splitlines():
        line = " ".join(raw.split())
        if not line:
            paragraphs.append([])
            continue
        if raw[:1] in (" ", "\t") and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append(line)
    return "\n".join(" ".join(p) for p in paragraphs if p)


def title_from_text(text: str, limit: int = 120) -> str:
    """A title for an article that has none: its first sentence or line, shortened."""
    first = text.strip().split("\n", 1)[0]
    match = re.match(r"(.{20,}?[.!?…])(?:\s|$)", first)
    title = match.group(1) if match else first
    if len(title) > limit:
        cut = title[:limit].rsplit(" ", 1)[0]
        title = cut + "…"
    return title

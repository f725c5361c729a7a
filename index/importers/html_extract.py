"""Main-content extraction: the article's paragraphs, without the page around them.

trafilatura does the heavy lifting; this module chooses how to call it and cleans
what it returns: the headline, byline and URL that pages repeat above the text are
not part of the body (the draft carries them as metadata).
"""

from __future__ import annotations

import re

import trafilatura
from lxml import html as lxml_html

from index.importers.html_meta import PageMeta

_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_BULLET = re.compile(r"^[-•·*]\s+")


def extract_text(tree: lxml_html.HtmlElement, meta: PageMeta) -> str:
    """Paragraphs of the main content joined by newlines; empty when none found.

    ``tree`` is consumed: trafilatura prunes it in place.
    """
    raw = trafilatura.extract(
        tree,
        url=meta.url,
        fast=True,
        include_comments=False,
        include_tables=True,
    )
    return clean_body(raw or "", meta)


def clean_body(raw: str, meta: PageMeta) -> str:
    """Normalise spaces, drop empty lines and lines that merely repeat the metadata."""
    noise = _metadata_lines(meta)
    lines: list[str] = []
    for line in raw.splitlines():
        line = _BULLET.sub("", _SPACES.sub(" ", line).strip())
        if not line or _key(line) in noise:
            continue
        lines.append(line)
    return "\n".join(lines)


def _key(line: str) -> str:
    return re.sub(r"\W+", " ", line).strip().casefold()


def _metadata_lines(meta: PageMeta) -> set[str]:
    """Lines that are only the title, URL or byline: they must not open the body."""
    noise = {_key(v) for v in (meta.title, meta.url) if v}
    for author in meta.authors:
        for prefix in ("", "by ", "par ", "de "):
            noise.add(_key(prefix + author))
    if meta.authors:
        joined = " and ".join(meta.authors)
        noise.update({_key("by " + joined), _key("par " + " et ".join(meta.authors))})
    noise.discard("")
    return noise

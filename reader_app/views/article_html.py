"""HTML for the article pane, built from an Article, its mentions and the query matches.

Plain functions (no widgets) so the escaping and the overlap handling can be tested
on their own. Each paragraph becomes one block whose plain text is exactly the
article's paragraph (``white-space: pre-wrap``), which lets the view map article
offsets to document positions for "scroll to mention" and F3 without anchors.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from index.models import Article, Mention
from reader_app.style import ENTITY_COLOURS, ENTITY_NAMES, MATCH_BACKGROUND

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Non-blank paragraphs with their offsets in ``text`` (paragraphs end at ``\\n``)."""
    out: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Paragraph(pos, line))
        pos += len(line) + 1
    return out


def _segment_html(text: str, mention: Mention | None, matched: bool) -> str:
    esc = html.escape(text, quote=False)
    if mention is None and not matched:
        return esc
    styles: list[str] = []
    if matched:
        styles.append(f"background-color:{MATCH_BACKGROUND}; font-weight:600")
        if mention is not None:
            styles.append(f"color:{ENTITY_COLOURS[mention.label][1]}")
    else:
        assert mention is not None
        styles.append(f"background-color:{ENTITY_COLOURS[mention.label][0]}")
    title = ""
    if mention is not None:
        tip = f"{ENTITY_NAMES[mention.label]}: {mention.canonical or mention.text}"
        title = f' title="{html.escape(tip)}"'
    return f'<span style="{"; ".join(styles)}"{title}>{esc}</span>'


def paragraph_html(par: Paragraph, mentions: Sequence[Mention], matches: Sequence[Span]) -> str:
    """Cut the paragraph at every span boundary; style each piece by what covers it."""
    ms = [m for m in mentions if m.start < par.end and m.end > par.start and m.end > m.start]
    qs = [s for s in matches if s[0] < par.end and s[1] > par.start and s[1] > s[0]]
    cuts = {par.start, par.end}
    for m in ms:
        cuts.update((max(m.start, par.start), min(m.end, par.end)))
    for a, b in qs:
        cuts.update((max(a, par.start), min(b, par.end)))
    edges = sorted(cuts)
    parts: list[str] = []
    for a, b in itertools.pairwise(edges):
        mention = next((m for m in ms if m.start <= a and m.end >= b), None)
        matched = any(s <= a and e >= b for s, e in qs)
        parts.append(_segment_html(par.text[a - par.start : b - par.start], mention, matched))
    return "".join(parts)


def display_date(value: str | None) -> str:
    """"2025-10-02T09:30:00+02:00" -> "2025-10-02 09:30": readable, still sortable."""
    if not value:
        return ""
    day, _, rest = value.partition("T")
    clock = rest[:5]
    return f"{day} {clock}" if len(clock) == 5 and clock != "00:00" else day


def header_html(article: Article) -> str:
    title = html.escape(article.title or "(untitled)", quote=False)
    meta = [p for p in (display_date(article.date), article.source) if p]
    if article.lang:
        meta.append(article.lang.upper())
    if article.authors:
        meta.append(", ".join(article.authors))
    parts = [f'<h1 class="title">{title}</h1>']
    if meta:
        meta_html = " · ".join(html.escape(p, quote=False) for p in meta)
        parts.append(f'<p class="meta">{meta_html}</p>')
    if article.url:
        url = html.escape(article.url)
        parts.append(f'<p class="meta"><a href="{url}">{url}</a></p>')
    last = parts[-1]
    if last.startswith('<p class="meta">'):
        parts[-1] = '<p class="meta" style="margin-bottom:16px">' + last[len('<p class="meta">') :]
    else:
        parts[-1] = last.replace(
            '<h1 class="title">', '<h1 class="title" style="margin-bottom:16px">'
        )
    return "".join(parts)


def article_html(article: Article, matches: Sequence[Span] = ()) -> str:
    """The whole article: header, then one ``<p>`` per non-blank paragraph."""
    body = [
        f'<p class="body" style="white-space:pre-wrap">'
        f"{paragraph_html(par, article.mentions, matches)}</p>"
        for par in split_paragraphs(article.text)
    ]
    return f"<html><body>{header_html(article)}{''.join(body)}</body></html>"


DEFAULT_CSS = """
h1.title { font-size: 20pt; font-weight: 600; margin-bottom: 4px; }
p.meta { color: #5f6368; margin-top: 0px; margin-bottom: 2px; }
p.body { margin-top: 0px; margin-bottom: 12px; line-height: 140%; }
a { color: #1a5fb4; }
"""

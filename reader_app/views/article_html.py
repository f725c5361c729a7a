"""HTML for the article pane, built from an Article, its mentions and the query matches.

Plain functions (no widgets) so the escaping and the overlap handling can be tested
on their own, and so a worker thread can build the HTML of a long article slice by
slice. Each paragraph becomes one block whose plain text is exactly the article's
paragraph (``white-space: pre-wrap``), which lets the view map article offsets to
document positions for "scroll to mention" and F3 without anchors. A paragraph longer
than ``MAX_BLOCK_CHARS`` is cut into several blocks at spaces: one block of megabytes
would make every layout of it stall the window.

Mentions and matches are expected in text order (the store returns mentions ordered by
offset); every lookup is a bisection, so building one slice costs the slice, not the
whole article.
"""

from __future__ import annotations

import bisect
import html
import itertools
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale

from index.models import Article, Mention
from reader_app.i18n import entity_type_name, format_date
from reader_app.i18n import translate as _tr
from reader_app.theme import colour, entity_colours, style_tokens

Span = tuple[int, int]

MAX_BLOCK_CHARS = 8_000


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    text: str
    joined: bool = False  # the same paragraph goes on in the next block (a long line cut)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _pieces(start: int, line: str, joined_end: bool) -> list[Paragraph]:
    """One line as blocks of at most MAX_BLOCK_CHARS, cut after a space where possible."""
    out: list[Paragraph] = []
    pos = 0
    while len(line) - pos > MAX_BLOCK_CHARS:
        cut = line.rfind(" ", pos + MAX_BLOCK_CHARS // 2, pos + MAX_BLOCK_CHARS)
        cut = pos + MAX_BLOCK_CHARS if cut < 0 else cut + 1
        out.append(Paragraph(start + pos, line[pos:cut], joined=True))
        pos = cut
    out.append(Paragraph(start + pos, line[pos:], joined=joined_end))
    return out


_LINE = re.compile("[^\n\r\u2029]+")


def split_paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Paragraph]:
    """Non-blank paragraphs of ``text[start:end]`` with their offsets in ``text``.

    Paragraphs end at ``\\n`` (and at ``\\r`` and U+2029, which Qt would otherwise turn
    into extra blocks); ``end`` may fall inside a line (the last block is then marked
    ``joined``), which is how a long article is shown a part at a time.
    """
    stop = len(text) if end is None else min(end, len(text))
    cut_inside = 0 < stop < len(text) and text[stop] not in "\n\r\u2029"
    out: list[Paragraph] = []
    for match in _LINE.finditer(text, start, stop):
        line = match.group()
        if not line.strip():
            continue
        joined = cut_inside and match.end() == stop
        if len(line) > MAX_BLOCK_CHARS or joined:
            out.extend(_pieces(match.start(), line, joined))
        else:
            out.append(Paragraph(match.start(), line))
    return out


def cut_point(text: str, target: int, slack: int = 4_000) -> int:
    """Where to end a part of ``text`` near ``target``: after a line end if one is close,
    else after a space, else at ``target`` itself."""
    if target >= len(text):
        return len(text)
    line_end = text.find("\n", target, target + slack)
    if line_end >= 0:
        return line_end + 1
    space = text.rfind(" ", max(0, target - slack), target)
    return space + 1 if space >= 0 else target


def _segment_html(text: str, mention: Mention | None, matched: bool) -> str:
    esc = html.escape(text, quote=False)
    if mention is None and not matched:
        return esc
    styles: list[str] = []
    if matched:
        styles.append(f"background-color:{colour('match')}; font-weight:600")
        strong = entity_colours(mention.label)[1] if mention is not None else colour("match_text")
        styles.append(f"color:{strong}")
    else:
        assert mention is not None
        styles.append(f"background-color:{entity_colours(mention.label)[0]}")
    title = ""
    if mention is not None:
        tip = f"{entity_type_name(mention.label)}: {mention.canonical or mention.text}"
        title = f' title="{html.escape(tip)}"'
    return f'<span style="{"; ".join(styles)}"{title}>{esc}</span>'


def paragraph_html(par: Paragraph, mentions: Sequence[Mention], matches: Sequence[Span]) -> str:
    """Cut the paragraph at every span boundary; style each piece by what covers it.

    ``mentions`` and ``matches`` may hold spans outside the paragraph (they are skipped);
    keep them short (the spans near the paragraph) when building many paragraphs.
    """
    ms = [m for m in mentions if m.start < par.end and m.end > par.start and m.end > m.start]
    qs = [s for s in matches if s[0] < par.end and s[1] > par.start and s[1] > s[0]]
    if not ms and not qs:
        return html.escape(par.text, quote=False)
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


_M_START = operator.attrgetter("start")
_M_END = operator.attrgetter("end")
_Q_START = operator.itemgetter(0)
_Q_END = operator.itemgetter(1)


def _near(spans: Sequence[Any], first: int, last: int, start: Callable[[Any], int],
          end: Callable[[Any], int]) -> range:
    """Indexes of the spans (sorted by start) that may overlap ``[first, last)``: those
    starting inside it, and the few just before it that run into it (a mention cut by a
    part boundary)."""
    hi = bisect.bisect_left(spans, last, key=start)
    lo = bisect.bisect_left(spans, first, hi=hi, key=start)
    for i in range(lo - 1, max(-1, lo - 65), -1):
        if end(spans[i]) > first:
            lo = i
    return range(lo, hi)


def block_html(par: Paragraph, inner: str) -> str:
    """One paragraph block; a long line's pieces sit flush so it still reads as one."""
    margin = "; margin-bottom:0px" if par.joined else ""
    return f'<p class="body" style="white-space:pre-wrap{margin}">{inner}</p>'


def body_html(
    paragraphs: Sequence[Paragraph], mentions: Sequence[Mention], matches: Sequence[Span]
) -> str:
    """The blocks of consecutive ``paragraphs``; spans are found by bisection and walked
    once, so the cost is that of the paragraphs, whatever the length of the article."""
    if not paragraphs:
        return ""
    first, last = paragraphs[0].start, paragraphs[-1].end
    m_range = _near(mentions, first, last, _M_START, _M_END)
    q_range = _near(matches, first, last, _Q_START, _Q_END)
    m_lo, m_hi, q_lo, q_hi = m_range.start, m_range.stop, q_range.start, q_range.stop
    out: list[str] = []
    for par in paragraphs:
        while m_lo < m_hi and mentions[m_lo].end <= par.start:
            m_lo += 1
        while q_lo < q_hi and matches[q_lo][1] <= par.start:
            q_lo += 1
        m_end = bisect.bisect_left(mentions, par.end, m_lo, m_hi, key=_M_START)
        q_end = bisect.bisect_left(matches, par.end, q_lo, q_hi, key=_Q_START)
        inner = paragraph_html(par, mentions[m_lo:m_end], matches[q_lo:q_end])
        out.append(block_html(par, inner))
    return "".join(out)


def display_date(value: str | None, locale: QLocale | None = None) -> str:
    """"2025-10-02T09:30:00+02:00" -> "2 octobre 2025 à 09:30" in French, "October 2,
    2025 at 9:30 AM" in American English: the reader's language, the time when known."""
    return format_date(value, locale, with_time=True)


def header_html(article: Article) -> str:
    title = html.escape(article.title or _tr("(untitled)"), quote=False)
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


def article_html(article: Article, matches: Sequence[Span] = (), end: int | None = None) -> str:
    """The header, then one block per paragraph of the text up to ``end`` (all of it by
    default). Mentions and matches must be sorted by start."""
    body = body_html(split_paragraphs(article.text, 0, end), article.mentions, matches)
    return f"<html><body>{header_html(article)}{body}</body></html>"


DEFAULT_CSS = """
h1.title { font-size: 20pt; font-weight: 600; margin-bottom: 4px; }
p.meta { color: @muted; margin-top: 0px; margin-bottom: 2px; }
p.body { margin-top: 0px; margin-bottom: 12px; line-height: 140%; }
a { color: @link; }
"""  # @name: a colour of the current theme (reader_app/theme_colours.py)


def document_css() -> str:
    """DEFAULT_CSS in the current theme's colours."""
    return style_tokens(DEFAULT_CSS)

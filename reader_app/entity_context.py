"""The sentences of an article that mention an entity, as a tooltip.

A person judging whether "Camara" is the right Camara needs the context, not the count;
showing up to three sentences in the sidebar's tooltip spares scrolling through the text.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP

from index.models import Mention
from reader_app.i18n import translate as _tr

MAX_SENTENCES = 3
LOW_CONFIDENCE_TIP = QT_TRANSLATE_NOOP(
    "", "lower confidence: no model for this language; see docs/entities.md")
_BOUNDARY = re.compile(r"[.!?]+[\s»”\")]*|\n+")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence spans cut on . ! ? and newlines (good enough for a tooltip)."""
    bounds, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.end() > start:
            bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _sentence_html(text: str, bounds: tuple[int, int], spans: Sequence[tuple[int, int]]) -> str:
    start, end = bounds
    parts, pos = [], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s < pos or e <= s:
            continue
        parts.append(html.escape(text[pos:s]))
        parts.append(f"<b>{html.escape(text[s:e])}</b>")
        pos = e
    parts.append(html.escape(text[pos:end]))
    return "".join(parts).strip()


def mention_sentences(
    text: str, mentions: Iterable[Mention], label: str, name: str, limit: int = MAX_SENTENCES
) -> list[str]:
    """HTML of the first ``limit`` sentences mentioning (label, name), mentions in bold."""
    return sentences_by_entity(text, mentions, limit).get((label, name), [])


def sentences_by_entity(
    text: str, mentions: Iterable[Mention], limit: int = MAX_SENTENCES
) -> dict[tuple[str, str], list[str]]:
    """Every entity's first ``limit`` sentences in one pass over the text.

    Runs on the GUI thread when an article opens, so the sentences are cut once and
    each mention finds its sentence by bisection (long articles have thousands).
    """
    bounds = sentence_bounds(text)
    starts = [b[0] for b in bounds]
    chosen: dict[tuple[str, str], dict[int, list[tuple[int, int]]]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        key = (m.label, m.canonical or m.text)
        picked = chosen.setdefault(key, {})
        index = bisect_right(starts, m.start) - 1
        if index < 0:
            continue
        if index in picked:
            picked[index].append((m.start, m.end))
        elif len(picked) < limit:
            picked[index] = [(m.start, m.end)]
    return {
        key: [_sentence_html(text, bounds[i], spans) for i, spans in picked.items()]
        for key, picked in chosen.items()
    }


def entity_tooltip(
    name: str, sentences: Sequence[str], count: int, low_confidence: bool = False
) -> str:
    """Rich-text tooltip: the name, its count, then the sentences as a list."""
    head = _tr("<b>{0}</b>: %n mention(s)", "", count).format(html.escape(name))
    items = "".join(f"<li>{s}</li>" for s in sentences)
    body = f"<ul style='margin-left:-24px'>{items}</ul>" if items else ""
    note = f"<p><i>≈ {html.escape(_tr(LOW_CONFIDENCE_TIP))}</i></p>" if low_confidence else ""
    return f"<qt>{head}{body}{note}</qt>"

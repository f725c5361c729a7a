"""Match spans and snippets, computed from the query tree over stored text.

Whoosh's highlighter re-analyses whole documents through its generic pipeline; this
module scans the text once with the shared word regex and answers each distinct word
from a per-query cache, which keeps 20 snippets to a few milliseconds.
"""

from __future__ import annotations

import fnmatch
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from whoosh.support.levenshtein import distance

from .analysis import STEMMERS, STOPWORDS, WORD_RE, exact, fold, words
from .query_build import wildcard_pattern
from .query_syntax import Node, Phrase, Word, positive_leaves

FRAGMENT = 200
CONTEXT_BEFORE = 60
ELLIPSIS = "…"


@dataclass(slots=True)
class Highlighter:
    """What to mark for one query; build once with ``for_query`` and reuse per document."""

    folded: set[str] = field(default_factory=set)
    exacts: set[str] = field(default_factory=set)
    stems: dict[str, set[str]] = field(default_factory=dict)
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    fuzzy: list[tuple[str, int]] = field(default_factory=list)
    phrases: list[tuple[tuple[str, ...], bool]] = field(default_factory=list)
    _cache: dict[tuple[str, str | None], bool] = field(default_factory=dict)

    @classmethod
    def for_query(cls, node: Node | None) -> Highlighter:
        h = cls(stems={lang: set() for lang in STEMMERS})
        for leaf in positive_leaves(node):
            if leaf.field not in (None, "title", "entity"):
                continue
            if isinstance(leaf, Phrase) or leaf.field == "entity":
                h._add_phrase(leaf)
            else:
                h._add_word(leaf)
        return h

    def _add_word(self, w: Word) -> None:
        if w.wildcard:
            pattern = wildcard_pattern(w)
            if pattern.strip("*?"):
                self.patterns.append(re.compile(fnmatch.translate(pattern)))
            return
        pieces = [p for p, _, _ in words(w.text)]
        if len(pieces) > 1:
            self.phrases.append((tuple(exact(p) if w.exact else fold(p) for p in pieces), w.exact))
        elif pieces and w.exact:
            self.exacts.add(exact(pieces[0]))
        elif pieces and w.fuzzy:
            self.fuzzy.append((fold(pieces[0]), w.fuzzy))
        elif pieces:
            f = fold(pieces[0])
            self.folded.add(f)
            if f not in STOPWORDS:
                for lang, stem in STEMMERS.items():
                    self.stems[lang].add(stem(f))

    def _add_phrase(self, p: Word | Phrase) -> None:
        pieces = [w for w, _, _ in words(p.text)]
        if len(pieces) == 1:
            (self.exacts if p.exact else self.folded).add(
                exact(pieces[0]) if p.exact else fold(pieces[0]))
        elif pieces:
            norm = exact if p.exact else fold
            self.phrases.append((tuple(norm(w) for w in pieces), p.exact))

    @property
    def empty(self) -> bool:
        return not (self.folded or self.exacts or self.patterns or self.fuzzy or self.phrases)

    def _word_matches(self, word: str, lang: str | None) -> bool:
        key = (word, lang)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._compute(word, lang)
            self._cache[key] = hit
        return hit

    def _compute(self, word: str, lang: str | None) -> bool:
        f = fold(word)
        if f in self.folded or (self.exacts and exact(word) in self.exacts):
            return True
        if f not in STOPWORDS:
            langs = (lang,) if lang in self.stems else tuple(self.stems)
            if any(STEMMERS[lg](f) in self.stems[lg] for lg in langs if self.stems[lg]):
                return True
        if any(p.match(f) for p in self.patterns):
            return True
        return any(abs(len(f) - len(q)) <= d and distance(f, q, limit=d) <= d
                   for q, d in self.fuzzy)

    def spans(self, text: str, lang: str | None = None) -> list[tuple[int, int]]:
        """Character spans of ``text`` that the query matches, sorted, non-overlapping."""
        if self.empty or not text:
            return []
        out: list[tuple[int, int]] = []
        if self.folded or self.exacts or self.patterns or self.fuzzy:
            matches = self._word_matches
            out = [m.span(1) for m in WORD_RE.finditer(text) if matches(m.group(1), lang)]
        if self.phrases:
            out.extend(self._phrase_spans(text))
            out = _merge(out)
        return out

    def _phrase_spans(self, text: str) -> list[tuple[int, int]]:
        toks = [(w, s, e) for w, s, e in words(text)]
        folded = [fold(w) for w, _, _ in toks]
        exacts: list[str] | None = None
        out: list[tuple[int, int]] = []
        for seq, is_exact in self.phrases:
            if is_exact and exacts is None:
                exacts = [exact(w) for w, _, _ in toks]
            forms = exacts if is_exact and exacts is not None else folded
            n = len(seq)
            for i in range(len(forms) - n + 1):
                if forms[i] == seq[0] and tuple(forms[i : i + n]) == seq:
                    out.append((toks[i][1], toks[i + n - 1][2]))
        return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def snippet(text: str, spans: Sequence[tuple[int, int]], fragments: int = 2) -> str:
    """HTML: one or two ~200-character fragments around the densest matches, marks inside.

    Without a match in the text (the query matched the title or entities) the article's
    opening is shown instead.
    """
    if not spans:
        start, end = 0, _cut_end(text, FRAGMENT)
        return _render(text, start, end, [])
    windows: list[tuple[int, int]] = []
    remaining = list(spans)
    for _ in range(fragments):
        if not remaining:
            break
        start, end = _best_window(text, remaining)
        windows.append((start, end))
        remaining = [sp for sp in remaining if sp[1] <= start or sp[0] >= end]
    windows.sort()
    parts = [_render(text, s, e, [sp for sp in spans if sp[0] >= s and sp[1] <= e])
             for s, e in windows]
    return " ".join(parts).replace(ELLIPSIS + " " + ELLIPSIS, ELLIPSIS)


def _best_window(text: str, spans: Sequence[tuple[int, int]]) -> tuple[int, int]:
    best_i, best_n, j = 0, 0, 0
    for i, (s, _) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] - s <= FRAGMENT - CONTEXT_BEFORE:
            j += 1
        if j - i + 1 > best_n:
            best_i, best_n = i, j - i + 1
    first = spans[best_i][0]
    start = _cut_start(text, max(0, first - CONTEXT_BEFORE))
    end = _cut_end(text, max(start + FRAGMENT, spans[best_i + best_n - 1][1]))
    return start, end


def _cut_start(text: str, pos: int) -> int:
    """Moves a fragment start forward to a word start (or to a paragraph start)."""
    if pos <= 0:
        return 0
    nl = text.rfind("\n", pos, pos + CONTEXT_BEFORE // 2)
    if nl >= 0:
        return nl + 1
    while pos < len(text) and not text[pos - 1].isspace():
        pos += 1
    return pos


def _cut_end(text: str, pos: int) -> int:
    if pos >= len(text):
        return len(text)
    back = pos
    while back > pos - 40 and back > 0 and not text[back].isspace():
        back -= 1
    return back if text[back].isspace() else pos


def _render(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    out: list[str] = []
    pos = start
    for s, e in spans:
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    body = " ".join("".join(out).split())
    if start > 0:
        body = ELLIPSIS + body
    if end < len(text):
        body += ELLIPSIS
    return body

"""Match spans and snippets: the terms the query searched for, found again in stored text.

The highlighter is built from the compiled Whoosh query, so it marks exactly the index
terms that made an article match: the folded word, its stem variants, prefix and fuzzy
expansions, exact forms and phrases. The folded terms become one regex of literals run
over a folded copy of the text of the same length (``fold_text``), so scanning an article
runs in C: Whoosh's own highlighter re-analyses whole documents in Python, and a first
version of ours (per-word Python) cost about a millisecond per hit.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from whoosh import query as wq

from .analysis import APOSTROPHES, ELISIONS, EXACT_MARK, fold

FRAGMENT = 200
CONTEXT_BEFORE = 60
ELLIPSIS = "…"
TEXT_FIELDS = ("title", "body", "entw", "entity")
# Between the words of a phrase: spaces, punctuation, perhaps an elided article (de l’).
GAP = r"\W+(?:(?:" + "|".join(ELISIONS) + r")[" + APOSTROPHES + r"])?"
# Ligatures fold to two letters; in the length-preserving folded copy of a text they
# become one placeholder character each (see ``fold_text``).
LIGATURES = {"oe": "œ", "ae": "æ", "ss": "ß"}
# Placeholders are letters (so word boundaries hold) that news text does not use.
_PLACEHOLDERS = {"œ": "\u01c0", "æ": "\u01c1", "ß": "\u01c2"}


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        if ch in _PLACEHOLDERS:
            table[code] = _PLACEHOLDERS[ch]
            continue
        base = fold(ch)
        if len(base) == 1 and base != ch:
            table[code] = base
    return table


_FOLD_TABLE = _fold_table()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold_text(text: str) -> str:
    """Lower case, accents removed, ligatures as placeholders: same length as ``text``.

    Keeping every character at its offset lets a plain regex over the folded copy give
    spans in the original text. (``str.translate`` with a table is ten times slower than
    substituting only the few non-ASCII characters.)
    """
    low = text.lower()
    if len(low) != len(text):  # a few letters (İ) lower-case to two characters
        low = "".join(c.lower()[:1] for c in text)
    if low.isascii():
        return low
    table = _FOLD_TABLE
    return _NON_ASCII.sub(lambda m: table.get(ord(m.group()), m.group()), low)


def _accent_classes() -> dict[str, str]:
    """Folded letter -> regex class of every Latin letter that folds to it."""
    groups: dict[str, set[str]] = {}
    for code in [*range(0x61, 0x7B), *range(0xC0, 0x250)]:
        ch = chr(code).lower()
        base = fold(ch)
        if len(base) == 1 and base.isascii() and base.isalpha():
            groups.setdefault(base, set()).add(ch)
    return {b: "[" + "".join(sorted(chars)) + "]" for b, chars in groups.items()}


_CLASSES = _accent_classes()


def folded_pattern(term: str) -> str:
    """A regex (case-insensitive use) for any accented or ligatured spelling of a folded term;
    used over the original text, where exact-mode words sit beside folded ones."""
    out: list[str] = []
    i = 0
    while i < len(term):
        pair = term[i : i + 2]
        if pair in LIGATURES:
            out.append(f"(?:{_CLASSES[pair[0]]}{_CLASSES[pair[1]]}|{LIGATURES[pair]})")
            i += 2
            continue
        out.append(_CLASSES.get(term[i], re.escape(term[i])))
        i += 1
    return "".join(out)


def _folded_literal(term: str) -> str:
    out = re.escape(term)
    for pair, lig in LIGATURES.items():
        if pair in term:
            out = out.replace(pair, f"(?:{pair}|{_PLACEHOLDERS[lig]})")
    return out


@dataclass(frozen=True, slots=True)
class Highlighter:
    """Finds the query's matches in a text; build once per query, reuse per document.

    ``folded`` runs over ``fold_text(text)`` (the common case: literal folded terms, fast);
    ``original`` over the text itself, for exact-mode terms where accents count.
    """

    folded: re.Pattern[str] | None = None
    original: re.Pattern[str] | None = None

    @classmethod
    def from_query(cls, q: wq.Query, literal: frozenset[str] = frozenset()) -> Highlighter:
        """``literal``: folded terms that stand for an exact, unaccented word (``=president``)."""
        folded_alts: list[tuple[int, str]] = []
        original_alts: list[tuple[int, str]] = []
        for terms in set(_marked_terms(q)):
            if any(t.startswith(EXACT_MARK) or t in literal for t in terms):
                pattern = GAP.join(_exact_pattern(t, literal) for t in terms)
                original_alts.append((len(terms), pattern))
            else:
                folded_alts.append((len(terms), GAP.join(_folded_literal(t) for t in terms)))
        return cls(_compile(folded_alts, 0), _compile(original_alts, re.IGNORECASE))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of ``text`` that the query matches, sorted, non-overlapping."""
        if not text or (self.folded is None and self.original is None):
            return []
        out = _word_spans(self.folded, fold_text(text)) if self.folded else []
        if self.original is not None:
            out += [m.span() for m in self.original.finditer(text)]
            out = _merge(out)
        return out


def _word_spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Matches that are whole words (checked here: lookarounds in the regex cost 4x)."""
    out = []
    end = len(text)
    for m in rx.finditer(text):
        s, e = m.span()
        if (s and _is_word(text[s - 1])) or (e < end and _is_word(text[e])):
            continue
        out.append((s, e))
    return out


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _compile(alts: list[tuple[int, str]], flags: int) -> re.Pattern[str] | None:
    if not alts:
        return None
    # Phrases first, then longer words: the regex takes the first alternative that fits.
    ordered = [p for _, p in sorted(alts, key=lambda a: (-a[0], -len(a[1]), a[1]))]
    body = "(?:" + "|".join(ordered) + ")"
    if flags & re.IGNORECASE:  # the rare exact-mode regex keeps its lookarounds
        body = r"(?<!\w)" + body + r"(?!\w)"
    return re.compile(body, flags)


def _exact_pattern(term: str, literal: frozenset[str]) -> str:
    if term.startswith(EXACT_MARK):
        return re.escape(term[len(EXACT_MARK) :])
    if term in literal:
        return re.escape(term)
    return folded_pattern(term)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def _marked_terms(q: wq.Query) -> Iterator[tuple[str, ...]]:
    """The terms (one word, or a phrase's words) of the positive text clauses of a query."""
    if isinstance(q, wq.Term):
        if q.fieldname in TEXT_FIELDS and isinstance(q.text, str):
            yield tuple(q.text.split(" ")) if q.fieldname == "entity" else (q.text,)
    elif isinstance(q, wq.Phrase):
        if q.fieldname in TEXT_FIELDS:
            yield tuple(q.words)
    elif isinstance(q, wq.AndNot):
        yield from _marked_terms(q.a)
    elif isinstance(q, wq.Or | wq.And):
        for sub in q.subqueries:
            yield from _marked_terms(sub)


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
    joined = parts[0]
    for part in parts[1:]:
        joined = joined.removesuffix(ELLIPSIS) + " " + ELLIPSIS + " " + part.removeprefix(ELLIPSIS)
    return joined


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

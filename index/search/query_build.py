"""Turns the parsed query tree into a Whoosh query over the schema's fields.

A default-field word is searched in every form: folded (title x3, body x1, entities),
and the French and English stems (lower boosts), so that exact and folded matches rank
above stem-only ones. Prefixes and wildcards are expanded here against the index, keeping
only the most frequent terms, so a short prefix can never cost seconds.
"""

from __future__ import annotations

import fnmatch
import heapq
import re
from collections.abc import Sequence

from whoosh import query as wq
from whoosh.reading import IndexReader

from .analysis import STEMMERS, STOPWORDS, exact, fold, normalise_name, words
from .query_syntax import And, DateCond, Node, Not, Or, Phrase, Word
from .schema import STEM_LANGS

MAX_EXPANSION = 64
TITLE_BOOST = 3.0
STEM_BOOST = 0.4
ENTITY_BOOST = 0.5
HIGH = "\uffff"


class QueryBuilder:
    """Compiles one query tree against one reader (needed for prefix/fuzzy expansion)."""

    def __init__(self, reader: IndexReader) -> None:
        self.reader = reader

    def build(self, node: Node | None) -> wq.Query:
        if node is None:
            return wq.Every()
        q = self._node(node, top=True)
        return q if q is not None else wq.NullQuery

    def _node(self, node: Node, top: bool = False) -> wq.Query | None:
        if isinstance(node, Word):
            return self.word(node)
        if isinstance(node, Phrase):
            return self.phrase(node)
        if isinstance(node, DateCond):
            return date_query(node)
        if isinstance(node, Not):
            inner = self._node(node.item)
            return None if inner is None else wq.AndNot(wq.Every(), inner)
        if isinstance(node, Or):
            subs = [q for q in (self._node(i) for i in node.items) if q is not None]
            return wq.Or(subs) if subs else None
        return self._and(node)

    def _and(self, node: And) -> wq.Query | None:
        items = drop_stopwords(node.items)
        pos: list[wq.Query] = []
        neg: list[wq.Query] = []
        for item in items:
            target = neg if isinstance(item, Not) else pos
            q = self._node(item.item if isinstance(item, Not) else item)
            if q is not None:
                target.append(q)
        if not pos and not neg:
            return None
        base: wq.Query = wq.And(pos) if len(pos) > 1 else (pos[0] if pos else wq.Every())
        if neg:
            return wq.AndNot(base, wq.Or(neg) if len(neg) > 1 else neg[0])
        return base

    # Leaves

    def word(self, w: Word) -> wq.Query | None:
        if w.field in ("lang",):
            return wq.Term("lang", w.text.strip().lower())
        if w.field == "entity":
            name = normalise_name(w.text)
            if not name:
                return None
            return wq.Or([wq.Term("entity", name), self._phrase_in("entw", name.split())])
        if w.wildcard:
            return self.wildcard(w)
        parts = [p for p, _, _ in words(w.text)]
        if not parts:
            return None
        if len(parts) > 1:  # "États-Unis", "l'armée-X": a phrase of its pieces
            return self.phrase(Phrase(w.text, w.field, w.exact, 1, w.required))
        if w.fuzzy:
            return self.fuzzy(w, fold(parts[0]))
        return self._single(parts[0], w.field, w.exact)

    def _single(self, word: str, fname: str | None, is_exact: bool) -> wq.Query:
        if fname in ("author", "source"):
            return wq.Term(fname, fold(word))
        if is_exact:
            subs = [wq.Term("title_x", exact(word), boost=TITLE_BOOST)]
            if fname != "title":
                subs.append(wq.Term("body_x", exact(word)))
            return wq.Or(subs)
        f = fold(word)
        subs = [wq.Term("title", f, boost=TITLE_BOOST)]
        if fname != "title":
            subs += [wq.Term("body", f), wq.Term("entw", f, boost=ENTITY_BOOST)]
        if f not in STOPWORDS:
            for lang in STEM_LANGS:
                stem = STEMMERS[lang](f)
                subs.append(wq.Term(f"title_{lang}", stem, boost=TITLE_BOOST * STEM_BOOST))
                if fname != "title":
                    subs.append(wq.Term(f"body_{lang}", stem, boost=STEM_BOOST))
        return wq.Or(subs)

    def phrase(self, p: Phrase) -> wq.Query | None:
        if p.field == "lang":
            return wq.Term("lang", p.text.strip().lower())
        if p.field == "entity":
            return self.word(Word(p.text, "entity"))
        pieces = [w for w, _, _ in words(p.text)]
        if not pieces:
            return None
        norm = exact if p.exact else fold
        terms = [norm(w) for w in pieces]
        if len(terms) == 1:  # a quoted single word: that form only, no stems
            return self._unstemmed(terms[0], p)
        if p.field in ("author", "source"):
            return self._phrase_in(p.field, terms, p.slop)
        suffix = "_x" if p.exact else ""
        subs = [self._phrase_in("title" + suffix, terms, p.slop, TITLE_BOOST)]
        if p.field != "title":
            subs.append(self._phrase_in("body" + suffix, terms, p.slop))
            if not p.exact:
                subs.append(self._phrase_in("entw", terms, p.slop, ENTITY_BOOST))
        return wq.Or(subs)

    def _unstemmed(self, term: str, p: Phrase) -> wq.Query:
        if p.field in ("author", "source"):
            return wq.Term(p.field, term)
        suffix = "_x" if p.exact else ""
        subs = [wq.Term("title" + suffix, term, boost=TITLE_BOOST)]
        if p.field != "title":
            subs.append(wq.Term("body" + suffix, term))
        return wq.Or(subs)

    @staticmethod
    def entity_term(name: str) -> wq.Query:
        """A whole canonical entity name (for the entity side filter)."""
        return wq.Term("entity", normalise_name(name))

    @staticmethod
    def _phrase_in(fname: str, terms: Sequence[str], slop: int = 1, boost: float = 1.0) -> wq.Query:
        if len(terms) == 1:
            return wq.Term(fname, terms[0], boost=boost)
        return wq.Phrase(fname, list(terms), slop=slop, boost=boost)

    def wildcard(self, w: Word) -> wq.Query | None:
        pattern = wildcard_pattern(w)
        if not pattern.strip("*?"):
            return None
        if w.field in ("author", "source"):
            fields = [w.field]
        elif w.exact:
            fields = ["title_x"] if w.field == "title" else ["title_x", "body_x"]
        else:
            fields = ["title"] if w.field == "title" else ["title", "body"]
        subs: list[wq.Query] = []
        for fname in fields:
            boost = TITLE_BOOST if fname.startswith("title") else 1.0
            subs += [wq.Term(fname, t, boost=boost) for t in self.expand(fname, pattern)]
        return wq.Or(subs) if subs else wq.NullQuery

    def expand(self, fname: str, pattern: str) -> list[str]:
        """The most frequent index terms matching a wildcard pattern (capped)."""
        literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
        rx = None if pattern == literal + "*" else re.compile(fnmatch.translate(pattern))
        best: list[tuple[int, str]] = []
        field = self.reader.schema[fname]
        for btext, info in self.reader.iter_prefix(fname, literal):
            text = field.from_bytes(btext)
            if rx is not None and not rx.match(text):
                continue
            item = (info.doc_frequency(), text)
            if len(best) < MAX_EXPANSION:
                heapq.heappush(best, item)
            elif item > best[0]:
                heapq.heapreplace(best, item)
        return [t for _, t in sorted(best, reverse=True)]

    def fuzzy(self, w: Word, folded: str) -> wq.Query:
        fields = ["title"] if w.field == "title" else ["title", "body"]
        if w.field in ("author", "source"):
            fields = [w.field]
        subs: list[wq.Query] = []
        for fname in fields:
            boost = TITLE_BOOST if fname == "title" else 1.0
            terms = self.reader.terms_within(fname, folded, w.fuzzy, prefix=1)
            subs += [wq.Term(fname, t, boost=boost) for t in list(terms)[:MAX_EXPANSION]]
        return wq.Or(subs) if subs else wq.NullQuery


def wildcard_pattern(w: Word) -> str:
    """The folded (or, in exact mode, lower-cased) pattern, elision removed, no leading *."""
    text = w.text.strip()
    m = re.match(r"^(?:jusqu|lorsqu|puisqu|qu|[ldsncjmt])['’](?=\w)", text, re.IGNORECASE)
    if m:
        text = text[m.end() :]
    text = exact(text) if w.exact else fold(text)
    return text.lstrip("*?")


def drop_stopwords(items: Sequence[Node]) -> Sequence[Node]:
    """Drops bare stop words from an AND when other words remain ("la sécurité").

    They match nearly every article, so they only cost time; quoted phrases keep them.
    """
    def is_stop(n: Node) -> bool:
        return (isinstance(n, Word) and n.field is None and not n.required and not n.wildcard
                and not n.fuzzy and fold(n.text) in STOPWORDS)

    kept = [n for n in items if not is_stop(n)]
    return kept if any(not isinstance(n, Not) for n in kept) else items


def date_query(cond: DateCond) -> wq.Query:
    """Range over the ``YYYY-MM-DD`` terms; undated articles have no term and never match."""
    if not cond.valid:
        return wq.NullQuery
    low = cond.low if cond.low_incl or cond.low is None else cond.low + HIGH
    high = cond.high + HIGH if cond.high is not None and cond.high_incl else cond.high
    return wq.TermRange("date", low, high, startexcl=False,
                        endexcl=cond.high is not None and not cond.high_incl)

"""Turns the parsed query tree into a Whoosh query over the schema's fields.

A default-field word is searched in its folded form (title x3, body x1, entity names)
everywhere, in its accented form as typed (a bonus: ``marché`` ranks "marché" above
"marche"), and in the other forms of its lemma with a lower boost, so that the form
typed ranks above other forms. Other forms come from each language's dictionary
(``lemmas``) and count only in that language's articles (or those of unknown language):
``journal`` finds "journaux" in French articles, ``ministers`` "minister" in English
ones, and neither stems nor the other language's grammar merge different words.
Prefixes and wildcards are expanded over the lexicon, keeping only the most frequent
terms, so a short prefix can never cost seconds.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

from whoosh import query as wq
from whoosh.reading import IndexReader

from .analysis import (
    EXACT_MARK,
    STOPWORDS,
    exact,
    exact_term,
    fold,
    normalise_name,
    words,
)
from .lemmas import LANGS, other_forms
from .query_syntax import And, DateCond, Everything, Node, Not, Or, Phrase, StateCond, Word
from .schema import day_number
from .state_filter import StateLookup, note_words, state_query

MAX_EXPANSION = 64
# Fuzzy matching walks the lexicon with a Levenshtein automaton whose cost grows with the
# word (about 140 ms for a 100-letter word on 10,000 articles): longer words are searched
# as typed, since no misspelling of them is worth that.
MAX_FUZZY_LEN = 32
POSTINGS_BUDGET = 60_000
TITLE_BOOST = 3.0
STEM_BOOST = 0.4  # other forms of the word's lemma
ACCENT_BOOST = 1.0  # the accented form as typed, on top of its folded form
ENTITY_BOOST = 0.5
VariantCache = MutableMapping[Any, Any]  # word -> other forms; (field, prefix) -> frequencies


class QueryBuilder:
    """Compiles one query tree against one reader (needed for stems, prefixes, fuzzy).

    ``cache`` keeps the stem variants of words between queries; it must belong to the
    same reader generation (the engine keeps one per searcher).
    """

    def __init__(self, reader: IndexReader, cache: VariantCache | None = None,
                 state: StateLookup | None = None) -> None:
        self.reader = reader
        self.state = state  # the library's state filters and words of notes (or None)
        self.cache: VariantCache = {} if cache is None else cache
        self.literal: set[str] = set()  # exact words without accents (for highlighting)

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
        if isinstance(node, StateCond):
            return state_query(node.kind, node.value, self.state)
        if isinstance(node, Everything):
            return wq.Every()
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
        if w.fuzzy and len(parts[0]) <= MAX_FUZZY_LEN:
            return self.fuzzy(w, fold(parts[0]))
        found = self._single(parts[0], w.field, w.exact)
        in_notes = note_words(parts[0], self.state) if w.field is None else None
        return found if in_notes is None else wq.Or([found, in_notes])

    def _single(self, word: str, fname: str | None, is_exact: bool) -> wq.Query:
        if fname in ("author", "source"):
            return wq.Term(fname, fold(word))
        fields = ("title",) if fname == "title" else ("title", "body")
        if is_exact:
            term = exact_term(word)
            if term is None:
                term = fold(word)
                self.literal.add(term)
            return _or([wq.Term(fl, term, boost=_boost(fl)) for fl in fields])
        f = fold(word)
        subs: list[wq.Query] = [wq.Term(fl, f, boost=_boost(fl)) for fl in fields]
        if fname != "title":
            subs.append(wq.Term("entw", f, boost=ENTITY_BOOST))
        accented = exact_term(word)
        if accented is not None:
            subs += [wq.Term(fl, accented, boost=_boost(fl) * ACCENT_BOOST) for fl in fields]
        for terms, langs in self.variants(word):
            alts = _or([wq.Term(fl, t, boost=_boost(fl) * STEM_BOOST)
                        for t in terms for fl in fields])
            subs.append(wq.And([alts, lang_query(langs)]))
        return _or(subs)

    def variants(self, word: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """Index terms of the other forms of ``word``, grouped by the articles they count in.

        Returns (terms, languages): the forms a language's dictionary gives count only in
        that language's articles and in those of unknown language ("journaux" is a form
        of ``journal`` in French articles, not in English or German ones). A word typed
        with accents looks for the accented forms as written ("=marchés", not "marches").
        """
        low = exact(word)
        cached: list[tuple[tuple[str, ...], tuple[str, ...]]] | None = self.cache.get(
            ("forms", low))
        if cached is not None:
            return cached
        groups: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        f = fold(low)
        if f not in STOPWORDS and len(f) >= 3 and f.isalpha():
            typed_accents = low != f
            by_lang: dict[str, set[str]] = {}
            for lang in LANGS:
                terms = {_form_term(form, typed_accents) for form in other_forms(low, lang)}
                by_lang[lang] = {t for t in terms if t != f and t != EXACT_MARK + low}
            fr, en = by_lang["fr"], by_lang["en"]
            for terms, langs in ((fr & en, ("fr", "en")), (fr - en, ("fr",)), (en - fr, ("en",))):
                freqs = {t: self._frequency(t) for t in sorted(terms)}
                present = [t for t, n in freqs.items() if n]
                if present:
                    groups.append((tuple(self._most_frequent("body", present, freqs)), langs))
        self.cache[("forms", low)] = groups
        return groups

    def _frequency(self, term: str) -> int:
        """Articles with the term in their body or title (a few look-ups per form)."""
        return int(self.reader.doc_frequency("body", term)
                   + self.reader.doc_frequency("title", term))

    def _prefix_df(self, fname: str, prefix: str) -> dict[str, int]:
        """Index terms starting with ``prefix`` -> document frequency (deletions included),
        from one sequential scan per segment, cached with the reader generation.

        Asking ``doc_frequency`` term by term cost more than the search itself for "a*".
        """
        key = (fname, prefix)
        found = self.cache.get(key)
        if found is None:
            field = self.reader.schema[fname]
            found = {}
            for seg, _ in self.reader.leaf_readers():
                for raw, info in seg.iter_prefix(fname, prefix):
                    term = field.from_bytes(raw)
                    found[term] = found.get(term, 0) + info.doc_frequency()
            self.cache[key] = found
        return found

    def _most_frequent(self, fname: str, terms: Sequence[str],
                       freqs: Mapping[str, int] | None = None) -> list[str]:
        """The most frequent of ``terms``, at most 64 and about ``POSTINGS_BUDGET`` postings.

        The postings budget keeps "m*" (tens of thousands of articles per frequent word)
        from reading a million postings.
        """
        if len(terms) <= 1:
            return list(terms)
        if freqs is None:
            freqs = {t: self.reader.doc_frequency(fname, t) for t in terms}
        ranked = sorted(terms, key=lambda t: freqs.get(t, 0), reverse=True)
        out: list[str] = []
        spent = 0
        for t in ranked[:MAX_EXPANSION]:
            spent += freqs.get(t, 0)
            if out and spent > POSTINGS_BUDGET:
                break
            out.append(t)
        return out

    def phrase(self, p: Phrase) -> wq.Query | None:
        if p.field == "lang":
            return wq.Term("lang", p.text.strip().lower())
        if p.field == "entity":
            return self.word(Word(p.text, "entity"))
        pieces = [w for w, _, _ in words(p.text)]
        if not pieces:
            return None
        if p.field in ("author", "source"):
            return self._phrase_in(p.field, [fold(w) for w in pieces], p.slop)
        terms = [(exact_term(w) or fold(w)) if p.exact else fold(w) for w in pieces]
        subs = [self._phrase_in("title", terms, p.slop, TITLE_BOOST)]
        if p.field != "title":
            subs.append(self._phrase_in("body", terms, p.slop))
            if not p.exact:
                subs.append(self._phrase_in("entw", terms, p.slop, ENTITY_BOOST))
        return _or(subs)

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
        if w.exact and not pattern.isascii():
            pattern = EXACT_MARK + pattern
        if w.field in ("author", "source"):
            fields = [w.field]
        else:
            fields = ["title"] if w.field == "title" else ["title", "body"]
        subs: list[wq.Query] = []
        for fname in fields:
            subs += [wq.Term(fname, t, boost=_boost(fname)) for t in self.expand(fname, pattern)]
        return _or(subs) if subs else wq.NullQuery

    def expand(self, fname: str, pattern: str) -> list[str]:
        """The most frequent index terms matching a wildcard pattern (capped)."""
        literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
        if pattern == literal + "*":
            freqs = self._prefix_df(fname, literal)
            return self._most_frequent(fname, sorted(freqs), freqs)
        # An infix pattern usually keeps a few of the prefix's terms: list them without
        # their frequencies, then ask only theirs (twice as fast for "s?curit*").
        field = self.reader.schema[fname]
        rx = re.compile(fnmatch.translate(pattern))
        terms = sorted(t for t in (field.from_bytes(b)
                                   for b in self.reader.expand_prefix(fname, literal))
                       if rx.match(t))
        counts = self._prefix_df(fname, literal) if len(terms) > MAX_EXPANSION else None
        return self._most_frequent(fname, terms, counts)

    def fuzzy(self, w: Word, folded: str) -> wq.Query:
        fields = ["title"] if w.field == "title" else ["title", "body"]
        if w.field in ("author", "source"):
            fields = [w.field]
        subs: list[wq.Query] = []
        for fname in fields:
            terms = [t for t in near_terms(self.reader, fname, folded, w.fuzzy)
                     if not t.startswith(EXACT_MARK)]
            terms = self._most_frequent(fname, terms)
            subs += [wq.Term(fname, t, boost=_boost(fname)) for t in terms]
        return _or(subs) if subs else wq.NullQuery


def near_terms(reader: IndexReader, fname: str, word: str, maxdist: int) -> set[str]:
    """Index terms within ``maxdist`` edits, sharing the first letter.

    Asked of each segment: a segment reader walks its term list with a Levenshtein
    automaton, while the multi-segment reader compares every term in Python.
    """
    out: set[str] = set()
    for seg, _ in reader.leaf_readers():
        out.update(seg.terms_within(fname, word, maxdist, prefix=1))
    return out


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
    """Range over the YYYYMMDD numbers; undated articles have none and never match."""
    if not cond.valid:
        return wq.NullQuery
    low = high = None
    if cond.low is not None:
        low = day_number(cond.low) if cond.low_incl else day_number(cond.low, high=True) + 1
    if cond.high is not None:
        high = day_number(cond.high, high=True) if cond.high_incl else day_number(cond.high) - 1
    return wq.NumericRange("day", low, high)


def _form_term(form: str, keep_accents: bool) -> str:
    """The index term of a word form: folded, or marked exact when accents count."""
    term = exact_term(form) if keep_accents else None
    return term if term is not None else fold(form)


def lang_query(langs: Sequence[str]) -> wq.Query:
    """Articles of these languages or of no known language (from the language column)."""
    return wq.Or([*(wq.Term("lang", lang) for lang in langs), wq.Term("lang", "")])


def _boost(fname: str) -> float:
    return TITLE_BOOST if fname == "title" else 1.0


def _or(subs: Sequence[wq.Query]) -> wq.Query:
    return subs[0] if len(subs) == 1 else wq.Or(list(subs))

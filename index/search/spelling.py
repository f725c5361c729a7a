"""Did-you-mean: replace rare query words by a frequent near spelling from the index.

Suggestions come from the folded body vocabulary, so they are accent-free and lower case;
the corrected query keeps the user's capitalisation and everything else they typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from whoosh.reading import IndexReader
from whoosh.support.levenshtein import distance

from .analysis import EXACT_MARK, STOPWORDS, exact, fold, words
from .lemmas import LANGS, other_forms
from .query_build import near_terms
from .query_syntax import Phrase, Word, cut_text

RARE = 2  # a word found in more articles than this is taken as correctly spelt
MIN_LEN = 4
# Each look-up walks the lexicon with a Levenshtein automaton (about 10 ms on 10,000
# articles for an 8-letter word, seconds for a 2,000-letter one): longer words are not
# misspellings worth fixing, and a query of many unknown words gets its first few fixed.
MAX_LEN = 32
MAX_LOOKUPS = 8
# A word the index does hold is replaced only by a far more frequent one: "Belousof" in one
# article against "Belousov" in thirty, not English "ministers" against French "ministres".
MIN_RATIO = 10
MIN_DF_OVER_KNOWN = 5
ALTERNATIVES = 3  # corrected queries the engine may try (each costs one search)


def suggest(reader: IndexReader, folded: str) -> str | None:
    """A frequent index term within 1 edit (2 for long words) of a rare word, or None."""
    own = _rarity(reader, folded)
    return None if own is None else _nearest(reader, folded, own)


def _rarity(reader: IndexReader, folded: str) -> int | None:
    """The articles holding a word that may be misspelt (cheap), None for any other word."""
    if not MIN_LEN <= len(folded) <= MAX_LEN or folded.isdigit() or folded in STOPWORDS:
        return None
    own = reader.doc_frequency("body", folded) + reader.doc_frequency("title", folded)
    return None if own > RARE else own


def _nearest(reader: IndexReader, folded: str, own: int) -> str | None:
    found = _nearest_ranked(reader, folded, own)
    return found[0] if found else None


def _nearest_ranked(reader: IndexReader, folded: str, own: int) -> list[str]:
    """Frequent index terms near a rare word, nearest first, then the most frequent."""
    maxdist = 2 if len(folded) >= 7 else 1
    ranked: list[tuple[int, int, str]] = []  # (-distance, df, term)
    for term in near_terms(reader, "body", folded, maxdist):
        if term == folded or term.startswith(EXACT_MARK) or not term.isalpha():
            continue
        df = reader.doc_frequency("body", term)
        if _better_enough(df, own):
            ranked.append((-distance(term, folded, limit=maxdist), df, term))
    return [t for _, _, t in sorted(ranked, reverse=True)]


def _better_enough(df: int, own: int) -> bool:
    if own == 0:
        return df > 0
    return df >= max(MIN_RATIO * own, MIN_DF_OVER_KNOWN)


def correct(text: str, leaves: Sequence[Word | Phrase], reader: IndexReader) -> str | None:
    """The query text (as far as it is read) with misspelt plain words replaced, or None
    when nothing changes; at most ``MAX_LOOKUPS`` rare words are looked up."""
    found = corrections(text, leaves, reader, 1)
    return found[0] if found else None


def corrections(text: str, leaves: Sequence[Word | Phrase], reader: IndexReader,
                alternatives: int = ALTERNATIVES) -> list[str]:
    """Corrected query texts, best first: every rare word respelt as its best near word,
    then the first word that has other near words respelt as those ("unin": "unit", then
    "union"; the engine keeps the one that finds most). Empty when nothing changes.

    The engine asks only when the query finds few articles, and never lets a correction
    replace a query that found articles with words all in the library
    (``all_in_library``): "DOWGRADED MOODY" is what one article says.
    """
    base = cut_text(text)
    choices: list[tuple[str, list[str]]] = []
    lookups = 0
    for leaf in leaves:
        if not isinstance(leaf, Word) or leaf.exact or leaf.field is not None:
            continue
        pieces = [w for w, _, _ in words(leaf.text)]
        own = _rarity(reader, fold(pieces[0])) if len(pieces) == 1 else None
        if own is None:
            continue
        if lookups == MAX_LOOKUPS:
            break
        lookups += 1
        near = _nearest_ranked(reader, fold(pieces[0]), own)
        if near:
            choices.append((pieces[0], near))
    if not choices:
        return []
    best = {typed: near[0] for typed, near in choices}
    variants = [best]
    typed, near = next(((t, n) for t, n in choices if len(n) > 1), choices[0])
    variants += [{**best, typed: other} for other in near[1:alternatives]]
    out = []
    for chosen in variants:
        fixed = base
        for word, better in chosen.items():
            fixed = re.sub(r"(?<!\w)" + re.escape(word) + r"(?!\w)",
                           _same_case(word, better), fixed, count=1)
        if fixed != base and fixed not in out:
            out.append(fixed)
    return out


def all_in_library(leaves: Sequence[Word | Phrase], reader: IndexReader) -> bool:
    """True when every plain word of the query, or another form of it (``présider`` for
    "présidait"), is in some article's body or title."""
    def known(term: str) -> bool:
        return bool(reader.doc_frequency("body", term) or reader.doc_frequency("title", term))

    for leaf in leaves:
        if not isinstance(leaf, Word) or leaf.field is not None:
            continue
        for piece, _, _ in words(leaf.text):
            if known(fold(piece)):
                continue
            low = exact(piece)
            if not any(known(fold(form)) for lang in LANGS for form in other_forms(low, lang)):
                return False
    return True


def _same_case(typed: str, suggestion: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return suggestion.upper()
    if typed[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion

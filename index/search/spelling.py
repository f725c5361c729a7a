"""Did-you-mean: replace rare query words by a frequent near spelling from the index.

Suggestions come from the folded body vocabulary, so they are accent-free and lower case;
the corrected query keeps the user's capitalisation and everything else they typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from whoosh.reading import IndexReader
from whoosh.support.levenshtein import distance

from .analysis import EXACT_MARK, STOPWORDS, fold, words
from .query_build import near_terms
from .query_syntax import Phrase, Word

RARE = 2  # a word found in more articles than this is taken as correctly spelt
MIN_LEN = 4
# A word the index does hold is replaced only by a far more frequent one: "Belousof" in one
# article against "Belousov" in thirty, not English "ministers" against French "ministres".
MIN_RATIO = 10
MIN_DF_OVER_KNOWN = 5


def suggest(reader: IndexReader, folded: str) -> str | None:
    """A frequent index term within 1 edit (2 for long words) of a rare word, or None."""
    if len(folded) < MIN_LEN or folded.isdigit() or folded in STOPWORDS:
        return None
    own = reader.doc_frequency("body", folded) + reader.doc_frequency("title", folded)
    if own > RARE:
        return None
    maxdist = 2 if len(folded) >= 7 else 1
    best: tuple[int, int, str] | None = None  # (-distance, df, term)
    for term in near_terms(reader, "body", folded, maxdist):
        if term == folded or term.startswith(EXACT_MARK) or not term.isalpha():
            continue
        df = reader.doc_frequency("body", term)
        cand = (-distance(term, folded, limit=maxdist), df, term)
        if _better_enough(df, own) and (best is None or cand > best):
            best = cand
    return best[2] if best else None


def _better_enough(df: int, own: int) -> bool:
    if own == 0:
        return df > 0
    return df >= max(MIN_RATIO * own, MIN_DF_OVER_KNOWN)


def correct(text: str, leaves: Sequence[Word | Phrase], reader: IndexReader) -> str | None:
    """The query text with misspelt plain words replaced, or None when nothing changes."""
    out = text
    changed = False
    for leaf in leaves:
        if not isinstance(leaf, Word) or leaf.exact or leaf.field is not None:
            continue
        pieces = [w for w, _, _ in words(leaf.text)]
        if len(pieces) != 1:
            continue
        better = suggest(reader, fold(pieces[0]))
        if better is None:
            continue
        fixed = _same_case(pieces[0], better)
        out, n = re.subn(r"(?<!\w)" + re.escape(pieces[0]) + r"(?!\w)", fixed, out, count=1)
        changed = changed or n > 0
    return out if changed else None


def _same_case(typed: str, suggestion: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return suggestion.upper()
    if typed[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion

"""Exact mode for a word typed without accents (``=president``): leave out "président".

Only accented words get a separate exact term in the index (see ``analysis.exact_term``),
so an unaccented exact word is searched in folded form, which also matches its accented
spellings. Articles that contain such a spelling are checked against their stored text;
the others cannot hold anything but the unaccented form. Done for words that every
result must contain (top-level AND), where dropping an article is always right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whoosh import query as wq
from whoosh.searching import Searcher

from .analysis import EXACT_MARK, fold, words
from .query_syntax import And, Node, Word
from .schema import stored_text
from .scoring import SetScorer


def unaccented_exact_words(node: Node | None) -> Iterator[str]:
    """Exact-mode words without accents that every result must contain."""
    items = node.items if isinstance(node, And) else (node,)
    for item in items:
        if (isinstance(item, Word) and item.exact and not item.wildcard
                and item.field in (None, "title")):
            pieces = [w for w, _, _ in words(item.text)]
            if len(pieces) == 1 and fold(pieces[0]) == pieces[0].lower():
                yield pieces[0].lower()


def verify_unaccented(searcher: Searcher, scorer: SetScorer, docs: set[int], word: str) -> set[int]:
    variants = accented_variants(searcher, word)
    if not variants or not docs:
        return docs
    doubtful = docs & scorer.docs(wq.Or([wq.Term(f, v) for v in variants
                                         for f in ("title", "body")]))
    pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE)
    wrong = set()
    for d in doubtful:
        stored = searcher.stored_fields(d)
        if not pattern.search(stored.get("title", "") + "\n" + stored_text(stored)):
            wrong.add(d)
    return docs - wrong


def accented_variants(searcher: Searcher, word: str) -> list[str]:
    """Marked exact terms of the index whose folded form is ``word``."""
    reader = searcher.reader()
    field = reader.schema["body"]
    firsts = [c for c in _LETTERS if fold(c) == word[:1]]
    out = set()
    for fname in ("body", "title"):
        for first in firsts:
            for b in reader.expand_prefix(fname, EXACT_MARK + first):
                term = field.from_bytes(b)
                if fold(term[1:]) == word:
                    out.add(term)
    return sorted(out)


# Lower-case letters that may start an exact term: ASCII and Latin-1 / Latin Extended-A.
_LETTERS = sorted({chr(c).lower() for c in [*range(0x61, 0x7B), *range(0xC0, 0x250)]
                   if chr(c).isalpha()})

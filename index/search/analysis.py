"""Word analysis shared by indexing, query parsing, highlighting and spelling.

Every consumer goes through the same few functions so that a word typed in the search
box, a word in the index and a word highlighted in the reader are cut and normalised
identically ("alliances" finds and highlights "l’Alliance").

Forms of a word:
- *folded*: lower case, accents and ligatures removed (sécurité -> securite, œuvre ->
  oeuvre); the default, accent-insensitive form; stop words are kept for phrases.
- *exact*: lower case only, accents kept (used by ``=word``); indexed, marked with "=",
  only for words whose exact form differs from the folded one.
- other forms of a word (journaux for journal, ran for running) come from each
  language's lemma dictionary (``lemmas``), not from a stemmer: a query word is expanded
  to those the index holds (see ``query_build``).
- *common* words ("de", "la", "the", "said"): their positions are also kept per article
  in a compact column (``common_positions``) so that phrases need not read their postings.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from whoosh.analysis import Token, Tokenizer

APOSTROPHES = "'’ʼ‘`´"
ELISIONS = ("jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "qu",
            "l", "d", "s", "n", "c", "j", "m", "t")

# An optional French elision glued to the word that follows it, then the word itself.
# The elided article is dropped: "l’armée" and "l'armée" both give "armée".
WORD_RE = re.compile(
    r"(?:(?:" + "|".join(ELISIONS) + r")[" + APOSTROPHES + r"](?=\w))?(\w+)",
    re.IGNORECASE,
)

FR_STOPWORDS = frozenset(
    """a au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais
    me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te
    tes toi ton tu un une vos votre vous c d j l m n s t y ete etre est sont a ont cette cet
    leurs dont""".split()
)
EN_STOPWORDS = frozenset(
    """a an and are as at be but by for if in into is it no not of on or such that the their
    then there these they this to was will with he she his her its from has have had were
    been which who""".split()
)
STOPWORDS = FR_STOPWORDS | EN_STOPWORDS
# Words so frequent that reading their positions from the index dominates a phrase
# search ("de", "la", "the", "said" are in most articles). Their positions are also kept
# per article in a compact column (``common_positions``), so the phrase "président de la
# République" reads the postings of "president" and "republique" only. Append only: an
# index stores each word as its rank here (a change of order needs a schema bump).
COMMON_WORDS = (*sorted(STOPWORDS), "said", "says", "dit", "selon", "plus")
COMMON_ID = {w: i for i, w in enumerate(COMMON_WORDS)}
assert len(COMMON_WORDS) <= 256, "a common word's rank is stored in one byte"
_POS_MASK = (1 << 24) - 1

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o",
                            "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ı": "i"})



@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without accents; cached because news vocabulary repeats heavily."""
    low = word.lower().translate(_LIGATURES)
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFKD", low)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def exact(word: str) -> str:
    """Lower case with accents kept (NFC so that composed and decomposed input agree)."""
    return unicodedata.normalize("NFC", word.lower())


def words(text: str) -> Iterator[tuple[str, int, int]]:
    """Yields (word, start, end) for each word of ``text``, elisions removed."""
    for m in WORD_RE.finditer(text):
        yield m.group(1), m.start(1), m.end(1)


def folded_words(text: str) -> list[str]:
    return [fold(w) for w, _, _ in words(text)]


EXACT_MARK = "="


def exact_term(word: str) -> str | None:
    """The extra index term of a word whose exact form differs from its folded one.

    Accented words are indexed twice at the same position: folded ("securite") and
    marked exact ("=sécurité"). Unaccented words, most of any text, are indexed once, so
    the exact mode costs little index space.
    """
    ex = exact(word)
    return None if ex == fold(word) else EXACT_MARK + ex


class VeilleTokenizer(Tokenizer):
    """One-pass tokenizer + normaliser for the text fields of the schema.

    ``form`` "fold" yields folded words; "index" also yields the marked exact form of
    accented words (see ``exact_term``). Doing the work in one class instead of a filter
    chain avoids Whoosh's per-token generator layers. The class is pickled into the
    index's schema: keep its name and module stable.
    """

    def __init__(self, form: str = "fold") -> None:
        self.form = form

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VeilleTokenizer) and other.form == self.form

    def __hash__(self) -> int:
        return hash(("VeilleTokenizer", self.form))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        with_exact = self.form == "index" and mode != "query"
        pieces = words(value) if tokenize else iter([(value, 0, len(value))])
        for pos, (word, start, end) in enumerate(pieces, start_pos):
            forms = [fold(word)]
            if with_exact and not word.isascii():
                extra = exact_term(word)
                if extra is not None:
                    forms.append(extra)
            for text in forms:
                t.text = text
                t.boost = 1.0
                t.stopped = False
                if keeporiginal:
                    t.original = word
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar = start_char + start
                    t.endchar = start_char + end
                yield t


def common_positions(words_of_text: Sequence[str]) -> bytes:
    """The positions of the common words among a text's words (``WORD_RE.findall``, so
    numbered like the words of ``VeilleTokenizer``): little-endian uint32 records, the
    word's rank in ``COMMON_WORDS`` in the high byte, its position in the other 24 bits.
    Four bytes per common word; one dictionary look-up per word (the caller's word list
    is shared with the body length)."""
    get = COMMON_ID.get
    out = array("I")
    for pos, word in enumerate(words_of_text):
        low = word.lower()
        i = get(low)
        if i is None and not low.isascii():
            i = get(fold(low))
        if i is not None and pos <= _POS_MASK:
            out.append((i << 24) | pos)
    if sys.byteorder != "little":
        out.byteswap()
    return out.tobytes()


class FieldValueTokenizer(Tokenizer):
    """Splits a list field (names joined by U+001F) into folded whole-name tokens.

    Used for ``entity:"Sadio Camara"``: the whole canonical name is one term, folded so
    that the accents and case typed need not match.
    """

    SEP = "\x1f"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldValueTokenizer)

    def __hash__(self) -> int:
        return hash("FieldValueTokenizer")

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        parts = value.split(self.SEP) if tokenize else [value]
        for pos, part in enumerate(parts, start_pos):
            name = normalise_name(part)
            if not name:
                continue
            t.text = name
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(part)
            yield t


def normalise_name(name: str) -> str:
    """A name as one comparable key: folded words joined by single spaces."""
    return " ".join(folded_words(name))

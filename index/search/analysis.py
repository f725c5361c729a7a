"""Word analysis shared by indexing, query parsing, highlighting and spelling.

Every consumer goes through the same few functions so that a word typed in the search
box, a word in the index and a word highlighted in the reader are cut and normalised
identically ("alliances" finds and highlights "l’Alliance").

Forms of a word:
- *folded*: lower case, accents and ligatures removed (sécurité -> securite, œuvre ->
  oeuvre); the default, accent-insensitive form; stop words are kept for phrases.
- *exact*: lower case only, accents kept (used by ``=word``); indexed, marked with "=",
  only for words whose exact form differs from the folded one.
- *stem_fr* / *stem_en*: the folded form through the Snowball stemmer of the language
  (alliances -> allianc, journaux -> journal, running -> run). Stems are not indexed: a
  query word is expanded to the index words sharing its stem (see ``query_build``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.lang.snowball.english import EnglishStemmer
from whoosh.lang.snowball.french import FrenchStemmer

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

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o",
                            "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ı": "i"})

_FR = FrenchStemmer()
_EN = EnglishStemmer()


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


@lru_cache(maxsize=200_000)
def stem_fr(folded: str) -> str:
    """French Snowball stem of a folded word, with -x plurals joined to their singular.

    Snowball leaves "jeux" apart from "jeu"; dropping a final x after stemming joins them
    (and keeps heureux/heureuse together since both stem to "heureux").
    """
    stem = _FR.stem(folded)
    if len(stem) > 3 and stem.endswith("x"):
        stem = stem[:-1]
    return stem


@lru_cache(maxsize=200_000)
def stem_en(folded: str) -> str:
    """English Snowball (Porter2) stem: unlike Porter it maps running to run."""
    return _EN.stem(folded)


STEMMERS = {"fr": stem_fr, "en": stem_en}


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

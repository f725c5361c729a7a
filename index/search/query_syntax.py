"""The search-box language, parsed into a small tree that knows nothing of Whoosh.

The same tree drives the Whoosh query, the highlighting, the spelling correction and the
partial ("most words") fallback, so they all agree on what the user asked. The parser
never raises: stray operators, unbalanced parentheses and quotes are tolerated, because
a search box must answer whatever is typed. Syntax: docs/search-syntax.md.

It is also bounded, because every word costs index look-ups (stem variants, spelling,
postings) and a pasted page or a crafted query must not cost seconds or a RecursionError:
what lies past the limits below is left out, and ``parse_bounded`` says so in one line
that the search shows. The limits sit far above anything typed into a news search box:

- ``MAX_QUERY_CHARS`` 2,000: a pasted paragraph fits; reading more only to drop it at
  ``MAX_WORDS`` costs time (a 1 MB query).
- ``MAX_DEPTH`` 16 levels of parentheses: three or four is already hard to read.
- ``MAX_WORDS`` 64 words (phrase words included): a long sentence in quotes fits; each
  word may cost a spelling look-up and up to 64 stem or prefix variants.
- ``MAX_WORD_CHARS`` 100: the longest words of French or English, compounds and
  hyphenless identifiers stay under 50; a 32,767-letter word cost a minute in Whoosh's
  Levenshtein automaton.
- ``MAX_EXPANDED`` 4 wildcard or fuzzy words: each scans the lexicon and reads up to 64
  terms' postings ("a*" alone costs tens of milliseconds on 10,000 articles).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

FIELD_ALIASES = {
    "title": "title", "titre": "title",
    "source": "source",
    "lang": "lang", "langue": "lang", "language": "lang",
    "author": "author", "auteur": "author", "by": "author", "par": "author",
    "entity": "entity", "entite": "entity", "entité": "entity",
    "date": "date",
    # What a person added (index/search/state_filter.py): is:read, has:note, tag:, dossier:.
    "is": "is", "est": "is",
    "has": "has",
    "tag": "tag", "tags": "tag", "etiquette": "tag", "étiquette": "tag",
    "dossier": "dossier", "folder": "dossier",
}
STATE_FIELDS = frozenset({"is", "has", "tag", "dossier"})
QUOTES = {'"': '"', "«": "»", "“": "”", "„": "“"}
OPERATORS = {"AND": "AND", "ET": "AND", "&&": "AND", "OR": "OR", "OU": "OR", "||": "OR",
             "NOT": "NOT", "SAUF": "NOT"}
_FUZZY_RE = re.compile(r"^(.*?)~(\d?)$")
_SLOP_RE = re.compile(r"~(\d*)")
# Control characters and lone surrogates (which cannot be encoded into an index term).
_UNSAFE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_PIECE_RE = re.compile(r"\w+")

MAX_QUERY_CHARS = 2_000
MAX_DEPTH = 16
MAX_WORDS = 64
MAX_WORD_CHARS = 100
MAX_EXPANDED = 4
MAX_SLOP = 100  # words allowed between those of a phrase ("a b"~N): more means nothing


@dataclass(frozen=True, slots=True)
class Word:
    """One word as typed; ``field`` None means the default fields (title, text, entities)."""

    text: str
    field: str | None = None
    exact: bool = False
    fuzzy: int = 0
    required: bool = False

    @property
    def wildcard(self) -> bool:
        return "*" in self.text or "?" in self.text


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    field: str | None = None
    exact: bool = False
    slop: int = 1
    required: bool = False


@dataclass(frozen=True, slots=True)
class DateCond:
    """``date:`` constraint; the bounds are (partial) ISO dates, compared as text."""

    low: str | None
    high: str | None
    low_incl: bool = True
    high_incl: bool = True
    valid: bool = True


@dataclass(frozen=True, slots=True)
class StateCond:
    """``is:read``, ``has:note``, ``tag:Mali``, ``dossier:"Brief Sahel"``."""

    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class Everything:
    """``*`` alone: every article (to filter or sort the whole library)."""


@dataclass(frozen=True, slots=True)
class And:
    """All items; ``explicit`` when the user wrote AND (then no partial fallback)."""

    items: tuple[Node, ...] = field(default_factory=tuple)
    explicit: bool = False


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


Node = Word | Phrase | DateCond | StateCond | Everything | And | Or | Not


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "(" ")" "op" "leaf"
    value: str = ""
    prefix: str = ""  # modifiers glued before a leaf: "-", "+", "=", "title:", "-title:"...
    quoted: bool = False
    suffix: str = ""  # "~2" after a phrase


def _lex(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()":
            toks.append(_Tok(c))
            i += 1
        elif c in QUOTES:
            i = _lex_quoted(text, i, "", toks)
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in "()" and text[j] not in QUOTES:
                if text[j] in "[{" and j > i and text[j - 1] in ":<>=":
                    close = "]" if text[j] == "[" else "}"
                    end = text.find(close, j)
                    j = n if end < 0 else end + 1
                    break
                j += 1
            word = text[i:j]
            if j < n and text[j] in QUOTES and _is_modifier(word):
                i = _lex_quoted(text, j, word, toks)
                continue
            toks.append(_Tok("op", OPERATORS[word]) if word in OPERATORS else _Tok("leaf", word))
            i = j
    return toks


def _is_modifier(word: str) -> bool:
    body = word.lstrip("-+=").rstrip("=")
    return body == "" or (body.endswith(":") and body[:-1].lower() in FIELD_ALIASES)


def _lex_quoted(text: str, i: int, prefix: str, toks: list[_Tok]) -> int:
    close = QUOTES[text[i]]
    end = text.find(close, i + 1)
    if end < 0:
        end = len(text)
    inner = text[i + 1 : end]
    j = end + 1
    m = _SLOP_RE.match(text, j)  # at j, without copying the rest of the text
    suffix = ""
    if m:
        suffix = m.group(0)
        j = m.end()
    toks.append(_Tok("leaf", inner, prefix=prefix, quoted=True, suffix=suffix))
    return j


class _Parser:
    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.i = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def parse_or(self) -> Node | None:
        items = []
        first = self.parse_and()
        if first is not None:
            items.append(first)
        while (t := self.peek()) is not None and t.kind == "op" and t.value == "OR":
            self.i += 1
            nxt = self.parse_and()
            if nxt is not None:
                items.append(nxt)
        if not items:
            return None
        return items[0] if len(items) == 1 else Or(tuple(items))

    def parse_and(self) -> Node | None:
        items: list[Node] = []
        explicit = False
        while (t := self.peek()) is not None and t.kind != ")":
            if t.kind == "op" and t.value == "OR":
                if items:
                    break
                self.i += 1  # a leading OR means nothing
                continue
            if t.kind == "op" and t.value == "AND":
                self.i += 1
                explicit = explicit or bool(items)
                continue
            node = self.parse_unary()
            if node is not None:
                items.append(node)
        if not items:
            return None
        return items[0] if len(items) == 1 else And(tuple(items), explicit)

    def parse_unary(self) -> Node | None:
        negations = 0  # a loop, not recursion: "NOT NOT ... x" may be thousands long
        while (t := self.peek()) is not None and t.kind == "op" and t.value == "NOT":
            self.i += 1
            negations += 1
        inner = self.parse_atom()
        if inner is None or negations == 0:
            return inner
        return Not(inner) if negations % 2 else Not(Not(inner))

    def parse_atom(self) -> Node | None:
        t = self.peek()
        if t is None:
            return None
        self.i += 1
        if t.kind == "(":
            inner = self.parse_or()
            if (c := self.peek()) is not None and c.kind == ")":
                self.i += 1
            return inner
        if t.kind == ")":
            return None
        return _leaf(t)


def _split_modifiers(text: str) -> tuple[str, str]:
    """Splits glued modifiers off a bare word: -word, +word, =word, title:word, -title:=word."""
    m = re.match(r"^([-+]?)(?:([^\W\d_]\w*):(?!//))?(=?)(.*)$", text, re.DOTALL)
    if m is None:
        return "", text
    if m.group(2) is not None and m.group(2).lower() not in FIELD_ALIASES:
        m2 = re.match(r"^([-+]?)(=?)(.*)$", text, re.DOTALL)
        assert m2 is not None
        return m2.group(1) + m2.group(2), m2.group(3)
    field_part = m.group(2) + ":" if m.group(2) else ""
    return m.group(1) + field_part + m.group(3), m.group(4)


def _leaf(t: _Tok) -> Node | None:
    text, prefix = t.value, t.prefix
    if not t.quoted:
        prefix, text = _split_modifiers(text)
    negate = prefix.startswith("-")
    required = prefix.startswith("+")
    body = prefix.lstrip("-+")
    exact = "=" in body
    name = body.replace("=", "").rstrip(":").lower()
    fname = FIELD_ALIASES.get(name) if name else None
    if not text.strip():
        return None
    node: Node | None
    if fname in STATE_FIELDS:
        node = StateCond(fname, " ".join(text.split()))
    elif fname is None and not t.quoted and text.strip() == "*" and not exact:
        node = Everything()
    elif fname == "date":
        node = parse_date(text.strip())
    elif t.quoted:
        slop = min(int(t.suffix[1:5] or 0), MAX_SLOP) + 1 if t.suffix else 1
        node = Phrase(text.strip(), fname, exact, slop, required)
    else:
        node = _word(text, fname, exact, required)
    if node is None:
        return None
    return Not(node) if negate else node


def _word(text: str, fname: str | None, exact: bool, required: bool) -> Word:
    fuzzy = 0
    m = _FUZZY_RE.match(text)
    if m and m.group(1) and not exact:
        text, fuzzy = m.group(1), int(m.group(2) or 1)
        fuzzy = min(max(fuzzy, 1), 2)
    return Word(text, fname, exact, fuzzy, required)


_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def parse_date(value: str) -> DateCond:
    """``2025``, ``2025-08``, ``>2025-01-01``, ``<=2025``, ``[A TO B]``, ``{A TO B}``, ``A..B``."""
    value = value.strip()
    if value[:1] in "[{" and len(value) > 1:
        incl = value[0] == "["
        inner = value[1:].rstrip("]}").strip()
        parts = re.split(r"\s+(?:TO|to|À|à|a)\s+", inner, maxsplit=1)
        if len(parts) != 2:
            return DateCond(None, None, valid=False)
        return _range(parts[0].strip(), parts[1].strip(), incl, incl)
    if ".." in value:
        lo, hi = value.split("..", 1)
        return _range(lo.strip() or "*", hi.strip() or "*", True, True)
    for op in (">=", "<=", ">", "<"):
        if value.startswith(op):
            bound = value[len(op) :].strip()
            if not _DATE_RE.match(bound):
                return DateCond(None, None, valid=False)
            if op[0] == ">":
                return DateCond(bound, None, low_incl=op == ">=")
            return DateCond(None, bound, high_incl=op == "<=")
    if _DATE_RE.match(value):
        return DateCond(value, value)
    return DateCond(None, None, valid=False)


def _range(lo: str, hi: str, lo_incl: bool, hi_incl: bool) -> DateCond:
    low = None if lo == "*" else lo
    high = None if hi == "*" else hi
    if (low and not _DATE_RE.match(low)) or (high and not _DATE_RE.match(high)):
        return DateCond(None, None, valid=False)
    return DateCond(low, high, lo_incl, hi_incl)


def parse(text: str) -> Node | None:
    """The tree of a query, within the limits above; None when it holds nothing searchable."""
    return parse_bounded(text)[0]


def query_notice(text: str) -> str | None:
    """One line saying what of the query was left out (see ``parse_bounded``), or None."""
    return parse_bounded(text)[1]


def parse_bounded(text: str) -> tuple[Node | None, str | None]:
    """The tree of a query and, when a limit cut it, a one-line notice for the person.

    Never raises, whatever the text; only the first ``MAX_QUERY_CHARS`` are read.
    """
    cut = len(text) > MAX_QUERY_CHARS
    node, cuts = _parse_cut(text[:MAX_QUERY_CHARS] if cut else text)
    if cut:
        cuts = (f"only its first {MAX_QUERY_CHARS:,} characters are read", *cuts)
    return node, ("Query shortened: " + "; ".join(cuts) + ".") if cuts else None


def cut_text(text: str) -> str:
    """The part of a query text that is read (for rewriting it, as spelling does)."""
    return _UNSAFE_RE.sub(" ", text[:MAX_QUERY_CHARS])


@lru_cache(maxsize=64)
def _parse_cut(text: str) -> tuple[Node | None, tuple[str, ...]]:
    """Cached: the engine parses the same query for the search, its page of snippets and
    the reader's highlighting."""
    toks, deep = _limit_depth(_lex(_UNSAFE_RE.sub(" ", text)))
    budget = _Budget()
    node = _bound(_Parser(toks).parse_or(), budget)
    cuts = []
    if deep:
        cuts.append(f"parentheses nested deeper than {MAX_DEPTH} are ignored")
    if budget.long_words:
        cuts.append(f"words are cut after {MAX_WORD_CHARS} characters")
    if budget.over_words:
        cuts.append(f"only the first {MAX_WORDS} words are searched")
    if budget.over_expanded:
        cuts.append(f"only the first {MAX_EXPANDED} words with * ? or ~ are searched")
    return node, tuple(cuts)


def _limit_depth(toks: list[_Tok]) -> tuple[list[_Tok], bool]:
    """Drops the parentheses past ``MAX_DEPTH`` (and their closers), and closers that close
    nothing ("a ) b" is "a b"): the parser recurses once per level. True if any was deep."""
    out: list[_Tok] = []
    depth = excess = 0
    deep = False
    for t in toks:
        if t.kind == "(":
            if depth >= MAX_DEPTH:
                excess += 1
                deep = True
                continue
            depth += 1
        elif t.kind == ")":
            if excess:
                excess -= 1
                continue
            if depth == 0:
                continue
            depth -= 1
        out.append(t)
    return out, deep


@dataclass(slots=True)
class _Budget:
    """What is left to spend while walking a tree in query order."""

    words: int = MAX_WORDS
    expanded: int = MAX_EXPANDED
    long_words: bool = False
    over_words: bool = False
    over_expanded: bool = False


def _bound(node: Node | None, budget: _Budget) -> Node | None:
    """The tree with words past the budgets left out and overlong words cut."""
    if node is None or isinstance(node, DateCond | StateCond | Everything):
        return node
    if isinstance(node, Not):
        inner = _bound(node.item, budget)
        return None if inner is None else Not(inner)
    if isinstance(node, Word | Phrase):
        return _bound_leaf(node, budget)
    items = tuple(b for b in (_bound(i, budget) for i in node.items) if b is not None)
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    return And(items, node.explicit) if isinstance(node, And) else Or(items)


def _bound_leaf(leaf: Word | Phrase, budget: _Budget) -> Word | Phrase | None:
    text = leaf.text
    if any(len(m) > MAX_WORD_CHARS for m in _PIECE_RE.findall(text)):
        budget.long_words = True
        text = _PIECE_RE.sub(lambda m: m.group()[:MAX_WORD_CHARS], text)
    pieces = list(_PIECE_RE.finditer(text))
    if pieces:
        if budget.words == 0:
            budget.over_words = True
            return None
        if isinstance(leaf, Word) and (leaf.wildcard or leaf.fuzzy):
            if budget.expanded == 0:
                budget.over_expanded = True
                return None
            budget.expanded -= 1
        if len(pieces) > budget.words:
            budget.over_words = True
            text = text[: pieces[budget.words - 1].end()]
            pieces = pieces[: budget.words]
        budget.words -= len(pieces)
    return leaf if text == leaf.text else replace(leaf, text=text)


def positive_leaves(node: Node | None) -> list[Word | Phrase]:
    """The words and phrases a document is looked for with (negated ones excluded)."""
    if node is None or isinstance(node, DateCond | StateCond | Everything | Not):
        return []
    if isinstance(node, Word | Phrase):
        return [node]
    out: list[Word | Phrase] = []
    for item in node.items:
        out.extend(positive_leaves(item))
    return out


def plain_words(node: Node | None) -> list[Word | Phrase] | None:
    """The leaves of a query made only of default-field words and phrases joined by AND.

    Only such queries get the forgiving treatments (spelling, partial matches): once the
    user writes OR, NOT, fields or wildcards they say precisely what they want.
    """
    items: tuple[Node, ...]
    if isinstance(node, Word | Phrase):
        items = (node,)
    elif isinstance(node, And) and not node.explicit:
        items = node.items
    else:
        return None
    leaves: list[Word | Phrase] = []
    for item in items:
        if not isinstance(item, Word | Phrase) or item.field is not None:
            return None
        if isinstance(item, Word) and (item.wildcard or item.fuzzy):
            return None
        leaves.append(item)
    return leaves

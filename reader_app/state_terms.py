"""The state terms of a query (``is:unread``, ``is:starred``, ``has:note``, ``tag:NAME``),
read and edited as text so that the chips beside the search box and the typed query
never disagree: a chip is checked exactly when its term is in the query, and clicking
it adds or removes that term. No Qt here.

Aliases come from the search engine's own tables (``est:nonlu`` is ``is:unread``), so a
term typed in French lights the same chip.
"""

from __future__ import annotations

import re

from index.search.query_syntax import FIELD_ALIASES, OPERATORS
from index.search.state_filter import HAS_VALUES, IS_VALUES
from index.store import fold_text

# chip key -> (field, state the engine maps the value to, canonical term)
CHIP_TERMS: dict[str, tuple[str, str, str]] = {
    "unread": ("is", "unread", "is:unread"),
    "starred": ("is", "starred", "is:starred"),
    "note": ("has", "note", "has:note"),
}
# A token: an optional field and a quoted or bare value ("tag:«Sahel central»" is one).
_TOKEN = re.compile(r'[-+]?(?:[^\W\d_][\w-]*:)?(?:"[^"]*"?|«[^»]*»?|“[^”]*”?|[^\s"«“]+)+')
_QUOTES = {'"': '"', "«": "»", "“": "”"}


def tokens(query: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each top-level token, quotes kept together."""
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(query)]


def _split(token: str) -> tuple[str, str] | None:
    """(field, value) of a positive ``field:value`` token, field resolved through aliases."""
    if token[:1] in "-+" or ":" not in token:
        return None
    name, value = token.split(":", 1)
    field = FIELD_ALIASES.get(name.lower())
    if field is None or not value:
        return None
    if value[0] in _QUOTES:
        value = value[1:].removesuffix(_QUOTES[value[0]])
    return field, " ".join(value.split())


def _negated(toks: list[tuple[int, int, str]], i: int) -> bool:
    return i > 0 and OPERATORS.get(toks[i - 1][2].upper()) == "NOT"


def _state(field: str, value: str) -> str | None:
    table = IS_VALUES if field == "is" else HAS_VALUES if field == "has" else None
    return None if table is None else table.get(value.casefold())


def _matches(toks: list[tuple[int, int, str]], i: int, field: str, state: str) -> bool:
    parts = _split(toks[i][2])
    if parts is None or parts[0] != field or _negated(toks, i):
        return False
    if field == "tag":
        return fold_text(parts[1]) == fold_text(state)
    return _state(field, parts[1]) == state


def has_chip(query: str, chip: str) -> bool:
    """Whether the query holds the chip's term (``unread``, ``starred``, ``note``)."""
    field, state, _term = CHIP_TERMS[chip]
    toks = tokens(query)
    return any(_matches(toks, i, field, state) for i in range(len(toks)))


def tag_names(query: str) -> list[str]:
    """The tags the query asks for (``tag:Mali tag:"Sahel central"``), in order, once each."""
    toks = tokens(query)
    found: dict[str, str] = {}
    for i, (_s, _e, text) in enumerate(toks):
        parts = _split(text)
        if parts is not None and parts[0] == "tag" and not _negated(toks, i):
            found.setdefault(fold_text(parts[1]), parts[1])
    return list(found.values())


def tag_term(name: str) -> str:
    name = " ".join(name.split())
    return f'tag:"{name}"' if any(c.isspace() or c in ':"()' for c in name) else f"tag:{name}"


def set_chip(query: str, chip: str, on: bool) -> str:
    """The query with the chip's term added (at the end) or every form of it removed."""
    field, state, term = CHIP_TERMS[chip]
    return _set_term(query, field, state, term, on)


def set_tag(query: str, name: str, on: bool) -> str:
    return _set_term(query, "tag", name, tag_term(name), on)


def _set_term(query: str, field: str, state: str, term: str, on: bool) -> str:
    toks = tokens(query)
    hits = [i for i in range(len(toks)) if _matches(toks, i, field, state)]
    if on:
        return query if hits else " ".join(part for part in (query.strip(), term) if part)
    drop: set[int] = set()
    for i in hits:
        drop.add(i)
        # a binary operator left dangling goes with the term: "mali AND is:unread" -> "mali"
        if i > 0 and OPERATORS.get(toks[i - 1][2].upper()) in ("AND", "OR") \
                and i - 1 not in drop:
            drop.add(i - 1)
        elif i + 1 < len(toks) and OPERATORS.get(toks[i + 1][2].upper()) in ("AND", "OR"):
            drop.add(i + 1)
    out: list[str] = []
    pos = 0
    for i, (start, end, _text) in enumerate(toks):
        if i in drop:
            out.append(query[pos:start])
            pos = end
    out.append(query[pos:])
    return " ".join("".join(out).split())

"""Per-article rules applied after the model: one article in, its mentions out.

Order matters: clean each span, drop capitalised common words, repair types from the
gazetteer and name shapes, link spans naming the same thing, find the occurrences the
model missed, then give each group one type (majority vote) and one canonical name
(the longest full form seen in the article).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from index.entities.cleanup import Candidate, clean, sentence_initial
from index.entities.context import ArticleContext
from index.entities.gazetteer import Gazetteer, fold
from index.entities.lexicon import KNOWN_ORG_NAMES, ORG_HEADS, ORG_TAILS
from index.entities.linking import (
    UnionFind,
    add_parenthesised_acronyms,
    is_acronym,
    link_acronyms,
    link_same_names,
    link_surnames,
    nearest,
    surname_forms,
)
from index.models import EntityType, Mention

PRIORITY: tuple[EntityType, ...] = ("person", "organisation", "place", "other")


def apply_rules(
    text: str, raw: Sequence[tuple[int, int, EntityType]], ctx: ArticleContext
) -> list[Mention]:
    """Turn the model's raw spans over ``text`` into the article's final mentions."""
    cands = [c for s, e, label in raw for c in clean(text, Candidate(s, e, label), ctx)]
    memo: dict[str, bool] = {}
    kept = [c for c in cands if not _common_word(text, c, ctx, memo)]
    kept = _add_gazetteer_places(text, _without_overlaps(add_parenthesised_acronyms(text, kept)), ctx)
    for cand in kept:
        _repair_type(text, cand, ctx.gazetteer)
    uf = UnionFind(len(kept))
    link_same_names(text, kept, uf, ctx.gazetteer)
    acronyms = link_acronyms(text, kept, uf)
    link_surnames(text, kept, uf)
    for i, cand in enumerate(kept):
        cand.group = uf.find(i)
    acronym_groups = {kept[i].group for i in acronyms}
    kept = _propagate(text, kept)
    return _finalise(text, kept, ctx, acronym_groups)


def _common_word(text: str, cand: Candidate, ctx: ArticleContext, memo: dict[str, bool]) -> bool:
    """A capitalised common word opening a sentence ("Réunis au palais...") is no name."""
    name = text[cand.start : cand.end]
    if " " in name or not sentence_initial(text, cand.start):
        return False
    if name not in memo:
        memo[name] = _is_common_word(text, name, ctx)
    return memo[name]


def _is_common_word(text: str, name: str, ctx: ArticleContext) -> bool:
    lower = name.lower()
    if ctx.gazetteer.place_key(name) or is_acronym(name):
        return False
    if lower in ctx.stop_words:
        return True
    if ctx.low_confidence and not _capitalised_elsewhere(text, name):
        return True  # no word list for this language: trust only names seen mid-sentence
    if re.search(rf"(?<![\w'’-]){re.escape(lower)}(?![\w-])", text):
        return True  # the same word also appears in lower case
    if lower not in ctx.common_words:
        return False
    return not _capitalised_elsewhere(text, name)


def _capitalised_elsewhere(text: str, name: str) -> bool:
    """True when ``name`` also appears capitalised mid-sentence (or inside a longer name)."""
    for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
        if not sentence_initial(text, match.start()):
            return True
    return False


def _add_gazetteer_places(
    text: str, cands: list[Candidate], ctx: ArticleContext
) -> list[Candidate]:
    """Places the model missed ("Brussels" read by the French model in English text)."""
    taken = sorted((c.start, c.end) for c in cands)
    added = [
        Candidate(start, end, "place")
        for start, end in ctx.gazetteer.find_all(text)
        if not _overlaps(taken, start, end)
    ]
    return sorted(cands + added, key=lambda c: c.start) if added else cands


def _without_overlaps(cands: list[Candidate]) -> list[Candidate]:
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Candidate] = []
    for cand in cands:
        if out and cand.start < out[-1].end:
            if cand.end - cand.start > out[-1].end - out[-1].start:
                out[-1] = cand
            continue
        out.append(cand)
    return out


def _repair_type(text: str, cand: Candidate, gaz: Gazetteer) -> None:
    name = text[cand.start : cand.end]
    words = fold(name).split()
    if cand.titled:
        cand.label = "person"
    elif gaz.place_key(name):
        cand.label = "place"
    elif fold(name) in KNOWN_ORG_NAMES or (len(words) > 1 and (words[0] in ORG_HEADS or words[-1] in ORG_HEADS | ORG_TAILS)):
        cand.label = "organisation"


def _propagate(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Add the occurrences of known names (and persons' bare surnames) the model missed."""
    owners: dict[str, list[int]] = {}
    for i, cand in enumerate(cands):
        name = text[cand.start : cand.end]
        forms = [name] + (surname_forms(name) if cand.label == "person" else [])
        for form in forms:
            if len(form) >= 3 or is_acronym(form):
                owners.setdefault(form, []).append(i)
    if not owners:
        return cands
    taken = sorted((c.start, c.end) for c in cands)
    alternation = "|".join(re.escape(f) for f in sorted(owners, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
    added: list[Candidate] = []
    starts: dict[str, list[int]] = {}
    for match in pattern.finditer(text):
        start, end = match.span()
        if _overlaps(taken, start, end):
            continue
        form = match.group()
        if form not in starts:
            starts[form] = [cands[o].start for o in owners[form]]
        owner = cands[nearest(owners[form], starts[form], start)]
        added.append(Candidate(start, end, owner.label, voted=False, group=owner.group))
    return sorted(cands + added, key=lambda c: c.start)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(taken, (end, end))
    return any(s < end and start < e for s, e in taken[max(0, i - 3) : i])


def _finalise(
    text: str, cands: list[Candidate], ctx: ArticleContext, acronym_groups: set[int]
) -> list[Mention]:
    groups: dict[int, list[Candidate]] = {}
    for cand in cands:
        groups.setdefault(cand.group, []).append(cand)
    labels: dict[int, EntityType] = {}
    canonicals: dict[int, str] = {}
    for gid, members in groups.items():
        labels[gid] = _vote(text, members, ctx.gazetteer, gid in acronym_groups)
        canonicals[gid] = _canonical(text, members, ctx)
    return [
        Mention(
            start=c.start,
            end=c.end,
            label=labels[c.group],
            text=text[c.start : c.end],
            canonical=canonicals[c.group],
            confidence=ctx.confidence,
        )
        for c in cands
    ]


def _vote(text: str, members: list[Candidate], gaz: Gazetteer, acronym: bool) -> EntityType:
    """Majority of the model's labels; gazetteer then acronym rule break ties."""
    names = [text[c.start : c.end] for c in members]
    is_place = any(gaz.place_key(n) for n in names)
    has_full_person = any(c.label == "person" and " " in n for c, n in zip(members, names, strict=True))
    if is_place and not has_full_person and not any(c.titled for c in members):
        return "place"
    voters = [c for c, n in zip(members, names, strict=True) if c.voted]
    if acronym and any(not is_acronym(n) for c, n in zip(members, names, strict=True)):
        # The model often calls a bare acronym MISC: the long form's type decides.
        voters = [c for c, n in zip(members, names, strict=True) if not is_acronym(n)]
    votes: Counter[EntityType] = Counter(c.label for c in voters)
    if not votes:
        votes = Counter(c.label for c in members)
    top = max(votes.values())
    tied = [label for label in PRIORITY if votes.get(label) == top]
    if acronym and ("organisation" in tied or tied == ["other"]):
        return "organisation"
    return tied[0]


def _canonical(text: str, members: list[Candidate], ctx: ArticleContext) -> str:
    names = [text[c.start : c.end] for c in members]
    gaz = ctx.gazetteer
    if all(n in gaz.short_forms for n in names):
        preferred = gaz.preferred(gaz.short_forms[names[0]], ctx.lang)
        if preferred:
            return preferred
    longest = max(names, key=lambda n: (not is_acronym(n), len(n)))
    return " ".join(longest.split())

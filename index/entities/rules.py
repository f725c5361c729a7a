"""Per-article rules applied after the model: one article in, its mentions out.

Order matters: clean each span (``cleanup``), drop capitalised common words, add the
places and well-known acronyms the model missed, type spans from the words around them
(``cues``) and from the gazetteer and name shapes, link spans naming the same thing
(``linking``: spellings, acronyms, surnames), find the occurrences the model missed,
then give each group one type (majority vote) and one canonical name (the longest full
form seen in the article).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence

from index.entities.cleanup import clean
from index.entities.context import ArticleContext
from index.entities.cues import apply_cues
from index.entities.gazetteer import Gazetteer, fold
from index.entities.lexicon import (
    JOB_TITLES,
    KNOWN_ORG_ACRONYMS,
    KNOWN_ORG_NAMES,
    KNOWN_ORG_SPELLINGS,
    MINISTER_WORDS,
    MONTHS,
    NEVER_ALONE,
    ORG_HEADS,
    ORG_TAILS,
    TITLES,
    WEEKDAYS,
)
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
from index.entities.spans import Candidate, sentence_initial
from index.models import EntityType, Mention

PRIORITY: tuple[EntityType, ...] = ("person", "organisation", "place", "other")
CUE_WEIGHT = 3  # a telling word before a name outweighs the model's guesses elsewhere


def apply_rules(
    text: str, raw: Sequence[tuple[int, int, EntityType]], ctx: ArticleContext
) -> list[Mention]:
    """Turn the model's raw spans over ``text`` into the article's final mentions."""
    cands = [c for s, e, label in raw for c in clean(text, Candidate(s, e, label), ctx)]
    memo: dict[str, bool] = {}
    kept = [c for c in cands if not _common_word(text, c, ctx, memo)]
    kept = _without_overlaps(add_parenthesised_acronyms(text, kept))
    kept = _add_gazetteer_places(text, kept, ctx)
    _people_before_their_country(text, kept, ctx)
    for cand in kept:
        apply_cues(text, cand, ctx.gazetteer)
        _repair_type(text, cand, ctx.gazetteer)
    kept = _merge_org_complements(text, _without_overlaps(kept), ctx)
    uf = UnionFind(len(kept))
    link_same_names(text, kept, uf, ctx.gazetteer)
    acronyms = link_acronyms(text, kept, uf, ctx.gazetteer)
    link_surnames(text, kept, uf)
    for i, cand in enumerate(kept):
        cand.group = uf.find(i)
    acronym_groups = {kept[i].group for i in acronyms}
    short_names = {text[kept[i].start : kept[i].end] for i in acronyms}
    kept = _propagate(text, kept, ctx)
    return _finalise(text, kept, ctx, acronym_groups, short_names)


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
    """Places and well-known acronyms the model missed ("Brussels" in English text)."""
    taken = sorted((c.start, c.end) for c in cands)
    added = [
        Candidate(start, end, "place")
        for start, end in ctx.gazetteer.find_all(text)
        if not _overlaps(taken, start, end) and not _inside_longer_name(text, start, end)
    ]
    added += [
        Candidate(m.start(), m.end(), "organisation")
        for m in KNOWN_ACRONYM_PATTERN.finditer(text)
        if not _overlaps(taken, m.start(), m.end())
    ]
    added += _named_people(text, taken, ctx)
    return sorted(cands + added, key=lambda c: c.start) if added else cands


_KNOWN_FORMS = sorted(KNOWN_ORG_ACRONYMS | KNOWN_ORG_SPELLINGS, key=len, reverse=True)
# "Aminata Diop, who leads a cooperative", "Aminata Diop, qui dirige": news introduce a
# person by a full name and a relative clause, a form no organisation or place takes.
NAME_WHO = re.compile(
    r"(?<![\w'’-])([A-ZÀ-Ý][a-zà-ÿ'’-]+(?:\s+[A-ZÀ-Ý][a-zà-ÿ'’-]+){1,2}),\s+(?:who|qui)\s"
)
# "Monica Seles (U.S.) beat Sandrine Testud (France)": results lists and election tables
# give a full name, then its country in brackets.
NAME_COUNTRY = re.compile(
    r"(?<![\w'’.-])([A-ZÀ-Ý][a-zà-ÿ'’-]+(?:\s+[A-ZÀ-Ý][a-zà-ÿ'’-]+){1,2})\s+\(([^()\n]{2,30})\)"
)


def _named_people(
    text: str, taken: list[tuple[int, int]], ctx: ArticleContext
) -> list[Candidate]:
    found = []
    matches = list(NAME_WHO.finditer(text)) + [
        m for m in NAME_COUNTRY.finditer(text)
        if (ctx.gazetteer.place_key(m.group(2)) or "").startswith("country:")
    ]
    for m in matches:
        start, end = m.span(1)
        words = m.group(1).split()
        if _overlaps(taken, start, end) or ctx.gazetteer.place_key(m.group(1)):
            continue
        if _known_org(m.group(1)):
            continue
        if any(fold(w) in NOT_FIRST_NAMES or w.lower() in ctx.stop_words for w in words):
            continue
        found.append(Candidate(start, end, "person"))
    return found


GEO_HEADS = frozenset(
    """lake lac mount mont river cape cap gulf golfe port province region state island
    islands île îles san santa saint st st. new north south east west upper lower greater
    central grand""".split()
)


def _people_before_their_country(
    text: str, cands: list[Candidate], ctx: ArticleContext
) -> None:
    """A full name the model called a place or a thing, followed by a country in
    brackets ("Monica Seles (U.S.)"), is a person; organisations keep their type."""
    by_span = {(c.start, c.end): c for c in cands}
    for m in NAME_COUNTRY.finditer(text):
        cand = by_span.get(m.span(1))
        if cand is None or cand.label not in ("place", "other"):
            continue
        if not (ctx.gazetteer.place_key(m.group(2)) or "").startswith("country:"):
            continue
        words = [fold(w) for w in m.group(1).split()]
        if ctx.gazetteer.place_key(m.group(1)) or _known_org(m.group(1)):
            continue
        if words[0] in GEO_HEADS or any(w in NOT_FIRST_NAMES for w in words):
            continue
        cand.label = cand.cue = "person"


KNOWN_ACRONYM_PATTERN = re.compile(
    rf"(?<![\w-])(?:{'|'.join(re.escape(form) for form in _KNOWN_FORMS)})(?![\w-])"
)
ORG_COMPLEMENT = re.compile(r"\s+(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+|de\s+|d['’])")
NOUN_AFTER = re.compile(r"(?:de\s+|d['’])([a-zàâçéèêëîïôûùüÿñœ]+)(?![\w'’-])")


def _merge_org_complements(
    text: str, cands: list[Candidate], ctx: ArticleContext
) -> list[Candidate]:
    """ "Institut Pasteur" + "de Lille" and "Banque européenne" + "d'investissement".

    An organisation named by its head word keeps the place or the noun that completes it.
    """
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        cand = cands[i]
        name = text[cand.start : cand.end]
        words = fold(name).split()
        if cand.label == "organisation" and words and words[0] in ORG_HEADS:
            link = ORG_COMPLEMENT.match(text, cand.end)
            nxt = cands[i + 1] if i + 1 < len(cands) else None
            if link and nxt and nxt.start == link.end() and nxt.label == "place":
                cand.end = nxt.end
                i += 1
            else:
                noun = NOUN_AFTER.match(text, cand.end + 1)
                word = noun.group(1) if noun and text[cand.end] == " " else ""
                if noun and word in ctx.nouns and word not in ctx.verbs and len(word) > 3:
                    cand.end = noun.end()
        out.append(cand)
        i += 1
    return out


NEXT_CAPITALISED = re.compile(r" [A-ZÀ-Ý]")
PREVIOUS_CAPITALISED = re.compile(r"[A-ZÀ-Ý][\w-]* $")


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """ "Jordan Ellis", "Paris Saint-Germain", "Niger Delta": a place name that runs on
    into other capitalised words is part of a longer name the model did not tag."""
    if NEXT_CAPITALISED.match(text, end):
        return True
    previous = PREVIOUS_CAPITALISED.search(text, max(0, start - 30), start)
    return previous is not None and not sentence_initial(text, previous.start())


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
    elif cand.cue:
        cand.label = cand.cue
    elif gaz.place_key(name):
        cand.label = "place"
    elif _known_org(name) or (
        len(words) > 1 and (words[0] in ORG_HEADS or words[-1] in ORG_HEADS | ORG_TAILS)
    ):
        cand.label = "organisation"


def _known_org(name: str) -> bool:
    return name in KNOWN_ORG_ACRONYMS or fold(name) in KNOWN_ORG_NAMES


def _propagate(text: str, cands: list[Candidate], ctx: ArticleContext) -> list[Candidate]:
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
        if owner.label == "person" and " " not in form:
            start = _first_name_start(text, start, taken, ctx)
        added.append(Candidate(start, end, owner.label, voted=False, group=owner.group))
    return sorted(cands + added, key=lambda c: c.start)


FIRST_NAME_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][^\W\d_A-Z]+(?:-[A-Z][^\W\d_A-Z]+)?) $")
NOT_FIRST_NAMES = TITLES | JOB_TITLES | MINISTER_WORDS | NEVER_ALONE | WEEKDAYS | MONTHS


def _first_name_start(
    text: str, start: int, taken: list[tuple[int, int]], ctx: ArticleContext
) -> int:
    """ "Andrey" + "Belousov": a surname found again keeps the first name the model missed.

    Not a title, a job, a weekday or month, a stop word, a place or a nationality.
    """
    found = FIRST_NAME_BEFORE.search(text, max(0, start - 40), start)
    if found is None or _overlaps(taken, found.start(), start):
        return start
    word = found.group(1)
    folded = fold(word)
    if (
        folded in NOT_FIRST_NAMES
        or word.lower() in ctx.stop_words
        or ctx.gazetteer.place_key(word)
        or ctx.gazetteer.is_demonym(word)
    ):
        return start
    return found.start()


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(taken, (end, end))
    return any(s < end and start < e for s, e in taken[max(0, i - 3) : i])


def _finalise(
    text: str,
    cands: list[Candidate],
    ctx: ArticleContext,
    acronym_groups: set[int],
    short_names: set[str],
) -> list[Mention]:
    groups: dict[int, list[Candidate]] = {}
    for cand in cands:
        groups.setdefault(cand.group, []).append(cand)
    labels: dict[int, EntityType] = {}
    canonicals: dict[int, str] = {}
    for gid, members in groups.items():
        is_short = short_names.__contains__ if gid in acronym_groups else None
        labels[gid] = _vote(text, members, ctx.gazetteer, is_short)
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


def _vote(
    text: str, members: list[Candidate], gaz: Gazetteer, is_short: Callable[[str], bool] | None
) -> EntityType:
    """Majority of the model's labels; gazetteer then acronym rule break ties.

    ``is_short`` is set for groups with an acronym or bracketed short form, whose type
    the long form decides: the model often calls a bare acronym MISC.
    """
    acronym = is_short is not None
    names = [text[c.start : c.end] for c in members]
    is_place = any(gaz.place_key(n) for n in names)
    pairs = list(zip(members, names, strict=True))
    has_full_person = any(c.label == "person" and " " in n for c, n in pairs)
    cued = any(c.cue for c in members)
    if any(_known_org(n) for n in names):
        return "organisation"
    if is_place and not has_full_person and not cued and not any(c.titled for c in members):
        return "place"
    voters = [c for c, n in zip(members, names, strict=True) if c.voted]
    if is_short is not None and any(not is_short(n) for n in names):
        voters = [c for c, n in zip(members, names, strict=True) if c.voted and not is_short(n)]
    votes: Counter[EntityType] = Counter()
    for c in voters:
        votes[c.label] += CUE_WEIGHT if (c.cue or c.titled) else 1
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

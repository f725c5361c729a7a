"""Which spans of one article name the same thing: acronyms, surnames, spellings.

Spans are grouped with a small union-find; the group then gets one type and one
canonical name (see ``rules.py``). Linking is per article on purpose: "Diallo" means
"Fatoumata Diallo" only in the article that introduced her.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from index.entities.gazetteer import Gazetteer, fold
from index.entities.spans import Candidate

ACRONYM = re.compile(r"^[A-ZÀ-Ý](?:[A-ZÀ-Ý0-9&\-.]){1,9}$")
PARTICLES = frozenset("van von de da di du del della le la al el ben ibn bin dos das der".split())
FUNCTION_WORDS = frozenset(
    "de des du d l la le les of the and et for pour à a au aux en in on".split()
)
PAREN_AFTER = re.compile(r"\s*\(\s*([^()\n]{2,120}?)\s*\)")


class UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def is_short_form(name: str) -> bool:
    """An acronym, or one capitalised word without spaces (Cirdi, Somaïr) given in brackets."""
    return is_acronym(name) or (" " not in name and name[:1].isupper() and len(name) <= 12)


def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(ACRONYM.match(name)) and len(letters) >= 2 and all(c.isupper() for c in letters)


def initials_match(acronym: str, long_form: str) -> bool:
    """AES ~ Alliance des États du Sahel, ECOWAS ~ Economic Community of West African States.

    Every content word gives its initial in order; function words may or may not, and one
    content word may be skipped (acronyms are loose: CEDEAO).
    """
    letters = fold("".join(c for c in acronym if c.isalpha()))
    words = [w for w in re.split(r"[\s\-'’]+", fold(long_form)) if w]
    if len(words) < 2 or len(letters) < 2:
        return False
    return _match(letters, tuple(words), 0, 0, 1)


@lru_cache(maxsize=4096)
def _match(letters: str, words: tuple[str, ...], i: int, j: int, skips: int) -> bool:
    if i == len(letters):
        return all(w in FUNCTION_WORDS for w in words[j:]) or (
            skips > 0 and sum(w not in FUNCTION_WORDS for w in words[j:]) <= skips
        )
    if j == len(words):
        return False
    word = words[j]
    if word[0] == letters[i] and _match(letters, words, i + 1, j + 1, skips):
        return True
    if word in FUNCTION_WORDS:
        return _match(letters, words, i, j + 1, skips)
    return skips > 0 and j > 0 and _match(letters, words, i, j + 1, skips - 1)


GAP_BEFORE_PAREN = re.compile(r"(?:\s+[a-zàâçéèêëîïôûùüÿñœ'’\-]+){1,4}(?=\s*\()")


def add_parenthesised_acronyms(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Make a span of "AES" in "Alliance des États du Sahel (AES)" when the model missed it.

    A long form the model cut short before lower-case words ("Groupe de soutien à l'islam"
    + " et aux musulmans (JNIM)") is grown up to the bracket.
    """
    starts = {c.start for c in cands}
    added = []
    for cand in cands:
        gap = GAP_BEFORE_PAREN.match(text, cand.end)
        if gap and " " in text[cand.start : cand.end]:
            after = PAREN_AFTER.match(text, gap.end())
            if after and is_short_form(after.group(1)):
                cand.end = gap.end()
        paren = PAREN_AFTER.match(text, cand.end)
        if paren and paren.start(1) not in starts and is_acronym(paren.group(1)):
            added.append(Candidate(paren.start(1), paren.end(1), cand.label))
    return cands + added


def link_acronyms(
    text: str, cands: Sequence[Candidate], uf: UnionFind, gaz: Gazetteer | None = None
) -> set[int]:
    """Union acronyms with their long forms; returns the candidates that are short forms."""
    names = [text[c.start : c.end] for c in cands]
    acronyms = {i for i, n in enumerate(names) if is_acronym(n)}
    short_forms = set(acronyms)
    by_start = {c.start: i for i, c in enumerate(cands)}
    for i, cand in enumerate(cands):
        paren = PAREN_AFTER.match(text, cand.end)
        j = by_start.get(paren.start(1)) if paren else None
        # "Alliance des États du Sahel (AES)" or "CEDEAO (Communauté économique ...)"
        if j is None or paren is None or cands[j].end != paren.end(1):
            continue
        if cand.label == "person" and " " in names[i]:
            continue  # "Isaac Viciosa (Spain)", "Jean Dupont (PS)": a country or party
        if gaz is not None and _country_of_another(gaz, names[j], names[i]):
            continue  # "Monica Seles (U.S.)": the name's country, not its short form
        if (i in acronyms) != (j in acronyms) or (" " in names[i] and is_short_form(names[j])):
            uf.union(i, j)
            short_forms.add(j if " " in names[i] else i)
    first: dict[str, int] = {}
    for i, name in enumerate(names):
        first.setdefault(name, i)
    acronym_names = {names[i] for i in acronyms}
    long_names = [n for n in first if n not in acronym_names and " " in n]
    for acronym in acronym_names:
        for long_name in long_names:
            if fold(long_name[0]) == fold(acronym[0]) and initials_match(acronym, long_name):
                uf.union(first[acronym], first[long_name])
    return short_forms


def _country_of_another(gaz: Gazetteer, short: str, long_form: str) -> bool:
    key = gaz.place_key(short)
    return key is not None and key != gaz.place_key(long_form)


def surname_forms(full_name: str) -> list[str]:
    """The short forms a full name may take: "van Dijk" and "Dijk"."""
    words = full_name.split()
    if len(words) < 2:
        return []
    forms = [words[-1]]
    if len(words) >= 3 and words[-2].lower() in PARTICLES:
        particle = " ".join(words[-2:])
        forms += [particle, particle[0].upper() + particle[1:]]
    elif len(words) == 3 and not any(w.lower() in PARTICLES for w in words):
        # Two surnames (Spanish, Portuguese): "Ana Pastor García" is also "Ana Pastor"
        # and "Pastor".
        forms += [" ".join(words[:2]), words[1]]
    return [f for f in forms if (len(f) >= 3 and f[0].isupper()) or " " in f]


def link_surnames(text: str, cands: Sequence[Candidate], uf: UnionFind) -> None:
    """Join "Belousov" to the nearest "Andrey Belousov" of the same article."""
    full: dict[str, list[int]] = {}
    for i, cand in enumerate(cands):
        name = text[cand.start : cand.end]
        if cand.label == "person" and cand.voted and len(name.split()) >= 2:
            for form in surname_forms(name):
                full.setdefault(form, []).append(i)
    starts = {form: [cands[o].start for o in owners] for form, owners in full.items()}
    for i, cand in enumerate(cands):
        form = text[cand.start : cand.end]
        if form in full:
            uf.union(i, nearest(full[form], starts[form], cand.start))


def nearest(owners: Sequence[int], starts: Sequence[int], pos: int) -> int:
    """The owner mentioned last before ``pos``, else the first one after it.

    ``owners`` are in text order and ``starts`` holds their start offsets.
    """
    i = bisect.bisect_right(starts, pos)
    return owners[i - 1] if i > 0 else owners[0]


def link_same_names(
    text: str, cands: Sequence[Candidate], uf: UnionFind, gaz: Gazetteer
) -> None:
    """Same spelling, or two spellings of one gazetteer place (US, États-Unis)."""
    seen: dict[str, int] = {}
    for i, cand in enumerate(cands):
        name = text[cand.start : cand.end]
        place = gaz.place_key(name)
        for key in (f"name:{fold(name)}", f"place:{place}" if place else ""):
            if key:
                if key in seen:
                    uf.union(i, seen[key])
                else:
                    seen[key] = i

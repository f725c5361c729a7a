"""Cutting one model span into several names, and growing English names.

The French model, above all on English text, runs past a name's end ("ECOWAS will not",
"Mali and Niger", "European Space Agency's Juice") or stops short ("Space Center" for
"Kennedy Space Center"). English names are runs of capitalised words joined by a few
particles (Bank of England), which is what these rules restore.
"""

from __future__ import annotations

import re

from index.entities.context import ArticleContext
from index.entities.gazetteer import Gazetteer, fold
from index.entities.lexicon import EN_NAME_PARTICLES, MONTHS, WEEKDAYS
from index.entities.lexicon import ORG_HEADS as ORG_HEAD_WORDS
from index.entities.spans import Candidate, sentence_initial
from index.entities.spans import words as _words

CAP_WORD_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][\w&-]*) $")
CAP_WORD_AFTER = re.compile(r" ([A-Z][\w&-]*)(?![\w'’-])")
DATE_WORDS = MONTHS | WEEKDAYS
POSSESSIVE = re.compile(r"(?<=\w)['’]s\s+")
# "X and the Y", "Blair and Mr Brown", "Blair and I": two names (or a name and a pronoun).
AND_THE = re.compile(
    r"\s(?:and|et)\s+(?:the|la|le|les|l['’]|Mr|Mrs|Ms|Dr|Sir|M\.|Mme|I\b)\.?\s*"
)


def extend_capitalised(text: str, cand: Candidate, ctx: ArticleContext) -> None:
    """English names are runs of capitalised words: grow "Space Center" to "Kennedy Space
    Center" and "Alliance of Sahel" to "Alliance of Sahel States" (the French model stops
    short on English text)."""
    for _ in range(3):
        before = CAP_WORD_BEFORE.search(text, max(0, cand.start - 40), cand.start)
        if not before or sentence_initial(text, before.start(1)):
            break
        if before.group(1).lower() in ctx.stop_words:
            break
        cand.start = before.start(1)
    for _ in range(3):
        after = CAP_WORD_AFTER.match(text, cand.end)
        if not after or after.group(1).lower() in {*ctx.stop_words, *DATE_WORDS}:
            break
        cand.end = after.end(1)


def split(text: str, cand: Candidate, ctx: ArticleContext) -> list[Candidate]:
    """Cut "Mali and Niger" in two; in English also "ECOWAS will not" at the lower-case word.

    English names keep only capitalised words and a few particles (Bank of England), so a
    French model that runs past a name's end on English text is repaired here.
    """
    words = _words(text, cand.start, cand.end)
    if len(words) < 2 or ctx.gazetteer.place_key(text[cand.start : cand.end]):
        return [cand]
    place_prefix = _place_prefix(text, words, cand, ctx.gazetteer)
    if place_prefix:
        return place_prefix
    org_head = bool({fold(text[s:e]) for s, e in words} & ORG_HEAD_WORDS)
    has_head = org_head or not _place_on_a_side(text, words, ctx.gazetteer)
    english = ctx.lang == "en"
    cut_lower = english and ctx.low_confidence  # an English model ends its names right
    breaks = {m.start() for m in POSSESSIVE.finditer(text, cand.start, cand.end)}
    # "X and the Y" is two names whatever they are ("Labour and the Conservatives"); so
    # are two full names ("Tony Blair and Gordon Brown", "Assimi Goïta et Ibrahim
    # Traoré") and a list ("Mali, Burkina Faso and Niger"), unless an organisation's head
    # word holds them together ("Bill and Melinda Gates Foundation").
    listed = not org_head and (_is_list(text, words) or _full_names_both_sides(text, words,
                                                                                 cand))
    and_splits = not has_head or listed or bool(AND_THE.search(text, cand.start, cand.end))
    pieces: list[list[tuple[int, int]]] = [[]]
    possessors: set[int] = set()
    for ws, we in words:
        word = text[ws:we]
        low = word.lower()
        if listed and pieces[-1] and text[pieces[-1][-1][1] - 1] == ",":
            pieces.append([])  # "Mali, Burkina Faso": the comma ended the name before
        if (low in {"and", "et"} and and_splits) or (
            cut_lower and word[0].islower() and low not in EN_NAME_PARTICLES
        ):
            pieces.append([])
        elif any(ws <= b < we for b in breaks) and low.endswith(("'s", "’s")):
            pieces[-1].append((ws, we - 2))
            possessors.add(ws)
            pieces.append([])
        else:
            pieces[-1].append((ws, we))
        if english:
            pieces[-1] = _without_trailing_particles(text, pieces[-1])
    pieces = [p for p in pieces if p]
    if len(pieces) == 1 and len(pieces[0]) == len(words):
        return [cand]
    return [
        Candidate(p[0][0], p[-1][1], cand.label, cand.voted and p[-1][0] not in possessors)
        for p in pieces
    ]


def _without_trailing_particles(text: str, piece: list[tuple[int, int]]) -> list[tuple[int, int]]:
    while piece and text[piece[-1][0] : piece[-1][1]][0].islower():
        piece = piece[:-1]
    return piece


def _and_position(text: str, words: list[tuple[int, int]]) -> int:
    for i, (ws, we) in enumerate(words):
        if text[ws:we].lower() in {"and", "et"} and 0 < i < len(words) - 1:
            return i
    return -1


def _is_list(text: str, words: list[tuple[int, int]]) -> bool:
    """ "Mali, Burkina Faso and Niger", "Spain, and Nadal": commas before the last "and"."""
    i = _and_position(text, words)
    return i > 0 and "," in text[words[0][0]:words[i][0]]


def _full_names_both_sides(text: str, words: list[tuple[int, int]], cand: Candidate) -> bool:
    """Two people: a span typed person with capitalised names on both sides of "and"
    (a person's name never holds "and"; "Armed Conflict Location and Event Data" is one
    organisation, which the model does not type person)."""
    i = _and_position(text, words)
    if i < 0:
        return False
    left = _capitalised_run(text, list(reversed(words[:i])))
    right = _capitalised_run(text, words[i + 1:])
    if not left or not right:
        return False
    return cand.label == "person"


def _capitalised_run(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The capitalised words next to "and", up to the first lower-case one."""
    run = []
    for ws, we in words:
        if not text[ws].isupper():
            break
        run.append((ws, we))
    return run


def _place_on_a_side(text: str, words: list[tuple[int, int]], gaz: Gazetteer) -> bool:
    """ "Mali and Niger" splits; "Airbus Defence and Space" does not."""
    for i, (ws, we) in enumerate(words):
        if text[ws:we].lower() in {"and", "et"} and 0 < i < len(words) - 1:
            left = text[words[0][0] : words[i - 1][1]]
            right = text[words[i + 1][0] : words[-1][1]]
            return bool(gaz.place_key(left) or gaz.place_key(right))
    return False


def _place_prefix(
    text: str, words: list[tuple[int, int]], cand: Candidate, gaz: Gazetteer
) -> list[Candidate]:
    """ "à Dakar Aminata Ndiaye": the model glued a place to the person named after it."""
    if cand.label != "person":
        return []
    for n in (1, 2, 3):
        if len(words) - n >= 2 and gaz.place_key(text[words[0][0] : words[n - 1][1]]):
            return [
                Candidate(words[0][0], words[n - 1][1], "place"),
                Candidate(words[n][0], cand.end, "person", cand.voted, cand.titled),
            ]
    return []

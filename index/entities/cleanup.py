"""Cleaning of one candidate span: trimming its edges and dropping what is not a name.

The statistical model leaves noise at span edges (determiners, titles, a trailing
weekday, quotes) and tags some non-names (pronouns, "États", quoted exclamations).
Fixing each span on its own, before the article-level rules, keeps those rules simple:
they only ever see clean names.
"""

from __future__ import annotations

import re

from index.entities.context import ArticleContext
from index.entities.cues import quoted_work
from index.entities.gazetteer import Gazetteer, fold
from index.entities.lexicon import (
    DETERMINERS,
    JOB_TITLES,
    MINISTER_WORDS,
    MONTHS,
    NEVER_ALONE,
    ORG_HEADS,
    ORG_LOWER_HEADS,
    ORG_TAILS,
    PRONOUNS,
    TIME_WORDS,
    TITLES,
    WEEKDAYS,
)
from index.entities.linking import PARTICLES
from index.entities.spans import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    Candidate,
    sentence_initial,
)
from index.entities.spans import words as _words
from index.entities.splitting import extend_capitalised, split

EDGE_PUNCT = set("«»“”\"'‘’()[]{},;:.!?–—-/…*•|")
ELISION = re.compile(r"(?:l|d|qu|jusqu|lorsqu|puisqu)['’](?=\w)", re.IGNORECASE)
ABBREV_END = re.compile(r"(?:^|[\s.])[A-Za-z]\.$")
NUMBER = re.compile(r"^\d+(?:er|e|ème|st|nd|rd|th)?[.,]?$")
MINISTRY_BEFORE = re.compile(
    r"\bminist[èe]res?(?:\s+[a-zàâçéèêëîïôûùüÿñ\-]+)?\s+(?:de\s+la|de\s+l['’]|des|du|de)\s*$"
)
MINISTER_BEFORE = re.compile(
    r"\b(?:ministres?|commissaires?|secrétaires? d['’]état)(?:\s+[a-zàâçéèêëîïôûùüÿñ\-]+)?"
    r"\s+(?:de\s+la|de\s+l['’]|des|du|de|aux|à\s+la|chargée?\s+de\s+la|chargée?\s+des)\s*$",
)
CONTENT_MIN = 4
COMPASS = frozenset("west east north south central northern southern eastern western".split())
COMPOUND_SUFFIXES = ("-based", "-born", "-led", "-backed", "-owned", "-funded", "-style")
# Never the last word of a name ("Abuja on" once "Sunday" is cut off).
TRAILING_JUNK = DETERMINERS | {"et", "and", "on", "for", "in", "at", "to", "by", "with"}


def _strip_punct(text: str, start: int, end: int, english: bool = False) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in EDGE_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in EDGE_PUNCT):
        last = text[end - 1]
        if last == "." and ABBREV_END.search(text[start:end]):
            break
        if last == ")" and "(" in text[start : end - 1]:
            break
        end -= 1
    if english and text[start:end].endswith(("'s", "’s")):
        end -= 2
    return start, end


def _strip_leading(text: str, cand: Candidate, gaz: Gazetteer) -> bool:
    """Drop one leading determiner/title/lower-case word; False when nothing changed."""
    words = _words(text, cand.start, cand.end)
    if not words:
        return False
    ws, we = words[0]
    word = text[ws:we].lower().replace("’", "'")
    elision = ELISION.match(text, ws, we)
    if elision:
        cand.start = elision.end()
        return True
    if len(words) < 2:
        return False
    if text[ws].isupper() and gaz.has_name(text[cand.start : cand.end]):
        return False  # "The Hague", "Le Caire": the article is part of the name
    if not any(c.isalpha() for c in word):
        pass  # "09-16 La Commission": a date fragment glued in front
    elif word in TITLES:
        cand.titled = True
    elif cand.label == "person" and word in PARTICLES and text[words[1][0]].isupper():
        return False  # "de Gaulle", "van Luyten"
    elif word in DETERMINERS:
        if text[ws].isupper() and not sentence_initial(text, ws):
            return False  # "selon Le Monde", "à La Haye": part of the name
    elif text[ws].islower():
        if word in ORG_LOWER_HEADS:
            cand.label = "organisation"
            return False
        if word in MINISTER_WORDS:
            cand.start = cand.end  # a job title, not a name
            return False
    else:
        return False
    cand.start = words[1][0]
    return True


def _strip_trailing_dates(text: str, cand: Candidate) -> None:
    """Cut "... de la Défense jeudi 3 mars" back to "... de la Défense"."""
    words = _words(text, cand.start, cand.end)
    cut = len(words)
    seen_word = False
    for i in range(len(words) - 1, 0, -1):
        w = text[words[i][0] : words[i][1]].lower().strip(",.;")
        if w in WEEKDAYS or w in MONTHS or w in TIME_WORDS:
            seen_word = True
        elif not NUMBER.match(w):
            break
        cut = i
    if seen_word and cut < len(words):
        cand.end = words[cut - 1][1]
    words = _words(text, cand.start, cand.end)
    while len(words) > 1 and text[words[-1][0] : words[-1][1]].lower() in TRAILING_JUNK:
        cand.end = words[-2][1]
        words.pop()


def _attach_ministry(text: str, cand: Candidate) -> bool:
    """Grow "Défense" in "ministère russe de la Défense" to the ministry; drop ministers'."""
    before = text[max(0, cand.start - 60) : cand.start]
    if MINISTER_BEFORE.search(before):
        return False
    match = MINISTRY_BEFORE.search(before)
    if match:
        cand.start -= len(before) - match.start()
        cand.label = "organisation"
    return True


def _is_noise(text: str, cand: Candidate, gaz: Gazetteer, english: bool = False) -> bool:
    """Pronouns, lone "États", weekdays, demonyms, quoted exclamations."""
    span = text[cand.start : cand.end]
    if len(span) < 2 or not any(c.isupper() for c in span) or "\n" in span:
        return True
    if "!" in span or "?" in span:
        return True
    folded = fold(span)
    words = folded.split()
    if folded in PRONOUNS or (len(words) == 1 and folded in NEVER_ALONE):
        return True
    if len(words) == 1 and folded.rstrip(".") in {t.rstrip(".") for t in TITLES}:
        return True  # "Mr", "Mme" left alone when the model cut the name off
    if len(words) == 1 and (folded in WEEKDAYS or folded in MONTHS or folded in TIME_WORDS):
        return True
    if gaz.place_key(span) is None and all(
        gaz.is_demonym(w) or w in COMPASS for w in words
    ) and not all(w in COMPASS for w in words):
        return True  # "russe", "West African": nationality words, not places
    if span.endswith(COMPOUND_SUFFIXES):
        return True  # "London-based", "Kremlin-backed": adjectives
    if english and cand.label != "person" and words[-1] in JOB_TITLES and not (
            set(words) & ORG_HEADS):
        return True  # "Russian Defence Minister": a title (its holder is named next)

    if cand.label == "other":
        before = text[max(0, cand.start - 2) : cand.start].strip()
        after = text[cand.end : cand.end + 2].strip()
        quoted = before[-1:] in OPEN_QUOTES and after[:1] in CLOSE_QUOTES
        if quoted and len(words) > 2 and not quoted_work(text, cand.start, cand.end):
            return True  # a quoted heading or exclamation, not the title of a work
        lower = [w for w in span.split() if w[0].islower() and len(w) > 3]
        if len(lower) >= CONTENT_MIN:
            return True
    return len(span.replace(".", "")) < 2


def _strip_job_title(text: str, cand: Candidate, gaz: Gazetteer) -> bool:
    """ "Président Macron" -> "Macron"; False for a bare description ("Premier ministre
    estonien", "États côtiers"). Capitalised titles of organisations stay (General Motors).
    """
    words = _words(text, cand.start, cand.end)
    names = [text[s:e] for s, e in words]
    if len(words) < 2 or gaz.place_key(text[cand.start : cand.end]):
        return True
    lowered = [n.lower() for n in names]
    i = 0
    while i < len(names) and lowered[i] in JOB_TITLES:
        i += 1
    if i == 0 and fold(names[0]) in NEVER_ALONE:
        if names[1][0].isupper():
            return True  # "State Department", "République centrafricaine" is in the gazetteer
        i = 1  # "États côtiers" (dropped below), "États de Sokoto" (-> "Sokoto")
    elif i == 0 or (cand.label != "person" and names[i:] and names[i][0].isupper()):
        return True
    while i < len(names) and lowered[i] in DETERMINERS:
        i += 1
    if i >= len(names) or not names[i][0].isupper():
        return False
    cand.titled = cand.titled or cand.label == "person"
    cand.start = words[i][0]
    return True


def _strip_english_title(text: str, cand: Candidate) -> None:
    """ "Prime Minister Keir Starmer", "Defence Minister Andrey Belousov": a capitalised
    title before a full name; the name is the person (General Motors, one word after its
    title, and Bank of England Governor, a title last, stay as they are)."""
    words = _words(text, cand.start, cand.end)
    titles = [i for i, (s, e) in enumerate(words) if fold(text[s:e]) in JOB_TITLES]
    if not titles:
        return
    rest = words[titles[-1] + 1:]
    names = [text[s:e] for s, e in rest]
    if len(rest) < 2 or not all(n[0].isupper() for n in names):
        return
    if {fold(n) for n in names} & (ORG_HEADS | ORG_TAILS):
        return
    cand.start, cand.label, cand.titled = rest[0][0], "person", True


def _strip_trailing_verb(text: str, cand: Candidate, ctx: ArticleContext) -> None:
    """ "Commission européenne de présenter" -> "Commission européenne"."""
    words = _words(text, cand.start, cand.end)
    if len(words) < 3:
        return
    last = text[words[-1][0] : words[-1][1]]
    prep = text[words[-2][0] : words[-2][1]].lower()
    if last[0].islower() and prep in {"de", "à", "pour"} and ctx.is_infinitive(last):
        cand.end = words[-3][1]


def _strip_initial_common_word(text: str, cand: Candidate, ctx: ArticleContext) -> None:
    """ "Chars Leclerc" opening a sentence: the common noun is no part of the name."""
    words = _words(text, cand.start, cand.end)
    if len(words) < 2 or not sentence_initial(text, cand.start):
        return
    first = text[words[0][0] : words[0][1]]
    second = text[words[1][0] : words[1][1]]
    if not second[0].isupper() or ctx.gazetteer.place_key(text[cand.start : cand.end]):
        return
    lower = first.lower()
    # Only plural/inflected forms (Chars, Réunis): a lemma may be a first name (Pierre, Marie).
    if lower in ctx.stop_words or (lower in ctx.inflected_forms and lower.endswith(("s", "x"))):
        cand.start = words[1][0]


def clean(text: str, cand: Candidate, ctx: ArticleContext) -> list[Candidate]:
    """The clean names in ``cand``: none, itself trimmed, or several when it had to be split."""
    out = []
    gaz = ctx.gazetteer
    cand.start, cand.end = _strip_punct(text, cand.start, cand.end, ctx.lang == "en")
    if ctx.lang == "en" and ctx.low_confidence and cand.start < cand.end:
        extend_capitalised(text, cand, ctx)  # only to repair the French model on English
    for part in split(text, cand, ctx) if cand.start < cand.end else []:
        if _clean_one(text, part, ctx):
            out.append(part)
    return [c for c in out if not _is_noise(text, c, gaz, ctx.lang == "en")]


def _clean_one(text: str, cand: Candidate, ctx: ArticleContext) -> bool:
    gaz = ctx.gazetteer
    english = ctx.lang == "en"
    cand.start, cand.end = _strip_punct(text, cand.start, cand.end, english)
    for _ in range(6):
        if cand.start >= cand.end or not _strip_leading(text, cand, gaz):
            break
        cand.start, cand.end = _strip_punct(text, cand.start, cand.end, english)
    if cand.start >= cand.end or not _strip_job_title(text, cand, gaz):
        return False
    if english:
        _strip_english_title(text, cand)
    _strip_trailing_dates(text, cand)
    _strip_trailing_verb(text, cand, ctx)
    _strip_initial_common_word(text, cand, ctx)
    cand.start, cand.end = _strip_punct(text, cand.start, cand.end, english)
    return cand.start < cand.end and _attach_ministry(text, cand)

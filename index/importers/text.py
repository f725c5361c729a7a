"""Plain text articles, including the team's seed format.

Seed format: the first line starts (after optional white space and BOM) with
``date YYYY-MM-DD `` followed by the first paragraph; one paragraph per line; no title
line, so the title is the first sentence. Without the prefix, a short title-like first
line becomes the title, otherwise the first sentence does.

A ``.txt`` file that really holds an HTML page is not handled here: the registry gives it
to the HTML format, whose sniffer scores the markup higher than our extension match. An
empty or whitespace-only file is *skipped* ("empty file"): it is not an article, but
the import report still names it.
"""

from __future__ import annotations

import datetime as dt
import re

from index.importers.decoding import decode_text, sniff_text
from index.importers.outcome import ImportSkipped
from index.importers.registry import Format
from index.models import ArticleDraft

TITLE_MAX = 120
_SEED = re.compile(r"\A[ \t\n]*date[ \t]+(\d{4})-(\d{1,2})-(\d{1,2})(?=[ \t\n]|\Z)[ \t]*", re.I)
_SPACES = re.compile(r"[ \t]+")
# Sentence end: terminal punctuation (with closing quotes/brackets) followed by a space
# and something that can start a sentence.
_SENTENCE_END = re.compile(
    r"([.!?…]+)((?:[ \u00a0\u202f]*[»\"”’)\]])*)(?=\s+[«\"“(\[]?\s*[A-ZÀ-ÖØ-Þ0-9])"
)
# Words that end with a full stop without ending the sentence ("M. Dupont", "Dr. Okafor").
# Words that are also ordinary sentence-final words ("me", "art", "sept", "col") are left
# out: a title a little too long beats a title cut after "me".
_ABBREVIATIONS = frozenset(
    """m mm mme mmes mlle mlles dr pr mgr st ste sts mr mrs ms jr sr prof gen gén cdt lt sgt
    capt gov sen rep rev hon inc corp ltd cie n° vol pp cf env chap bd fig vs jan feb fév
    apr avr jun jul aug sep oct nov dec déc ave mt approx dept univ assn bros""".split()
)


def parse_date(year: str, month: str, day: str) -> str | None:
    """ISO date, or None when the calendar has no such day (2025-13-45)."""
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def paragraphs(text: str) -> list[str]:
    """Non-blank lines, trimmed, inner runs of spaces/tabs collapsed."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            out.append(_SPACES.sub(" ", line) if "  " in line or "\t" in line else line)
    return out


def _is_abbreviation(before: str) -> bool:
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip('«"“([')
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Dupont", "M. Dupont"
    if "." in word:
        return True  # "U.S", "J.-C", "p.m"
    return word.casefold() in _ABBREVIATIONS


def first_sentence(paragraph: str, limit: int = 600) -> str:
    """The first sentence of a paragraph, not cut inside "M. Dupont" or "U.S."."""
    head = paragraph[:limit]
    for match in _SENTENCE_END.finditer(head):
        punct = match.group(1)
        if punct == "." and _is_abbreviation(head[: match.start(1)]):
            continue
        # keep a closing quote (« Nous partirons. »); drop a bare final full stop
        keep_stop = match.group(2) or punct != "."
        end = match.end() if keep_stop else match.start(1)
        return head[:end].strip()
    return head.strip().rstrip(".").strip() if len(paragraph) <= limit else head


def shorten(title: str, limit: int = TITLE_MAX) -> str:
    """At most ``limit`` characters, cut at a word boundary with an ellipsis."""
    title = _SPACES.sub(" ", title.strip())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—(«\"'") + "…"


_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre|january|february|march|april|may|june|july|august|"
    "september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
)
_PLACE = r"(?:[A-ZÀ-Þ][\w'’.-]*(?:\s+[\w'’.-]+){0,3},?\s+)"
_DATE = (
    rf"(?i:(?:le\s+)?\d{{1,2}}(?:er)?\s+(?:{_MONTHS})(?:\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}},?(?:\s+\d{{4}})?)"
)
_AGENCY = r"\((?:AFP|Reuters|AP|Belga|ATS|dpa|ANSA|EFE|Xinhua|Bloomberg)\)"
_DASH = r"\s*[-–—]{1,2}\s+"
# "22 mai 2012. - ", "PARIS, 3 juin (AFP) - ", "June 3, 2012 -- ", "LONDON (Reuters) - ",
# "BRUXELLES - ": a date, an agency or a place in capitals; never "M. Dupont - ".
_DATELINE = re.compile(
    rf"\A(?:{_PLACE}?{_DATE}\.?(?:\s*{_AGENCY})?|{_PLACE}?{_AGENCY}"
    rf"|[A-ZÀ-Þ]{{2,}}(?:[ -][A-ZÀ-Þ]{{2,}})*,?(?:\s*{_AGENCY})?){_DASH}"
)


def strip_dateline(sentence: str) -> str:
    """The sentence without a leading news dateline, when what is left is still a sentence."""
    match = _DATELINE.match(sentence)
    if match is None or match.end() < 4:
        return sentence
    rest = sentence[match.end() :]
    return rest if len(rest) >= 20 else sentence


def derive_title(text: str) -> str:
    """A title for text that has none: its first sentence (without dateline), shortened."""
    first = next((p for p in text.split("\n", 50) if p.strip()), "")
    first = strip_dateline(first.strip()[:2000])
    return shorten(first_sentence(first))


def _title_like(line: str, rest: list[str]) -> bool:
    if not rest or len(line) > 150 or len(line.split()) > 20:
        return False
    return not line.endswith((".", ",", ";", ":", "…")) and not line[0].islower()


def build_draft(text: str, origin: str, warnings: list[str]) -> ArticleDraft:
    """An article from decoded, normalised text in the seed or plain layout."""
    date: str | None = None
    seed = _SEED.match(text)
    if seed:
        date = parse_date(*seed.groups())
        if date is None:
            warnings.append(f"impossible date {'-'.join(seed.groups())} ignored")
        text = text[seed.end() :]
    paras = paragraphs(text)
    if not paras:
        raise ImportSkipped("empty file")
    if not seed and _title_like(paras[0], paras[1:]):
        title, paras = paras[0], paras[1:]
    else:
        title = derive_title(paras[0])
    return ArticleDraft(
        title=shorten(title),
        text="\n".join(paras),
        date=date,
        origin=origin,
        warnings=tuple(warnings),
    )


def parse_text(data: bytes, origin: str) -> list[ArticleDraft]:
    decoded = decode_text(data)
    return [build_draft(decoded.text, origin, list(decoded.warnings))]


def _sniff(head: bytes, origin: str) -> int:
    return 95 if _SEED.match(sniff_text(head[:256])) else 0


FORMAT = Format(
    name="text",
    extensions=(".txt", ".text"),
    sniff=_sniff,
    parse=parse_text,
    description="plain text and the seed format (date YYYY-MM-DD prefix)",
    fallback=True,
)

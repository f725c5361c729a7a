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
_SENTENCE_END = re.compile(r"([.!?…]+)[»\"”’)\]]*(?=\s+[«\"“(\[]?\s*[A-ZÀ-ÖØ-Þ0-9])")
_ABBREVIATIONS = frozenset(
    """m mm mme mmes mlle mlles dr pr me mgr st ste sts mr mrs ms jr sr prof gen gén col cdt
    lt sgt capt gov sen rep rev hon inc corp ltd co cie no n° vol p pp cf env art ch chap
    av bd fig ed éd etc. vs jan feb fév mar apr avr jun jul aug sept sep oct nov dec déc
    ave mt ft approx dept univ assn bros""".split()
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
            out.append(_SPACES.sub(" ", line))
    return out


def _is_abbreviation(before: str) -> bool:
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("«\"“([")
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
        end = match.end(1) if punct != "." else match.start(1)
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


def derive_title(text: str) -> str:
    """A title for text that has none: its first sentence, shortened."""
    first = next((p for p in text.split("\n", 50) if p.strip()), "")
    return shorten(first_sentence(first.strip()[:2000]))


def _title_like(line: str, rest: list[str]) -> bool:
    if not rest or len(line) > 150 or len(line.split()) > 20:
        return False
    return not line.endswith((".", ",", ";", ":", "…")) or line.endswith("...")  and False


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
    return 95 if _SEED.match(sniff_text(head)) else 0


FORMAT = Format(
    name="text",
    extensions=(".txt", ".text"),
    sniff=_sniff,
    parse=parse_text,
    description="plain text and the seed format (date YYYY-MM-DD prefix)",
    fallback=True,
)

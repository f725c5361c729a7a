"""Spans under repair: the candidate record and the small text helpers all rules share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.models import EntityType

OPEN_QUOTES = set("«“\"‘")
CLOSE_QUOTES = set("»”\"’")
SENTENCE_END = set(".!?…:")
WORD = re.compile(r"\S+")


@dataclass(slots=True)
class Candidate:
    """A span being cleaned and merged; ``voted`` is False for spans the rules added."""

    start: int
    end: int
    label: EntityType
    voted: bool = True
    titled: bool = False
    group: int = -1
    cue: EntityType | None = None


def sentence_initial(text: str, pos: int) -> bool:
    """True when ``pos`` opens a paragraph or follows sentence punctuation (quotes skipped)."""
    i = pos - 1
    while i >= 0 and (text[i] in " \t\u00a0" or text[i] in OPEN_QUOTES or text[i] in "—–-"):
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in SENTENCE_END


def words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in WORD.finditer(text[start:end])]

"""What one version of a story adds to or drops from the earliest, sentence by sentence.

A reader comparing wire updates wants whole sentences ("adds: the death toll rose to
12"), not a character diff: the texts are split into sentences and matched with
``difflib`` on their folded form, so a changed accent or spacing is not a change.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from dataclasses import dataclass

from index.stories import fold, story_of

_SENTENCE = re.compile(r"(?<=[.!?…»\"”])\s+|\n+")
MAX_VERSIONS_LISTED = 50  # a story with more lists its first fifty (oldest first)


@dataclass(frozen=True, slots=True)
class VersionRow:
    article_id: int
    title: str
    date: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class StoryComparison:
    """An article's story: its versions (oldest first) and, against the earliest, the
    sentences this one adds and those it drops. ``earliest`` is the article itself when
    it is the earliest (nothing to compare)."""

    story: int
    versions: tuple[VersionRow, ...]
    outlets: int
    earliest: VersionRow
    added: tuple[str, ...]
    dropped: tuple[str, ...]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def sentence_changes(earliest: str, version: str) -> tuple[list[str], list[str]]:
    """Sentences of ``version`` not in ``earliest`` (added), and the reverse (dropped)."""
    old, new = sentences(earliest), sentences(version)
    matcher = difflib.SequenceMatcher(
        None, [_same(s) for s in old], [_same(s) for s in new], autojunk=False)
    added: list[str] = []
    dropped: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            dropped.extend(old[i1:i2])
        if op in ("replace", "insert"):
            added.extend(new[j1:j2])
    return added, dropped


def compare(conn: sqlite3.Connection, article_id: int) -> StoryComparison | None:
    """None when the article is alone in its story (or not grouped yet)."""
    info = story_of(conn, article_id)
    if info is None or len(info.versions) < 2:
        return None
    listed = info.versions[:MAX_VERSIONS_LISTED]
    if article_id not in listed:
        listed = (*listed[:-1], article_id)
    marks = ",".join("?" * len(listed))
    rows = {int(r[0]): VersionRow(int(r[0]), str(r[1]), r[2], r[3]) for r in conn.execute(
        f"SELECT id, title, date, source FROM articles WHERE id IN ({marks})", listed)}
    versions = sorted(rows.values(), key=lambda v: (v.date or "9999", v.article_id))
    if article_id not in rows:
        return None
    earliest = versions[0]
    texts = dict(conn.execute(
        "SELECT id, text FROM articles WHERE id IN (?, ?)", (earliest.article_id, article_id)))
    added, dropped = ((), ()) if earliest.article_id == article_id else sentence_changes(
        texts[earliest.article_id], texts[article_id])
    outlets = len({v.source for v in versions if v.source}) or 1
    return StoryComparison(info.story, tuple(versions), outlets, earliest,
                           tuple(added), tuple(dropped))


def _same(sentence: str) -> str:
    return " ".join(fold(sentence).split())

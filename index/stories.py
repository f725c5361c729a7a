"""Versions of one story: the same dispatch updated, trimmed, re-headlined or reprinted.

Each article's first sentences are sketched with MinHash (``datasketch``); a sentence's
sketch is one key, kept in ``story_keys``. A new article whose keys meet those of earlier
articles in the same language is compared with them word for word (shared runs of four
words, over the shorter text): far more shared than two stories on one subject ever
share means the same story. Sentences survive the edits versions are made of (a new
lead, a cut end, a paragraph added, an outlet's boilerplate), where a sketch of the
whole text would not survive a cut by half. A key shared by very many articles is
boilerplate (a byline, a newsletter line) and proposes nothing.

Stories are derived data, like entities: articles without a row in ``story_members``
are pending, and are grouped by the next writer (after an import, or by upkeep).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

SENTENCES_SKETCHED = 6  # the lead: trimmed versions keep it, updates rarely rewrite all
MIN_SENTENCE_WORDS = 8  # shorter lines are datelines, bylines, captions
SKETCH_PERMUTATIONS = 4  # one band of four: near-identical sentences share a key
BOILERPLATE_ARTICLES = 50  # a key seen in more articles than this proposes nothing
CANDIDATES_CHECKED = 8
SAME_STORY_CONTAINMENT = 0.6  # share of the shorter text's 4-word runs found in the other
SHINGLE_WORDS = 4
MIN_SHARED_RUNS = 12  # two template briefs ("Dépêche 5 : le convoi est arrivé") are not one

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?»\"”])\s+|\n+")


@dataclass(frozen=True, slots=True)
class StoryInfo:
    """The story an article belongs to, and every version of it, oldest first."""

    story: int
    versions: tuple[int, ...]


def _fold_table() -> dict[int, str]:
    """Accented Latin letters to their base letters, for ``str.translate`` (one C call per
    text, where folding character by character took half of the grouping's time)."""
    table = {}
    for code in range(0xC0, 0x250):
        char = chr(code).casefold()
        base = "".join(c for c in unicodedata.normalize("NFKD", char)
                       if not unicodedata.combining(c))
        if base != char:
            table[code] = base
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    return text.casefold().translate(_FOLD)


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def sentence_keys(text: str) -> list[int]:
    """One key per sentence of the lead, from a MinHash of its word pairs."""
    from datasketch import MinHash  # imported by writers only: it loads scipy

    sentences = [w for w in (_WORD.findall(s) for s in _SENTENCE_END.split(fold(text)))
                 if len(w) >= MIN_SENTENCE_WORDS][:SENTENCES_SKETCHED]
    if not sentences:
        return []
    pairs = [[f"{a} {b}".encode() for a, b in pairwise(w)] for w in sentences]
    sketches = MinHash.bulk(pairs, num_perm=SKETCH_PERMUTATIONS, seed=7)
    keys = {_key(m.hashvalues.tobytes()) for m in sketches}
    return sorted(keys)


def shingles(text: str) -> set[str]:
    w = words(text)
    return {" ".join(w[i:i + SHINGLE_WORDS]) for i in range(len(w) - SHINGLE_WORDS + 1)}


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the other: a trimmed copy is wholly contained."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def same_story(a: set[str], b: set[str]) -> float:
    """The containment when it says "one story" (a one-sentence flash of the lead is a
    version too, a two-line template filled in twice is not), else 0."""
    share = containment(a, b)
    if share < SAME_STORY_CONTAINMENT or len(a & b) < MIN_SHARED_RUNS:
        return 0.0
    return share


def pending_ids(conn: sqlite3.Connection, limit: int, after: int = 0) -> list[int]:
    rows = conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN story_members s ON s.article_id = a.id"
        " WHERE s.article_id IS NULL AND a.id > ? ORDER BY a.id LIMIT ?", (after, limit))
    return [int(r[0]) for r in rows]


def pending_count(conn: sqlite3.Connection) -> int:
    row = conn.execute(
        "SELECT count(*) FROM articles a LEFT JOIN story_members s ON s.article_id = a.id"
        " WHERE s.article_id IS NULL").fetchone()
    return int(row[0])


def assign(conn: sqlite3.Connection, article_ids: Sequence[int]) -> int:
    """Give each article its story (the caller holds the transaction); returns how many
    joined an existing story. In id order, so versions in one batch find each other."""
    joined = 0
    rows = conn.execute(
        f"SELECT id, text, lang FROM articles WHERE id IN ({_marks(article_ids)}) ORDER BY id",
        list(article_ids)).fetchall()
    for article_id, text, lang in rows:
        keys = sentence_keys(text)
        story, share = _best_match(conn, int(article_id), text, lang, keys)
        conn.executemany("INSERT OR IGNORE INTO story_keys(key, article_id) VALUES (?, ?)",
                         [(k, article_id) for k in keys])
        conn.execute("INSERT OR REPLACE INTO story_members(article_id, story_id, similarity)"
                     " VALUES (?, ?, ?)", (article_id, story or article_id, share or 1.0))
        joined += story is not None
    return joined


def story_of(conn: sqlite3.Connection, article_id: int) -> StoryInfo | None:
    row = conn.execute("SELECT story_id FROM story_members WHERE article_id = ?",
                       (article_id,)).fetchone()
    if row is None:
        return None
    return StoryInfo(int(row[0]), tuple(_versions(conn, int(row[0]))))


def stories_of(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, StoryInfo]:
    """Stories of many articles at once (search results), in two queries."""
    if not ids:
        return {}
    found: dict[int, int] = {}
    for chunk in _chunks(ids):
        found.update((int(a), int(s)) for a, s in conn.execute(
            f"SELECT article_id, story_id FROM story_members WHERE article_id IN"
            f" ({_marks(chunk)})", chunk))
    versions: dict[int, list[int]] = {}
    story_ids = sorted(set(found.values()))
    for chunk in _chunks(story_ids):
        for story, article in conn.execute(
                f"SELECT story_id, article_id FROM story_members WHERE story_id IN"
                f" ({_marks(chunk)}) ORDER BY article_id", chunk):
            versions.setdefault(int(story), []).append(int(article))
    return {a: StoryInfo(s, tuple(versions.get(s, [a]))) for a, s in found.items()}


@dataclass(frozen=True, slots=True)
class StoryMap:
    """The articles whose story has other versions: the few a result list must know
    about to show one row per story (every other article is a story of its own)."""

    story_of: dict[int, int]  # article id -> story id
    sizes: dict[int, tuple[int, int]]  # story id -> (versions, outlets)

    def counts(self, article_id: int) -> tuple[int, int]:
        story = self.story_of.get(article_id)
        return (1, 1) if story is None else self.sizes[story]


def multi_version_map(conn: sqlite3.Connection) -> StoryMap:
    story_of: dict[int, int] = {}
    sources: dict[int, set[str]] = {}
    for article, story, source in conn.execute(
            "SELECT s.article_id, s.story_id, a.source FROM story_members s"
            " JOIN articles a ON a.id = s.article_id WHERE s.story_id IN"
            " (SELECT story_id FROM story_members GROUP BY story_id HAVING count(*) > 1)"):
        story_of[int(article)] = int(story)
        outlets = sources.setdefault(int(story), set())
        if source:
            outlets.add(str(source))
    versions = Counter(story_of.values())
    sizes = {story: (n, len(sources[story]) or 1) for story, n in versions.items()}
    return StoryMap(story_of, sizes)


def counts_of(conn: sqlite3.Connection, article_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """(versions, outlets) of these articles' stories, for those that have versions: a page
    of hits needs these few, not the whole library's map (200 ms at 100,000 articles)."""
    if not article_ids:
        return {}
    marks = ",".join("?" * len(article_ids))
    rows = conn.execute(
        "SELECT m.article_id, count(o.article_id), count(DISTINCT a.source)"
        " FROM story_members m JOIN story_members o ON o.story_id = m.story_id"
        " JOIN articles a ON a.id = o.article_id"
        f" WHERE m.article_id IN ({marks}) GROUP BY m.article_id", list(article_ids))
    return {int(r[0]): (int(r[1]), int(r[2]) or 1) for r in rows if int(r[1]) > 1}


def story_key(article_id: int, multi: dict[int, int]) -> int:
    """One key per story: its id when it has versions, else minus the article's id."""
    return multi.get(article_id, -article_id)


def first_of_each_story(ids: Iterable[int], multi: dict[int, int]) -> list[int]:
    """The best-ranked version of each story, in the given (ranked) order."""
    if not multi:
        return list(ids)
    seen: set[int] = set()
    kept = []
    for article_id in ids:
        key = multi.get(article_id)
        if key is None:
            kept.append(article_id)
        elif key not in seen:
            seen.add(key)
            kept.append(article_id)
    return kept


def _best_match(conn: sqlite3.Connection, article_id: int, text: str, lang: str | None,
                keys: Iterable[int]) -> tuple[int | None, float]:
    votes: Counter[int] = Counter()
    for key in keys:
        members = conn.execute(
            "SELECT article_id FROM story_keys WHERE key = ? AND article_id != ? LIMIT ?",
            (key, article_id, BOILERPLATE_ARTICLES + 1)).fetchall()
        if len(members) > BOILERPLATE_ARTICLES:
            continue
        votes.update(int(m[0]) for m in members)
    if not votes:
        return None, 0.0
    candidates = [a for a, _ in votes.most_common(CANDIDATES_CHECKED)]
    mine = shingles(text)
    best: tuple[int | None, float] = (None, 0.0)
    for _other, other_text, other_lang, story in conn.execute(
            "SELECT a.id, a.text, a.lang, s.story_id FROM articles a"
            " JOIN story_members s ON s.article_id = a.id"
            f" WHERE a.id IN ({_marks(candidates)}) ORDER BY a.id", candidates):
        if (other_lang or "") != (lang or ""):
            continue  # a translation is another article, not a version
        share = same_story(mine, shingles(other_text))
        if share > best[1]:  # ties: the oldest candidate's story
            best = (int(story), share)
    return best


def _versions(conn: sqlite3.Connection, story: int) -> list[int]:
    return [int(r[0]) for r in conn.execute(
        "SELECT article_id FROM story_members WHERE story_id = ? ORDER BY article_id",
        (story,))]


def _key(sketch: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(sketch, digest_size=8).digest(), "big", signed=True)


def _marks(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


def _chunks(ids: Sequence[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start:start + size])

"""Entities and mentions in the store, and the user's curation of them.

Extraction yields (canonical name, type) pairs per article; ``entity_keys`` maps each
pair to the library-wide entity the user sees. Renames, type changes and hiding edit
the entity row; merges re-point keys. Neither touches the keys' names, so when an
article is extracted again its mentions land on the curated entity. Every edit is
logged with what it replaced, so it can be undone.

A surname used alone links to the person it clearly means (the library's only one, or
the far more frequent one around the article's date); earlier lone uses are folded in
when a full name makes the surname one person's. That linking is automatic, not logged,
and never moves an entity the person touched.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

from index.models import ENTITY_TYPES, EntityInfo, Mention

if TYPE_CHECKING:
    from index.entities.gazetteer import Gazetteer
from index.store import fold_text, now_iso


def save_mentions(conn: sqlite3.Connection, article_id: int,
                  mentions: Sequence[Mention]) -> list[int]:
    """Replace an article's mentions; call inside the writer's transaction.

    Returns the other articles whose mentions moved (lone surnames folded into a person
    this article made known): their entity fields in the search index are out of date.
    """
    conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
    dated = conn.execute("SELECT date FROM articles WHERE id = ?", (article_id,)).fetchone()
    date = dated[0] if dated else None
    moved: set[int] = set()
    cache: dict[tuple[str, str], int] = {}
    for m in mentions:
        key = (m.canonical, m.label)
        if key not in cache:
            cache[key] = _entity_for_key(conn, *key, date=date, moved=moved)
    # A lone surname met first may have been folded by a full name met after it.
    final = {key: _resolve(conn, entity_id) for key, entity_id in cache.items()}
    for m in mentions:
        if m.text != m.canonical and _ACRONYM.match(m.text):
            moved.update(_register_acronym(conn, m.text, m.label, final[(m.canonical, m.label)]))
    conn.executemany(
        "INSERT INTO mentions(article_id, entity_id, start, end, text, confidence)"
        " VALUES(?,?,?,?,?,?)",
        [(article_id, final[(m.canonical, m.label)], m.start, m.end, m.text, m.confidence)
         for m in mentions],
    )
    conn.execute("UPDATE articles SET entities_done = 1 WHERE id = ?", (article_id,))
    moved.discard(article_id)
    return sorted(moved)


def _entity_for_key(conn: sqlite3.Connection, name: str, label: str, *,
                    date: str | None = None, moved: set[int] | None = None) -> int:
    lone = label == "person" and " " not in name.strip() and bool(_NAME_WORD.match(name))
    row = conn.execute(
        "SELECT entity_id FROM entity_keys WHERE name = ? AND label = ?", (name, label)
    ).fetchone()
    # A key is the person's choice once they touched its entity; a lone surname's own
    # entity, untouched, is only where it went last time: decide again.
    if row is not None and not (lone and not _curated(conn, int(row[0]))):
        return _resolve(conn, int(row[0]))
    # A place under another language's name (Royaume-Uni, United Kingdom, UK) is the
    # same place: the gazetteer's key finds it. A new name is only ever added, so a
    # rename, merge or hide made by the person is never undone.
    if lone:
        meant = _person_by_surname(conn, name, date)
        if meant is not None:
            return meant  # no key: the next article decides again, with the library then
    if row is not None:
        return _resolve(conn, int(row[0]))  # still nobody, or several equally likely
    shared = place_key(name) if label == "place" else None
    row = conn.execute("SELECT entity_id FROM place_entities WHERE place_key = ?",
                       (shared,)).fetchone() if shared else None
    if row is not None:
        entity_id = _resolve(conn, int(row[0]))
    else:
        cur = conn.execute("INSERT INTO entities(name, label) VALUES(?, ?)", (name, label))
        entity_id = int(cur.lastrowid or 0)
        if shared:
            conn.execute("INSERT INTO place_entities(place_key, entity_id) VALUES(?, ?)",
                         (shared, entity_id))
    conn.execute(
        "INSERT INTO entity_keys(name, label, entity_id) VALUES(?,?,?)", (name, label, entity_id)
    )
    surname = surname_of(name) if label == "person" else None
    if surname and conn.execute(
            "INSERT OR IGNORE INTO person_surnames(surname, entity_id) VALUES (?, ?)",
            (surname, entity_id)).rowcount:
        folded = _fold_lone_surname(conn, name.split()[-1], surname, entity_id)
        if moved is not None:
            moved.update(folded)
    return entity_id


# "AES", "CEDEAO", "U.N.": an acronym the article spelled out ("Alliance des États du
# Sahel (AES)"); used alone in another article, it means that entity.
_ACRONYM = re.compile(r"^(?:[A-ZÀ-Ý]\.?){2,8}$")


def _register_acronym(conn: sqlite3.Connection, acronym: str, label: str,
                      entity_id: int) -> list[int]:
    """Make ``acronym`` a key of the entity it abbreviates, so that a later article using
    it alone lands there; an earlier lone use of it, untouched, is folded in. Returns the
    articles whose mentions moved. An acronym already meaning another spelled-out entity
    is left to the first (the person can merge): no guess between two long forms."""
    row = conn.execute("SELECT entity_id FROM entity_keys WHERE name = ? AND label = ?",
                       (acronym, label)).fetchone()
    if row is None:
        conn.execute("INSERT INTO entity_keys(name, label, entity_id) VALUES(?,?,?)",
                     (acronym, label, entity_id))
        return []
    lone_id = _resolve(conn, int(row[0]))
    if lone_id == entity_id or _curated(conn, lone_id):
        return []
    name = conn.execute("SELECT name FROM entities WHERE id = ?", (lone_id,)).fetchone()
    if name is None or name[0] != acronym:
        return []  # the key belongs to another long form
    return _fold(conn, lone_id, entity_id)


def relink_archive(conn: sqlite3.Connection) -> list[int]:
    """Link what a library written before these rules kept apart, as new articles would
    be: a place's names in several languages become one entity (Royaume-Uni, United
    Kingdom, UK) and a lone surname joins the one person it can mean. Entities the person
    touched stay as they are. Returns the articles whose mentions moved."""
    affected: set[int] = set()
    places: dict[str, list[int]] = {}
    for entity_id, name in conn.execute(
            "SELECT id, name FROM entities WHERE label = 'place' AND merged_into IS NULL"
            " AND hidden = 0 ORDER BY id").fetchall():
        key = place_key(name)
        if key and not _curated(conn, int(entity_id)):
            places.setdefault(key, []).append(int(entity_id))
    for key, ids in places.items():
        row = conn.execute("SELECT entity_id FROM place_entities WHERE place_key = ?",
                           (key,)).fetchone()
        target = _resolve(conn, int(row[0])) if row else ids[0]
        if row is None:
            conn.execute("INSERT INTO place_entities(place_key, entity_id) VALUES(?, ?)",
                         (key, target))
        for entity_id in ids:
            if entity_id != target:
                affected.update(_fold(conn, entity_id, target))
    for entity_id, name in conn.execute(
            "SELECT id, name FROM entities WHERE label = 'person' AND merged_into IS NULL"
            " AND hidden = 0 AND name NOT LIKE '% %' ORDER BY id").fetchall():
        if not _NAME_WORD.match(name) or _curated(conn, int(entity_id)):
            continue
        meant = _person_by_surname(conn, name)
        if meant is not None and meant != int(entity_id):
            affected.update(_fold(conn, int(entity_id), meant))
    return sorted(affected)


def _fold(conn: sqlite3.Connection, source: int, target: int) -> list[int]:
    """Automatic link: ``source``'s mentions and keys go to ``target`` (not an edit)."""
    affected = _affected(conn, [source])
    conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (target, source))
    conn.execute("UPDATE entity_keys SET entity_id = ? WHERE entity_id = ?", (target, source))
    conn.execute("UPDATE entities SET merged_into = ? WHERE id = ?", (target, source))
    return affected


def _curated(conn: sqlite3.Connection, entity_id: int) -> bool:
    """Whether the person ever touched this entity (hid, merged, renamed, retyped it; an
    undone edit counts too): automatic linking leaves it where they left it."""
    row = conn.execute("SELECT hidden, merged_into FROM entities WHERE id = ?",
                       (entity_id,)).fetchone()
    if row is None or row[0] or row[1] is not None:
        return True
    return conn.execute(
        "SELECT 1 FROM edits WHERE ? IN (json_extract(payload, '$.id'),"
        " json_extract(payload, '$.source'), json_extract(payload, '$.target')) LIMIT 1",
        (entity_id,),
    ).fetchone() is not None


def _fold_lone_surname(conn: sqlite3.Connection, written: str, surname: str,
                       person_id: int) -> list[int]:
    """Fold the lone-surname entity of earlier articles into the person whose full name
    just made the surname one person's; returns the articles whose mentions moved.

    Automatic, not the person's edit: nothing is logged, so undo never sees it. The key
    goes, so later articles decide with the library as it then is; a link made stays
    even when a second person of that surname arrives.
    """
    if _person_by_surname(conn, surname) != person_id:
        return []
    row = conn.execute("SELECT entity_id FROM entity_keys WHERE name = ? AND label = 'person'",
                       (written,)).fetchone()
    if row is None or int(row[0]) == person_id or _curated(conn, int(row[0])):
        return []
    lone_id = int(row[0])
    affected = _affected(conn, [lone_id])
    conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (person_id, lone_id))
    conn.execute("DELETE FROM entity_keys WHERE name = ? AND label = 'person'", (written,))
    conn.execute("UPDATE entities SET merged_into = ? WHERE id = ?", (person_id, lone_id))
    return affected


# A word of a person's name: capitalised, then lower case ("Roddick", "Ould-Abdallah");
# not "MPs", not a possessive ("Nichols'"): a model's wrong "person" must not become
# whom every lone "Closer" means.
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_A-Z]*(?:[-'’][^\W\d_][^\W\d_A-Z]*)*$")


def surname_of(name: str) -> str | None:
    """The folded surname of a full name of two to four name words, else None."""
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if not (words[0][0].isupper() and words[-1][0].isupper()):
        return None
    return fold_text(words[-1])


def _person_by_surname(conn: sqlite3.Connection, surname: str,
                       date: str | None = None) -> int | None:
    """The person of the library a lone surname means (a "Belousov" in an article that
    never gives the full name): the only one alive with that surname, or, given the
    article's date, the one far more frequent in the same period. None when there is
    none, or several equally plausible (ambiguous: the surname stays an entity of its
    own, shown as such)."""
    if _first_name_of_someone(conn, surname):
        return None  # "John", "Michael": a first name alone says nobody in particular
    ids = {_resolve(conn, int(r[0])) for r in conn.execute(
        "SELECT entity_id FROM person_surnames WHERE surname = ?", (fold_text(surname),))}
    alive = sorted(i for i in ids if conn.execute(
        "SELECT 1 FROM entities WHERE id = ? AND hidden = 0 AND label = 'person'",
        (i,)).fetchone())
    if len(alive) == 1:
        return alive[0]
    return _far_more_frequent(conn, alive, date) if len(alive) > 1 and date else None


def _first_name_of_someone(conn: sqlite3.Connection, word: str) -> bool:
    """Whether a person of the library has a full name opening with ``word`` (a range
    scan of the keys' primary index: "John " <= name < "John!")."""
    word = word.strip()
    return conn.execute(
        "SELECT 1 FROM entity_keys WHERE name >= ? AND name < ? AND label = 'person' LIMIT 1",
        (word + " ", word + "!"),
    ).fetchone() is not None


# "Far more frequent, in the same period": articles within this many days of the
# article's date; the one meant needs this many of them and this many times any other's.
PERIOD_DAYS = 90
FREQUENT_ARTICLES = 3
FREQUENT_RATIO = 5


def _far_more_frequent(conn: sqlite3.Connection, people: Sequence[int],
                       date: str) -> int | None:
    counts = sorted(((int(conn.execute(
        "SELECT count(DISTINCT m.article_id) FROM mentions m JOIN articles a"
        " ON a.id = m.article_id WHERE m.entity_id = ?"
        " AND abs(julianday(a.date) - julianday(?)) <= ?",
        (person, date, PERIOD_DAYS)).fetchone()[0]), person) for person in people),
        reverse=True)
    (best, person), runner_up = counts[0], counts[1][0]
    if best >= FREQUENT_ARTICLES and best >= FREQUENT_RATIO * runner_up:
        return person
    return None


def ambiguous_surnames(conn: sqlite3.Connection, names: dict[int, str]) -> set[int]:
    """Of these person entities named by one word, those that several people's full names
    end with."""
    out = set()
    for entity_id, name in names.items():
        row = conn.execute("SELECT count(*) FROM person_surnames WHERE surname = ?",
                           (fold_text(name),)).fetchone()
        if row[0] >= 2:
            out.add(entity_id)
    return out


_GAZETTEER: list[Gazetteer] = []  # loaded once, by the first place saved (0.15 s)


def place_key(name: str) -> str | None:
    """The key every language's name of this place shares ("country:GB")."""
    if not _GAZETTEER:
        from index.entities.gazetteer import Gazetteer

        _GAZETTEER.append(Gazetteer.load())
    return _GAZETTEER[0].place_key(name)


def _resolve(conn: sqlite3.Connection, entity_id: int) -> int:
    """Follow merges to the surviving entity."""
    seen = set()
    while entity_id not in seen:
        seen.add(entity_id)
        row = conn.execute(
            "SELECT merged_into FROM entities WHERE id = ?", (entity_id,)
        ).fetchone()
        if row is None or row[0] is None:
            return entity_id
        entity_id = int(row[0])
    return entity_id


def article_mentions(conn: sqlite3.Connection, article_id: int) -> tuple[Mention, ...]:
    """Mentions with the entity's current (curated) name and type; hidden ones left out."""
    rows = conn.execute(
        "SELECT m.start, m.end, m.text, m.confidence, e.name, e.label FROM mentions m"
        " JOIN entities e ON e.id = m.entity_id"
        " WHERE m.article_id = ? AND e.hidden = 0 ORDER BY m.start",
        (article_id,),
    ).fetchall()
    return tuple(
        Mention(start=r[0], end=r[1], label=r[5], text=r[2], canonical=r[4], confidence=r[3])
        for r in rows
    )


def article_entity_names(
    conn: sqlite3.Connection, article_ids: Sequence[int]
) -> dict[int, list[str]]:
    """Visible entity names per article, for the search index's entity field."""
    out: dict[int, list[str]] = {i: [] for i in article_ids}
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        for aid, name in conn.execute(
            "SELECT DISTINCT m.article_id, e.name FROM mentions m JOIN entities e"
            f" ON e.id = m.entity_id WHERE e.hidden = 0 AND m.article_id IN ({marks})",
            chunk,
        ):
            out[int(aid)].append(name)
    return out


def list_entities(
    conn: sqlite3.Connection,
    *,
    article_id: int | None = None,
    query: str | None = None,
    sort: str = "frequency",
    include_hidden: bool = False,
    label: str | None = None,
    limit: int = 5000,
) -> list[EntityInfo]:
    """Entities with article and mention counts, library-wide or for one article.

    ``query`` matches anywhere in the name, ignoring case and accents ("etats" finds
    "États").
    """
    where = ["e.merged_into IS NULL"]
    args: list[object] = []
    if not include_hidden:
        where.append("e.hidden = 0")
    if article_id is not None:
        where.append("m.article_id = ?")
        args.append(article_id)
    if label:
        where.append("e.label = ?")
        args.append(label)
    if query:
        where.append("fold(e.name) LIKE ? ESCAPE '\\'")
        escaped = fold_text(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        args.append(f"%{escaped}%")
    order = "lower(e.name)" if sort == "name" else "articles DESC, mentions DESC, lower(e.name)"
    rows = conn.execute(
        "SELECT e.id, e.name, e.label, e.hidden, count(DISTINCT m.article_id) AS articles,"
        " count(m.entity_id) AS mentions FROM entities e JOIN mentions m ON m.entity_id = e.id"
        f" WHERE {' AND '.join(where)} GROUP BY e.id ORDER BY {order} LIMIT ?",
        [*args, limit],
    ).fetchall()
    aliases = _aliases(conn, [int(r[0]) for r in rows])
    unclear = ambiguous_surnames(conn, {int(r[0]): r[1] for r in rows
                                        if r[2] == "person" and " " not in r[1].strip()})
    return [
        EntityInfo(
            id=int(r[0]), name=r[1], label=r[2], aliases=tuple(aliases.get(int(r[0]), ())),
            article_count=int(r[4]), mention_count=int(r[5]), hidden=bool(r[3]),
            ambiguous=int(r[0]) in unclear,
        )
        for r in rows
    ]


def _aliases(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, set[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        for eid, alias in conn.execute(
            f"SELECT entity_id, name FROM entity_keys WHERE entity_id IN ({marks})"
            f" UNION SELECT entity_id, text FROM mentions WHERE entity_id IN ({marks})",
            chunk + chunk,
        ):
            out.setdefault(int(eid), set()).add(alias)
    names = dict(conn.execute(
        f"SELECT id, name FROM entities WHERE id IN ({','.join('?' * len(ids))})", list(ids)
    ).fetchall()) if ids else {}
    return {eid: sorted(a - {names.get(eid)}) for eid, a in out.items()}


def entity(conn: sqlite3.Connection, entity_id: int) -> EntityInfo | None:
    row = conn.execute(
        "SELECT id, name, label, hidden FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    if row is None:
        return None
    counts = conn.execute(
        "SELECT count(DISTINCT article_id), count(*) FROM mentions WHERE entity_id = ?",
        (entity_id,),
    ).fetchone()
    aliases = _aliases(conn, [entity_id]).get(entity_id, [])
    return EntityInfo(
        id=int(row[0]), name=row[1], label=row[2], aliases=tuple(aliases),
        article_count=int(counts[0]), mention_count=int(counts[1]), hidden=bool(row[3]),
    )


def entity_article_ids(conn: sqlite3.Connection, entity_id: int) -> list[int]:
    """Articles mentioning an entity, newest first (for 'articles over time')."""
    rows = conn.execute(
        "SELECT DISTINCT a.id FROM mentions m JOIN articles a ON a.id = m.article_id"
        " WHERE m.entity_id = ? ORDER BY a.date IS NULL, a.date DESC, a.id DESC",
        (entity_id,),
    ).fetchall()
    return [int(r[0]) for r in rows]


# -- curation ------------------------------------------------------------------


def rename(conn: sqlite3.Connection, entity_id: int, new_name: str) -> list[int]:
    """Rename; returns the affected article ids (to re-index)."""
    new_name = new_name.strip()
    if not new_name:
        raise ValueError("an entity name cannot be empty")
    old = _row(conn, entity_id)
    conn.execute("UPDATE entities SET name = ? WHERE id = ?", (new_name, entity_id))
    _log(conn, "rename", {"id": entity_id, "old": old["name"], "new": new_name})
    return _affected(conn, [entity_id])


def retype(conn: sqlite3.Connection, entity_id: int, label: str) -> list[int]:
    if label not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type {label!r}")
    old = _row(conn, entity_id)
    conn.execute("UPDATE entities SET label = ? WHERE id = ?", (label, entity_id))
    _log(conn, "retype", {"id": entity_id, "old": old["label"], "new": label})
    return _affected(conn, [entity_id])


def set_hidden(conn: sqlite3.Connection, entity_id: int, hidden: bool = True) -> list[int]:
    old = _row(conn, entity_id)
    conn.execute("UPDATE entities SET hidden = ? WHERE id = ?", (int(hidden), entity_id))
    _log(conn, "hide", {"id": entity_id, "old": bool(old["hidden"]), "new": hidden})
    return _affected(conn, [entity_id])


def merge(conn: sqlite3.Connection, source_id: int, target_id: int) -> list[int]:
    """Fold ``source`` into ``target``: its keys and mentions move, it disappears."""
    if source_id == target_id:
        raise ValueError("cannot merge an entity with itself")
    _row(conn, source_id)
    _row(conn, target_id)
    affected = _affected(conn, [source_id, target_id])
    moved = [
        (r[0], r[1]) for r in conn.execute(
            "SELECT name, label FROM entity_keys WHERE entity_id = ?", (source_id,))
    ]
    mention_rows = [
        r[0] for r in conn.execute("SELECT rowid FROM mentions WHERE entity_id = ?", (source_id,))
    ]
    conn.execute("UPDATE entity_keys SET entity_id = ? WHERE entity_id = ?", (target_id, source_id))
    conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (target_id, source_id))
    conn.execute("UPDATE entities SET merged_into = ? WHERE id = ?", (target_id, source_id))
    _log(conn, "merge", {"source": source_id, "target": target_id, "keys": moved,
                         "mentions": mention_rows})
    return affected


def undo_last(conn: sqlite3.Connection) -> tuple[str, list[int]] | None:
    """Undo the newest edit not yet undone; returns (what, affected article ids)."""
    row = conn.execute(
        "SELECT id FROM edits WHERE undone = 0 ORDER BY id DESC LIMIT 1").fetchone()
    return None if row is None else undo_edit(conn, int(row[0]))


def undo_edit(conn: sqlite3.Connection, edit_id: int) -> tuple[str, list[int]] | None:
    """Undo one edit (another desktop undid it: index/sync/apply.py); None when it is
    not there or already undone."""
    row = conn.execute("SELECT kind, payload FROM edits WHERE id = ? AND undone = 0",
                       (edit_id,)).fetchone()
    if row is None:
        return None
    kind, payload = row[0], json.loads(row[1])
    if kind == "merge":
        src, dst = payload["source"], payload["target"]
        conn.executemany(
            "UPDATE entity_keys SET entity_id = ? WHERE name = ? AND label = ?",
            [(src, n, lab) for n, lab in payload["keys"]],
        )
        conn.executemany(
            "UPDATE mentions SET entity_id = ? WHERE rowid = ?",
            [(src, r) for r in payload["mentions"]],
        )
        conn.execute("UPDATE entities SET merged_into = NULL WHERE id = ?", (src,))
        ids = [src, dst]
    else:
        column = {"rename": "name", "retype": "label", "hide": "hidden"}[kind]
        old = int(payload["old"]) if kind == "hide" else payload["old"]
        conn.execute(f"UPDATE entities SET {column} = ? WHERE id = ?", (old, payload["id"]))
        ids = [payload["id"]]
    conn.execute("UPDATE edits SET undone = 1 WHERE id = ?", (edit_id,))
    return kind, _affected(conn, ids)


def _row(conn: sqlite3.Connection, entity_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        raise KeyError(f"no entity {entity_id}")
    return row  # type: ignore[no-any-return]  # the connection's row factory is Row


def _affected(conn: sqlite3.Connection, entity_ids: Sequence[int]) -> list[int]:
    marks = ",".join("?" * len(entity_ids))
    return [int(r[0]) for r in conn.execute(
        f"SELECT DISTINCT article_id FROM mentions WHERE entity_id IN ({marks})", list(entity_ids)
    )]


def _log(conn: sqlite3.Connection, kind: str, payload: dict[str, object]) -> None:
    conn.execute(
        "INSERT INTO edits(kind, payload, created_at) VALUES(?,?,?)",
        (kind, json.dumps(payload, ensure_ascii=False), now_iso()),
    )


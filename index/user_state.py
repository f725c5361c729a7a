"""What a person adds to articles: read state, stars, notes, tags, highlights, dossiers.

All of it lives in the store, keyed by article id, and none of it is written into the
search index: searching by state intersects the engine's matches with id sets read
here (``ids_for``), so tagging 10,000 articles is one SQL transaction, not 10,000
Whoosh document rewrites. Functions taking a connection run inside the caller's write
transaction; the library wraps them with its writer lock.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace

from index.errors import EXIT_FAILED, VeilleError
from index.models import Article, DossierInfo, Highlight, StateDraft, TagInfo
from index.store import fold_text, now_iso

NOTE_FORMATS = ("plain", "markdown")
_CHUNK = 500


class StateError(VeilleError, ValueError):
    """A state edit that cannot be done as asked (unknown tag, empty name...)."""

    exit_code = EXIT_FAILED


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start:start + _CHUNK])


def _id_list(ids: Iterable[int]) -> str:
    """Many ids as one JSON parameter, read by ``json_each`` in SQL: a write on 100,000
    articles is one statement whose loop runs in SQLite (with the GIL released) rather
    than 100,000 bindings in Python, which would starve the window's GUI thread."""
    return json.dumps([int(i) for i in ids])


_IDS = "(SELECT value FROM json_each(?))"


def _ensure_rows(conn: sqlite3.Connection, ids: Sequence[int]) -> None:
    conn.execute("INSERT OR IGNORE INTO article_state(article_id) SELECT id FROM articles"
                 f" WHERE id IN {_IDS}", (_id_list(ids),))


def existing(conn: sqlite3.Connection, ids: Iterable[int]) -> list[int]:
    """The ids among ``ids`` that are articles of the library, in the given order."""
    wanted = list(dict.fromkeys(int(i) for i in ids))
    found = {int(r[0]) for r in conn.execute(
        f"SELECT id FROM articles WHERE id IN {_IDS}", (json.dumps(wanted),))}
    return [i for i in wanted if i in found]


# -- read and star -------------------------------------------------------------------


def set_read(conn: sqlite3.Connection, ids: Sequence[int], read: bool) -> int:
    _ensure_rows(conn, ids)
    stamp = now_iso() if read else None
    cur = conn.execute(
        f"UPDATE article_state SET read_at = ? WHERE article_id IN {_IDS}"
        + (" AND read_at IS NULL" if read else " AND read_at IS NOT NULL"),
        (stamp, _id_list(ids)))
    return cur.rowcount


def set_starred(conn: sqlite3.Connection, ids: Sequence[int], starred: bool) -> int:
    _ensure_rows(conn, ids)
    cur = conn.execute(
        f"UPDATE article_state SET starred = ? WHERE article_id IN {_IDS} AND starred != ?",
        (int(starred), _id_list(ids), int(starred)))
    return cur.rowcount


# -- notes ---------------------------------------------------------------------------


def set_note(conn: sqlite3.Connection, article_id: int, text: str,
             note_format: str = "plain") -> None:
    if note_format not in NOTE_FORMATS:
        raise StateError(f"a note is plain text or markdown, not {note_format!r}")
    _ensure_rows(conn, [article_id])
    conn.execute(
        "UPDATE article_state SET note = ?, note_format = ?, note_updated = ?"
        " WHERE article_id = ?", (text.strip("\n"), note_format, now_iso(), article_id))


def notes_of(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, str]:
    """The non-empty notes of these articles, by id (a dossier's rows show them)."""
    out: dict[int, str] = {}
    for chunk in _chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        for aid, note in conn.execute(
                f"SELECT article_id, note FROM article_state WHERE note != ''"
                f" AND article_id IN ({marks})", chunk):
            out[int(aid)] = str(note)
    return out


def notes(conn: sqlite3.Connection) -> Iterable[tuple[int, str]]:
    """Every note and highlight comment, for the words-of-notes search."""
    yield from ((int(a), str(n)) for a, n in conn.execute(
        "SELECT article_id, note FROM article_state WHERE note != ''"))
    yield from ((int(a), str(c)) for a, c in conn.execute(
        "SELECT article_id, comment FROM highlights WHERE comment != ''"))


# -- tags ----------------------------------------------------------------------------


def clean_name(name: str, what: str = "a tag") -> str:
    name = " ".join(name.split())
    if not name:
        raise StateError(f"{what} needs a name")
    if len(name) > 200:
        raise StateError(f"{what} name is limited to 200 characters")
    return name


def tag_id(conn: sqlite3.Connection, name: str, create: bool = False) -> int | None:
    """Tags are matched ignoring case and accents ("Sécurité" is "securite")."""
    name = clean_name(name)
    row = conn.execute("SELECT id FROM tags WHERE folded = ?", (fold_text(name),)).fetchone()
    if row is not None:
        return int(row[0])
    if not create:
        return None
    cur = conn.execute("INSERT INTO tags(name, folded) VALUES(?, ?)", (name, fold_text(name)))
    return int(cur.lastrowid or 0)


def add_tags(conn: sqlite3.Connection, ids: Sequence[int], names: Sequence[str]) -> int:
    count = 0
    for name in names:
        tid = tag_id(conn, name, create=True)
        cur = conn.execute(
            "INSERT OR IGNORE INTO article_tags(article_id, tag_id)"
            " SELECT value, ? FROM json_each(?)", (tid, _id_list(ids)))
        count += cur.rowcount
    return count


def remove_tags(conn: sqlite3.Connection, ids: Sequence[int], names: Sequence[str]) -> int:
    count = 0
    for name in names:
        tid = tag_id(conn, name)
        if tid is None:
            continue
        cur = conn.execute(f"DELETE FROM article_tags WHERE tag_id = ? AND article_id IN {_IDS}",
                           (tid, _id_list(ids)))
        count += cur.rowcount
    return count


def list_tags(conn: sqlite3.Connection) -> list[TagInfo]:
    rows = conn.execute(
        "SELECT t.id, t.name, t.color, count(at.article_id) FROM tags t"
        " LEFT JOIN article_tags at ON at.tag_id = t.id GROUP BY t.id"
        " ORDER BY count(at.article_id) DESC, t.folded").fetchall()
    return [TagInfo(int(r[0]), r[1], r[2], int(r[3])) for r in rows]


def rename_tag(conn: sqlite3.Connection, old: str, new: str) -> None:
    """Renaming onto an existing tag merges the two."""
    source = tag_id(conn, old)
    if source is None:
        raise StateError(f"there is no tag {old!r}")
    new = clean_name(new)
    target = tag_id(conn, new)
    if target is None or target == source:
        conn.execute("UPDATE tags SET name = ?, folded = ? WHERE id = ?",
                     (new, fold_text(new), source))
        return
    merge_tags(conn, old, new)


def merge_tags(conn: sqlite3.Connection, source_name: str, target_name: str) -> None:
    source, target = tag_id(conn, source_name), tag_id(conn, target_name)
    if source is None or target is None:
        missing = source_name if source is None else target_name
        raise StateError(f"there is no tag {missing!r}")
    if source == target:
        return
    conn.execute("INSERT OR IGNORE INTO article_tags(article_id, tag_id)"
                 " SELECT article_id, ? FROM article_tags WHERE tag_id = ?", (target, source))
    conn.execute("DELETE FROM tags WHERE id = ?", (source,))


def delete_tag(conn: sqlite3.Connection, name: str) -> None:
    tid = tag_id(conn, name)
    if tid is None:
        raise StateError(f"there is no tag {name!r}")
    conn.execute("DELETE FROM tags WHERE id = ?", (tid,))


def set_tag_color(conn: sqlite3.Connection, name: str, color: str | None) -> None:
    tid = tag_id(conn, name)
    if tid is None:
        raise StateError(f"there is no tag {name!r}")
    conn.execute("UPDATE tags SET color = ? WHERE id = ?", (color, tid))


# -- highlights ----------------------------------------------------------------------


def add_highlight(conn: sqlite3.Connection, article_id: int, start: int, end: int,
                  comment: str = "") -> int:
    row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise StateError(f"there is no article {article_id}")
    text = str(row[0])
    if not 0 <= start < end <= len(text):
        raise StateError("a highlight must cover a passage of the article's text")
    cur = conn.execute(
        "INSERT INTO highlights(article_id, start, end, quote, comment, created_at)"
        " VALUES(?,?,?,?,?,?)", (article_id, start, end, text[start:end], comment, now_iso()))
    return int(cur.lastrowid or 0)


def edit_highlight(conn: sqlite3.Connection, highlight_id: int, comment: str) -> None:
    conn.execute("UPDATE highlights SET comment = ? WHERE id = ?", (comment, highlight_id))


def remove_highlight(conn: sqlite3.Connection, highlight_id: int) -> None:
    conn.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,))


def highlights(conn: sqlite3.Connection, article_id: int, text: str) -> tuple[Highlight, ...]:
    """The article's highlights, re-anchored by their words when the text changed."""
    out = []
    for hid, start, end, quote, comment, created in conn.execute(
            "SELECT id, start, end, quote, comment, created_at FROM highlights"
            " WHERE article_id = ? ORDER BY start", (article_id,)):
        if text[start:end] != quote:
            found = text.find(quote)
            if found < 0:
                continue  # the passage is gone from this version of the text
            start, end = found, found + len(quote)
        out.append(Highlight(int(start), int(end), str(quote), str(comment), int(hid),
                             str(created)))
    return tuple(out)


# -- dossiers ------------------------------------------------------------------------


def dossier_id(conn: sqlite3.Connection, name: str, create: bool = False) -> int | None:
    name = clean_name(name, "a dossier")
    row = conn.execute("SELECT id FROM dossiers WHERE folded = ?", (fold_text(name),)).fetchone()
    if row is not None:
        return int(row[0])
    if not create:
        return None
    cur = conn.execute("INSERT INTO dossiers(name, folded, created_at) VALUES(?,?,?)",
                       (name, fold_text(name), now_iso()))
    return int(cur.lastrowid or 0)


def add_to_dossier(conn: sqlite3.Connection, name: str, ids: Sequence[int]) -> int:
    did = dossier_id(conn, name, create=True)
    row = conn.execute("SELECT max(position) FROM dossier_items WHERE dossier_id = ?",
                       (did,)).fetchone()
    position = float(row[0] or 0.0)
    added = 0
    stamp = now_iso()
    for article_id in ids:
        position += 1.0
        cur = conn.execute(
            "INSERT OR IGNORE INTO dossier_items(dossier_id, article_id, position, added_at)"
            " VALUES(?,?,?,?)", (did, article_id, position, stamp))
        added += cur.rowcount
    return added


def remove_from_dossier(conn: sqlite3.Connection, name: str, ids: Sequence[int]) -> int:
    did = dossier_id(conn, name)
    if did is None:
        raise StateError(f"there is no dossier {name!r}")
    cur = conn.executemany("DELETE FROM dossier_items WHERE dossier_id = ? AND article_id = ?",
                           [(did, i) for i in ids])
    return cur.rowcount


def reorder_dossier(conn: sqlite3.Connection, name: str, ordered_ids: Sequence[int]) -> None:
    """The dossier's articles in this order (ids not listed keep their place after)."""
    did = dossier_id(conn, name)
    if did is None:
        raise StateError(f"there is no dossier {name!r}")
    conn.executemany("UPDATE dossier_items SET position = ? WHERE dossier_id = ? AND "
                     "article_id = ?", [(float(n), did, i) for n, i in enumerate(ordered_ids)])
    rest = [int(r[0]) for r in conn.execute(
        "SELECT article_id FROM dossier_items WHERE dossier_id = ? ORDER BY position",
        (did,)) if int(r[0]) not in set(ordered_ids)]
    base = len(ordered_ids)
    conn.executemany("UPDATE dossier_items SET position = ? WHERE dossier_id = ? AND "
                     "article_id = ?", [(float(base + n), did, i) for n, i in enumerate(rest)])


def rename_dossier(conn: sqlite3.Connection, old: str, new: str) -> None:
    did = dossier_id(conn, old)
    if did is None:
        raise StateError(f"there is no dossier {old!r}")
    new = clean_name(new, "a dossier")
    other = dossier_id(conn, new)
    if other is not None and other != did:
        raise StateError(f"there is already a dossier {new!r}")
    conn.execute("UPDATE dossiers SET name = ?, folded = ? WHERE id = ?",
                 (new, fold_text(new), did))


def delete_dossier(conn: sqlite3.Connection, name: str) -> None:
    did = dossier_id(conn, name)
    if did is None:
        raise StateError(f"there is no dossier {name!r}")
    conn.execute("DELETE FROM dossiers WHERE id = ?", (did,))


def list_dossiers(conn: sqlite3.Connection) -> list[DossierInfo]:
    rows = conn.execute(
        "SELECT d.id, d.name, count(i.article_id), d.created_at FROM dossiers d"
        " LEFT JOIN dossier_items i ON i.dossier_id = d.id GROUP BY d.id ORDER BY d.folded")
    return [DossierInfo(int(r[0]), r[1], int(r[2]), r[3]) for r in rows]


def dossier_articles(conn: sqlite3.Connection, name: str) -> list[int]:
    did = dossier_id(conn, name)
    if did is None:
        raise StateError(f"there is no dossier {name!r}")
    return [int(r[0]) for r in conn.execute(
        "SELECT article_id FROM dossier_items WHERE dossier_id = ? ORDER BY position",
        (did,))]


# -- one article, and what a filter selects ----------------------------------------------


def with_state(conn: sqlite3.Connection, article: Article) -> Article:
    """The article with what the person added to it."""
    row = conn.execute("SELECT read_at, starred, note, note_format FROM article_state"
                       " WHERE article_id = ?", (article.id,)).fetchone()
    tags = tuple(str(r[0]) for r in conn.execute(
        "SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id"
        " WHERE at.article_id = ? ORDER BY t.folded", (article.id,)))
    dossiers = tuple(str(r[0]) for r in conn.execute(
        "SELECT d.name FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id"
        " WHERE i.article_id = ? ORDER BY d.folded", (article.id,)))
    return replace(
        article,
        read=bool(row and row[0]),
        starred=bool(row and row[1]),
        note=str(row[2]) if row else "",
        note_format=str(row[3]) if row else "plain",
        tags=tags,
        dossiers=dossiers,
        highlights=highlights(conn, article.id, article.text),
    )


def rows_state(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, tuple[bool, bool,
                                                                             tuple[str, ...]]]:
    """(read, starred, tag names) per article, for a page of result rows."""
    out: dict[int, tuple[bool, bool, tuple[str, ...]]] = {i: (False, False, ()) for i in ids}
    for chunk in _chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        for aid, read_at, starred in conn.execute(
                f"SELECT article_id, read_at, starred FROM article_state"
                f" WHERE article_id IN ({marks})", chunk):
            out[int(aid)] = (read_at is not None, bool(starred), ())
        tags: dict[int, list[str]] = {}
        for aid, name in conn.execute(
                f"SELECT at.article_id, t.name FROM article_tags at JOIN tags t"
                f" ON t.id = at.tag_id WHERE at.article_id IN ({marks}) ORDER BY t.folded",
                chunk):
            tags.setdefault(int(aid), []).append(str(name))
        for aid, names in tags.items():
            read, starred, _ = out[aid]
            out[aid] = (read, starred, tuple(names))
    return out


STATE_KINDS = ("read", "unread", "starred", "unstarred", "note", "highlight", "tagged",
               "tag", "dossier")


def ids_for(conn: sqlite3.Connection, kind: str, value: str = "") -> list[int] | None:
    """Article ids a state filter selects; None means "every article but these" is not
    expressible here and the caller negates (``unread`` = not ``read``)."""
    args: tuple[int, ...] = ()
    if kind == "read":
        sql = "SELECT article_id FROM article_state WHERE read_at IS NOT NULL"
    elif kind == "starred":
        sql = "SELECT article_id FROM article_state WHERE starred = 1"
    elif kind == "note":
        sql = "SELECT article_id FROM article_state WHERE note != ''"
    elif kind == "highlight":
        sql = "SELECT DISTINCT article_id FROM highlights"
    elif kind == "tagged":
        sql = "SELECT DISTINCT article_id FROM article_tags"
    elif kind == "tag":
        tid = _lookup(conn, "tags", value)
        if tid is None:
            return []
        sql, args = "SELECT article_id FROM article_tags WHERE tag_id = ?", (tid,)
    elif kind == "dossier":
        did = _lookup(conn, "dossiers", value)
        if did is None:
            return []
        sql, args = "SELECT article_id FROM dossier_items WHERE dossier_id = ?", (did,)
    else:
        raise StateError(f"unknown state filter {kind!r}")
    return [int(r[0]) for r in conn.execute(sql, args)]


def _lookup(conn: sqlite3.Connection, table: str, value: str) -> int | None:
    row = conn.execute(f"SELECT id FROM {table} WHERE folded = ?",
                       (fold_text(" ".join(value.split())),)).fetchone()
    return None if row is None else int(row[0])


def apply_draft(conn: sqlite3.Connection, article_id: int, state: StateDraft,
                text: str) -> None:
    """Merge imported state into an article: sets stay sets, an existing note is kept."""
    if state.read:
        set_read(conn, [article_id], True)
    if state.starred:
        set_starred(conn, [article_id], True)
    if state.tags:
        add_tags(conn, [article_id], [t for t in state.tags if t.strip()])
    if state.note.strip():
        row = conn.execute("SELECT note FROM article_state WHERE article_id = ?",
                           (article_id,)).fetchone()
        if not row or not row[0]:
            fmt = state.note_format if state.note_format in NOTE_FORMATS else "plain"
            set_note(conn, article_id, state.note, fmt)
    known = {(h.start, h.end) for h in highlights(conn, article_id, text)}
    for h in state.highlights:
        if (h.start, h.end) in known:
            continue
        start, end = h.start, h.end
        if text[start:end] != h.quote:
            found = text.find(h.quote) if h.quote else -1
            if found < 0:
                continue
            start, end = found, found + len(h.quote)
        if 0 <= start < end <= len(text):
            add_highlight(conn, article_id, start, end, h.comment)
    for name in state.dossiers:
        if name.strip():
            add_to_dossier(conn, name, [article_id])

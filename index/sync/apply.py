"""Other desktops' changes, applied to this library so that every desktop ends alike.

Rules, as a person would read them:
- Read, star, tags, dossier memberships, highlights, watches, metadata edits and entity
  renames: for each thing changed, the change made last wins, on every desktop, whatever
  order the changes arrive in. So sets merge: a tag added on one desktop and another tag
  added on a second both stay; a tag removed after it was added is removed.
- A note edited on two desktops, each starting from the same text, keeps both: the later
  text first, then the earlier one under a line naming it as a conflict copy (who, when).
- Entity curation (rename, retype, hide, merge) applies in the order it was made; an
  edit whose entity this desktop does not know yet waits, and is applied when it does.
- A delete moves the article out of the library here too; a restore brings it back.

Every change, applied or not, stays in the article's history with who made it and when.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from index import entity_store, housekeeping, user_state, watches
from index.errors import VeilleError
from index.store import fold_text
from index.sync.following import follows_everything

CONFLICT_LINE = "——— Conflict copy: {author}, {when} ———"


@dataclass(frozen=True, slots=True)
class Change:
    change_id: str
    kind: str
    article: str | None
    register: str
    value: str
    author: str
    desktop: str
    made_at: str

    @property
    def stamp(self) -> str:
        return f"{self.made_at} {self.change_id}"


@dataclass(slots=True)
class Outcome:
    """What the session must do after the batch's transaction commits."""

    reindex: set[int] = field(default_factory=set)
    deleted: list[int] = field(default_factory=list)
    fetch: list[str] = field(default_factory=list)  # restored articles not held here
    applied: int = 0
    skipped: int = 0  # older than what this desktop holds: kept in the history only
    waiting: int = 0  # curation of an entity not known here yet
    conflicts: int = 0


Wanted = Callable[[str, Any], bool]


def apply_changes(conn: sqlite3.Connection, changes: Sequence[Change], outcome: Outcome,
                  wanted: Wanted | None = None) -> None:
    """Apply in order, inside the caller's transaction, with ``sync_applying`` set.
    ``wanted(kind, value)``: a change to an article not held here that makes it followed
    (index/sync/following.py); the article is then fetched."""
    for change in changes:
        done = _apply_one(conn, change, outcome, wanted)
        conn.execute(
            "INSERT OR IGNORE INTO sync_changes(change_id, kind, article, register, value,"
            " author, desktop, made_at, sent, local_ref) VALUES (?,?,?,?,?,?,?,?,1,?)",
            (change.change_id, change.kind, change.article, change.register, change.value,
             change.author, change.desktop, change.made_at, done))


def retry_waiting(conn: sqlite3.Connection, outcome: Outcome) -> None:
    """Curation that waited for its entity: try again (after entities were extracted)."""
    rows = conn.execute(
        "SELECT change_id, kind, article, register, value, author, desktop, made_at"
        " FROM sync_changes WHERE local_ref = 'waiting' ORDER BY made_at, seq").fetchall()
    for row in rows:
        change = Change(*(row[i] for i in range(8)))
        ref = _apply_one(conn, change, outcome)
        if ref != "waiting":
            conn.execute("UPDATE sync_changes SET local_ref = ? WHERE change_id = ?",
                         (ref, change.change_id))


def reapply(conn: sqlite3.Connection, hashes: Sequence[str], outcome: Outcome) -> None:
    """Articles just fetched: the changes received for them while they were not held
    here apply now, in the order they were made."""
    marks = ",".join("?" * len(hashes))
    rows = conn.execute(
        "SELECT change_id, kind, article, register, value, author, desktop, made_at"
        f" FROM sync_changes WHERE article IN ({marks}) AND sent = 1 AND kind != 'article'"
        " AND desktop != (SELECT value FROM meta WHERE key = 'store_id')"
        " ORDER BY made_at, seq", list(hashes)).fetchall()
    for row in rows:
        _apply_one(conn, Change(*(row[i] for i in range(8))), outcome)


def _apply_one(conn: sqlite3.Connection, change: Change, outcome: Outcome,
               wanted: Wanted | None = None) -> str | None:
    """Returns the received row's ``local_ref``: the local edit it made, 'waiting',
    'deleted-here', or None."""
    try:
        value: Any = json.loads(change.value) if change.value[:1] in "{[" else change.value
    except json.JSONDecodeError:
        outcome.skipped += 1
        return None
    if change.kind in ("curation", "curation_undo"):
        return _curation(conn, change, value, outcome)
    article_id = _article_id(conn, change.article) if change.article else None
    if change.kind == "article":
        return _presence(conn, change, value, article_id, outcome)
    if change.article and article_id is None:
        # Not held here (deleted, or not followed): history only, and its register is
        # left alone so that it applies if the article comes later.
        if wanted is not None and wanted(change.kind, value):
            outcome.fetch.append(change.article)
        outcome.skipped += 1
        return None
    newer = not change.register or _newer(conn, change.register, change.stamp)
    if not newer and change.kind != "note":  # a note merges whatever its age
        outcome.skipped += 1
        return None
    try:
        handler = _HANDLERS.get(change.kind)
        if handler is None:
            outcome.skipped += 1  # a kind from a newer Veille: kept for it, not applied
            return None
        handler(conn, change, value, article_id, outcome)
    except (VeilleError, ValueError, KeyError, sqlite3.IntegrityError):
        outcome.skipped += 1  # e.g. a dossier renamed onto a name taken here
        return None
    outcome.applied += 1
    return None


def _newer(conn: sqlite3.Connection, register: str, stamp: str) -> bool:
    row = conn.execute("SELECT stamp FROM sync_registers WHERE register = ?",
                       (register,)).fetchone()
    if row is not None and str(row[0]) >= stamp:
        return False
    conn.execute("INSERT OR REPLACE INTO sync_registers(register, stamp) VALUES (?, ?)",
                 (register, stamp))
    return True


def _article_id(conn: sqlite3.Connection, content_hash: str | None) -> int | None:
    row = conn.execute("SELECT id FROM articles WHERE content_hash = ?",
                       (content_hash,)).fetchone()
    return None if row is None else int(row[0])


# -- article state ----------------------------------------------------------------------


def _read(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
          outcome: Outcome) -> None:
    assert aid is not None
    user_state.set_read(conn, [aid], str(value) == "1")


def _star(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
          outcome: Outcome) -> None:
    assert aid is not None
    user_state.set_starred(conn, [aid], str(value) == "1")


def _note(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
          outcome: Outcome) -> None:
    assert aid is not None
    row = conn.execute("SELECT note FROM article_state WHERE article_id = ?", (aid,)).fetchone()
    local = str(row[0]) if row is not None else ""
    text, base = str(value.get("text", "")).strip("\n"), str(value.get("base", "")).strip("\n")
    fmt = str(value.get("format", "plain"))
    if local == text:
        return
    if local in (base, "") or _contains_copy(local, text):
        user_state.set_note(conn, aid, text, fmt)
        return
    mine = _last_note_change(conn, change.article or "")
    if mine is None:  # no edit of this desktop's to keep apart: the newer one counts
        user_state.set_note(conn, aid, text, fmt)
        return
    outcome.conflicts += 1
    mine_stamp, mine_author = mine
    if change.stamp > mine_stamp:
        merged = _with_copy(text, local, mine_author, mine_stamp)
    else:
        merged = _with_copy(local, text, change.author, change.made_at)
    user_state.set_note(conn, aid, merged, fmt)


def _contains_copy(local: str, incoming: str) -> bool:
    """The incoming note already holds this desktop's text as a conflict copy (the other
    desktop merged first): take it as it is."""
    return bool(local) and local in incoming and CONFLICT_LINE.split("{")[0] in incoming


def _with_copy(later: str, earlier: str, author: str, when: str) -> str:
    line = CONFLICT_LINE.format(author=author or "?", when=when[:16].replace("T", " "))
    return f"{later}\n\n{line}\n{earlier}"


def _last_note_change(conn: sqlite3.Connection, article: str) -> tuple[str, str] | None:
    """(stamp, author) of the note this desktop holds, when it last changed it here."""
    row = conn.execute(
        "SELECT made_at, change_id, author FROM sync_changes WHERE kind = 'note'"
        " AND article = ? AND desktop IN ('', (SELECT value FROM meta WHERE key = 'store_id'))"
        " ORDER BY seq DESC LIMIT 1", (article,)).fetchone()
    if row is None:
        return None
    author = str(row[2]) or _me(conn)
    return f"{row[0]} {row[1]}", author


def _me(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM meta WHERE key = 'sync_author'").fetchone()
    return str(row[0]) if row is not None else ""


def _tag(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
         outcome: Outcome) -> None:
    assert aid is not None
    name = str(value["name"])
    if value.get("on"):
        user_state.add_tags(conn, [aid], [name])
    else:
        user_state.remove_tags(conn, [aid], [name])
        _drop_unused_tag(conn, name)


def _drop_unused_tag(conn: sqlite3.Connection, name: str) -> None:
    conn.execute("DELETE FROM tags WHERE folded = ? AND NOT EXISTS (SELECT 1 FROM article_tags"
                 " WHERE tag_id = tags.id)", (fold_text(name),))


def _tag_rename(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
                outcome: Outcome) -> None:
    if user_state.tag_id(conn, str(value["old"])) is not None:
        user_state.rename_tag(conn, str(value["old"]), str(value["name"]))


def _tag_color(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
               outcome: Outcome) -> None:
    if user_state.tag_id(conn, str(value["name"])) is not None:
        user_state.set_tag_color(conn, str(value["name"]), value.get("color"))


def _highlight(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
               outcome: Outcome) -> None:
    start, end = int(value["start"]), int(value["end"])
    conn.execute("DELETE FROM highlights WHERE article_id = ? AND start = ? AND end = ?",
                 (aid, start, end))
    if value.get("on"):
        conn.execute(
            "INSERT INTO highlights(article_id, start, end, quote, comment, created_at)"
            " VALUES (?,?,?,?,?,?)",
            (aid, start, end, str(value.get("quote", "")), str(value.get("comment", "")),
             change.made_at))


def _highlight_comment(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
                       outcome: Outcome) -> None:
    conn.execute("UPDATE highlights SET comment = ? WHERE article_id = ? AND start = ?"
                 " AND end = ?", (str(value.get("comment", "")), aid, int(value["start"]),
                                  int(value["end"])))


def _dossier_item(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
                  outcome: Outcome) -> None:
    assert aid is not None
    name = str(value["dossier"])
    if value.get("on"):
        user_state.add_to_dossier(conn, name, [aid])
        did = user_state.dossier_id(conn, name)
        conn.execute("UPDATE dossier_items SET position = ? WHERE dossier_id = ? AND"
                     " article_id = ?", (float(value.get("position", 0.0)), did, aid))
    elif user_state.dossier_id(conn, name) is not None:
        user_state.remove_from_dossier(conn, name, [aid])


def _dossier_position(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
                      outcome: Outcome) -> None:
    did = user_state.dossier_id(conn, str(value["dossier"]))
    conn.execute("UPDATE dossier_items SET position = ? WHERE dossier_id = ? AND article_id = ?",
                 (float(value.get("position", 0.0)), did, aid))


def _dossier_rename(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
                    outcome: Outcome) -> None:
    if user_state.dossier_id(conn, str(value["old"])) is not None:
        user_state.rename_dossier(conn, str(value["old"]), str(value["name"]))


def _dossier(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
             outcome: Outcome) -> None:
    """A dossier created (even empty) or deleted on another desktop."""
    name = str(value["name"])
    if value.get("on"):
        user_state.dossier_id(conn, name, create=True)
    elif user_state.dossier_id(conn, name) is not None:
        user_state.delete_dossier(conn, name)


def _watch(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
           outcome: Outcome) -> None:
    name = str(value["name"])
    exists = conn.execute("SELECT 1 FROM watches WHERE folded = ?",
                          (fold_text(name),)).fetchone()
    if value.get("on") and not exists:
        watches.add(conn, name, str(value.get("query", name)),
                    watches.filters_from_json(str(value.get("filters", "{}"))))
    elif not value.get("on") and exists:
        watches.remove(conn, name)


def _edit(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
          outcome: Outcome) -> None:
    assert aid is not None
    if housekeeping.edit(conn, aid, {str(value["field"]): value.get("value")}):
        outcome.reindex.add(aid)


def _presence(conn: sqlite3.Connection, change: Change, value: Any, aid: int | None,
              outcome: Outcome) -> str | None:
    """'article' changes: deleted (on 0) or restored (on 1) on another desktop. A restore
    brings the article back where a delete from the team took it away."""
    if not isinstance(value, dict) or not _newer(conn, change.register, change.stamp):
        outcome.skipped += 1
        return None
    outcome.applied += 1
    if not value.get("on"):
        if aid is None:
            return None
        outcome.deleted.extend(housekeeping.trash(conn, [aid], f"0-sync-{change.change_id}"))
        return "deleted-here"
    taken = conn.execute("SELECT 1 FROM sync_changes WHERE article = ? AND kind = 'article'"
                         " AND local_ref = 'deleted-here'", (change.article,)).fetchone()
    everything = follows_everything(conn)
    if aid is None and change.article and (taken or everything):
        outcome.fetch.append(change.article)
    return None


_HANDLERS = {
    "read": _read, "star": _star, "note": _note, "tag": _tag, "tag_rename": _tag_rename,
    "tag_color": _tag_color, "highlight": _highlight, "highlight_comment": _highlight_comment,
    "dossier_item": _dossier_item, "dossier_position": _dossier_position,
    "dossier_rename": _dossier_rename, "dossier": _dossier, "watch": _watch, "edit": _edit,
}


# -- entity curation ----------------------------------------------------------------------


def _entity(conn: sqlite3.Connection, keys: Sequence[str]) -> int | None:
    """The live entity one of these "name<TAB>label" keys belongs to here."""
    for key in keys:
        name, _, label = key.partition("\t")
        row = conn.execute("SELECT entity_id FROM entity_keys WHERE name = ? AND label = ?",
                           (name, label)).fetchone()
        if row is None:
            continue
        entity_id = int(row[0])
        for _hop in range(20):  # follow merges to the entity that absorbed it
            nxt = conn.execute("SELECT merged_into FROM entities WHERE id = ?",
                               (entity_id,)).fetchone()
            if nxt is None or nxt[0] is None:
                break
            entity_id = int(nxt[0])
        return entity_id
    return None


def _curation(conn: sqlite3.Connection, change: Change, value: Any,
              outcome: Outcome) -> str | None:
    if change.kind == "curation_undo":
        return _undo(conn, value, outcome)
    edit, payload, keys = str(value["edit"]), value.get("payload", {}), list(value["keys"])
    if edit == "merge":
        moved = [f"{n}\t{lab}" for n, lab in payload.get("keys", [])]
        source = _entity(conn, moved)
        target = _entity(conn, [k for k in keys if k not in moved])
        if source is None or target is None:
            outcome.waiting += 1
            return "waiting"
        if source == target:
            outcome.applied += 1
            return None
        affected = entity_store.merge(conn, source, target)
    else:
        entity_id = _entity(conn, keys)
        if entity_id is None:
            outcome.waiting += 1
            return "waiting"
        register = f"e{edit}|{min(keys)}"
        if not _newer(conn, register, change.stamp):
            outcome.skipped += 1
            return None
        steps: dict[str, Callable[[sqlite3.Connection, int, Any], list[int]]] = {
            "rename": entity_store.rename, "retype": entity_store.retype,
            "hide": entity_store.set_hidden}
        step = steps[edit]
        affected = step(conn, entity_id, payload["new"])
    outcome.reindex.update(affected)
    outcome.applied += 1
    edit_id = conn.execute("SELECT max(id) FROM edits").fetchone()[0]
    return f"edit:{edit_id}"


def _undo(conn: sqlite3.Connection, value: Any, outcome: Outcome) -> str | None:
    row = conn.execute("SELECT local_ref FROM sync_changes WHERE change_id = ?",
                       (str(value.get("of", "")),)).fetchone()
    ref = str(row[0]) if row is not None and row[0] else ""
    if not ref.startswith("edit:"):
        outcome.skipped += 1
        return None
    undone = entity_store.undo_edit(conn, int(ref.removeprefix("edit:")))
    if undone is not None:
        outcome.reindex.update(undone[1])
        outcome.applied += 1
    return None

"""The desktop's log of what its person changed, written by the store itself.

Triggers on the user-state tables record every change (read, star, note, tag, highlight,
dossier, watch, metadata edit, entity curation) whatever code path made it: the window,
the command line, an export read back. A change names its article by content hash and
its tag, dossier or entity by name, because local ids mean nothing on another desktop.
Changes applied from the team server are written with ``sync_applying`` set in ``meta``
for the length of their transaction, so they are not logged again as this desktop's.

``register`` says what a change overwrites: of two changes to one register, the one made
later wins on every desktop, whatever order they arrive in (``sync_registers`` keeps the
stamp of the change each register holds). Notes are the exception (index/sync/apply.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

TABLES = """
CREATE TABLE sync_changes (
    seq INTEGER PRIMARY KEY,
    change_id TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    kind TEXT NOT NULL,
    article TEXT,
    register TEXT NOT NULL DEFAULT '',
    value TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL DEFAULT '',
    desktop TEXT NOT NULL DEFAULT '',
    made_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    sent INTEGER NOT NULL DEFAULT 0,
    local_ref TEXT
);
CREATE INDEX sync_changes_article ON sync_changes(article) WHERE article IS NOT NULL;
CREATE INDEX sync_changes_unsent ON sync_changes(sent) WHERE sent = 0;
CREATE TABLE sync_registers (
    register TEXT PRIMARY KEY,
    stamp TEXT NOT NULL
) WITHOUT ROWID
"""
# A local change holds its register from the moment it is made.
_REGISTER_TRIGGER = (
    "CREATE TRIGGER sync_register_local AFTER INSERT ON sync_changes "
    "WHEN NEW.sent = 0 AND NEW.register != '' BEGIN "
    "INSERT OR REPLACE INTO sync_registers(register, stamp) "
    "VALUES (NEW.register, NEW.made_at || ' ' || NEW.change_id); END")

# Shared pieces of the triggers below.
_LOCAL = "NOT EXISTS (SELECT 1 FROM meta WHERE key = 'sync_applying')"


def _hash(row: str) -> str:
    return f"(SELECT content_hash FROM articles WHERE id = {row}.article_id)"


def _alive(row: str) -> str:
    """The article still exists: a cascade from a deleted article logs nothing (the
    delete itself is logged)."""
    return f"EXISTS (SELECT 1 FROM articles WHERE id = {row}.article_id)"


def _log(kind: str, row: str, register: str, value: str, where: str = "1") -> str:
    return (
        "INSERT INTO sync_changes(kind, article, register, value) SELECT "
        f"'{kind}', {_hash(row)}, {register}, {value} WHERE {where};"
    )


def _state_triggers() -> list[str]:
    out = []
    read_value = "CASE WHEN NEW.read_at IS NULL THEN '0' ELSE '1' END"
    star_value = "CAST(NEW.starred AS TEXT)"
    note_value = ("json_object('text', NEW.note, 'format', NEW.note_format, 'base', {base})")
    for event, base, read_if, star_if, note_if in (
        ("INSERT", "''", "NEW.read_at IS NOT NULL", "NEW.starred != 0", "NEW.note != ''"),
        ("UPDATE", "OLD.note", "(OLD.read_at IS NULL) != (NEW.read_at IS NULL)",
         "OLD.starred != NEW.starred",
         "OLD.note != NEW.note OR OLD.note_format != NEW.note_format"),
    ):
        reg = "'{k}|' || " + _hash("NEW")
        out.append(
            f"CREATE TRIGGER sync_state_{event.lower()} AFTER {event} ON article_state "
            f"WHEN {_LOCAL} AND {_alive('NEW')} BEGIN "
            + _log("read", "NEW", reg.format(k="read"), read_value, read_if)
            + _log("star", "NEW", reg.format(k="star"), star_value, star_if)
            + _log("note", "NEW", reg.format(k="note"), note_value.format(base=base), note_if)
            + " END")
    return out


def _tag_triggers() -> list[str]:
    folded = "(SELECT folded FROM tags WHERE id = {r}.tag_id)"
    name = "json_object('name', (SELECT name FROM tags WHERE id = {r}.tag_id), 'on', {on})"
    out = []
    for event, row, on in (("INSERT", "NEW", "1"), ("DELETE", "OLD", "0")):
        reg = f"'tag|' || {_hash(row)} || '|' || {folded.format(r=row)}"
        out.append(
            f"CREATE TRIGGER sync_tag_{event.lower()} AFTER {event} ON article_tags "
            f"WHEN {_LOCAL} AND {_alive(row)} "
            f"AND EXISTS (SELECT 1 FROM tags WHERE id = {row}.tag_id) BEGIN "
            + _log("tag", row, reg, name.format(r=row, on=on)) + " END")
    out.append(
        f"CREATE TRIGGER sync_tag_rename AFTER UPDATE OF name ON tags "
        f"WHEN {_LOCAL} AND OLD.name != NEW.name BEGIN "
        "INSERT INTO sync_changes(kind, register, value) VALUES ('tag_rename', "
        "'tagname|' || OLD.folded, json_object('old', OLD.name, 'name', NEW.name)); END")
    out.append(
        f"CREATE TRIGGER sync_tag_color AFTER UPDATE OF color ON tags "
        f"WHEN {_LOCAL} AND OLD.color IS NOT NEW.color BEGIN "
        "INSERT INTO sync_changes(kind, register, value) VALUES ('tag_color', "
        "'tagcolor|' || NEW.folded, json_object('name', NEW.name, 'color', NEW.color)); END")
    out.append(
        f"CREATE TRIGGER sync_tag_dropped BEFORE DELETE ON tags WHEN {_LOCAL} BEGIN "
        "INSERT INTO sync_changes(kind, article, register, value) "
        "SELECT 'tag', a.content_hash, 'tag|' || a.content_hash || '|' || OLD.folded, "
        "json_object('name', OLD.name, 'on', 0) FROM article_tags t "
        "JOIN articles a ON a.id = t.article_id WHERE t.tag_id = OLD.id; END")
    return out


def _highlight_triggers() -> list[str]:
    span = "{r}.start || '|' || {r}.end"
    value = ("json_object('start', {r}.start, 'end', {r}.end, 'quote', {r}.quote, "
             "'comment', {r}.comment, 'on', {on})")
    out = []
    for event, row, on in (("INSERT", "NEW", "1"), ("DELETE", "OLD", "0")):
        reg = f"'hl|' || {_hash(row)} || '|' || " + span.format(r=row)
        out.append(
            f"CREATE TRIGGER sync_highlight_{event.lower()} AFTER {event} ON highlights "
            f"WHEN {_LOCAL} AND {_alive(row)} BEGIN "
            + _log("highlight", row, reg, value.format(r=row, on=on)) + " END")
    reg = "'hlnote|' || " + _hash("NEW") + " || '|' || " + span.format(r="NEW")
    out.append(
        f"CREATE TRIGGER sync_highlight_comment AFTER UPDATE OF comment ON highlights "
        f"WHEN {_LOCAL} AND OLD.comment != NEW.comment AND {_alive('NEW')} BEGIN "
        + _log("highlight_comment", "NEW", reg, value.format(r="NEW", on=1)) + " END")
    return out


def _dossier_triggers() -> list[str]:
    folded = "(SELECT folded FROM dossiers WHERE id = {r}.dossier_id)"
    value = ("json_object('dossier', (SELECT name FROM dossiers WHERE id = {r}.dossier_id), "
             "'position', {r}.position, 'on', {on})")
    out = []
    for event, row, on in (("INSERT", "NEW", "1"), ("DELETE", "OLD", "0")):
        reg = f"'ditem|' || {folded.format(r=row)} || '|' || {_hash(row)}"
        out.append(
            f"CREATE TRIGGER sync_dossier_item_{event.lower()} AFTER {event} ON dossier_items "
            f"WHEN {_LOCAL} AND {_alive(row)} "
            f"AND EXISTS (SELECT 1 FROM dossiers WHERE id = {row}.dossier_id) BEGIN "
            + _log("dossier_item", row, reg, value.format(r=row, on=on)) + " END")
    reg = f"'dpos|' || {folded.format(r='NEW')} || '|' || {_hash('NEW')}"
    out.append(
        f"CREATE TRIGGER sync_dossier_position AFTER UPDATE OF position ON dossier_items "
        f"WHEN {_LOCAL} AND OLD.position != NEW.position AND {_alive('NEW')} BEGIN "
        + _log("dossier_position", "NEW", reg, value.format(r="NEW", on=1)) + " END")
    out.append(
        f"CREATE TRIGGER sync_dossier_rename AFTER UPDATE OF name ON dossiers "
        f"WHEN {_LOCAL} AND OLD.name != NEW.name BEGIN "
        "INSERT INTO sync_changes(kind, register, value) VALUES ('dossier_rename', "
        "'dname|' || OLD.folded, json_object('old', OLD.name, 'name', NEW.name)); END")
    out.append(
        f"CREATE TRIGGER sync_dossier_created AFTER INSERT ON dossiers WHEN {_LOCAL} BEGIN "
        "INSERT INTO sync_changes(kind, register, value) VALUES ('dossier', "
        "'dossier|' || NEW.folded, json_object('name', NEW.name, 'on', 1)); END")
    out.append(
        f"CREATE TRIGGER sync_dossier_deleted AFTER DELETE ON dossiers WHEN {_LOCAL} BEGIN "
        "INSERT INTO sync_changes(kind, register, value) VALUES ('dossier', "
        "'dossier|' || OLD.folded, json_object('name', OLD.name, 'on', 0)); END")
    out.append(
        f"CREATE TRIGGER sync_dossier_dropped BEFORE DELETE ON dossiers WHEN {_LOCAL} BEGIN "
        "INSERT INTO sync_changes(kind, article, register, value) "
        "SELECT 'dossier_item', a.content_hash, 'ditem|' || OLD.folded || '|' || a.content_hash,"
        " json_object('dossier', OLD.name, 'position', i.position, 'on', 0) "
        "FROM dossier_items i JOIN articles a ON a.id = i.article_id "
        "WHERE i.dossier_id = OLD.id; END")
    return out


def _watch_triggers() -> list[str]:
    return [
        f"CREATE TRIGGER sync_watch_insert AFTER INSERT ON watches WHEN {_LOCAL} BEGIN "
        "INSERT INTO sync_changes(kind, register, value) VALUES ('watch', "
        "'watch|' || NEW.folded, json_object('name', NEW.name, 'query', NEW.query, "
        "'filters', NEW.filters, 'on', 1)); END",
        f"CREATE TRIGGER sync_watch_delete AFTER DELETE ON watches WHEN {_LOCAL} BEGIN "
        "INSERT INTO sync_changes(kind, register, value) VALUES ('watch', "
        "'watch|' || OLD.folded, json_object('name', OLD.name, 'on', 0)); END",
    ]


def _edit_triggers() -> list[str]:
    reg = "'edit|' || " + _hash("NEW") + " || '|' || NEW.field"
    return [
        f"CREATE TRIGGER sync_article_edit AFTER INSERT ON article_edits "
        f"WHEN {_LOCAL} AND {_alive('NEW')} BEGIN "
        + _log("edit", "NEW", reg, "json_object('field', NEW.field, 'value', NEW.new)")
        + " END"
    ]


def _curation_triggers() -> list[str]:
    """Entity edits name the entity by its extraction keys ("name<TAB>label")."""
    keys = ("(SELECT json_group_array(name || char(9) || label) FROM entity_keys "
            "WHERE entity_id = {eid})")
    subject = ("CASE WHEN NEW.kind = 'merge' THEN json_extract(NEW.payload, '$.target') "
               "ELSE json_extract(NEW.payload, '$.id') END")
    return [
        f"CREATE TRIGGER sync_curation AFTER INSERT ON edits WHEN {_LOCAL} BEGIN "
        "INSERT INTO sync_changes(kind, value, local_ref) VALUES ('curation', "
        "json_object('edit', NEW.kind, 'payload', json(NEW.payload), 'keys', json("
        + keys.format(eid=subject) + ")), 'edit:' || NEW.id); END",
        f"CREATE TRIGGER sync_curation_undo AFTER UPDATE OF undone ON edits "
        f"WHEN {_LOCAL} AND NEW.undone = 1 AND OLD.undone = 0 BEGIN "
        "INSERT INTO sync_changes(kind, value, local_ref) SELECT 'curation_undo', "
        "json_object('of', change_id), 'undo:' || NEW.id FROM sync_changes "
        "WHERE local_ref = 'edit:' || NEW.id; END",
    ]


def install(conn: sqlite3.Connection) -> None:
    """Create the log and its triggers (migration 5)."""
    statements = [s for s in TABLES.split(";\n") if s.strip()] + [_REGISTER_TRIGGER]
    statements += _state_triggers() + _tag_triggers() + _highlight_triggers()
    statements += _dossier_triggers() + _watch_triggers() + _edit_triggers()
    statements += _curation_triggers()
    for statement in statements:
        conn.execute(statement)
    conn.execute("ALTER TABLE articles ADD COLUMN synced INTEGER NOT NULL DEFAULT 0")
    conn.execute("CREATE INDEX articles_unsynced ON articles(synced) WHERE synced = 0")
    _baseline(conn)


_STAMP = "strftime('%Y-%m-%dT%H:%M:%fZ', coalesce({when}, 'now'))"


def _baseline(conn: sqlite3.Connection) -> None:
    """The state a library had before the log existed, as changes made when it was
    (or, when no date was kept, now): the first sync sends it like any other change."""
    hashed = "SELECT content_hash FROM articles WHERE id = {t}.article_id"
    conn.execute(
        "INSERT INTO sync_changes(kind, article, register, value, made_at) SELECT 'read', "
        f"({hashed.format(t='s')}), 'read|' || ({hashed.format(t='s')}), '1', "
        f"{_STAMP.format(when='s.read_at')} FROM article_state s WHERE s.read_at IS NOT NULL")
    conn.execute(
        "INSERT INTO sync_changes(kind, article, register, value) SELECT 'star', "
        f"({hashed.format(t='s')}), 'star|' || ({hashed.format(t='s')}), '1' "
        "FROM article_state s WHERE s.starred != 0")
    conn.execute(
        "INSERT INTO sync_changes(kind, article, register, value, made_at) SELECT 'note', "
        f"({hashed.format(t='s')}), 'note|' || ({hashed.format(t='s')}), json_object('text',"
        " s.note, 'format', s.note_format, 'base', ''), "
        f"{_STAMP.format(when='s.note_updated')} FROM article_state s WHERE s.note != ''")
    conn.execute(
        "INSERT INTO sync_changes(kind, article, register, value) SELECT 'tag', a.content_hash,"
        " 'tag|' || a.content_hash || '|' || g.folded, json_object('name', g.name, 'on', 1)"
        " FROM article_tags t JOIN articles a ON a.id = t.article_id"
        " JOIN tags g ON g.id = t.tag_id")
    conn.execute(
        "INSERT INTO sync_changes(kind, article, register, value, made_at) SELECT"
        " 'dossier_item', a.content_hash, 'ditem|' || d.folded || '|' || a.content_hash,"
        " json_object('dossier', d.name, 'position', i.position, 'on', 1), "
        f"{_STAMP.format(when='i.added_at')} FROM dossier_items i"
        " JOIN articles a ON a.id = i.article_id JOIN dossiers d ON d.id = i.dossier_id")
    conn.execute(
        "INSERT INTO sync_changes(kind, article, register, value, made_at) SELECT 'highlight',"
        " a.content_hash, 'hl|' || a.content_hash || '|' || h.start || '|' || h.end,"
        " json_object('start', h.start, 'end', h.end, 'quote', h.quote, 'comment', h.comment,"
        f" 'on', 1), {_STAMP.format(when='h.created_at')} FROM highlights h"
        " JOIN articles a ON a.id = h.article_id")
    conn.execute(
        "INSERT INTO sync_changes(kind, register, value, made_at) SELECT 'watch',"
        " 'watch|' || w.folded, json_object('name', w.name, 'query', w.query, 'filters',"
        f" w.filters, 'on', 1), {_STAMP.format(when='w.created_at')} FROM watches w")
    conn.execute(
        "INSERT INTO sync_changes(kind, article, register, value, made_at) SELECT 'edit',"
        " a.content_hash, 'edit|' || a.content_hash || '|' || e.field, json_object('field',"
        f" e.field, 'value', e.new), {_STAMP.format(when='e.edited_at')} FROM article_edits e"
        " JOIN articles a ON a.id = e.article_id ORDER BY e.id")
    subject = ("CASE WHEN e.kind = 'merge' THEN json_extract(e.payload, '$.target') "
               "ELSE json_extract(e.payload, '$.id') END")
    conn.execute(
        "INSERT INTO sync_changes(kind, value, local_ref, made_at) SELECT 'curation',"
        " json_object('edit', e.kind, 'payload', json(e.payload), 'keys', json((SELECT"
        f" json_group_array(k.name || char(9) || k.label) FROM entity_keys k WHERE k.entity_id"
        f" = {subject}))), 'edit:' || e.id, {_STAMP.format(when='e.created_at')}"
        " FROM edits e WHERE e.undone = 0 ORDER BY e.id")


def log_presence(conn: sqlite3.Connection, hashes: Sequence[str], present: bool) -> None:
    """An article deleted (or restored) here: the other desktops follow."""
    value = '{"on":1}' if present else '{"on":0}'
    conn.executemany(
        "INSERT INTO sync_changes(kind, article, register, value) SELECT 'article', ?,"
        " 'article|' || ?, ? WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = 'sync_applying')",
        [(h, h, value) for h in hashes])

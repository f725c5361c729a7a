"""What a desktop holds of the team archive: everything, or only what it follows.

A laptop need not carry the newsroom's whole archive. Following means: the articles that
match one of its watches, carry one of the followed tags, sit in one of the followed
dossiers, or fall in the followed date range, plus every article its owner opened from
the team archive. The rest stays on the server, where ``search --remote`` finds it.
Changes are received whole either way (they are small): a change that tags an article
with a followed tag brings the article, and the article's earlier changes apply when it
arrives.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from index.store import fold_text

if TYPE_CHECKING:
    from index.library import Library

META_KEY = "sync_follow"


@dataclass(frozen=True, slots=True)
class Follow:
    everything: bool = True
    watches: bool = True
    tags: tuple[str, ...] = ()
    dossiers: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    _extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def describe(self) -> str:
        if self.everything:
            return "everything in the team archive"
        parts = []
        if self.watches:
            parts.append("articles your watches find")
        if self.tags:
            parts.append("tags " + ", ".join(self.tags))
        if self.dossiers:
            parts.append("dossiers " + ", ".join(self.dossiers))
        if self.since or self.until:
            parts.append(f"dates {self.since or '…'} to {self.until or '…'}")
        return "only " + "; ".join(parts or ["what you open"])


def following(library: Library) -> Follow:
    text = library.store.meta(META_KEY)
    if not text:
        return Follow()
    try:
        data = json.loads(text)
        return Follow(bool(data.get("everything", True)), bool(data.get("watches", True)),
                      tuple(data.get("tags", ())), tuple(data.get("dossiers", ())),
                      data.get("since"), data.get("until"))
    except (ValueError, TypeError, AttributeError):
        return Follow()


def follows_everything(conn: Any) -> bool:
    """Read from the store inside a transaction (the library object is not at hand)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    try:
        return row is None or bool(json.loads(row[0]).get("everything", True))
    except (ValueError, TypeError, AttributeError):
        return True


def save(conn: Any, follow: Follow) -> bool:
    """Store the choice; True when it changed (then the archive is scanned again for
    what is now followed)."""
    data = asdict(follow)
    data.pop("_extra", None)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    if row is not None and row[0] == text:
        return False
    if row is None and follow == Follow():
        return False
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (META_KEY, text))
    return True


def server_condition(library: Library, follow: Follow) -> tuple[str, dict[str, Any]]:
    """SQL (on the server's ``articles a``) selecting what this desktop follows."""
    if follow.everything:
        return "TRUE", {}
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if follow.watches:
        queries = [str(r[0]) for r in library.store.conn.execute("SELECT query FROM watches")]
        for n, query in enumerate(queries):
            params[f"w{n}"] = query
            clauses.append(f"(a.search_fr @@ websearch_to_tsquery('veille_fr', %(w{n})s) OR"
                           f" a.search_en @@ websearch_to_tsquery('veille_en', %(w{n})s))")
    latest_on = ("(SELECT c.value FROM changes c WHERE c.register = {reg} ORDER BY"
                 " c.made_at DESC, c.change_id DESC LIMIT 1) LIKE '%%\"on\":1%%'")
    if follow.tags:
        params["tags"] = [fold_text(t) for t in follow.tags]
        clauses.append("EXISTS (SELECT 1 FROM unnest(%(tags)s::text[]) t WHERE "
                       + latest_on.format(reg="'tag|' || a.content_hash || '|' || t") + ")")
    if follow.dossiers:
        params["dossiers"] = [fold_text(d) for d in follow.dossiers]
        clauses.append("EXISTS (SELECT 1 FROM unnest(%(dossiers)s::text[]) d WHERE "
                       + latest_on.format(reg="'ditem|' || d || '|' || a.content_hash") + ")")
    if follow.since or follow.until:
        params["since"], params["until"] = follow.since or "", (follow.until or "9999") + "\uffff"
        clauses.append("(a.date >= %(since)s AND a.date <= %(until)s)")
    return "(" + (" OR ".join(clauses) or "FALSE") + ")", params


def brings_article(follow: Follow, kind: str, value: Any) -> bool:
    """A change to an article this desktop does not hold that makes it followed."""
    if follow.everything or not isinstance(value, dict) or not value.get("on"):
        return False
    if kind == "tag":
        return fold_text(str(value.get("name", ""))) in {fold_text(t) for t in follow.tags}
    if kind == "dossier_item":
        return fold_text(str(value.get("dossier", ""))) in {fold_text(d) for d in
                                                            follow.dossiers}
    return False

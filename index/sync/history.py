"""An article's history: who changed what of it, and when, on every desktop.

Read from the change log (index/sync/changelog.py), which holds this desktop's changes
and those received from the team.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.library import Library


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    when: str
    author: str
    what: str  # in English (describe); ``kind`` and ``value`` for another language
    here: bool  # made on this desktop
    kind: str = ""
    value: str = ""


def history(library: Library, article_id: int) -> list[HistoryEntry]:
    """Who changed what of this article, and when, on every desktop, oldest first."""
    conn = library.store.conn
    row = conn.execute("SELECT content_hash FROM articles WHERE id = ?",
                       (article_id,)).fetchone()
    if row is None:
        return []
    me = library.store.store_id()
    from index.sync.session import author_of

    you = author_of(library)
    out = []
    for made_at, author, desktop, kind, value in conn.execute(
            "SELECT made_at, author, desktop, kind, value FROM sync_changes WHERE article = ?"
            " ORDER BY made_at, seq", (row[0],)):
        here = desktop in ("", me)
        out.append(HistoryEntry(str(made_at), str(author) or (you if here else "?"),
                                describe(str(kind), str(value)), here, str(kind), str(value)))
    return out


def describe(kind: str, value: str) -> str:
    """One change in words (the article's history, in the window and the CLI)."""
    try:
        data: Any = json.loads(value) if value[:1] in "{[" else value
    except json.JSONDecodeError:
        data = value
    on = isinstance(data, dict) and bool(data.get("on"))
    get = data.get if isinstance(data, dict) else (lambda _k, _d=None: _d)
    texts = {
        "read": "marked read" if str(data) == "1" else "marked unread",
        "star": "starred" if str(data) == "1" else "unstarred",
        "note": "edited the note" if get("text") else "cleared the note",
        "tag": f"tagged \u201c{get('name')}\u201d" if on
        else f"removed the tag \u201c{get('name')}\u201d",
        "highlight": f"highlighted \u201c{str(get('quote', ''))[:40]}\u201d" if on
        else "removed a highlight",
        "highlight_comment": "commented a highlight",
        "dossier_item": f"added to the dossier \u201c{get('dossier')}\u201d" if on
        else f"removed from the dossier \u201c{get('dossier')}\u201d",
        "dossier_position": f"moved in the dossier \u201c{get('dossier')}\u201d",
        "edit": f"edited the {get('field')}",
        "article": "restored the article" if on else "deleted the article",
    }
    return texts.get(kind, kind.replace("_", " "))

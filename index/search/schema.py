"""The Whoosh schema and the conversion of an article into index fields.

Body and title are indexed several times, each in one word form (see ``analysis``):
folded (default, positions for phrases), exact (accents kept, positions), and French
and/or English stems (no positions: stems only widen single-word matches). Querying all
of them with boosts ranks exact and folded matches above stem-only matches.

Bump ``SCHEMA_VERSION`` on any change to fields or analysis: an index of another version
is refused (``IndexUnusable``) and the library rebuilds it from the store.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from whoosh import columns
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from .analysis import FieldValueTokenizer, VeilleTokenizer

SCHEMA_VERSION = 1

# Languages whose stemmed fields exist; an article in another or unknown language is
# indexed with both stemmers.
STEM_LANGS = ("fr", "en")
SEP = FieldValueTokenizer.SEP


@dataclass(frozen=True, slots=True)
class IndexDoc:
    """What the library hands the index for one article (``entities``: canonical names)."""

    article_id: int
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    lang: str | None = None
    authors: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    url: str | None = None


def build_schema() -> Schema:
    fold, exact = VeilleTokenizer("fold"), VeilleTokenizer("exact")
    fields: dict[str, Any] = {
        "id": ID(unique=True),
        "aid": COLUMN(columns.NumericColumn("q")),
        "title": TEXT(analyzer=fold, stored=True),
        "title_x": TEXT(analyzer=exact),
        "body": TEXT(analyzer=fold),
        "body_x": TEXT(analyzer=exact),
        "author": TEXT(analyzer=fold),
        "source": TEXT(analyzer=fold),
        "src": ID(stored=True, sortable=True),
        "lang": ID(stored=True, sortable=True),
        "date": ID(stored=True, sortable=True),
        "entity": KEYWORD(analyzer=FieldValueTokenizer()),
        "entw": TEXT(analyzer=fold),
        "ents": COLUMN(columns.VarBytesColumn()),
        "z": STORED(),
    }
    for lang in STEM_LANGS:
        stem = VeilleTokenizer(lang)
        fields[f"title_{lang}"] = TEXT(analyzer=stem, phrase=False)
        fields[f"body_{lang}"] = TEXT(analyzer=stem, phrase=False)
    return Schema(**fields)


def normalise_date(value: str | None) -> str | None:
    """The sortable ``YYYY-MM-DD`` (or shorter ``YYYY-MM`` / ``YYYY``) prefix of an ISO date."""
    if not value:
        return None
    head = value.strip()[:10]
    parts = head.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    good = [parts[0]]
    for part in parts[1:3]:
        if len(part) != 2 or not part.isdigit():
            break
        good.append(part)
    return "-".join(good)


def doc_fields(doc: IndexDoc) -> dict[str, Any]:
    """The keyword arguments of ``writer.add_document`` for one article."""
    fields: dict[str, Any] = {
        "id": str(doc.article_id),
        "aid": int(doc.article_id),
        "title": doc.title or "",
        "title_x": doc.title or "",
        "body": doc.text or "",
        "body_x": doc.text or "",
        "z": zlib.compress((doc.text or "").encode("utf-8"), 1),
    }
    lang = (doc.lang or "").lower()
    langs = (lang,) if lang in STEM_LANGS else STEM_LANGS
    for lang in langs:
        fields[f"title_{lang}"] = doc.title or ""
        fields[f"body_{lang}"] = doc.text or ""
    if doc.authors:
        fields["author"] = "\n".join(doc.authors)
    if doc.source:
        fields["source"] = doc.source
        fields["src"] = doc.source
    if doc.lang:
        fields["lang"] = doc.lang.lower()
    date = normalise_date(doc.date)
    if date:
        fields["date"] = date
    if doc.entities:
        fields["entity"] = SEP.join(doc.entities)
        fields["entw"] = "\n".join(doc.entities)
        fields["ents"] = SEP.join(doc.entities).encode("utf-8")
    return fields


def stored_text(stored: dict[str, Any]) -> str:
    blob = stored.get("z")
    return zlib.decompress(blob).decode("utf-8") if blob else ""


def split_list(blob: bytes | None) -> Sequence[str]:
    return blob.decode("utf-8").split(SEP) if blob else ()

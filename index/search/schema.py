"""The Whoosh schema and the conversion of an article into index fields.

Title and body are indexed once, with positions, in folded form plus the marked exact
form of accented words (see ``analysis.exact_term``); the positions of their common
words are kept again in a compact column for fast phrases (``cpos``, ``tcpos``). Other forms
of a word are not indexed: queries expand a word to the other forms of its lemma that the
index holds (``lemmas``, ``query_build``). A first version indexed separate
exact, French-stem and English-stem fields; Whoosh's pure-Python writer spends its time
per posting, and those fields tripled the postings (104 articles/s on 4.5 KB articles).

Bump ``SCHEMA_VERSION`` on any change to fields or analysis: an index of another version
is refused (``IndexUnusable``) and the library rebuilds it from the store.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from whoosh import columns, formats
from whoosh.fields import COLUMN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import WORD_RE, FieldValueTokenizer, VeilleTokenizer, common_positions

SCHEMA_VERSION = 4  # 4: positions of common words per article (cpos, tcpos) for phrases

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
    fold, both = VeilleTokenizer("fold"), VeilleTokenizer("index")
    fields: dict[str, Any] = {
        "id": ID(unique=True),
        "aid": COLUMN(columns.NumericColumn("q")),
        "title": TEXT(analyzer=both, stored=True),
        "body": TEXT(analyzer=both),
        "author": TEXT(analyzer=fold),
        "source": TEXT(analyzer=fold),
        "src": ID(stored=True, sortable=True),
        "lang": ID(stored=True, sortable=True),
        "date": ID(stored=True, sortable=True),
        "day": NUMERIC(int, bits=32, signed=False, shift_step=4),
        "entity": names_field(),
        "entw": TEXT(analyzer=fold),
        "ents": COLUMN(columns.VarBytesColumn()),
        "blen": COLUMN(columns.NumericColumn("H")),  # body words, for BM25 (see scoring)
        # Positions of the common words of body and title, four bytes each: phrases
        # read them for the candidate articles instead of the postings of "de", "the"
        # (analysis.common_positions, scoring.SetScorer._phrase_mask).
        "cpos": COLUMN(columns.VarBytesColumn()),
        "tcpos": COLUMN(columns.VarBytesColumn()),
        "z": STORED(),
    }
    return Schema(**fields)


def names_field() -> KEYWORD:
    """Whole entity names, presence only. An article's names are distinct, so the
    frequency Whoosh keeps by default is 1 (2 only for two names folding alike, "São
    Paulo" and "Sao Paulo", now counted once), and it costs a value per posting block
    that whoosh3 pickles at about 50 bytes: most names occur in one or two articles, and
    that value was half the field's postings (1.2 MB of 2.5 at 10,000 articles).

    Not a schema version change: weights are stored apart from values, so postings of the
    older (frequency) format read the same, and merges rewrite them in this format."""
    field = KEYWORD(analyzer=FieldValueTokenizer())
    field.format = formats.Existence()
    return field


def day_number(date: str, *, high: bool = False) -> int:
    """``YYYY[-MM[-DD]]`` as the integer YYYYMMDD; missing parts 00 (or 99 when ``high``)."""
    parts = date.split("-")
    filler = "99" if high else "00"
    month = parts[1] if len(parts) > 1 else filler
    day = parts[2] if len(parts) > 2 else filler
    return int(parts[0] + month + day)


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
    body_words = WORD_RE.findall(doc.text or "")
    fields: dict[str, Any] = {
        "id": str(doc.article_id),
        "aid": int(doc.article_id),
        "title": doc.title or "",
        "body": doc.text or "",
        "blen": min(65535, len(body_words)),
        "z": zlib.compress((doc.text or "").encode("utf-8"), 1),
    }
    for name, found in (("cpos", common_positions(body_words)),
                        ("tcpos", common_positions(WORD_RE.findall(doc.title or "")))):
        if found:
            fields[name] = found
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
        fields["day"] = day_number(date)
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

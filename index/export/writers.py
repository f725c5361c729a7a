"""The export formats. Rows are read in chunks, so 100,000 articles export in flat memory."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from index.models import Article

if TYPE_CHECKING:
    from index.library import Library

Progress = Callable[[int, int | None, str], None]
FORMATS = ("csv", "md", "jsonl", "pdf")
CSV_COLUMNS = ("id", "title", "date", "source", "url", "language", "tags", "starred", "read",
               "note", "top_entities")
TOP_ENTITIES = 5
_CHUNK = 200


def export_records(lib: Library, ids: Sequence[int]) -> Iterator[Article]:
    """Full articles (with state and entities) in the given order, read in chunks."""
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start:start + _CHUNK])
        for article in lib.store.articles(chunk):
            full = lib.article(article.id)
            if full is not None:
                yield full


def export_articles(lib: Library, ids: Sequence[int], fmt: str, out: Path,
                    progress: Progress | None = None, title: str = "") -> int:
    """Write ``ids`` to ``out`` in ``fmt`` (csv, md, jsonl); returns how many."""
    writers: dict[str, Callable[[TextIO, Iterator[Article], str], int]] = {
        "csv": _write_csv, "md": _write_markdown, "jsonl": _write_jsonl,
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r} (csv, md, jsonl; pdf in the app)")
    records = _counted(export_records(lib, ids), len(ids), progress)
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"  # a BOM so spreadsheets read French
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding=encoding, newline="") as stream:
            count = writers[fmt](stream, records, title)
        tmp.replace(out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return count


def _counted(records: Iterator[Article], total: int, progress: Progress | None
             ) -> Iterator[Article]:
    for n, article in enumerate(records, 1):
        if progress is not None and (n % 50 == 0 or n == total):
            progress(n, total, article.title)
        yield article


def top_entities(article: Article, count: int = TOP_ENTITIES) -> list[str]:
    mentions = Counter(m.canonical for m in article.mentions)
    return [name for name, _ in mentions.most_common(count)]


def _write_csv(stream: TextIO, records: Iterator[Article], _title: str) -> int:
    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for a in records:
        writer.writerow([
            a.id, a.title, a.date or "", a.source or "", a.url or "", a.lang or "",
            "; ".join(a.tags), "yes" if a.starred else "no", "yes" if a.read else "no",
            a.note, "; ".join(top_entities(a)),
        ])
        count += 1
    return count


def jsonl_record(a: Article) -> dict[str, Any]:
    """One line of the JSON Lines export: the article and everything a person added."""
    return {
        "id": a.id, "title": a.title, "text": a.text, "date": a.date, "source": a.source,
        "url": a.url, "lang": a.lang, "authors": list(a.authors),
        "veille": {
            "read": a.read, "starred": a.starred, "tags": list(a.tags), "note": a.note,
            "note_format": a.note_format, "dossiers": list(a.dossiers),
            "highlights": [{"start": h.start, "end": h.end, "quote": h.quote,
                            "comment": h.comment} for h in a.highlights],
            "entities": top_entities(a, 20),
        },
    }


def _write_jsonl(stream: TextIO, records: Iterator[Article], _title: str) -> int:
    count = 0
    for a in records:
        stream.write(json.dumps(jsonl_record(a), ensure_ascii=False) + "\n")
        count += 1
    return count


def markdown_brief(records: Iterator[Article], title: str = "") -> Iterator[str]:
    """A readable brief: per article its title, date, source, link, note and highlights."""
    if title:
        yield f"# {_md_line(title)}\n\n"
    for a in records:
        yield f"## {_md_line(a.title)}\n\n"
        meta = " · ".join(x for x in (a.date or "", a.source or "") if x)
        if meta:
            yield f"*{_md_line(meta)}*"
            yield f" — <{a.url}>\n\n" if a.url else "\n\n"
        elif a.url:
            yield f"<{a.url}>\n\n"
        if a.tags:
            yield "Tags: " + ", ".join(_md_line(t) for t in a.tags) + "\n\n"
        if a.note.strip():
            body = a.note if a.note_format == "markdown" else _md_text(a.note)
            yield "**Note.** " + body.strip() + "\n\n"
        for h in a.highlights:
            yield "> " + _md_text(h.quote).replace("\n", "\n> ") + "\n"
            if h.comment.strip():
                yield ">\n> — " + _md_text(h.comment).replace("\n", "\n> ") + "\n"
            yield "\n"
        yield "---\n\n"


def _write_markdown(stream: TextIO, records: Iterator[Article], title: str) -> int:
    count = 0

    def counting() -> Iterator[Article]:
        nonlocal count
        for a in records:
            count += 1
            yield a

    for part in markdown_brief(counting(), title):
        stream.write(part)
    return count


def _md_line(text: str) -> str:
    return _md_text(" ".join(text.split()))


def _md_text(text: str) -> str:
    """Plain text that Markdown shows as typed (no accidental headings, lists, links)."""
    out = io.StringIO()
    for ch in text:
        if ch in "\\`*_[]<>#|":
            out.write("\\")
        out.write(ch)
    return out.getvalue()

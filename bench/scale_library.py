"""Veille libraries and FTS5 baselines built from the scale corpora, cached on disk.

A Veille library is built either like a rebuild does it (store rows written in one
transaction, then ``SearchIndex.add(..., bulk=True)`` in batches of 50,000, each batch
giving two segments, not merged unless ``--optimize``: ``optimize()`` costs twice the
build in whoosh3; the fast path, used for 100,000 articles) or through
``Library.import_paths`` of the corpus as a JSON Lines file (the path a user's import
takes; slower). Either way the result is an ordinary library folder that
``Library.open`` opens without any rebuild. Entities are not extracted (spaCy on 100,000
articles would take hours); the index's entity field is empty.

The FTS5 baseline indexes the same articles with the tokenizer the issue names
(porter unicode61 remove_diacritics 2) and does the same job as ``SearchIndex.search``:
every matching id in rank order (capped at 100,000) plus 20 snippets.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.common import Timer
from bench.scale_corpus import CACHE, RECIPE, build_corpus, load_corpus
from index import Library
from index.library import INDEX_DIR, STORE_FILE
from index.migrations import SCHEMA_VERSION as STORE_SCHEMA
from index.models import ArticleDraft
from index.search import SCHEMA_VERSION, IndexDoc, SearchIndex
from index.store import Store, content_hash

MAX_IDS = 100_000
BATCH = 50_000


@dataclass(frozen=True, slots=True)
class Built:
    """Where a library or baseline lives and what building it cost."""

    path: Path
    seconds: float
    index_mb: float
    detail: str


def folder_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def library_dir(size: int, via_import: bool, optimize: bool) -> Path:
    how = "-import" if via_import else ("-optimized" if optimize else "")
    return CACHE / f"library-{size}-r{RECIPE}{how}"


def build_library(size: int, *, via_import: bool = False, optimize: bool = False,
                  force: bool = False) -> Built:
    """The library of the ``size`` corpus; article ids follow the corpus order (1-based)."""
    folder = library_dir(size, via_import, optimize)
    stamp = folder / "bench-built.json"
    if stamp.exists() and not force:
        info = json.loads(stamp.read_text())
        if info.get("schema") == SCHEMA_VERSION and info.get("store") == STORE_SCHEMA:
            return Built(folder, info["seconds"], folder_mb(folder / INDEX_DIR), info["detail"])
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if via_import:
        seconds, detail = _import(size, folder)
    else:
        seconds, detail = _direct(load_corpus(size), folder, optimize)
    stamp.write_text(json.dumps({"seconds": seconds, "detail": detail, "schema": SCHEMA_VERSION,
                                 "store": STORE_SCHEMA}))
    return Built(folder, seconds, folder_mb(folder / INDEX_DIR), detail)


def _direct(rows: Sequence[dict[str, object]], folder: Path,
            optimize: bool) -> tuple[float, str]:
    store = Store(folder / STORE_FILE)
    with Timer() as t_store, store.transaction():
        ids = [store.insert_article(_draft(r), lang=str(r["lang"]), chash=content_hash(_draft(r)),
                                    curl=None, blob=None) for r in rows]
        store.mark_indexed(ids)
    store_id = store.store_id()  # the index is signed as this library's (index/search/trust.py)
    store.close()
    if ids != list(range(1, len(rows) + 1)):
        raise RuntimeError("article ids do not follow the corpus order")
    index = SearchIndex.create(folder / INDEX_DIR, store_id)
    with Timer() as t_add:
        for start in range(0, len(rows), BATCH):
            chunk = rows[start:start + BATCH]
            index.add([_index_doc(i, r) for i, r in enumerate(chunk, start + 1)], bulk=True)
    with Timer() as t_opt:
        if optimize:
            index.optimize()
    index.close()
    seconds = t_add.seconds + t_opt.seconds
    segments = len(list((folder / INDEX_DIR).glob("*.seg")))
    detail = (f"direct: store {t_store.seconds:.1f} s, SearchIndex.add(bulk=True) in batches of "
              f"{BATCH:,}: {t_add.seconds:.1f} s, "
              + (f"optimize {t_opt.seconds:.1f} s" if optimize else "not optimized")
              + f", {segments} segments, schema {SCHEMA_VERSION}")
    return seconds, detail


def _import(size: int, folder: Path) -> tuple[float, str]:
    jsonl = folder.parent / f"corpus-{size}-r{RECIPE}.jsonl"
    if not jsonl.exists():
        with gzip.open(build_corpus(size), "rb") as src, jsonl.open("wb") as dst:
            shutil.copyfileobj(src, dst)
    with Timer() as t:
        lib = Library.open(folder)
        report = lib.import_paths([jsonl])
        count = lib.article_count()
        lib.close()
    return t.seconds, (f"Library.import_paths of one JSON Lines file: {report.summary()}, "
                       f"{count} articles")


def _draft(row: dict[str, object]) -> ArticleDraft:
    return ArticleDraft(title=str(row["title"]), text=str(row["text"]),
                        date=_opt(row["date"]), source=_opt(row["source"]),
                        lang=_opt(row["lang"]), origin=str(row["id"]))


def _index_doc(article_id: int, row: dict[str, object]) -> IndexDoc:
    return IndexDoc(article_id, str(row["title"]), str(row["text"]), _opt(row["date"]),
                    _opt(row["source"]), _opt(row["lang"]))


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


class Fts5Library:
    """SQLite FTS5 over title, text, source and language, with dates in a side table."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(path, check_same_thread=False)

    @classmethod
    def build(cls, size: int, *, force: bool = False) -> tuple[Fts5Library, Built]:
        path = CACHE / f"fts5-{size}-r{RECIPE}.sqlite3"
        stamp = path.with_suffix(".json")
        if path.exists() and stamp.exists() and not force:
            info = json.loads(stamp.read_text())
            return cls(path), Built(path, info["seconds"], folder_mb(path), info["detail"])
        path.unlink(missing_ok=True)
        rows = load_corpus(size)
        fts = cls(path)
        with Timer() as t:
            fts.conn.executescript(
                "CREATE VIRTUAL TABLE docs USING fts5(title, text, source, lang, "
                "tokenize = 'porter unicode61 remove_diacritics 2');"
                "CREATE TABLE meta(id INTEGER PRIMARY KEY, date TEXT);"
            )
            fts.conn.executemany(
                "INSERT INTO docs(rowid, title, text, source, lang) VALUES(?,?,?,?,?)",
                ((i, r["title"], r["text"], r["source"], r["lang"]) for i, r in _numbered(rows)))
            fts.conn.executemany("INSERT INTO meta(id, date) VALUES(?, ?)",
                                 ((i, r["date"]) for i, r in _numbered(rows)))
            fts.conn.execute("CREATE INDEX meta_date ON meta(date)")
            fts.conn.execute("INSERT INTO docs(docs) VALUES('optimize')")
            fts.conn.commit()
        detail = "executemany in one transaction + FTS5 'optimize'"
        stamp.write_text(json.dumps({"seconds": t.seconds, "detail": detail}))
        return fts, Built(path, t.seconds, folder_mb(path), detail)

    def search(self, match: str | None, dates: tuple[str, str] | None = None,
               limit: int = 20) -> tuple[int, list[tuple[int, str]]]:
        """(number of matches, [(rowid, snippet)] of the first ``limit``), like Veille."""
        where, params = [], []
        if match is not None:
            where.append("docs MATCH ?")
            params.append(match)
        if dates is not None:
            where.append("meta.date BETWEEN ? AND ?")
            params += list(dates)
        order = "rank" if match is not None else "meta.date DESC"
        ids = [r[0] for r in self.conn.execute(
            f"SELECT docs.rowid FROM docs JOIN meta ON meta.id = docs.rowid "
            f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT {MAX_IDS}", params)]
        top = ids[:limit]
        if not top:
            return 0, []
        marks = ",".join("?" * len(top))
        if match is None:
            sql = f"SELECT rowid, substr(text, 1, 200) FROM docs WHERE rowid IN ({marks})"
            found = dict(self.conn.execute(sql, top).fetchall())
        else:
            sql = (f"SELECT rowid, snippet(docs, 1, '<mark>', '</mark>', '…', 24) FROM docs "
                   f"WHERE docs MATCH ? AND rowid IN ({marks})")
            found = dict(self.conn.execute(sql, [match, *top]).fetchall())
        return len(ids), [(i, found.get(i, "")) for i in top]

    def close(self) -> None:
        self.conn.close()


def _numbered(rows: Sequence[dict[str, object]]) -> Iterator[tuple[int, dict[str, object]]]:
    return enumerate(rows, 1)

"""SQLite FTS5 as a peer: import JSON Lines files and answer a search, each as a process.

Run as a script so that its figures start at process start, like ``reader-app``'s:

    python bench/fts5_peer.py import DB FILE.jsonl...   parse every line, insert, commit
    python bench/fts5_peer.py import-text DB FOLDER     seed-format .txt files, the same
    python bench/fts5_peer.py optimize DB               FTS5 'optimize' (merge to one b-tree)
    python bench/fts5_peer.py query DB MATCH [FROM TO]  count + first 20 with snippets

Only the standard library is imported at the top (the ``query`` path is a peer of
``recollq`` and ``reader-app search``: it must not pay for imports FTS5 would not need).
The search does what a search box shows, the same job as ``Library.search(q, limit=20)``:
the number of matches and the first 20 by bm25 rank with ``snippet()`` (issue 12: the
old baseline fetched up to 100,000 ranked ids, 4.4 s for ``a*`` instead of 67 ms).
Schema: ``docs`` (FTS5: title, text, source, lang; porter unicode61 remove_diacritics 2)
and ``meta`` (rowid, date), as ``bench/scale_library.py`` builds it.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator

Dates = tuple[str, str] | None
SCHEMA = (
    "CREATE VIRTUAL TABLE docs USING fts5(title, text, source, lang, "
    "tokenize = 'porter unicode61 remove_diacritics 2');"
    "CREATE TABLE meta(id INTEGER PRIMARY KEY, date TEXT);"
)
SNIPPET = "snippet(docs, 1, '<mark>', '</mark>', '…', 24)"


def fts5_search(conn: sqlite3.Connection, match: str | None, dates: Dates = None,
                limit: int = 20) -> tuple[int, list[tuple[int, str]]]:
    """(number of matches, first ``limit`` by rank with snippets): a search box's job.

    A date-only query (``match`` None) is ordered newest first with the text's start.
    """
    where, params = [], []
    if match is not None:
        where.append("docs MATCH ?")
        params.append(match)
    if dates is not None:
        where.append("meta.date BETWEEN ? AND ?")
        params += list(dates)
    cond = " AND ".join(where)
    # The date table is joined only when a date is asked for: FTS5 alone counts faster.
    join = "FROM docs JOIN meta ON meta.id = docs.rowid" if dates is not None else "FROM docs"
    total = conn.execute(f"SELECT count(*) {join} WHERE {cond}", params).fetchone()[0]
    if match is None:
        sql = (f"SELECT docs.rowid, substr(text, 1, 200) {join} WHERE {cond} "
               f"ORDER BY meta.date DESC LIMIT {int(limit)}")
    else:
        sql = f"SELECT docs.rowid, {SNIPPET} {join} WHERE {cond} ORDER BY rank LIMIT {int(limit)}"
    return int(total), conn.execute(sql, params).fetchall()


def import_jsonl(db: str, paths: list[str]) -> int:
    """Parse every line of ``paths`` (json.loads) and insert it; one transaction."""
    import json

    conn = sqlite3.connect(db)
    conn.executescript(SCHEMA)
    dates: list[tuple[int, object]] = []

    def rows() -> Iterator[tuple[int, object, object, object, object]]:
        for path in paths:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        row = json.loads(line)
                        dates.append((len(dates) + 1, row.get("date")))
                        yield (len(dates), row.get("title"), row.get("text"), row.get("source"),
                               row.get("lang"))

    with conn:
        conn.executemany("INSERT INTO docs(rowid, title, text, source, lang) VALUES(?,?,?,?,?)",
                         rows())
        conn.executemany("INSERT INTO meta(id, date) VALUES(?, ?)", dates)
        conn.execute("CREATE INDEX meta_date ON meta(date)")
    conn.close()
    return len(dates)


def import_text(db: str, folder: str) -> int:
    """Read every ``.txt`` file under ``folder``: the seed format's ``date YYYY-MM-DD``
    prefix taken off, the first sentence (or 120 characters) as title; one transaction."""
    import os
    import re

    seed = re.compile(r"\A\s*date\s+(\d{4}-\d{1,2}-\d{1,2})\s*")
    sentence = re.compile(r"(?<=[.!?])\s")
    conn = sqlite3.connect(db)
    conn.executescript(SCHEMA)
    dates: list[tuple[int, str | None]] = []

    def rows() -> Iterator[tuple[int, str, str]]:
        for root, _dirs, files in sorted(os.walk(folder)):
            for name in sorted(files):
                if not name.endswith(".txt"):
                    continue
                with open(os.path.join(root, name), "rb") as fh:
                    text = fh.read().decode("utf-8", "replace")
                found = seed.match(text)
                text = text[found.end():] if found else text
                dates.append((len(dates) + 1, found.group(1) if found else None))
                title = sentence.split(text.lstrip(), 1)[0][:120]
                yield len(dates), title, text

    with conn:
        conn.executemany("INSERT INTO docs(rowid, title, text) VALUES(?,?,?)", rows())
        conn.executemany("INSERT INTO meta(id, date) VALUES(?, ?)", dates)
    conn.close()
    return len(dates)


def optimize(db: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO docs(docs) VALUES('optimize')")
    conn.execute("VACUUM")
    conn.close()


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    command, db = argv[0], argv[1]
    if command == "import":
        print(import_jsonl(db, argv[2:]))
    elif command == "import-text":
        print(import_text(db, argv[2]))
    elif command == "optimize":
        optimize(db)
    elif command == "query":
        match = None if argv[2] == "-" else argv[2]
        dates = (argv[3], argv[4]) if len(argv) >= 5 else None
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        total, rows = fts5_search(conn, match, dates)
        out = [f"{total} result(s)"] + [f"[{i}] {s}" for i, s in rows]
        sys.stdout.write("\n".join(out) + "\n")
    else:
        print(f"unknown command {command!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

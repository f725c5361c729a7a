"""``reader-app check``: a full look at a library, and recovery when it is damaged.

The store is checked with SQLite's ``integrity_check`` (every page), the index by
hashing every file against its signed manifest and comparing its ids with the store's.
Repair salvages what can be read from a damaged store into a new one (the damaged file
is kept beside it), re-imports originals whose article rows were lost, and rebuilds
the index; for a sound store it is ordinary upkeep.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import LibraryUnusable
from index.search import trust
from index.writer_lock import WriterLock

Progress = Callable[[int, int | None, str], None]


@dataclass(slots=True)
class CheckReport:
    store_problems: list[str] = field(default_factory=list)
    index_problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    articles: int = 0

    @property
    def sound(self) -> bool:
        return not self.store_problems and not self.index_problems


def check_library(path: Path, *, repair: bool = False, progress: Progress | None = None,
                  on_wait: Callable[[str], None] | None = None) -> CheckReport:
    from index.library import INDEX_DIR, STORE_FILE, Library

    store_file = path / STORE_FILE
    if not path.is_dir() or not store_file.is_file():
        raise LibraryUnusable(f"there is no library at {path}")
    report = CheckReport()
    report.store_problems = _store_problems(store_file)
    if report.store_problems:
        if not repair:
            return report
        lock = WriterLock(path)
        lock.on_wait = on_wait
        with lock.hold("recovering a damaged library"):
            report.repaired.extend(_recover(path, store_file))
    with Library.open(path) as lib:
        lib.lock.on_wait = on_wait
        report.articles = lib.article_count()
        if not report.store_problems:
            report.index_problems = _index_problems(lib, path / INDEX_DIR)
        if repair:
            report.repaired.extend(lib.upkeep(progress))
            if report.store_problems:
                orphans = _reimport_lost(lib)
                if orphans:
                    report.repaired.append(orphans)
            report.articles = lib.article_count()
    return report


def _store_problems(store_file: Path) -> list[str]:
    try:
        conn = sqlite3.connect(f"{store_file.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def _index_problems(lib: object, index_dir: Path) -> list[str]:
    from index.library import Library

    assert isinstance(lib, Library)
    problems = []
    if lib.index_problem:
        return [lib.index_problem]
    try:
        trust.verify(index_dir, full=True)
    except trust.Untrusted as exc:
        problems.append(str(exc))
        lib.index_problem = str(exc)
    problems.extend(lib.needs_upkeep() if not problems else [])
    return problems


def _recover(path: Path, store_file: Path) -> list[str]:
    from index.salvage import recover_store, set_aside

    recovered = store_file.with_name(store_file.name + ".recovered")
    salvage = recover_store(store_file, recovered)
    kept = set_aside(store_file)
    recovered.rename(store_file)
    lines = [f"recovered {salvage.rows.get('articles', 0)} article(s) into a new store; "
             f"the damaged file is kept as {kept.name}"]
    holes = ", ".join(f"{t} ({n})" for t, n in salvage.unreadable.items())
    if holes:
        lines.append(f"unreadable stretches skipped in: {holes}")
    return lines


def _reimport_lost(lib: object) -> str:
    from index.library import Library
    from index.salvage import kept_originals

    assert isinstance(lib, Library)
    before = lib.article_count()
    items = list(kept_originals(lib.store.conn))
    if not items:
        return ""
    lib.import_bytes((f"recovered-{digest[:12]}", data) for digest, data in items)
    added = lib.article_count() - before
    return (f"re-imported {added} article(s) whose rows were lost from their kept originals"
            if added else "")

"""One import run: parse sources, drop duplicates, commit whole articles in batches.

Why batches: a Whoosh commit costs far more than adding a document, and a SQLite
transaction per article would cost a disk sync each. Articles are written to the store
in one transaction per batch, then to the index, then flagged as indexed; the library
finishes any unflagged article on its next open, so a kill at any point leaves each
article either wholly present or absent.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from index.importers import ParseOutcome
from index.langid import detect_language
from index.models import Article, ArticleDraft, FileReport, ImportReport
from index.parse_pool import ParsedSource
from index.store import canonical_url, content_hash, now_iso

if TYPE_CHECKING:
    from index.library import Library

# The first batch is committed after a second so a person sees results at once; later
# ones wait longer (each Whoosh commit merges segments, so fewer commits import faster).
BATCH_ARTICLES = 5000
FIRST_BATCH_SECONDS = 1.0
MAX_BATCH_SECONDS = 16.0


class ImportBatch:
    """Accumulates parsed sources and flushes them to store and index together."""

    def __init__(
        self,
        library: Library,
        progress: Callable[[int, int | None, str], None] | None,
        total: int,
    ) -> None:
        self.library = library
        self.store = library.store
        self.report = ImportReport()
        self._progress = progress
        self._total = total
        self._done = 0
        self._import_id: int | None = None
        # Decided lines (failures, skips) queue in order with parsed files.
        self._pending: list[FileReport | ParsedSource] = []
        self._pending_articles = 0
        self._last_flush = time.monotonic()
        self._interval = FIRST_BATCH_SECONDS

    def add(self, parsed: ParsedSource) -> None:
        """Queue one parsed source; failures become report lines, never exceptions."""
        outcome = parsed.outcome
        if parsed.error is not None or outcome is None:
            self._record(FileReport(parsed.origin, "failed", parsed.error or "not read"))
        elif outcome.status != "ok":
            status = "skipped" if outcome.status == "skipped" else "failed"
            self._record(FileReport(parsed.origin, status, outcome.reason, (), outcome.warnings))
        else:
            self._pending.append(parsed)
            self._pending_articles += len(outcome.drafts)
        self._done += 1
        if self._progress:
            self._progress(self._done, self._total, parsed.origin)
        if (
            self._pending_articles >= BATCH_ARTICLES
            or time.monotonic() - self._last_flush >= self._interval
        ):
            self.flush()

    def _record(self, line: FileReport) -> None:
        self._pending.append(line)

    def flush(self) -> None:
        if not self._pending:
            return
        store = self.store
        lines: list[FileReport] = []
        new_articles: list[Article] = []
        with store.transaction():
            if self._import_id is None:
                self._import_id = store.begin_import()
            for item in self._pending:
                if isinstance(item, FileReport):
                    lines.append(item)
                    continue
                line, articles = self._write_source(item)
                lines.append(line)
                new_articles.extend(articles)
            store.log_files(self._import_id, lines)
        self.library.index_articles(new_articles)
        self.report.files.extend(lines)
        self._pending.clear()
        self._pending_articles = 0
        self._last_flush = time.monotonic()
        self._interval = min(self._interval * 2, MAX_BATCH_SECONDS)

    def _write_source(self, parsed: ParsedSource) -> tuple[FileReport, list[Article]]:
        store = self.store
        outcome = parsed.outcome
        assert outcome is not None and parsed.blob is not None
        blob = store.put_blob(parsed.blob.digest, parsed.blob.size, parsed.blob.payload)
        articles: list[Article] = []
        duplicates: list[int] = []
        for draft in outcome.drafts:
            chash = content_hash(draft)
            curl = canonical_url(draft.url)
            existing = store.find_duplicate(chash, curl)
            if existing is not None:
                duplicates.append(existing)
                continue
            lang = draft.lang or detect_language(draft.title + "\n" + draft.text)
            article_id = store.insert_article(
                draft, lang=lang, chash=chash, curl=curl, blob=blob
            )
            articles.append(_article(article_id, draft, lang))
        return _file_line(parsed.origin, outcome, articles, duplicates), articles

    def finish(self) -> None:
        self.flush()
        if self._import_id is not None:
            with self.store.transaction():
                self.store.finish_import(self._import_id)


def _file_line(
    origin: str, outcome: ParseOutcome, articles: list[Article], duplicates: list[int]
) -> FileReport:
    warnings = list(outcome.warnings)
    ids = tuple(a.id for a in articles)
    if not articles and duplicates:
        first = duplicates[0]
        more = f" (and {len(duplicates) - 1} more)" if len(duplicates) > 1 else ""
        return FileReport(
            origin, "duplicate", f"already in the library as article {first}{more}",
            (), tuple(warnings),
        )
    if not articles:
        return FileReport(origin, "skipped", "no article found in the file", (), tuple(warnings))
    if duplicates:
        warnings.append(f"{len(duplicates)} article(s) already in the library were not added again")
    return FileReport(origin, "imported", "", ids, tuple(warnings))


def _article(article_id: int, draft: ArticleDraft, lang: str | None) -> Article:
    return Article(
        id=article_id, title=draft.title, text=draft.text, date=draft.date,
        source=draft.source, url=draft.url, lang=lang, authors=draft.authors,
        origin=draft.origin, imported_at=now_iso(),
    )

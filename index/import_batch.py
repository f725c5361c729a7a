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

from index.errors import DiskFull
from index.importers import ParseOutcome
from index.langid import detect_language
from index.models import Article, ArticleDraft, FileReport, FileStatus, ImportReport
from index.parse_pool import ParsedSource, StreamMark
from index.store import canonical_url, content_hash, now_iso
from index.stream_tally import StreamTally
from index.user_state import apply_draft

if TYPE_CHECKING:
    from index.library import Library

# The first batch is committed after a second so a person sees results at once; later
# ones wait longer (each Whoosh commit merges segments, so fewer commits import faster).
BATCH_ARTICLES = 5000
BATCH_CHARS = 32_000_000  # and at most this much text waits: memory stays bounded
FIRST_BATCH_SECONDS = 1.0
MAX_BATCH_SECONDS = 16.0


class ImportBatch:
    """Accumulates parsed sources and flushes them to store and index together."""

    def __init__(
        self,
        library: Library,
        progress: Callable[[int, int | None, str], None] | None,
        total: int,
        cancel: object | None = None,
    ) -> None:
        self.library = library
        self._cancel = cancel
        self.stopped: str | None = None  # why the import stopped early (disk full)
        self.store = library.store
        self.report = ImportReport()
        self._progress = progress
        self._total = total
        self._done = 0
        self._import_id: int | None = None
        # Decided lines (failures, skips) queue in order with parsed files.
        self._pending: list[FileReport | ParsedSource] = []
        self._pending_articles = 0
        self._pending_chars = 0
        self._last_flush = time.monotonic()
        self._interval = FIRST_BATCH_SECONDS
        self._stream: StreamTally | None = None  # the streamed file being written

    @property
    def finished_sources(self) -> int:
        """Sources whose report line is decided (a streamed file counts at its end)."""
        return self._done

    def add(self, parsed: ParsedSource) -> None:
        """Queue one parsed source; failures become report lines, never exceptions."""
        outcome = parsed.outcome
        if parsed.stream is not None:
            self._add_streamed(parsed, parsed.stream)
        elif parsed.error is not None or outcome is None:
            self._record(FileReport(parsed.origin, "failed", parsed.error or "not read"))
        elif outcome.status != "ok":
            status: FileStatus = "skipped" if outcome.status == "skipped" else "failed"
            self._record(FileReport(parsed.origin, status, outcome.reason, (), outcome.warnings))
        else:
            self._queue(parsed)
        if parsed.stream is None or parsed.stream.last:
            self._done += 1
        if self._progress:
            current = parsed.origin
            if parsed.stream is not None and not parsed.stream.last:
                current = f"{parsed.stream.file} ({parsed.stream.where})"
            self._progress(self._done, self._total, current)
        if (
            self._pending_articles >= BATCH_ARTICLES
            or self._pending_chars >= BATCH_CHARS
            or time.monotonic() - self._last_flush >= self._interval
        ):
            self.flush()

    def _queue(self, parsed: ParsedSource) -> None:
        self._pending.append(parsed)
        if parsed.outcome is not None:
            self._pending_articles += len(parsed.outcome.drafts)
            self._pending_chars += sum(len(d.text) for d in parsed.outcome.drafts)

    def _add_streamed(self, parsed: ParsedSource, mark: StreamMark) -> None:
        """A piece of a streamed file, one of its refused articles, or its end: each is
        queued in order, and the file's line is made when its end is written."""
        if parsed.origin != mark.file:  # one article refused: a line of its own
            self._record(FileReport(parsed.origin, "failed", parsed.error or "not read"))
        self._queue(parsed)

    def _record(self, line: FileReport) -> None:
        self._pending.append(line)

    def flush(self) -> None:
        """Write the queued sources under the writer lock: store, then index.

        A full disk stops the import: the batch's transaction is rolled back (or, when
        the index is what ran out of room, its new articles are taken out again), each
        queued file is reported as not imported, and ``stopped`` says why.
        """
        if not self._pending or self.stopped:
            return
        stream = self._stream
        mark = stream.snapshot() if stream is not None else None
        try:
            with self.library.writing("an import", self._cancel):
                lines = self._write_pending()
        except DiskFull as exc:
            self._stream = stream  # the streamed file as it stood before this batch
            if stream is not None and mark is not None:
                stream.rewind(mark)
            self._stop(str(exc))
            return
        self.report.files.extend(lines)
        self._pending.clear()
        self._pending_articles = self._pending_chars = 0
        self._last_flush = time.monotonic()
        self._interval = min(self._interval * 2, MAX_BATCH_SECONDS)

    def _write_pending(self) -> list[FileReport]:
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
                if item.stream is not None:
                    line, articles = self._write_streamed(item, item.stream)
                else:
                    line, articles = self._write_source(item)
                if line is not None:
                    lines.append(line)
                new_articles.extend(articles)
            mark = store.conn.execute("SELECT coalesce(max(rowid), 0) FROM import_files"
                                      ).fetchone()[0]
            store.log_files(self._import_id, lines)
        try:
            self.library.index_articles(new_articles)
        except DiskFull:
            self._take_back([a.id for a in new_articles], int(mark))
            raise
        return lines

    def _take_back(self, ids: list[int], log_mark: int) -> None:
        """The index ran out of room after the store commit: remove the batch's articles
        so none is in the library without being searchable (best effort: if even that
        cannot be written, they stay flagged and the next writer indexes them)."""
        try:
            with self.store.transaction() as conn:
                conn.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in ids])
                conn.execute("DELETE FROM import_files WHERE rowid > ?", (log_mark,))
        except Exception:  # the disk is full: the flags keep them safe for the next writer
            return

    def _stop(self, reason: str) -> None:
        self.stopped = reason
        # A streamed file begun in the rolled-back batch has no tally to say how far it
        # got: it gets a line of its own, where its first piece was.
        tallied = self._stream.origin if self._stream is not None else None
        untallied: set[str] = set()
        for item in self._pending:
            if isinstance(item, FileReport):  # decided: a failure, or what a cancelled
                self.report.files.append(item)  # stream kept (in earlier batches)
            elif item.stream is None:
                self.report.files.append(
                    FileReport(item.origin, "failed", f"not imported: {reason}"))
            elif item.stream.file != tallied and item.stream.file not in untallied:
                untallied.add(item.stream.file)
                self.report.files.append(
                    FileReport(item.stream.file, "failed", f"not imported: {reason}"))
        self._pending.clear()
        self._pending_articles = self._pending_chars = 0
        if self._stream is not None:  # its line says how far it got
            self.report.files.append(self._stream.line(stopped=f"not all imported: {reason}"))
            self._stream = None

    def _write_streamed(
        self, parsed: ParsedSource, mark: StreamMark
    ) -> tuple[FileReport | None, list[Article]]:
        """A piece joins its file's tally; the file's end makes the file's line."""
        tally = self._stream
        if tally is None or tally.origin != mark.file:
            tally = self._stream = StreamTally(mark.file)
        if parsed.origin != mark.file:
            tally.refused += 1
        elif parsed.outcome is not None:
            articles, duplicates = self._write_drafts(parsed)
            tally.add(parsed.outcome, [a.id for a in articles], duplicates, mark.where)
            return None, articles
        if mark.last:
            self._stream = None
            return tally.line(cut=mark.cut), []
        return None, []

    def _write_source(self, parsed: ParsedSource) -> tuple[FileReport, list[Article]]:
        assert parsed.outcome is not None
        articles, duplicates = self._write_drafts(parsed)
        return _file_line(parsed.origin, parsed.outcome, articles, duplicates), articles

    def _write_drafts(self, parsed: ParsedSource) -> tuple[list[Article], list[int]]:
        store = self.store
        outcome = parsed.outcome
        assert outcome is not None
        if outcome.status != "ok" or parsed.blob is None:
            return [], []  # a piece of a stream in which no article could be read
        blob = store.put_blob(parsed.blob.digest, parsed.blob.size, parsed.blob.payload)
        articles: list[Article] = []
        duplicates: list[int] = []
        for draft in outcome.drafts:
            chash = content_hash(draft)
            curl = canonical_url(draft.url)
            existing = store.find_duplicate(chash, curl)
            if existing is not None:
                duplicates.append(existing)
                if draft.state is not None:  # a Veille export read again: merge its state
                    row = store.conn.execute("SELECT text FROM articles WHERE id = ?",
                                             (existing,)).fetchone()
                    apply_draft(store.conn, existing, draft.state, str(row[0]))
                continue
            lang = draft.lang or detect_language(draft.title + "\n" + draft.text)
            article_id = store.insert_article(
                draft, lang=lang, chash=chash, curl=curl, blob=blob
            )
            if draft.state is not None:
                apply_draft(store.conn, article_id, draft.state, draft.text)
            articles.append(_article(article_id, draft, lang))
        return articles, duplicates

    def finish(self) -> None:
        self.flush()
        if self._stream is not None and not self.stopped:  # cancelled inside a stream
            self._record(self._stream.line(stopped="the import was cancelled"))
            self._stream = None
            self.flush()
        if self._import_id is not None and not self.stopped:
            with self.library.writing("an import", self._cancel), self.store.transaction():
                self.store.finish_import(self._import_id)
        if self.report.article_ids and not self.stopped:
            self.report.watches = self.library._record_watches(self.report.article_ids)


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

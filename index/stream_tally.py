"""The one report line of a file imported as a stream of pieces.

A large JSON Lines file, mailbox or feed reaches the import batch as many pieces
(index/importers/streams.py), committed over many batches; the person still gets one
line for the file, written when its last piece is, or, if the import stops first
(cancelled, disk full), a line that says how far it got. Articles refused for their
size have lines of their own; this line counts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.importers import ParseOutcome
from index.models import FileReport, FileStatus

MAX_WARNINGS = 20


@dataclass(slots=True)
class StreamTally:
    origin: str
    ids: list[int] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failures: list[ParseOutcome] = field(default_factory=list)  # pieces with no article
    refused: int = 0
    where: str = ""  # how far the written pieces reach

    def add(self, outcome: ParseOutcome, ids: list[int], duplicates: list[int],
            where: str) -> None:
        """One written piece."""
        self.ids.extend(ids)
        self.duplicates.extend(duplicates)
        self.where = where or self.where
        if outcome.status != "ok":
            self.failures.append(outcome)
        for warning in outcome.warnings:
            if len(self.warnings) <= MAX_WARNINGS and warning not in self.warnings:
                self.warnings.append(warning)

    def snapshot(self) -> tuple[int, int, int, int, int, str]:
        return (len(self.ids), len(self.duplicates), len(self.warnings), len(self.failures),
                self.refused, self.where)

    def rewind(self, mark: tuple[int, int, int, int, int, str]) -> None:
        """Back to ``snapshot``: the batch that followed was rolled back (disk full)."""
        ids, duplicates, warnings, failures, self.refused, self.where = mark
        del self.ids[ids:], self.duplicates[duplicates:], self.warnings[warnings:]
        del self.failures[failures:]

    def line(self, stopped: str | None = None, cut: str | None = None) -> FileReport:
        """The file's line; ``stopped`` says why the import ended before the file did,
        ``cut`` why the rest of the file could not be read."""
        warnings = self.warnings[:MAX_WARNINGS]
        if len(self.warnings) > MAX_WARNINGS:
            warnings.append("... and more")
        if cut:
            if not self.ids and not self.duplicates:
                return FileReport(self.origin, "failed", cut, (), tuple(warnings))
            warnings.append(cut)
        if self.refused:
            warnings.append(f"{self.refused} article(s) too large were left out (see their lines)")
        if stopped and self.ids:
            warnings.append(f"{stopped}: {len(self.ids):,} article(s) up to {self.where} "
                            "were imported; import the file again for the rest")
        if self.ids and self.duplicates:
            warnings.append(f"{len(self.duplicates)} article(s) already in the library "
                            "were not added again")
        if self.ids:
            return FileReport(self.origin, "imported", "", tuple(self.ids), tuple(warnings))
        if stopped:
            where = f" after {self.where}" if self.where else ""
            return FileReport(self.origin, "failed", f"{stopped}{where}: nothing imported",
                              (), tuple(warnings))
        if self.duplicates:
            first = self.duplicates[0]
            more = f" (and {len(self.duplicates) - 1} more)" if len(self.duplicates) > 1 else ""
            return FileReport(self.origin, "duplicate",
                              f"already in the library as article {first}{more}",
                              (), tuple(warnings))
        if self.failures:
            failure = self.failures[0]
            status: FileStatus = "skipped" if failure.status == "skipped" else "failed"
            return FileReport(self.origin, status, failure.reason, (), tuple(warnings))
        return FileReport(self.origin, "skipped", "no article found in the file", (),
                          tuple(warnings))

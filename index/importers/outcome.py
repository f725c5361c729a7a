"""What parsing one file produced, in a form that crosses process boundaries.

Exceptions carry a single plain-language ``reason`` string so they pickle cleanly and
can be shown as-is in the import report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from index.models import ArticleDraft

ParseStatus = Literal["ok", "skipped", "failed"]


class ImportFailure(Exception):
    """The file is meant to hold articles but cannot be read: report it as failed."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return (type(self), (self.reason,))


class ImportSkipped(ImportFailure):
    """The file is not an article (a picture item, an empty file...): report it as skipped."""


@dataclass(frozen=True, slots=True)
class ParseOutcome:
    """Result of :func:`index.importers.parse` for one file or archive member."""

    origin: str
    status: ParseStatus
    drafts: tuple[ArticleDraft, ...] = ()
    reason: str = ""
    warnings: tuple[str, ...] = ()
    format: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest single file (or archive member) we read: far above any article or saved page."""


def with_warnings(draft: ArticleDraft, warnings: tuple[str, ...] | list[str]) -> ArticleDraft:
    """The draft with file-level warnings added (the core de-duplicates them)."""
    if not warnings:
        return draft
    return replace(draft, warnings=(*draft.warnings, *warnings))

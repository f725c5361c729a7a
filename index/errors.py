"""Errors a person can cause or fix, each with a message of one plain sentence.

The command line prints ``str(error)`` on one line and exits with ``exit_code``; the
window shows the same sentence in a message. Anything else that escapes is a bug.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1  # some input failed; each failure is named with its reason
EXIT_USAGE = 2  # wrong usage
EXIT_UNUSABLE = 3  # the library cannot do this now: damaged, read-only, disk full, busy


class VeilleError(Exception):
    """Base of the errors shown to people; never a traceback."""

    exit_code = EXIT_UNUSABLE


class LibraryUnusable(VeilleError):
    """The library cannot be opened or read (damaged store, path that is a file, ...)."""


class LibraryReadOnly(VeilleError):
    """A write was asked of a library this user may only read."""


class DiskFull(VeilleError):
    """The disk (or the user's quota) is full; nothing was half-written."""


class IndexRebuilding(VeilleError):
    """The search index is being rebuilt from the store; searches work again after it."""


class WriterBusy(VeilleError):
    """Another process holds the library's writer lock and the caller chose not to wait."""


class QueryError(VeilleError):
    """A query that cannot be run as typed."""

    exit_code = EXIT_USAGE

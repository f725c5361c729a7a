"""Importers: find the files to read, detect their format, decode them into drafts.

Public API (see docs/architecture.md)::

    for source in iter_sources(paths):
        outcome = parse(source.origin, source.read())   # parse() never raises

Format modules register in :mod:`index.importers.registry`.
"""

from index.importers.archive import ArchiveLimits
from index.importers.outcome import ImportFailure, ImportSkipped, ParseOutcome
from index.importers.parsing import parse
from index.importers.registry import Format, registry
from index.importers.sources import Source, iter_sources

__all__ = [
    "ArchiveLimits",
    "Format",
    "ImportFailure",
    "ImportSkipped",
    "ParseOutcome",
    "Source",
    "iter_sources",
    "parse",
    "registry",
]

"""Importers: find the files to read, detect their format, decode them into drafts.

Public API (see docs/architecture.md)::

    for source in iter_sources(paths):            # folders, ZIP members; never raises
        outcome = parse(source.origin, source.read())   # parse() never raises, pickles

Choices the import report shows to users:

- an empty or whitespace-only file is *skipped* ("empty file"), never an empty article;
- a file whose bytes are binary (image, PDF, archive, random bytes) *fails* with "not a
  text file: ..." whatever its extension; gzip bytes are decompressed first (64 MB cap);
- a ``.txt`` holding an HTML page is read by the HTML format (content beats extension);
  a file with an unknown extension is refused, one with no extension is read as text;
- limits (64 MB per file, 512 MB and 10,000 files per archive, 100:1 compression) are
  reported per file in plain words; a JSON Lines file, mailbox or feed from 4 MB on is
  read as a stream (:mod:`index.importers.streams`), where 64 MB is the limit of one
  article, refused on its own line, not of the file.

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

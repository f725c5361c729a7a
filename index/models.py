"""Plain data shared by the importers, the store, the search index, the entities and the GUI.

Frozen dataclasses with no behaviour: every layer can pass them across threads and
processes (they pickle) without dragging its own dependencies along.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["person", "organisation", "place", "other"]
ENTITY_TYPES: tuple[EntityType, ...] = ("person", "organisation", "place", "other")

FileStatus = Literal["imported", "duplicate", "skipped", "failed"]


@dataclass(frozen=True, slots=True)
class Highlight:
    """A passage a person marked in an article (offsets into its ``text``), with a comment.

    ``quote`` keeps the passage's words, so a highlight whose offsets no longer fit (the
    text was re-read by a better parser) can be found again by its words.
    """

    start: int
    end: int
    quote: str
    comment: str = ""
    id: int = 0
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class StateDraft:
    """User state carried by an imported file (a Veille JSON Lines export): applied to
    the new article, or merged into the existing one when it is a duplicate."""

    read: bool = False
    starred: bool = False
    tags: tuple[str, ...] = ()
    note: str = ""
    note_format: str = "plain"
    highlights: tuple[Highlight, ...] = ()
    dossiers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """What an importer makes of one article, before the library stores it.

    ``text`` holds paragraphs separated by a single ``"\\n"``; ``date`` is ISO 8601
    (``YYYY-MM-DD`` or a full timestamp) or None when unknown; ``lang`` is an ISO 639-1
    code or None (the library detects it then); ``origin`` names where it came from,
    e.g. ``/home/a/feed.xml#entry-3`` or ``/home/a/saved.zip!/b.txt``.
    """

    title: str
    text: str
    date: str | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None
    authors: tuple[str, ...] = ()
    origin: str = ""
    warnings: tuple[str, ...] = ()
    state: StateDraft | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity: character offsets into the article's ``text``."""

    start: int
    end: int
    label: EntityType
    text: str
    canonical: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article, as the reader shows it."""

    id: int
    title: str
    text: str
    date: str | None
    source: str | None
    url: str | None
    lang: str | None
    authors: tuple[str, ...]
    origin: str
    imported_at: str
    mentions: tuple[Mention, ...] = ()
    entities_done: bool = False
    read: bool = False
    starred: bool = False
    tags: tuple[str, ...] = ()
    note: str = ""
    note_format: str = "plain"
    highlights: tuple[Highlight, ...] = ()
    dossiers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result. ``snippet`` is HTML-escaped text with matches in ``<mark>``."""

    article_id: int
    score: float
    title: str
    date: str | None
    source: str | None
    lang: str | None
    snippet: str
    version_count: int = 1  # versions of its story in the library (index/stories.py)
    outlet_count: int = 1  # outlets among them


@dataclass(frozen=True, slots=True)
class SearchResults:
    """A page of hits plus what the engine did to the query.

    ``ids`` holds every matching article id in result order (capped at 100,000) so a
    view can page lazily; ``hits`` holds the first ``limit`` with snippets.
    ``corrected`` is the query actually run when a spelling fix found more ("Showing
    results for ..."); ``partial`` is True when no article matched every word and the
    hits match only most of them. ``notice`` is one line saying what of the query was
    left out when it passed the query limits ("Query shortened: ..."), else None.
    """

    query: str
    hits: tuple[Hit, ...]
    total: int
    ids: tuple[int, ...] = ()
    corrected: str | None = None
    partial: bool = False
    notice: str | None = None
    suggestion: str | None = None  # "Did you mean…": a spelling that finds more, not run
    articles: int = 0  # with one row per story: the articles behind ``total`` stories


@dataclass(frozen=True, slots=True)
class TagInfo:
    id: int
    name: str
    color: str | None = None
    count: int = 0


@dataclass(frozen=True, slots=True)
class DossierInfo:
    id: int
    name: str
    count: int = 0
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class Watch:
    """A saved search: ``total`` articles match it now, ``new`` of them arrived since it
    was last marked as seen."""

    id: int
    name: str
    query: str
    filters: SearchFilters | None = None
    total: int = 0
    new: int = 0
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Filters beside the query box; every set field must hold (AND)."""

    date_from: str | None = None
    date_to: str | None = None
    sources: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FileReport:
    """The outcome for one input file (or one archive member)."""

    path: str
    status: FileStatus
    reason: str = ""
    article_ids: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class ImportReport:
    """Per-file outcomes of one import batch."""

    files: list[FileReport] = field(default_factory=list)
    cancelled: bool = False
    stopped: str | None = None  # why the whole import stopped early (a full disk), if it did
    watches: dict[str, int] = field(default_factory=dict)  # watch name -> new articles

    def count(self, status: FileStatus) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def article_ids(self) -> list[int]:
        return [i for f in self.files for i in f.article_ids]

    @property
    def ok(self) -> bool:
        return not any(f.status == "failed" for f in self.files)

    def summary(self) -> str:
        parts = [
            f"{self.count('imported')} imported",
            f"{self.count('duplicate')} duplicate",
            f"{self.count('skipped')} skipped",
            f"{self.count('failed')} failed",
        ]
        text = ", ".join(parts)
        return text + (" (cancelled)" if self.cancelled else "")


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """One library-wide entity: a canonical name and type, with its aliases and counts."""

    id: int
    name: str
    label: EntityType
    aliases: tuple[str, ...] = ()
    article_count: int = 0
    mention_count: int = 0
    hidden: bool = False
    ambiguous: bool = False  # a surname alone that several people of the library bear

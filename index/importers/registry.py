"""Format registry and the one entry point that turns bytes into article drafts.

Adding a format means adding one module to this package that defines ``FORMAT`` (or a
tuple ``FORMATS``) and one name in :data:`FORMAT_MODULES`. Modules are imported lazily
and a missing or broken module is tolerated, so formats can land independently.

Choosing a format: each format's ``sniff(head, origin)`` scores the first bytes of the
file, 0..100 (``True`` counts as 50), and a matching file extension adds
:data:`EXTENSION_BONUS`. Suggested sniff scale: 90+ for an unmistakable signature
(``<rss``, ``<!DOCTYPE html``, the seed ``date YYYY-MM-DD`` prefix), 50 for probable,
10-30 for weak hints. So content beats a misleading extension (a ``.txt`` file holding an
HTML page goes to the HTML format when one is registered) while the extension decides
between formats that cannot tell from content. Ties go to the earlier module in
:data:`FORMAT_MODULES`.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from index.models import ArticleDraft

logger = logging.getLogger(__name__)

SniffFn = Callable[[bytes, str], "int | bool"]
ParseFn = Callable[[bytes, str], "list[ArticleDraft]"]

FORMAT_MODULES: tuple[str, ...] = (
    "text",
    "markdown",
    "html",
    "feeds",
    "newsml",
    "jsonfmt",
    "mail",
    "sgml",
)
EXTENSION_BONUS = 20
HEAD_BYTES = 8192


@dataclass(frozen=True, slots=True)
class Format:
    """One input format: how to recognise it and how to read it.

    ``extensions`` are lower-case with the dot (``".rss"``); ``sniff`` gets the first
    :data:`HEAD_BYTES` bytes (already gunzipped) and the origin; ``parse`` gets the whole
    file and may raise :class:`ImportFailure` / :class:`ImportSkipped` with a plain reason.
    """

    name: str
    extensions: tuple[str, ...]
    sniff: SniffFn
    parse: ParseFn
    description: str = ""
    fallback: bool = False  # read files no format claims (only if they have no extension)

    def matches_extension(self, filename: str) -> bool:
        return filename.lower().endswith(self.extensions) if self.extensions else False


@dataclass(frozen=True, slots=True)
class Registry:
    formats: tuple[Format, ...]
    load_errors: tuple[str, ...] = ()

    def get(self, name: str) -> Format | None:
        return next((f for f in self.formats if f.name == name), None)

    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.formats)


def _module_formats(module_name: str) -> tuple[Format, ...]:
    module = importlib.import_module(f"{__package__}.{module_name}")
    found = getattr(module, "FORMATS", None)
    if found is None:
        single = getattr(module, "FORMAT", None)
        found = () if single is None else (single,)
    return tuple(f for f in found if isinstance(f, Format))


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The formats that could be loaded in this process (cached; one per worker process)."""
    formats: list[Format] = []
    errors: list[str] = []
    for name in FORMAT_MODULES:
        try:
            formats.extend(_module_formats(name))
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{name}":
                errors.append(f"{name}: {exc}")
                logger.warning("importer %s unavailable: %s", name, exc)
        except Exception as exc:  # a broken format must not take the others down
            errors.append(f"{name}: {type(exc).__name__}: {exc}")
            logger.warning("importer %s failed to load: %s", name, exc)
    return Registry(tuple(formats), tuple(errors))


def filename_of(origin: str) -> str:
    """Last path component of an origin such as ``/a/b.zip!/c/d.html#entry-2``."""
    name = origin.rsplit("!/", 1)[-1]
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return name.split("#", 1)[0]


def _sniff_score(fmt: Format, head: bytes, origin: str) -> int:
    try:
        score = fmt.sniff(head, origin)
    except Exception:  # a sniffer that chokes simply does not claim the file
        logger.debug("sniff of %s raised on %s", fmt.name, origin, exc_info=True)
        return 0
    if isinstance(score, bool):
        return 50 if score else 0
    return max(0, min(100, int(score)))


def rank_formats(
    head: bytes, origin: str, formats: Sequence[Format] | None = None
) -> list[tuple[int, int, Format]]:
    """Formats that claim the file, best first, as ``(total, sniff score, format)``.

    Formats the extension names are sniffed first; when one of them already scores above
    100 no other format could win, so the others are not sniffed at all (most files).
    """
    candidates = registry().formats if formats is None else formats
    filename = filename_of(origin)
    named = [(i, f) for i, f in enumerate(candidates) if f.matches_extension(filename)]
    others = [(i, f) for i, f in enumerate(candidates) if not f.matches_extension(filename)]
    ranked: list[tuple[int, int, int, Format]] = []
    for group, bonus in ((named, EXTENSION_BONUS), (others, 0)):
        if bonus == 0 and ranked and max(r[0] for r in ranked) > 100:
            break
        for order, fmt in group:
            sniff = _sniff_score(fmt, head, origin)
            if sniff + bonus > 0:
                ranked.append((sniff + bonus, -order, sniff, fmt))
    ranked.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [(total, sniff, fmt) for total, _order, sniff, fmt in ranked]

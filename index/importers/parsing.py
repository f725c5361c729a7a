"""``parse()``: bytes of one file to a picklable outcome; never raises.

It runs in process-pool workers, so it touches no shared state beyond the per-process
format registry, and every exception a format may raise (lxml errors, RecursionError on
deeply nested markup, MemoryError, UnicodeError...) becomes a plain-language reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable

from index.importers.decoding import binary_reason, bom_encoding, clean_draft_text, gunzip, is_gzip
from index.importers.outcome import MAX_FILE_BYTES, ImportFailure, ImportSkipped, ParseOutcome
from index.importers.registry import HEAD_BYTES, Format, filename_of, rank_formats, registry
from index.models import ArticleDraft

logger = logging.getLogger(__name__)

MAX_WARNINGS = 20
CERTAIN_SNIFF = 90
_BLANK_BYTES = b" \t\r\n\x0b\x0c\x00"


def parse(origin: str, data: bytes) -> ParseOutcome:
    """Detect the format of ``data`` and read its articles; failures become outcomes."""
    return _guarded(origin, lambda warnings: _finish(origin, *_parse(origin, data, warnings),
                                                     warnings))


def parse_with(
    origin: str, fmt: Format, produce: Callable[[list[str]], list[ArticleDraft]]
) -> ParseOutcome:
    """The drafts ``produce`` reads (one piece of a streamed file), cleaned and checked
    as a whole file's are; failures become outcomes."""
    return _guarded(origin, lambda warnings: _finish(origin, produce(warnings), fmt, warnings))


def _guarded(origin: str, run: Callable[[list[str]], ParseOutcome]) -> ParseOutcome:
    warnings: list[str] = []
    try:
        return run(warnings)
    except ImportSkipped as exc:
        return ParseOutcome(origin, "skipped", reason=exc.reason, warnings=_cap(warnings))
    except ImportFailure as exc:
        return ParseOutcome(origin, "failed", reason=exc.reason, warnings=_cap(warnings))
    except RecursionError:
        reason = "the file is nested too deeply to be read"
    except MemoryError:
        reason = "the file is too large to be read in memory"
    except UnicodeError as exc:
        reason = f"the text could not be decoded ({exc})"
    except Exception as exc:
        logger.debug("parser crashed on %s", origin, exc_info=True)
        reason = f"the file could not be read ({type(exc).__name__}: {str(exc)[:200]})"
    return ParseOutcome(origin, "failed", reason=reason, warnings=_cap(warnings))


def _parse(origin: str, data: bytes, warnings: list[str]) -> tuple[list[ArticleDraft], Format]:
    if len(data) > MAX_FILE_BYTES:
        raise ImportFailure(f"file too large (over {MAX_FILE_BYTES // (1024 * 1024)} MB)")
    name = filename_of(origin)
    named_gz = name.lower().endswith(".gz")
    if is_gzip(data):
        data = gunzip(data)
        if not named_gz:
            warnings.append("the file was gzip-compressed: decompressed before reading")
    if named_gz:
        name = name[:-3]
    if _is_blank(data):
        raise ImportSkipped("empty file")
    candidates = _candidates(data[:HEAD_BYTES], origin, name)
    first_failure: ImportFailure | None = None
    for fmt in candidates:
        try:
            drafts = fmt.parse(data, origin)
        except ImportSkipped:
            raise
        except ImportFailure as exc:
            first_failure = first_failure or exc
            continue
        if first_failure is not None:  # the extension was right after all: nothing to tell
            logger.debug("%s: not %s (%s)", origin, candidates[0].name, first_failure.reason)
        return list(drafts or ()), fmt
    assert first_failure is not None
    raise first_failure


def _is_blank(data: bytes) -> bool:
    bom = bom_encoding(data)
    return not data[bom[1] if bom else 0 :].strip(_BLANK_BYTES)


def _candidates(head: bytes, origin: str, name: str) -> list[Format]:
    """The format to try, and a second one to try if it fails.

    The second is the best format the file's *extension* names, when the first was chosen
    by an uncertain sniff: a ``.txt`` starting with "[Mise à jour]" is not JSON.
    """
    ranked = rank_formats(head, name if name != filename_of(origin) else origin)
    best_sniff = max((sniff for _total, sniff, _fmt in ranked), default=0)
    if best_sniff < CERTAIN_SNIFF:
        reason = binary_reason(head)
        if reason:
            raise ImportFailure(reason)
    if ranked:
        first_sniff, first = ranked[0][1], ranked[0][2]
        by_extension = [fmt for total, sniff, fmt in ranked[1:] if total > sniff]
        if first_sniff < CERTAIN_SNIFF and by_extension:
            return [first, by_extension[0]]
        return [first]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name.strip(".") else ""
    fallback = next((f for f in registry().formats if f.fallback), None)
    if extension or fallback is None:
        kind = f" (.{extension})" if extension else ""
        raise ImportFailure(f"unsupported file type{kind}: no importer reads it")
    return [fallback]


def _finish(
    origin: str, drafts: list[ArticleDraft], fmt: Format, warnings: list[str]
) -> ParseOutcome:
    from index.importers.text import derive_title, shorten

    kept: list[ArticleDraft] = []
    for draft in drafts:
        text = clean_draft_text(draft.text or "").strip()
        if not text:
            continue
        title = " ".join(clean_draft_text(draft.title or "").split())
        date = draft.date
        if date is not None and not valid_iso_date(date):
            warnings.append(f"date {date!r} not understood: ignored")
            date = None
        kept.append(
            dataclasses.replace(
                draft,
                text=text,
                title=shorten(title, 300) if title else derive_title(text),
                date=date,
                origin=draft.origin or origin,
                authors=tuple(a for a in draft.authors if a),
            )
        )
        warnings.extend(draft.warnings)
    if not kept:
        if drafts:
            raise ImportSkipped("no article text found in this file")
        raise ImportFailure("no articles found in this file")
    return ParseOutcome(origin, "ok", tuple(kept), warnings=_cap(warnings), format=fmt.name)


def valid_iso_date(value: str) -> bool:
    """``YYYY-MM-DD`` or a full ISO timestamp that the calendar accepts."""
    try:
        if len(value) == 10:
            dt.date.fromisoformat(value)
        else:
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, TypeError):
        return False
    return True


def _cap(warnings: list[str]) -> tuple[str, ...]:
    unique = list(dict.fromkeys(warnings))
    if len(unique) > MAX_WARNINGS:
        unique = [*unique[: MAX_WARNINGS - 1], f"... and {len(unique) - MAX_WARNINGS + 1} more"]
    return tuple(unique)

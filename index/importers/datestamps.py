"""Dates as news formats write them, turned into the ISO 8601 strings drafts carry.

Structured formats each have their habit: RFC 2822 in RSS and e-mail, ISO 8601 in
Atom, JSON and NewsML-G2, compact ISO (``20021226T000000-0500``) in NITF, epoch numbers
in some JSON exports, ``26-FEB-1987 15:01:01.79`` in Reuters-21578. One lenient reader
for all of them; anything it cannot read gives None rather than a wrong date.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

_COMPACT = re.compile(
    r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?(Z|[+-]\d{2}:?\d{2})?)?$"
)
_REUTERS = re.compile(
    r"^(\d{1,2})-([A-Za-z]{3})-(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$"
)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_MIN_YEAR, _MAX_YEAR = 1800, 2200


def iso_date(value: object) -> str | None:
    """ISO 8601 text for a date in any of the usual news notations, else None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if isinstance(value, time.struct_time):
        return _format(datetime(*value[:6], tzinfo=UTC))
    if isinstance(value, datetime):
        return _format(value)
    if isinstance(value, date):
        return value.isoformat() if _MIN_YEAR <= value.year <= _MAX_YEAR else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    for reader in (_from_compact, _from_iso, _from_rfc2822, _from_reuters, _from_digits):
        found = reader(text)
        if found is not None:
            return found
    return None


def _format(moment: datetime) -> str | None:
    if not _MIN_YEAR <= moment.year <= _MAX_YEAR:
        return None
    return moment.replace(microsecond=0).isoformat()


def _from_iso(text: str) -> str | None:
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return None
        return day.isoformat() if _MIN_YEAR <= day.year <= _MAX_YEAR else None
    candidate = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    try:
        return _format(datetime.fromisoformat(candidate))
    except ValueError:
        return None


def _from_compact(text: str) -> str | None:
    match = _COMPACT.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        if hour is None:
            return _from_iso(f"{year}-{month}-{day}")
        moment = datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
            tzinfo=_zone(zone),
        )
    except ValueError:
        return None
    return _format(moment)


def _zone(text: str | None) -> timezone | None:
    if not text:
        return None
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))


def _from_rfc2822(text: str) -> str | None:
    if not re.search(r"[A-Za-z]{3}", text):
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return None if moment is None else _format(moment)


def _from_reuters(text: str) -> str | None:
    match = _REUTERS.match(text)
    if match is None:
        return None
    day, month_name, year, hour, minute, second = match.groups()
    month = _MONTHS.get(month_name.lower())
    if month is None:
        return None
    try:
        if hour is None:
            return _from_iso(f"{int(year):04d}-{month:02d}-{int(day):02d}")
        return _format(
            datetime(int(year), month, int(day), int(hour), int(minute), int(second or 0))
        )
    except (ValueError, TypeError):
        return None


def _from_digits(text: str) -> str | None:
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
        return _from_epoch(float(text))
    return None


def _from_epoch(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds, as JavaScript exports write them
        seconds /= 1000
    try:
        return _format(datetime.fromtimestamp(seconds, tz=UTC))
    except (OverflowError, OSError, ValueError):
        return None

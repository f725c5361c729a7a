"""The bars of the results' timeline, from ``Library.timeline``'s articles per day.

Plain Python, run on the reader thread that asked the library: the bars are months,
or weeks or days when the results span a few months or weeks, or years when they span
more than 15 years, gaps included, so the bars' widths are time. A date known only to
the month (``2025-06``) counts in its month but not in a week or a day; one known only
to the year counts only in years: those are ``imprecise``, and days or weeks are used
only when they leave few of them out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

DAY_SPAN = 45  # at most this many days apart: one bar per day
WEEK_SPAN = 26 * 7  # at most half a year: one bar per week (Monday to Sunday)
MONTH_SPAN = 180  # at most 15 years of months (bars of 2 pixels or more); beyond, years
MAX_UNPLACED = 0.1  # days or weeks only when they leave out at most this share of results


@dataclass(frozen=True, slots=True)
class Bucket:
    first: dt.date
    last: dt.date  # inclusive
    count: int
    label: str


@dataclass(frozen=True, slots=True)
class Timeline:
    unit: str  # "day", "week", "month" or "year"
    buckets: tuple[Bucket, ...]
    imprecise: int = 0  # dated results the unit cannot place (no day, or no month)

    @property
    def placed(self) -> int:
        return sum(b.count for b in self.buckets)

    @property
    def peak(self) -> int:
        return max((b.count for b in self.buckets), default=0)


def _parts(day: int) -> tuple[int, int, int]:
    return day // 10000, day // 100 % 100, day % 100


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> dt.date:
    nxt = dt.date(y + 1, 1, 1) if m == 12 else dt.date(y, m + 1, 1)
    return nxt - dt.timedelta(days=1)


def build_timeline(days: Iterable[tuple[int, int]]) -> Timeline:
    """Bars for (YYYYMMDD, count) pairs; YYYYMM00 and YYYY0000 are partial dates."""
    exact: Counter[dt.date] = Counter()
    months: Counter[tuple[int, int]] = Counter()
    years: Counter[int] = Counter()
    for value, n in days:
        y, m, d = _parts(int(value))
        if y <= 0:
            continue
        years[y] += n
        if 1 <= m <= 12:
            months[(y, m)] += n
            when = _date(y, m, d) if d else None
            if when is not None:
                exact[when] += n
    if not years:
        return Timeline("month", ())
    if not months:
        return _by_year(years, 0)
    first = min(min(exact, default=dt.date.max), dt.date(*min(months), 1))
    last = max(max(exact, default=dt.date.min), _month_end(*max(months)))
    if exact and sum(exact.values()) == sum(months.values()):
        first, last = min(exact), max(exact)  # every date has its day: span them exactly
    span = (last - first).days + 1
    month_count = (last.year - first.year) * 12 + last.month - first.month + 1
    imprecise_days = sum(years.values()) - sum(exact.values())
    fine = bool(exact) and imprecise_days <= MAX_UNPLACED * sum(years.values())
    if span <= DAY_SPAN and fine:
        return _by_day(exact, imprecise_days)
    if span <= WEEK_SPAN and fine:
        return _by_week(exact, imprecise_days)
    if month_count <= MONTH_SPAN:
        return _by_month(months, sum(years.values()) - sum(months.values()))
    return _by_year(years, 0)


def _by_day(exact: Counter[dt.date], imprecise: int) -> Timeline:
    first, last = min(exact), max(exact)
    out = []
    for i in range((last - first).days + 1):
        day = first + dt.timedelta(days=i)
        out.append(Bucket(day, day, exact.get(day, 0), day.isoformat()))
    return Timeline("day", tuple(out), imprecise)


def _by_week(exact: Counter[dt.date], imprecise: int) -> Timeline:
    weeks: Counter[dt.date] = Counter()
    for day, n in exact.items():
        weeks[day - dt.timedelta(days=day.weekday())] += n
    first, last = min(weeks), max(weeks)
    out = []
    monday = first
    while monday <= last:
        sunday = monday + dt.timedelta(days=6)
        out.append(Bucket(monday, sunday, weeks.get(monday, 0), monday.isoformat()))
        monday += dt.timedelta(days=7)
    return Timeline("week", tuple(out), imprecise)


def _by_month(months: Counter[tuple[int, int]], imprecise: int) -> Timeline:
    (y, m), (y1, m1) = min(months), max(months)
    out = []
    while (y, m) <= (y1, m1):
        out.append(Bucket(dt.date(y, m, 1), _month_end(y, m), months.get((y, m), 0),
                          f"{y}-{m:02d}"))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return Timeline("month", tuple(out), imprecise)


def _by_year(years: Counter[int], imprecise: int) -> Timeline:
    first, last = min(years), max(years)
    out = [Bucket(dt.date(y, 1, 1), dt.date(y, 12, 31), years.get(y, 0), str(y))
           for y in range(first, last + 1)]
    return Timeline("year", tuple(out), imprecise)

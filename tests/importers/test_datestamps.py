"""The date notations of news formats, read into ISO 8601 (or None, never a wrong date)."""

from __future__ import annotations

import time

import pytest

from index.importers.datestamps import iso_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T10:20:30Z", "2024-03-05T10:20:30+00:00"),
        ("2024-03-05 10:20", "2024-03-05T10:20:00"),
        ("Tue, 05 Mar 2024 10:20:30 +0100", "2024-03-05T10:20:30+01:00"),  # RSS, e-mail
        ("20021226T000000-0500", "2002-12-26T00:00:00-05:00"),  # NITF date.issue
        ("20021226", "2002-12-26"),
        ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"),  # Reuters-21578
        (" 5-MAR-1987", "1987-03-05"),
        ("1709634000", "2024-03-05T10:20:00+00:00"),  # epoch seconds as text
        (1709634000000, "2024-03-05T10:20:00+00:00"),  # JavaScript milliseconds
        (time.struct_time((2024, 3, 5, 10, 20, 0, 1, 65, 0)), "2024-03-05T10:20:00+00:00"),
    ],
)
def test_known_notations(value: object, expected: str) -> None:
    assert iso_date(value) == expected


@pytest.mark.parametrize(
    "value", ["", "garbage", "2024-13-45", "Mon, 32 Foo 2024", None, True, "0001-01-01", [], 1e30]
)
def test_unreadable_or_impossible_dates_give_none(value: object) -> None:
    assert iso_date(value) is None

"""One real PostgreSQL server per test session (tests/pg_cluster.py), one empty database
per test.

Where no server can be started the sync tests are skipped, except in CI, which sets
``VEILLE_REQUIRE_POSTGRES=1`` (.ci/run) so that they never skip silently there.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.pg_cluster import PgCluster, server_for_tests

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgCluster]:
    """The session's server, stopped (every process gone) when the session ends."""
    with server_for_tests(tmp_path_factory.mktemp("postgres")) as cluster:
        yield cluster


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> Iterator[str]:
    """A fresh empty database owned by ``veille``, as
    ``postgresql://veille:PASSWORD@127.0.0.1:PORT/NAME``; dropped after the test, its
    leftover sessions terminated first."""
    name = f"archive_{next(_numbers)}"  # not the test's name: error texts may show it
    url = pg_cluster.create_database(name)
    yield url
    pg_cluster.drop_database(name)

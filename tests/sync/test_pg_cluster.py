"""The test server itself (tests/pg_cluster.py): it answers, checks passwords, keeps its
data over a restart and leaves no process behind."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from tests.pg_cluster import PgCluster


def test_the_server_answers_through_the_url(pg_url: str) -> None:
    with psycopg.connect(pg_url) as pg:
        assert pg.execute("SELECT 1, current_user").fetchone() == (1, "veille")


def test_each_test_gets_an_empty_database_of_its_own(pg_url: str,
                                                     pg_cluster: PgCluster) -> None:
    with psycopg.connect(pg_url) as pg:
        tables = pg.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                            ).fetchone()
        pg.execute("CREATE TABLE mine (n int)")  # the role owns the database
        pg.execute("CREATE EXTENSION unaccent")  # the archive schema needs it
    assert tables == (0,)
    assert pg_url.rsplit("/", 1)[1] != "postgres"


def test_a_wrong_password_is_refused(pg_url: str, pg_cluster: PgCluster) -> None:
    database = pg_url.rsplit("/", 1)[1]
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_cluster.url(database, password="wrong"), connect_timeout=10)
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(f"postgresql://veille@127.0.0.1:{pg_cluster.port}/{database}",
                        connect_timeout=10)


def test_a_restart_keeps_what_was_written_and_cuts_sessions(pg_url: str,
                                                            pg_cluster: PgCluster) -> None:
    before = set(pg_cluster.server_pids())
    open_session = psycopg.connect(pg_url)
    with psycopg.connect(pg_url) as pg:
        pg.execute("CREATE TABLE kept (word text)")
        pg.execute("INSERT INTO kept VALUES ('Tombouctou')")
    pg_cluster.restart()
    try:
        with pytest.raises(psycopg.OperationalError):
            open_session.execute("SELECT 1")
    finally:
        open_session.close()
    with psycopg.connect(pg_url) as pg:
        assert pg.execute("SELECT word FROM kept").fetchall() == [("Tombouctou",)]
    assert before and not before & set(pg_cluster.server_pids())  # a new postmaster


def test_stop_leaves_no_server_process(tmp_path: Path, pg_cluster: PgCluster) -> None:
    cluster = PgCluster(tmp_path / "own")
    with cluster:
        url = cluster.create_database("stopped")
        session = psycopg.connect(url)  # a session open at stop time must not hold it up
        pids = cluster.server_pids()
        assert len(pids) >= 2 and cluster.is_running()  # the postmaster and its helpers
        cluster.stop()
        session.close()
        assert [pid for pid in pids if _running(pid)] == []
        assert cluster.server_pids() == [] and not cluster.is_running()
        cluster.start()  # stopped, not destroyed: it starts again on the same data
        with psycopg.connect(url) as pg:
            assert pg.execute("SELECT 1").fetchone() == (1,)
    assert cluster.server_pids() == []


def _running(pid: int) -> bool:
    """Read from /proc, independently of PgCluster: a zombie waiting for init has ended."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"

"""TLS when the URL asks for it (`?sslmode=require`), on a server of its own with a
certificate made for the test."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from index import Library
from index.sync.server import RemoteError
from index.sync.session import sync
from tests.pg_cluster import PgCluster


@pytest.fixture(scope="module")
def tls_cluster(tmp_path_factory: pytest.TempPathFactory, pg_cluster: PgCluster
                ) -> Iterator[PgCluster]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cluster = PgCluster(tmp_path_factory.mktemp("tls"))
    cluster.start()
    try:
        cert, key = cluster.data_dir / "server.crt", cluster.data_dir / "server.key"
        subprocess.run(["openssl", "req", "-new", "-x509", "-days", "2", "-nodes",
                        "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                       check=True, capture_output=True)
        key.chmod(0o600)
        for path in (cert, key):
            cluster._give_to_server(path)
        with psycopg.connect(cluster.superuser_url, autocommit=True) as admin:
            admin.execute("ALTER SYSTEM SET ssl = on")
            admin.execute("SELECT pg_reload_conf()")
        yield cluster
    finally:
        cluster.cleanup()


def test_a_url_asking_for_tls_gets_it(tls_cluster: PgCluster, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILLE_CONFIG_DIR", str(tmp_path / "config"))
    url = tls_cluster.create_database("tls") + "?sslmode=require"
    with psycopg.connect(url) as pg:
        row = pg.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()
    assert row == (True,)
    (tmp_path / "a.txt").write_text("Sommet à Niamey\n\nNiamey, 6 juillet 2026. Le sommet "
                                    "de l'AES s'ouvre.\n", encoding="utf-8")
    with Library.open(tmp_path / "A") as lib:
        lib.import_paths([tmp_path / "a.txt"])
        assert sync(lib, url).sent_articles == 1
        assert lib.store.meta("sync_remote", "").endswith("?sslmode=require")  # kept for next


def test_tls_asked_of_a_server_without_it_is_refused_in_one_line(
        pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILLE_CONFIG_DIR", str(tmp_path / "config"))
    with Library.open(tmp_path / "A") as lib, pytest.raises(RemoteError) as refused:
        sync(lib, pg_url + "?sslmode=require")
    assert "\n" not in str(refused.value) and "SSL" in str(refused.value)

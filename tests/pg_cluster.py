"""A throwaway PostgreSQL server for the tests and benchmarks of the team archive (issue 13).

The sync engine is tested against a real server, never a mock: ``PgCluster`` runs
``initdb`` and ``pg_ctl`` in a folder of its own, on a free local port and a unix socket
inside that folder, with durability switched off for speed. TCP logins need the
password of the ``veille`` role (scram-sha-256), so the engine's credential handling meets
a server that checks it; admin work goes through the socket, where the ``postgres``
superuser is trusted.

PostgreSQL refuses to run as root: as root (CI, this machine) the server runs as the
``postgres`` system user, in a folder it owns. When the caller's folder cannot be reached
by that user (pytest's ``/tmp/pytest-of-root`` is private), the data lives in a private
``/tmp/veille-pg-*`` folder instead, removed by ``cleanup()``.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

import psycopg
from psycopg import sql

ROLE = "veille"  # the login role that owns every database made by create_database()
SUPERUSER = "postgres"
SYSTEM_USER = "postgres"  # who runs the server when we are root
SERVER_PROGRAMS = ("initdb", "pg_ctl", "postgres")
PG_CTL_SECONDS = 60
KILL_WAIT_SECONDS = 10.0
_SETTINGS = """\
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{socket_dir}'
password_encryption = 'scram-sha-256'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 16MB
max_connections = 50
max_wal_size = 512MB
log_min_messages = warning
log_line_prefix = '%m [%p] '
"""
_HBA = """\
local all all trust
host all all 127.0.0.1/32 scram-sha-256
"""


def server_bindir() -> Path | None:
    """Where initdb, pg_ctl and postgres are: pg_config's answer, else the newest Debian
    install, else PATH. pg_config alone is not enough: libpq-dev ships it without a server."""
    candidates: list[Path] = []
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                               check=False)
        if found.returncode == 0 and found.stdout.strip():
            candidates.append(Path(found.stdout.strip()))
    debian = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if p.parent.name.isdigit()]
    candidates += sorted(debian, key=lambda p: int(p.parent.name), reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for bindir in candidates:
        if all(os.access(bindir / program, os.X_OK) for program in SERVER_PROGRAMS):
            return bindir
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie does not: it only waits for its parent)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    return stat[stat.rindex(")") + 2:].split()[0] not in ("Z", "X")


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    """Those of ``pids`` still running after up to ``seconds``."""
    deadline = time.monotonic() + seconds
    left = [pid for pid in pids if _alive(pid)]
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = [pid for pid in left if _alive(pid)]
    return left


class PgCluster:
    """One PostgreSQL server in ``folder``; a context manager that stops it on exit."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.folder = folder
        self.port = port if port is not None else _free_port()
        self.password = secrets.token_hex(16)  # hex: no ':' or '@' to escape in URLs
        self._as_root = os.geteuid() == 0
        self._home: Path | None = None  # data/, sock/ and server.log
        self._private_home = False
        self._owner_pid = os.getpid()
        self._bindir = server_bindir()

    @staticmethod
    def available() -> str | None:
        """None when a server can be started here, otherwise why not, in one line."""
        if server_bindir() is None:
            return ("no PostgreSQL server binaries (initdb, pg_ctl, postgres) found via "
                    "pg_config, /usr/lib/postgresql/*/bin or PATH")
        if os.geteuid() == 0:
            try:
                pwd.getpwnam(SYSTEM_USER)
            except KeyError:
                return f"running as root and there is no '{SYSTEM_USER}' user to run the server"
        return None

    # Where things are ------------------------------------------------------------------

    @property
    def home(self) -> Path:
        if self._home is None:
            raise RuntimeError("the cluster has not been started")
        return self._home

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def socket_dir(self) -> Path:
        return self.home / "sock"

    @property
    def log_file(self) -> Path:
        return self.home / "server.log"

    @property
    def superuser_url(self) -> str:
        """The ``postgres`` superuser through the unix socket (trusted, no password)."""
        return (f"postgresql://{SUPERUSER}@/postgres?host={quote(str(self.socket_dir), safe='/')}"
                f"&port={self.port}")

    def url(self, database: str, password: str | None = None) -> str:
        """The ``veille`` role over TCP, with its password unless another is given."""
        secret = self.password if password is None else password
        return (f"postgresql://{ROLE}:{quote(secret, safe='')}@127.0.0.1:{self.port}/"
                f"{quote(database, safe='')}")

    # Life cycle --------------------------------------------------------------------------

    def start(self) -> None:
        """Make the cluster on first use (initdb), then start it and wait until it answers."""
        if self._bindir is None:
            raise RuntimeError(self.available() or "no PostgreSQL server binaries")
        if self._home is None:
            self._home = self._make_home()
        if not (self.data_dir / "PG_VERSION").exists():
            self._initdb()
        self._write_settings()
        self.socket_dir.mkdir(exist_ok=True)
        self._give_to_server(self.socket_dir)
        self._pg_ctl("start", "-l", str(self.log_file))
        atexit.register(self._stop_at_exit)
        self._set_up_role()

    def restart(self) -> None:
        """A server restarted midway: sessions are cut (fast mode), the data stays."""
        self._pg_ctl("restart", "-m", "fast", "-l", str(self.log_file))

    def stop(self) -> None:
        """Stop and wait for every server process to exit: fast, else immediate, else kill."""
        if self._home is None or not self.data_dir.exists():
            return
        for mode in ("fast", "immediate"):
            if self._pg_ctl("stop", "-m", mode, check=False).returncode == 0:
                break
        self._kill(self.server_pids())

    def cleanup(self) -> None:
        """Stop, and remove the data when it lives outside the caller's folder."""
        self.stop()
        atexit.unregister(self._stop_at_exit)
        if self._private_home and self._home is not None:
            shutil.rmtree(self._home, ignore_errors=True)
            self._home = None

    def __enter__(self) -> PgCluster:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.cleanup()

    def is_running(self) -> bool:
        """What ``pg_ctl status`` says: a postmaster runs on this data directory."""
        return self._home is not None and self._pg_ctl("status", check=False).returncode == 0

    def server_pids(self) -> list[int]:
        """The processes running in this cluster's data directory (postgres works there:
        the postmaster and every backend), read from /proc; the postmaster alone without it."""
        if self._home is None:
            return []
        data = os.path.realpath(self.data_dir)
        if not Path("/proc/self/cwd").exists():
            status = self._pg_ctl("status", check=False)
            pid = self._postmaster_pid()
            return [pid] if status.returncode == 0 and pid is not None else []
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    if os.readlink(entry / "cwd") == data and _alive(int(entry.name)):
                        pids.append(int(entry.name))
        return pids

    # Databases ---------------------------------------------------------------------------

    def create_database(self, name: str) -> str:
        """An empty database owned by ``veille``; its TCP URL with the password."""
        with psycopg.connect(self.superuser_url, autocommit=True, connect_timeout=10) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(name), sql.Identifier(ROLE)))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Gone, even with sessions still connected to it (they are terminated)."""
        with psycopg.connect(self.superuser_url, autocommit=True, connect_timeout=10) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)))

    # Inner workings ----------------------------------------------------------------------

    def _make_home(self) -> Path:
        home = self.folder / "pg"
        home.mkdir(parents=True, exist_ok=True)
        self._give_to_server(home)
        if self._as_root and self._run(["test", "-w", str(home)], check=False).returncode:
            home = Path(tempfile.mkdtemp(prefix="veille-pg-"))
            self._give_to_server(home)
            self._private_home = True
        return home

    def _initdb(self) -> None:
        base = [str(self._bin("initdb")), "-D", str(self.data_dir), "-U", SUPERUSER,
                "--encoding=UTF8", "--auth=trust", "--no-sync", "--no-instructions"]
        made = self._run([*base, "--locale=C.UTF-8"], check=False)
        if made.returncode != 0:  # a system without the C.UTF-8 locale
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self._run([*base, "--no-locale"])

    def _write_settings(self) -> None:
        socket_dir = str(self.socket_dir).replace("'", "''")
        (self.data_dir / "veille_tests.conf").write_text(
            _SETTINGS.format(port=self.port, socket_dir=socket_dir), encoding="utf-8")
        (self.data_dir / "pg_hba.conf").write_text(_HBA, encoding="utf-8")
        main = self.data_dir / "postgresql.conf"
        text = main.read_text(encoding="utf-8")
        if "veille_tests.conf" not in text:
            main.write_text(text + "\ninclude 'veille_tests.conf'\n", encoding="utf-8")
        for path in (self.data_dir / "veille_tests.conf", self.data_dir / "pg_hba.conf"):
            self._give_to_server(path)

    def _set_up_role(self) -> None:
        with psycopg.connect(self.superuser_url, autocommit=True, connect_timeout=10) as admin:
            exists = admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                   (ROLE,)).fetchone()
            verb = "ALTER" if exists else "CREATE"
            admin.execute(sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(ROLE), sql.Literal(self.password)))

    def _pg_ctl(self, action: str, *options: str,
                check: bool = True) -> subprocess.CompletedProcess[str]:
        return self._run([str(self._bin("pg_ctl")), action, "-D", str(self.data_dir), "-w",
                          "-t", str(PG_CTL_SECONDS), *options], check=check)

    def _run(self, command: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
        """``command`` as the server's user, in the server's folder; its error with the
        server log's tail when it fails and ``check`` is set."""
        root = self._as_root
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              cwd=self._home or "/", user=SYSTEM_USER if root else None,
                              group=self._server_gid() if root else None,
                              extra_groups=[] if root else None)
        if check and done.returncode != 0:
            log = ""
            if self._home is not None and self.log_file.exists():
                log = "\n".join(self.log_file.read_text(errors="replace").splitlines()[-20:])
            raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n"
                               f"{done.stdout}{done.stderr}{log}")
        return done

    def _server_gid(self) -> int:
        return pwd.getpwnam(SYSTEM_USER).pw_gid

    def _give_to_server(self, path: Path) -> None:
        if self._as_root:
            user = pwd.getpwnam(SYSTEM_USER)
            os.chown(path, user.pw_uid, user.pw_gid)

    def _bin(self, program: str) -> Path:
        assert self._bindir is not None
        return self._bindir / program

    def _postmaster_pid(self) -> int | None:
        try:
            first = (self.data_dir / "postmaster.pid").read_text().split("\n", 1)[0]
        except OSError:
            return None
        return int(first) if first.strip().isdigit() else None

    def _kill(self, pids: list[int]) -> None:
        """Wait a moment for ``pids`` to end (a stopped postmaster exits just after pg_ctl
        returns), then kill those left and wait for them."""
        left = _wait_gone(pids, 2.0)
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if _wait_gone(left, KILL_WAIT_SECONDS):
            raise RuntimeError(f"PostgreSQL processes {left} outlived SIGKILL")

    def _stop_at_exit(self) -> None:
        """A session that ends without cleanup() (an interrupted run) leaves no server; a
        forked child that exits is not the owner and leaves it alone."""
        if os.getpid() == self._owner_pid:
            with contextlib.suppress(Exception):
                self.cleanup()


@contextlib.contextmanager
def server_for_tests(folder: Path) -> Iterator[PgCluster]:
    """A started cluster for a test module or session; skips when PostgreSQL is missing,
    fails instead when ``VEILLE_REQUIRE_POSTGRES=1`` (CI), so the tests never skip there."""
    import pytest

    reason = PgCluster.available()
    if reason is not None:
        if os.environ.get("VEILLE_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"VEILLE_REQUIRE_POSTGRES=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    with PgCluster(folder) as cluster:
        yield cluster

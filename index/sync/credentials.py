"""The team server's password, never stored in plain sight.

A URL typed with its password (``postgresql://ana:secret@host/archive``) is used once; what
Veille keeps (preferences, the library's meta, logs, messages) is the URL without it. The
password goes to the system keyring when the ``keyring`` package and a real backend are
present, otherwise to a ``.pgpass``-style file readable by its owner only, in Veille's
configuration folder (libpq's own ``~/.pgpass`` and ``PGPASSFILE`` keep working too).
TLS is libpq's: ``?sslmode=require`` (or ``verify-full``) in the URL asks for it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

KEYRING_SERVICE = "Veille team server"
ENV_CONFIG = "VEILLE_CONFIG_DIR"


def _parts(url: str) -> tuple[str, str, str, str, str | None]:
    """(host, port, database, user, password) of a postgresql:// URL."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    try:
        port = str(parts.port or 5432)
    except ValueError:
        port = "5432"
    database = unquote(parts.path.lstrip("/")) or (parts.username or "")
    user = unquote(parts.username or "")
    password = unquote(parts.password) if parts.password is not None else None
    return host, port, database, user, password


def is_url(url: str) -> bool:
    return urlsplit(url).scheme in ("postgresql", "postgres")


def without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0]
    return urlunsplit((parts.scheme, f"{user}@{netloc}", parts.path, parts.query,
                       parts.fragment))


def config_dir() -> Path:
    override = os.environ.get(ENV_CONFIG)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("Veille", appauthor=False))


def passfile() -> Path:
    return config_dir() / "pgpass"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def _fields(line: str) -> list[str]:
    out, current, escaped = [], "", False
    for char in line:
        if escaped:
            current += char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ":":
            out.append(current)
            current = ""
        else:
            current += char
    out.append(current)
    return out


def _keyring() -> Any | None:
    """The keyring module when a real backend answers (not the "fail" or plain-text
    ones), else None."""
    import importlib

    try:  # optional: present on most desktops, not a dependency
        keyring = importlib.import_module("keyring")
        fail = importlib.import_module("keyring.backends.fail")
    except ImportError:
        return None
    backend = keyring.get_keyring()
    name = type(backend).__module__ + type(backend).__name__
    if isinstance(backend, fail.Keyring) or "plaintext" in name.lower():
        return None
    return keyring


def _account(host: str, port: str, database: str, user: str) -> str:
    return f"{user}@{host}:{port}/{database}"


def remember(url: str) -> str:
    """Keep the URL's password where it belongs; returns the URL without it."""
    host, port, database, user, password = _parts(url)
    if password is None:
        return url
    ring = _keyring()
    if ring is not None:
        with contextlib.suppress(Exception):  # a locked or broken keyring: use the file
            ring.set_password(KEYRING_SERVICE, _account(host, port, database, user), password)
            return without_password(url)
    path = passfile()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = [host, port, database, user]
    lines = []
    if path.exists():
        lines = [line for line in path.read_text(encoding="utf-8").splitlines()
                 if _fields(line)[:4] != key]
    lines.append(":".join(_escape(v) for v in [*key, password]))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    os.chmod(path, 0o600)  # an older file made by hand with looser rights
    return without_password(url)


def _stored_password(host: str, port: str, database: str, user: str) -> str | None:
    ring = _keyring()
    if ring is not None:
        with contextlib.suppress(Exception):
            found = ring.get_password(KEYRING_SERVICE, _account(host, port, database, user))
            if found:
                return str(found)
    path = passfile()
    if not path.exists() or path.stat().st_mode & 0o077:
        return None  # as libpq does: a password file others can read is not used
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = _fields(line)
        if len(fields) == 5 and all(f in ("*", v) for f, v in
                                    zip(fields[:4], (host, port, database, user), strict=True)):
            return fields[4]
    return None


def connect_arguments(url: str) -> tuple[str, dict[str, Any]]:
    """(conninfo, keyword arguments) for psycopg.connect: a password typed in the URL,
    else the one remembered for this server, else libpq's own lookup."""
    host, port, database, user, password = _parts(url)
    if password is not None or not user:
        return url, {}
    stored = _stored_password(host, port, database, user)
    return url, ({"password": stored} if stored else {})

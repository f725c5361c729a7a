"""Where the window finds the team server and the person's name on the team (issue 13).

Both live in QSettings like the other preferences; the server's URL is kept without its
password (index/sync/credentials.py keeps the password in the keyring or a private file).
With no URL in the preferences, ``$VEILLE_REMOTE`` (the command line's default) is used.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

from index.sync import ENV_REMOTE
from index.sync.credentials import is_url, without_password

SERVER_KEY = "team/server"
AUTHOR_KEY = "team/author"


def stored_server(settings: QSettings) -> str:
    value = settings.value(SERVER_KEY, "")
    return value.strip() if isinstance(value, str) else ""


def server_url(settings: QSettings) -> str | None:
    """The preferences' server, else ``$VEILLE_REMOTE``; None when neither is a
    postgresql:// URL."""
    url = stored_server(settings) or os.environ.get(ENV_REMOTE, "").strip()
    return url if url and is_url(url) else None


def shown_server(url: str) -> str:
    """The URL as the window may show it: no password, no scheme."""
    plain = without_password(url)
    return plain.split("://", 1)[-1]


def author_name(settings: QSettings) -> str | None:
    """The name the person gave; None lets the library use its last one or the login."""
    value = settings.value(AUTHOR_KEY, "")
    text = value.strip() if isinstance(value, str) else ""
    return text or None

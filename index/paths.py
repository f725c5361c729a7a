"""Where the library lives: the per-user data directory unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "VEILLE_LIBRARY"


def default_library_dir() -> Path:
    """``$VEILLE_LIBRARY`` when set, else ``<user data dir>/Veille/library``."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("Veille", appauthor=False)) / "library"

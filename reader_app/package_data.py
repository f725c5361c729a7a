"""Where Veille's files are once installed: the package ``reader_app.resources``.

In the repository they are the top-level ``resources/`` folder, which the build maps into
the package (setup.py), so a wheel installed anywhere carries its style sheet, icons,
translations, sample articles, help pages and desktop entry. No Qt here: the command
line (``install-desktop``) and the build use these paths too.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_REPOSITORY = Path(__file__).resolve().parents[1]


def _resources() -> Path:
    """Qt wants file paths, and pip installs wheels as folders, so the traversable is a
    real folder. Run from a bare checkout (nothing installed), the repository's folder."""
    try:
        return Path(str(files("reader_app.resources")))
    except ModuleNotFoundError:
        return _REPOSITORY / "resources"


def _help_folder() -> Path:
    """The help pages: ``docs/`` in the repository, copied into the package by the build."""
    packaged = RESOURCES / "help"
    return packaged if packaged.is_dir() else _REPOSITORY / "docs"


RESOURCES = _resources()
STYLE_SHEET = RESOURCES / "style" / "veille.qss"
ICONS = RESOURCES / "icons"
SAMPLES = RESOURCES / "samples"
TRANSLATIONS = RESOURCES / "i18n"
DESKTOP = RESOURCES / "desktop"
DOCS = _help_folder()


def icon_path(name: str) -> str:
    return str(ICONS / f"{name}.svg")

"""``reader-app install-desktop``: the menu entry and icons into the user's XDG folders.

The ``.desktop`` file and the icons ship inside the package (``reader_app.resources``);
installing copies them into ``$XDG_DATA_HOME`` (``~/.local/share``) so that the desktop
menu lists Veille and a file manager offers "Open with Veille" for the types it reads.
``Exec`` is rewritten to this environment's own ``reader-app``, so a virtual environment
that is not on ``PATH`` still launches. No Qt here: it runs on machines without a display.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from reader_app.package_data import DESKTOP, ICONS

DESKTOP_FILE = DESKTOP / "veille.desktop"
ICON_NAME = "veille"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


@dataclass(frozen=True)
class Installed:
    """What an install wrote, for the command's report (and its tests)."""

    desktop_file: Path
    icons: tuple[Path, ...]
    database_updated: bool


def data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def launcher() -> list[str]:
    """The command that starts this very installation of Veille."""
    script = Path(sys.executable).with_name("reader-app")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "reader_app"]


def _quote(arg: str) -> str:
    """Exec quoting of the Desktop Entry specification: only when needed."""
    if not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'


def entry_text(command: list[str] | None = None) -> str:
    """The packaged entry with Exec running ``command`` (default: ``launcher()``)."""
    exec_line = " ".join(_quote(arg) for arg in (command or launcher()))
    lines = []
    for line in DESKTOP_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_line} %F"
        elif line.startswith("TryExec="):
            continue  # TryExec takes a bare program; Exec's full path is check enough
        lines.append(line)
    return "\n".join(lines) + "\n"


def icon_files() -> list[tuple[Path, Path]]:
    """(packaged file, path below the icon theme folder) for every icon we install."""
    pairs = [(ICONS / f"{ICON_NAME}.svg", Path("scalable", "apps", f"{ICON_NAME}.svg"))]
    for size in PNG_SIZES:
        png = ICONS / "png" / f"{ICON_NAME}-{size}.png"
        if png.is_file():
            pairs.append((png, Path(f"{size}x{size}", "apps", f"{ICON_NAME}.png")))
    return pairs


def install(home: Path | None = None) -> Installed:
    """Copy the entry and icons into ``home`` (default: XDG data home); refresh caches."""
    home = home or data_home()
    applications = home / "applications"
    applications.mkdir(parents=True, exist_ok=True)
    target = applications / DESKTOP_FILE.name
    target.write_text(entry_text(), encoding="utf-8")
    icons: list[Path] = []
    for source, relative in icon_files():
        dest = home / "icons" / "hicolor" / relative
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
        icons.append(dest)
    updated = _run_if_present("update-desktop-database", str(applications))
    _run_if_present("gtk-update-icon-cache", "-q", "-t", str(home / "icons" / "hicolor"))
    return Installed(target, tuple(icons), updated)


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what ``install`` wrote; returns the files removed."""
    home = home or data_home()
    removed = []
    candidates = [home / "applications" / DESKTOP_FILE.name]
    candidates += [home / "icons" / "hicolor" / rel for _src, rel in icon_files()]
    for path in candidates:
        if path.is_file():
            path.unlink()
            removed.append(path)
    _run_if_present("update-desktop-database", str(home / "applications"))
    return removed


def _run_if_present(program: str, *args: str) -> bool:
    """Caches the desktop rebuilds anyway at login; a missing tool is no error."""
    found = shutil.which(program)
    if found is None:
        return False
    try:
        done = subprocess.run([found, *args], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0

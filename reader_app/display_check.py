"""Before the window: can Qt reach a display here? One sentence instead of Qt's abort.

On Linux without Wayland, Qt loads its ``xcb`` platform plugin, whose system libraries
(``libxcb-cursor0``, ``libxcb-icccm4``...) a minimal desktop may lack; Qt then aborts
with a plugin trace that names none of them. ``ldd`` on the plugin tells which are
missing; Debian and Ubuntu name their packages after the library (``libxcb-cursor.so.0``
is in ``libxcb-cursor0``). ``make run`` runs ``python -m reader_app.display_check`` first.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Libraries whose package name does not follow the rule of ``debian_package``.
PACKAGES = {"libGL.so.1": "libgl1", "libEGL.so.1": "libegl1", "libOpenGL.so.0": "libopengl0"}
_SONAME = re.compile(r"^(lib[\w.+-]+?)\.so\.(\d+)")


def debian_package(soname: str) -> str:
    """``libxcb-cursor.so.0`` -> ``libxcb-cursor0``; ``libxkbcommon-x11.so.0`` ->
    ``libxkbcommon-x11-0`` (Debian's rule for shared library packages)."""
    if soname in PACKAGES:
        return PACKAGES[soname]
    match = _SONAME.match(soname)
    if match is None:
        return soname
    name, version = match.group(1).lower(), match.group(2)
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def xcb_plugin() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        plugin = Path(folder, "Qt", "plugins", "platforms", "libqxcb.so")
        if plugin.is_file():
            return plugin
    return None


def missing_libraries(plugin: Path) -> list[str]:
    """Sonames ``ldd`` cannot find for the plugin (none when ldd itself is missing)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20,
                             check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    missing = [line.split("=>")[0].strip() for line in out.splitlines() if "not found" in line]
    return sorted(set(missing))


def uses_xcb(env: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    return not env.get("WAYLAND_DISPLAY")


def explain_missing_display(env: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """One sentence saying what to install or set, or "" when Qt should start."""
    if not uses_xcb(env):
        return ""
    plugin = xcb_plugin()
    missing = missing_libraries(plugin) if plugin is not None else []
    if missing:
        packages = " ".join(sorted({debian_package(m) for m in missing}))
        return (f"the window needs system libraries that are missing ({', '.join(missing)}); "
                f"install them, e.g. `sudo apt install {packages}` on Debian or Ubuntu")
    if not env.get("DISPLAY"):
        return ("no display to open the window on: start Veille from a desktop session "
                "(or set QT_QPA_PLATFORM=offscreen to run it without one)")
    return ""


def main() -> int:
    problem = explain_missing_display()
    if problem:
        sys.stderr.write(f"reader-app: {problem}\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

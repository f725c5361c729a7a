"""Build the interface translations: ``resources/i18n/*.ts`` -> ``*.qm`` (pyside6-lrelease).

The ``.ts`` files are the committed sources; the ``.qm`` are build products, never
committed. ``make translations`` and the wheel's build run :func:`build`; a checkout
where nobody ran it still speaks French, because :mod:`reader_app.i18n` compiles into
:func:`cache_dir` on first use. ``python -m reader_app.i18n_build [OUT_DIR]`` builds
beside the sources, or into OUT_DIR.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def lrelease_command() -> list[str]:
    """PySide6's lrelease: the wrapper beside this Python, on PATH, or its own binary."""
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pyside6-lrelease")
    if found:
        return [found]
    import PySide6

    return [str(Path(PySide6.__file__).parent / "lrelease")]


def sources_dir() -> Path:
    """The committed ``.ts`` files (the package's translations folder in a checkout)."""
    from reader_app.package_data import TRANSLATIONS

    return TRANSLATIONS


def cache_dir() -> Path:
    """A per-user folder for ``.qm`` compiled on the fly (never inside the repository)."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"veille-i18n-{uid}"


def build(ts_dir: Path | None = None, out_dir: Path | None = None,
          force: bool = False) -> list[Path]:
    """Compile each ``veille_*.ts`` of ``ts_dir`` newer than its ``.qm`` in ``out_dir``
    (default: beside the sources); returns the ``.qm`` paths.

    ``build(out_dir)`` alone, given a folder without sources, compiles the package's
    sources into it. Each file is written to a temporary name and renamed, so a window or
    a test loading the old file meanwhile never reads half of the new one.
    """
    ts_dir = ts_dir or sources_dir()
    if out_dir is None and not any(ts_dir.glob("veille_*.ts")):
        ts_dir, out_dir = sources_dir(), ts_dir
    out = out_dir or ts_dir
    out.mkdir(parents=True, exist_ok=True)
    built = []
    for ts in sorted(ts_dir.glob("veille_*.ts")):
        qm = out / ts.with_suffix(".qm").name
        built.append(qm)
        if not force and qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        tmp = qm.with_name(f".{qm.name}.{os.getpid()}.tmp")
        subprocess.run([*lrelease_command(), "-silent", str(ts), "-qm", str(tmp)],
                       check=True, capture_output=True)
        os.replace(tmp, qm)
    return built


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else None
    for qm in build(sources_dir(), out, force=True):
        print(qm)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

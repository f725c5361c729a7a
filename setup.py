"""Build steps pyproject.toml cannot declare: ``resources/`` becomes the package
``reader_app.resources`` (style, icons, samples, desktop entry), the translations are
compiled (``resources/i18n/*.ts`` -> ``.qm``, by ``reader_app.i18n_build``) and the help
pages are copied from ``docs/``, so an installed wheel is the complete application.

Metadata and dependencies live in pyproject.toml; this file only adds the build step.
"""

from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
HELP_PAGES = ("search-syntax*.md",)


def data_packages() -> list[str]:
    """Every folder below resources/ as a package of data (setuptools warns about data
    folders that are not listed as packages), named below ``reader_app.resources``."""
    names = ["reader_app.resources"]
    for folder in sorted((ROOT / "resources").rglob("*")):
        if folder.is_dir() and folder.name != "__pycache__":
            parts = folder.relative_to(ROOT / "resources").parts
            names.append(".".join(("reader_app.resources", *parts)))
    return names


def compile_translations(out_dir: Path) -> list[Path]:
    """``resources/i18n/*.ts`` -> ``out_dir/*.qm`` with pyside6-lrelease (PySide6 is a
    build requirement), by ``reader_app.i18n_build.build``; none without ``.ts`` files."""
    sources = ROOT / "resources" / "i18n"
    if not any(sources.glob("*.ts")):
        return []
    sys.path.insert(0, str(ROOT))
    try:
        builder = importlib.import_module("reader_app.i18n_build")
    finally:
        sys.path.remove(str(ROOT))
    return list(builder.build(sources, out_dir, force=True))


class BuildWithResources(build_py):
    """build_py, then the generated package data (translations, help pages)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            # An editable install reads resources/ in place: compile next to the sources.
            compile_translations(ROOT / "resources" / "i18n")
            return
        target = Path(self.build_lib) / "reader_app" / "resources"
        compile_translations(target / "i18n")
        (target / "help").mkdir(parents=True, exist_ok=True)
        for pattern in HELP_PAGES:
            for page in (ROOT / "docs").glob(pattern):
                shutil.copy2(page, target / "help" / page.name)


DATA_PACKAGES = data_packages()
# Veille's English spaCy pipeline (config, vocab, weights), loaded from its folder.
MODEL_PACKAGES = [
    ".".join(folder.relative_to(ROOT).parts)
    for folder in sorted((ROOT / "index" / "entities" / "models").rglob("*"))
    if folder.is_dir() and folder.name != "__pycache__"
]

setup(
    packages=[
        *find_packages(include=["index*", "reader_app*"]),
        "index.entities.data",
        "index.entities.models",
        *MODEL_PACKAGES,
        *DATA_PACKAGES,
    ],
    package_dir={"reader_app.resources": "resources"},
    package_data={
        "index": ["py.typed"],
        "index.entities.data": ["*"],
        "index.entities.models": ["*.md"],
        **{name: ["*"] for name in MODEL_PACKAGES},
        "reader_app": ["py.typed"],
        **{name: ["*"] for name in DATA_PACKAGES[1:]},
    },
    # Translation sources stay in the repository; the wheel carries the compiled .qm.
    exclude_package_data={"reader_app.resources.i18n": ["*.ts"]},
    cmdclass={"build_py": BuildWithResources},
)

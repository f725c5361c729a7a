"""Colours, names and the style sheet shared by the views.

One place for the entity palette so the article highlights, the legend and the
sidebar always agree. Backgrounds are light enough for black text (WCAG AA).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from index.models import EntityType

# The package data's paths, importable from here as before (no Qt in that module).
from reader_app.package_data import (
    DESKTOP,
    DOCS,
    ICONS,
    RESOURCES,
    SAMPLES,
    STYLE_SHEET,
    TRANSLATIONS,
    icon_path,
)

# type -> (highlight background, strong colour for text, swatches and focus)
ENTITY_COLOURS: dict[EntityType, tuple[str, str]] = {
    "person": ("#d2e3ff", "#1f5fbf"),
    "organisation": ("#d5efc9", "#2e7d32"),
    "place": ("#ffdcb8", "#b35900"),
    "other": ("#e6d8f6", "#6a3d9a"),
}
ENTITY_NAMES: dict[EntityType, str] = {
    "person": "Person",
    "organisation": "Organisation",
    "place": "Place",
    "other": "Other",
}
ENTITY_GROUP_NAMES: dict[EntityType, str] = {
    "person": "People",
    "organisation": "Organisations",
    "place": "Places",
    "other": "Other",
}
MATCH_BACKGROUND = "#fff176"
MATCH_CURRENT = "#ff9800"
FOCUS_OUTLINE = "#212121"



__all__ = [
    "DESKTOP", "DOCS", "ENTITY_COLOURS", "ENTITY_GROUP_NAMES", "ENTITY_NAMES", "FOCUS_OUTLINE",
    "ICONS", "MATCH_BACKGROUND", "MATCH_CURRENT", "RESOURCES", "SAMPLES", "STYLE_SHEET",
    "TRANSLATIONS", "apply_style", "icon_path",
]


def apply_style(app: QApplication) -> None:
    """Fusion everywhere (same look on every platform) plus our style sheet."""
    app.setStyle("Fusion")
    if STYLE_SHEET.is_file():
        app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))

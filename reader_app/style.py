"""Colours, names and the style sheet shared by the views.

One place for the entity palette so the article highlights, the legend and the
sidebar always agree. The colours themselves are in reader_app/theme_colours.py.
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
from reader_app.theme_colours import LIGHT

# type -> (highlight background, strong colour) in the light theme; the views ask
# reader_app/theme.py for the current theme's (reader_app/theme_colours.py holds both).
_KINDS: tuple[EntityType, ...] = ("person", "organisation", "place", "other")
ENTITY_COLOURS: dict[EntityType, tuple[str, str]] = {
    kind: (LIGHT[kind], LIGHT[f"{kind}_strong"]) for kind in _KINDS
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
MATCH_BACKGROUND = LIGHT["match"]
MATCH_CURRENT = LIGHT["match_current"]
FOCUS_OUTLINE = LIGHT["text"]



__all__ = [
    "DESKTOP", "DOCS", "ENTITY_COLOURS", "ENTITY_GROUP_NAMES", "ENTITY_NAMES", "FOCUS_OUTLINE",
    "ICONS", "MATCH_BACKGROUND", "MATCH_CURRENT", "RESOURCES", "SAMPLES", "STYLE_SHEET",
    "TRANSLATIONS", "apply_style", "icon_path",
]


def apply_style(app: QApplication) -> None:
    """Fusion everywhere (same look on every platform) plus our style sheet, in the
    current theme's colours (reader_app/theme.py fills the template)."""
    from reader_app.theme import current_scheme, style_sheet

    app.setStyle("Fusion")
    app.setStyleSheet(style_sheet(current_scheme()))

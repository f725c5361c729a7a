"""Every colour Veille draws with, for the light and the dark theme, in one table.

The style sheet (resources/style/veille.qss, whose ``@name`` tokens are these keys), the
palette, the article's HTML, the delegates and the charts all take their colours from
here, through reader_app/theme.py; tests/gui/test_theme_contrast.py checks every pair in
``TEXT_PAIRS`` and ``NON_TEXT_PAIRS`` at WCAG AA. No Qt here: plain hex strings.
"""

from __future__ import annotations

from collections.abc import Mapping

ENTITY_KEYS = ("person", "organisation", "place", "other")

LIGHT: Mapping[str, str] = {
    # surfaces and text
    "window": "#f6f7f9", "base": "#ffffff", "alt_base": "#f1f3f4", "header": "#fafbfc",
    "text": "#202124", "muted": "#5f6368", "button": "#eef0f3",
    "border": "#dadce0", "border_strong": "#c4c7cc", "header_border": "#e6e8eb",
    "splitter": "#e0e2e6",
    # selection (the palette's Highlight), the sidebar's selected row, links, buttons
    "selection": "#1a5fb4", "selection_text": "#ffffff",
    "item_selected": "#dce8fa", "item_selected_text": "#202124",
    "link": "#1a5fb4", "accent": "#1a5fb4", "accent_text": "#ffffff", "accent_hover": "#174ea6",
    "tooltip": "#ffffe1", "tooltip_text": "#202124",
    # banners, chips, progress, the drop overlay
    "banner": "#fff8e1", "banner_border": "#ffe082", "banner_text": "#3c4043",
    "chip": "#e8f0fe", "chip_border": "#9ab3d8", "chip_text": "#1a5fb4", "chip_hover": "#d2e3fc",
    "progress": "#f1f3f4", "progress_chunk": "#7baaf7",
    "drop_fill": "rgba(26, 95, 180, 40)", "drop_text": "#174ea6",
    # search matches, the current match, a person's highlights
    "match": "#fff176", "match_text": "#202124",
    "match_current": "#ff9800", "match_current_text": "#202124",
    "mark": "#f6b6d1", "mark_line": "#b72562",
    # entity types: background of a mention, and the strong colour (text, swatch, focus)
    "person": "#d2e3ff", "person_strong": "#1f5fbf",
    "organisation": "#d5efc9", "organisation_strong": "#246b29",
    "place": "#ffdcb8", "place_strong": "#944a00",
    "other": "#e6d8f6", "other_strong": "#6a3d9a",
    "on_strong": "#ffffff",  # text over a strong colour (the focused mention)
    # what happened to each file of an import
    "status_imported": "#246b29", "status_duplicate": "#5f6368",
    "status_skipped": "#944a00", "status_failed": "#c62828",
    "chart": "#1f5fbf",
    # what a version of a story adds to and drops from the earliest
    "added": "#1e6b2a", "dropped": "#b3261e",
}

DARK: Mapping[str, str] = {
    "window": "#1f2023", "base": "#18191b", "alt_base": "#222427", "header": "#222427",
    "text": "#e8eaed", "muted": "#a9aeb5", "button": "#2d2f33",
    "border": "#3c4043", "border_strong": "#5f6368", "header_border": "#34373b",
    "splitter": "#34373b",
    "selection": "#3a6db0", "selection_text": "#ffffff",
    "item_selected": "#2a3f5c", "item_selected_text": "#e8eaed",
    "link": "#8ab4f8", "accent": "#3a6db0", "accent_text": "#ffffff", "accent_hover": "#2f5f9e",
    "tooltip": "#2d2f33", "tooltip_text": "#e8eaed",
    "banner": "#3a3220", "banner_border": "#6b5a2a", "banner_text": "#f1e3b8",
    "chip": "#1f3352", "chip_border": "#3d5f94", "chip_text": "#a8c7fa", "chip_hover": "#27406a",
    "progress": "#2d2f33", "progress_chunk": "#2f5f9e",
    "drop_fill": "rgba(138, 180, 248, 40)", "drop_text": "#a8c7fa",
    "match": "#4d4300", "match_text": "#fff7c2",
    "match_current": "#ffb74d", "match_current_text": "#202124",
    "mark": "#642841", "mark_line": "#e371a1",
    "person": "#1d3a66", "person_strong": "#8ab4f8",
    "organisation": "#1e4620", "organisation_strong": "#81c995",
    "place": "#553210", "place_strong": "#fcad70",
    "other": "#3f2a5c", "other_strong": "#c9a0f9",
    "on_strong": "#202124",
    "status_imported": "#81c995", "status_duplicate": "#a9aeb5",
    "status_skipped": "#fcad70", "status_failed": "#f28b82",
    "chart": "#8ab4f8",
    "added": "#81c995", "dropped": "#f28b82",
}

THEMES: Mapping[str, Mapping[str, str]] = {"light": LIGHT, "dark": DARK}


def _entity_pairs() -> list[tuple[str, str, float, str]]:
    pairs = []
    for kind in ENTITY_KEYS:
        strong = f"{kind}_strong"
        pairs += [
            ("text", kind, 4.5, "a mention in the article"),
            (strong, "match", 4.5, "a mention inside a search match (bold)"),
            (strong, kind, 4.5, "the colour key in the sidebar and the article header"),
            (strong, "base", 4.5, "entity names in the entity browser"),
            ("on_strong", strong, 4.5, "the focused mention"),
        ]
    return pairs


# (text colour, background, minimum ratio, where it is seen)
TEXT_PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("text", "window", 4.5, "dialogs and panes"),
    ("text", "base", 4.5, "lists, article, sidebar"),
    ("text", "alt_base", 4.5, "alternate rows"),
    ("text", "header", 4.5, "the article header"),
    ("text", "button", 4.5, "buttons"),
    ("muted", "base", 4.5, "snippets' dates, counts, hints"),
    ("muted", "window", 4.5, "hints in dialogs"),
    ("muted", "header", 4.5, "article meta line"),
    ("muted", "alt_base", 4.5, "hints on alternate rows"),
    ("selection_text", "selection", 4.5, "the selected row of a list"),
    ("item_selected_text", "item_selected", 4.5, "the sidebar's selected entity"),
    ("link", "base", 4.5, "links in the article"),
    ("link", "banner", 4.5, "the banner's links (did you mean)"),
    ("accent_text", "accent", 4.5, "primary buttons, checked segments"),
    ("accent_text", "accent_hover", 4.5, "primary buttons under the mouse"),
    ("link", "window", 4.5, "secondary buttons' text"),
    ("tooltip_text", "tooltip", 4.5, "tooltips"),
    ("banner_text", "banner", 4.5, "banners (partial article, search notes)"),
    ("chip_text", "chip", 4.5, "entity filter chips"),
    ("chip_text", "chip_hover", 4.5, "chips under the mouse"),
    ("match_text", "match", 4.5, "search matches (article and snippets)"),
    ("text", "match", 4.5, "snippet matches drawn with the list's text colour"),
    ("match_current_text", "match_current", 4.5, "the current match"),
    ("text", "mark", 4.5, "a person's highlights"),
    ("text", "border_strong", 4.5, "the '+2' label after a row's tags"),
    ("added", "window", 4.5, "sentences a version of a story adds"),
    ("dropped", "window", 4.5, "sentences a version of a story drops"),
    ("added", "header", 4.5, "the same, on the article header"),
    ("dropped", "header", 4.5, "the same, on the article header"),
    ("status_imported", "base", 4.5, "import report"),
    ("status_duplicate", "base", 4.5, "import report"),
    ("status_skipped", "base", 4.5, "import report"),
    ("status_failed", "base", 4.5, "import report"),
    ("text", "progress", 4.5, "progress bar text (empty part)"),
    ("text", "progress_chunk", 4.5, "progress bar text over the filled part"),
    ("drop_text", "base", 4.5, "the drop overlay's words (a faint tint over the list)"),
    *_entity_pairs(),
)

# Graphics and component edges: WCAG 1.4.11 asks 3:1 against what is next to them.
NON_TEXT_PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("chart", "base", 3.0, "bars of the month charts"),
    ("selection", "base", 3.0, "focus ring and timeline band"),
    ("mark_line", "mark", 3.0, "the dashed line under a commented highlight"),
)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)

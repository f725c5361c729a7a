"""Menus and keyboard shortcuts of the main window, kept apart from its layout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow

from reader_app.style import icon_path


@dataclass
class WindowActions:
    import_files: QAction
    import_folder: QAction
    load_samples: QAction
    last_report: QAction
    quit: QAction
    find: QAction
    focus_search: QAction
    next_match: QAction
    prev_match: QAction
    undo_entity_edit: QAction
    show_article_entities: QAction
    show_results_entities: QAction
    show_related: QAction
    reset_filters: QAction
    entity_browser: QAction
    zoom_in: QAction
    zoom_out: QAction
    extract_entities: QAction
    search_syntax: QAction
    about: QAction


# (action, menu, text, slot name, shortcut, status tip); "-" before a text adds a separator
MENU_TABLE: tuple[tuple[str, str, str, str, QKeySequence | str | None, str], ...] = (
    (
        "import_files",
        "&File",
        "&Import files…",
        "import_files",
        QKeySequence.StandardKey.Open,
        "Import news files into the library",
    ),
    (
        "import_folder",
        "&File",
        "Import &folder…",
        "import_folder",
        "Ctrl+Shift+O",
        "Import every news file in a folder",
    ),
    (
        "load_samples",
        "&File",
        "-Load &sample articles",
        "load_samples",
        None,
        "Import the sample articles that come with Veille",
    ),
    (
        "last_report",
        "&File",
        "Last import &report…",
        "last_report",
        None,
        "What happened to each file of the last import",
    ),
    ("quit", "&File", "-&Quit", "quit", QKeySequence.StandardKey.Quit, ""),
    (
        "find",
        "&Edit",
        "&Find in article",
        "focus_search",
        "Ctrl+F",
        "Search words in the library and the article",
    ),
    ("focus_search", "&Edit", "Focus search &box", "focus_search", "Ctrl+L", ""),
    ("next_match", "&Edit", "-&Next match", "next_match", "F3", ""),
    ("prev_match", "&Edit", "&Previous match", "prev_match", "Shift+F3", ""),
    (
        "undo_entity_edit",
        "&Edit",
        "-&Undo entity edit",
        "undo_entity_edit",
        "Ctrl+Z",
        "Undo the last rename, type change, merge or hide of an entity",
    ),
    (
        "show_article_entities",
        "&View",
        "Entities of this &article",
        "article_entities",
        "Ctrl+1",
        "",
    ),
    (
        "show_results_entities",
        "&View",
        "Entities of all &results",
        "results_entities",
        "Ctrl+2",
        "",
    ),
    ("show_related", "&View", "-&Related articles", "toggle_related", "Ctrl+R", ""),
    ("reset_filters", "&View", "&Clear filters", "reset_filters", "Ctrl+Shift+X", ""),
    (
        "entity_browser",
        "&View",
        "-&Entities…",
        "entity_browser",
        "Ctrl+E",
        "Browse, search and correct every entity of the library",
    ),
    ("zoom_in", "&View", "-&Larger text", "zoom_in", QKeySequence.StandardKey.ZoomIn, ""),
    ("zoom_out", "&View", "&Smaller text", "zoom_out", QKeySequence.StandardKey.ZoomOut, ""),
    (
        "extract_entities",
        "&View",
        "-Find &entities now",
        "extract_entities",
        None,
        "Find people, organisations and places in articles that have not been read yet",
    ),
    ("search_syntax", "&Help", "&Search syntax", "search_syntax", "F1", ""),
    ("about", "&Help", "&About Veille", "about", None, ""),
)


def build_menus(window: QMainWindow, slots: dict[str, Callable[[], object]]) -> WindowActions:
    """Create File, Edit, View and Help; ``slots`` maps each slot name to its handler."""
    menus = {}
    made: dict[str, QAction] = {}
    for name, menu_title, text, slot_name, shortcut, tip in MENU_TABLE:
        if menu_title not in menus:
            menus[menu_title] = window.menuBar().addMenu(menu_title)
        menu = menus[menu_title]
        if text.startswith("-"):
            menu.addSeparator()
            text = text[1:]
        action = QAction(text, window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        slot = window.close if slot_name == "quit" else slots[slot_name]
        action.triggered.connect(lambda _checked=False, s=slot: s())
        menu.addAction(action)
        made[name] = action
    actions = WindowActions(**{f.name: made[f.name] for f in fields(WindowActions)})
    actions.import_files.setIcon(QIcon(icon_path("import")))
    actions.show_related.setCheckable(True)
    actions.show_related.setChecked(True)
    return actions

"""Menus and keyboard shortcuts of the main window, kept apart from its layout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
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


# (action, menu, text, slot name, shortcut, status tip); texts are translated when built
_C = "MainMenus"
MENU_TITLES = {
    "File": QT_TRANSLATE_NOOP("MainMenus", "&File"),
    "Edit": QT_TRANSLATE_NOOP("MainMenus", "&Edit"),
    "View": QT_TRANSLATE_NOOP("MainMenus", "&View"),
    "Help": QT_TRANSLATE_NOOP("MainMenus", "&Help"),
}
Shortcut = QKeySequence | QKeySequence.StandardKey | str | None
MENU_TABLE: tuple[tuple[str, str, object, str, Shortcut, object], ...] = (
    ("import_files", "File", QT_TRANSLATE_NOOP("MainMenus", "&Import files…"), "import_files",
     QKeySequence.StandardKey.Open, QT_TRANSLATE_NOOP("MainMenus", "Import news files into the "
                                                                   "library")),
    ("import_folder", "File", QT_TRANSLATE_NOOP("MainMenus", "Import &folder…"), "import_folder",
     "Ctrl+Shift+O", QT_TRANSLATE_NOOP("MainMenus", "Import every news file in a folder")),
    ("load_samples", "File", QT_TRANSLATE_NOOP("MainMenus", "Load &sample articles"),
     "load_samples", "Ctrl+Shift+L", QT_TRANSLATE_NOOP("MainMenus", "Import the sample articles "
                                                                    "that come with Veille")),
    ("last_report", "File", QT_TRANSLATE_NOOP("MainMenus", "Last import &report…"), "last_report",
     "Ctrl+Shift+I",
     QT_TRANSLATE_NOOP("MainMenus", "What happened to each file of the last import")),
    ("quit", "File", QT_TRANSLATE_NOOP("MainMenus", "&Quit"), "quit", "Ctrl+Q",
     QT_TRANSLATE_NOOP("MainMenus", "Close the window")),
    ("find", "Edit", QT_TRANSLATE_NOOP("MainMenus", "&Find in article…"), "find_in_article",
     QKeySequence.StandardKey.Find,
     QT_TRANSLATE_NOOP("MainMenus", "Find words in the open article, with their own bar")),
    ("focus_search", "Edit", QT_TRANSLATE_NOOP("MainMenus", "Search the &library"), "focus_search",
     "Ctrl+K", QT_TRANSLATE_NOOP("MainMenus", "Go to the search box of the library (also Ctrl+L)")),
    ("next_match", "Edit", QT_TRANSLATE_NOOP("MainMenus", "&Next match"), "next_match", "F3",
     QT_TRANSLATE_NOOP("MainMenus", "Go to the next match of the search in the article")),
    ("prev_match", "Edit", QT_TRANSLATE_NOOP("MainMenus", "&Previous match"), "prev_match",
     "Shift+F3",
     QT_TRANSLATE_NOOP("MainMenus", "Go to the previous match of the search in the article")),
    ("undo_entity_edit", "Edit", QT_TRANSLATE_NOOP("MainMenus", "&Undo entity edit"),
     "undo_entity_edit", "Ctrl+Z",
     QT_TRANSLATE_NOOP("MainMenus", "Undo the last rename, type change, merge or hide of an "
                                    "entity")),
    ("show_article_entities", "View", QT_TRANSLATE_NOOP("MainMenus", "Entities of this &article"),
     "article_entities", "Ctrl+1",
     QT_TRANSLATE_NOOP("MainMenus", "The sidebar lists the entities of the open article")),
    ("show_results_entities", "View", QT_TRANSLATE_NOOP("MainMenus", "Entities of all &results"),
     "results_entities", "Ctrl+2",
     QT_TRANSLATE_NOOP("MainMenus", "The sidebar lists the entities of every result")),
    ("show_related", "View", QT_TRANSLATE_NOOP("MainMenus", "&Related articles"), "toggle_related",
     "Ctrl+R", QT_TRANSLATE_NOOP("MainMenus", "Show or hide the articles related to the open one")),
    ("reset_filters", "View", QT_TRANSLATE_NOOP("MainMenus", "&Clear filters"), "reset_filters",
     "Ctrl+Shift+X", QT_TRANSLATE_NOOP("MainMenus", "Remove the date, source, language and entity "
                                          "filters")),
    ("entity_browser", "View", QT_TRANSLATE_NOOP("MainMenus", "&Entities…"), "entity_browser",
     "Ctrl+E", QT_TRANSLATE_NOOP("MainMenus", "Browse, search and correct every entity of the "
                                              "library")),
    ("zoom_in", "View", QT_TRANSLATE_NOOP("MainMenus", "&Larger text"), "zoom_in",
     QKeySequence.StandardKey.ZoomIn, ""),
    ("zoom_out", "View", QT_TRANSLATE_NOOP("MainMenus", "&Smaller text"), "zoom_out",
     QKeySequence.StandardKey.ZoomOut, ""),
    ("extract_entities", "View", QT_TRANSLATE_NOOP("MainMenus", "Find e&ntities now"),
     "extract_entities", "Ctrl+Shift+F",
     QT_TRANSLATE_NOOP("MainMenus", "Find people, organisations and places in articles that have "
                           "not been read yet")),
    ("search_syntax", "Help", QT_TRANSLATE_NOOP("MainMenus", "&Search syntax"), "search_syntax",
     "F1",
     QT_TRANSLATE_NOOP("MainMenus", "How to write a search: phrases, dates, sources, entities")),
    ("about", "Help", QT_TRANSLATE_NOOP("MainMenus", "&About Veille"), "about", "Ctrl+F1",
     QT_TRANSLATE_NOOP("MainMenus", "Version, library folder and licences")),
)
# a separator goes before these actions
SEPARATED = frozenset({"load_samples", "quit", "next_match", "undo_entity_edit", "show_related",
                       "entity_browser", "zoom_in", "extract_entities"})


def _t(text: object) -> str:
    """``text`` comes from QT_TRANSLATE_NOOP (an object to type checkers)."""
    return QCoreApplication.translate(_C, str(text)) if text else ""


def build_menus(window: QMainWindow, slots: dict[str, Callable[[], object]]) -> WindowActions:
    """Create File, Edit, View and Help; ``slots`` maps each slot name to its handler."""
    menus = {}
    made: dict[str, QAction] = {}
    for name, menu_title, text, slot_name, shortcut, tip in MENU_TABLE:
        if menu_title not in menus:
            menus[menu_title] = window.menuBar().addMenu(_t(MENU_TITLES[menu_title]))
            menus[menu_title].setObjectName(f"menu{menu_title}")  # found by menu_places
        menu = menus[menu_title]
        if name in SEPARATED:
            menu.addSeparator()
        action = QAction(_t(text), window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(_t(tip))
        slot = window.close if slot_name == "quit" else slots[slot_name]
        action.triggered.connect(lambda _checked=False, s=slot: s())
        menu.addAction(action)
        made[name] = action
    actions = WindowActions(**{f.name: made[f.name] for f in fields(WindowActions)})
    actions.import_files.setIcon(QIcon(icon_path("import")))
    actions.show_related.setCheckable(True)
    actions.show_related.setChecked(True)
    actions.focus_search.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+L")])
    return actions

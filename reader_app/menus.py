"""Menus and keyboard shortcuts of the main window, kept apart from its layout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

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
    show_results_entities: QAction
    show_article_entities: QAction
    show_related: QAction
    reset_filters: QAction
    extract_entities: QAction
    search_syntax: QAction
    about: QAction


def _action(
    window: QMainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(window: QMainWindow, slots: dict[str, Callable[[], object]]) -> WindowActions:
    """Create File, Edit, View and Help; ``slots`` maps each action name to its handler."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    edit_menu = bar.addMenu("&Edit")
    view_menu = bar.addMenu("&View")
    help_menu = bar.addMenu("&Help")
    s = slots
    a = WindowActions(
        import_files=_action(
            window,
            file_menu,
            "&Import files…",
            s["import_files"],
            QKeySequence.StandardKey.Open,
            "Import news files into the library",
        ),
        import_folder=_action(
            window,
            file_menu,
            "Import &folder…",
            s["import_folder"],
            "Ctrl+Shift+O",
            "Import every news file in a folder",
        ),
        load_samples=_action(
            window,
            file_menu,
            "Load &sample articles",
            s["load_samples"],
            None,
            "Import the sample articles that come with Veille",
        ),
        last_report=_action(window, file_menu, "Last import &report…", s["last_report"]),
        quit=QAction("&Quit", window),
        find=_action(
            window,
            edit_menu,
            "&Find in article",
            s["focus_search"],
            "Ctrl+F",
            "Search words in the library and article",
        ),
        focus_search=_action(window, edit_menu, "Focus search &box", s["focus_search"], "Ctrl+L"),
        next_match=_action(window, edit_menu, "&Next match", s["next_match"], "F3"),
        prev_match=_action(window, edit_menu, "&Previous match", s["prev_match"], "Shift+F3"),
        show_article_entities=_action(
            window, view_menu, "Entities of this &article", s["article_entities"], "Ctrl+1"
        ),
        show_results_entities=_action(
            window, view_menu, "Entities of all &results", s["results_entities"], "Ctrl+2"
        ),
        show_related=_action(window, view_menu, "&Related articles", s["toggle_related"], "Ctrl+R"),
        reset_filters=_action(
            window, view_menu, "&Clear filters", s["reset_filters"], "Ctrl+Shift+X"
        ),
        extract_entities=_action(window, view_menu, "Find &entities now", s["extract_entities"]),
        search_syntax=_action(window, help_menu, "&Search syntax", s["search_syntax"], "F1"),
        about=_action(window, help_menu, "&About Veille", s["about"]),
    )
    file_menu.insertSeparator(a.load_samples)
    file_menu.addSeparator()
    a.quit.setShortcut(QKeySequence.StandardKey.Quit)
    a.quit.triggered.connect(window.close)
    file_menu.addAction(a.quit)
    a.import_files.setIcon(QIcon(icon_path("import")))
    a.show_related.setCheckable(True)
    a.show_related.setChecked(True)
    return a

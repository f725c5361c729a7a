"""Finding the window's menus by title, so a feature adds its actions from its own module
(reader_app/menus.py builds File, Edit, View and Help; others add theirs after)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget


def menu_named(window: QMainWindow, title: str) -> QMenu | None:
    """The menu bar's menu whose English title is ``title`` ("File", "&File" alike):
    found by its object name ("menuFile", set by reader_app/menus.py), so it is found
    whatever the interface language; by its shown title otherwise."""
    wanted = title.replace("&", "")
    named = window.menuBar().findChild(QMenu, f"menu{wanted}")
    if named is not None:
        return named
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "") == wanted:
            return menu
    return None


def action_named(menu: QMenu, text: str) -> QAction | None:
    """The action whose object name is ``text`` in lower case ("quit"), or whose shown
    text is ``text``."""
    wanted = text.replace("&", "")
    by_name = next((a for a in menu.actions() if a.objectName() == wanted.lower()), None)
    return by_name or next((a for a in menu.actions() if a.text().replace("&", "") == wanted),
                           None)


def make_action(parent: QWidget, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str = "") -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action

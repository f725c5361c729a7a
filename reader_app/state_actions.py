"""The Articles menu: moving through the list and acting on the selected articles.

The same QActions fill the list's context menu (reader_app/list_menu.py), so each key
is shown where a person looks for it. Single-letter keys (J, K, M, S, T...) are window
shortcuts that a text field keeps for itself: typing "j" in the search box types a j.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from reader_app.i18n import translate as _tr

if TYPE_CHECKING:
    from reader_app.state_controller import StateController


@dataclass
class StateActions:
    next_article: QAction
    prev_article: QAction
    toggle_read: QAction
    mark_read: QAction
    mark_unread: QAction
    mark_all_read: QAction
    toggle_star: QAction
    star: QAction
    unstar: QAction
    tags: QAction
    add_to_dossier: QAction
    export_selection: QAction
    edit_metadata: QAction
    delete: QAction
    undo_delete: QAction
    open_original: QAction
    save_original: QAction
    show_folder: QAction
    controller: StateController

    def update_texts(self) -> None:
        """M and S say what they will do to the current article."""
        state = self.controller.current_state()
        read = state is not None and state[0]
        starred = state is not None and state[1]
        self.toggle_read.setText(_tr("Mark as &unread") if read else _tr("Mark as &read"))
        self.toggle_star.setText(_tr("Un&star") if starred else _tr("&Star"))

    def update_enabled(self) -> None:
        """What works on one article only is off while several are selected."""
        one = len(self.controller.selected_ids()[:2]) <= 1
        for action in (self.edit_metadata, self.open_original, self.save_original,
                       self.show_folder):
            action.setEnabled(one)


def _action(window: QMainWindow, text: str, slot: object, keys: tuple[str, ...] = (),
            tip: str = "") -> QAction:
    action = QAction(text, window)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
    return action


def build_state_actions(window: QMainWindow, c: StateController) -> StateActions:
    """Create the actions, the Articles menu (before Help) and Edit > Undo delete."""
    sel = c.selected_ids
    files, house = c.files, c.housekeeping
    a = StateActions(
        next_article=_action(window, _tr("&Next article"), lambda: c.step(1), ("J", "N")),
        prev_article=_action(window, _tr("&Previous article"), lambda: c.step(-1), ("K", "P")),
        toggle_read=_action(window, _tr("Mark as &read"), c.toggle_read, ("M",),
                            _tr("Mark the selected articles as read, or as unread")),
        mark_read=_action(window, _tr("Mark as read"), lambda: c.set_read(sel(), True)),
        mark_unread=_action(window, _tr("Mark as unread"), lambda: c.set_read(sel(), False)),
        mark_all_read=_action(window, _tr("Mark &all results as read"), c.mark_all_read,
                              ("Shift+M",), _tr("Mark every article of these results as read")),
        toggle_star=_action(window, _tr("&Star"), c.toggle_star, ("S",)),
        star=_action(window, _tr("Star"), lambda: c.set_starred(sel(), True)),
        unstar=_action(window, _tr("Unstar"), lambda: c.set_starred(sel(), False)),
        tags=_action(window, _tr("&Tags…"), c.ask_tags, ("T",),
                     _tr("Add tags to the selected articles")),
        add_to_dossier=_action(window, _tr("Add to &dossier…"), c.ask_dossier, ("D",)),
        export_selection=_action(
            window, _tr("&Export selection…"), files.export_selection, ("Ctrl+Shift+E",),
            _tr("Save the selected articles as CSV, Markdown, JSON Lines or PDF")),
        edit_metadata=_action(window, _tr("Edit &metadata…"), house.edit_current, ("F2",),
                              _tr("Correct the title, date, source or language")),
        delete=_action(
            window, _tr("&Delete"), house.delete_selection, ("Delete",),
            _tr("Delete the selected articles (Edit > Undo delete brings them back)")),
        undo_delete=_action(window, _tr("Undo &delete"), house.undo_delete, ("Ctrl+Alt+Z",)),
        open_original=_action(window, _tr("&Open original"), files.open_original, ("Ctrl+Alt+O",),
                              _tr("Open the imported file with the system's application")),
        save_original=_action(window, _tr("Save original &as…"), files.save_original,
                              ("Ctrl+Alt+S",)),
        show_folder=_action(window, _tr("Show containing &folder"), files.show_folder,
                            ("Ctrl+Alt+F",)),
        controller=c,
    )
    a.undo_delete.setEnabled(False)
    _install(window, a)
    return a


def _install(window: QMainWindow, a: StateActions) -> None:
    c = a.controller
    # Delete and F2 act on articles only from the list or the article: elsewhere (the
    # sidebar's tags, a text field) they keep their own meaning.
    for action in (a.delete, a.edit_metadata):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for widget in (c.view, c.window.article_view):
            widget.addAction(action)
    menu = QMenu(_tr("&Articles"), window)
    menu.aboutToShow.connect(a.update_texts)
    for group in (
        (a.next_article, a.prev_article),
        (a.toggle_read, a.mark_all_read, a.toggle_star, a.tags, a.add_to_dossier),
        (a.export_selection, a.edit_metadata, a.delete),
        (a.open_original, a.save_original, a.show_folder),
    ):
        if not menu.isEmpty():
            menu.addSeparator()
        for action in group:
            menu.addAction(action)
    bar = window.menuBar()
    # found by object name (reader_app/menus.py), so in any interface language
    help_menu = next((m.menuAction() for m in bar.findChildren(QMenu)
                      if m.objectName() == "menuHelp" or m.title().replace("&", "") == "Help"),
                     None)
    if help_menu is not None and help_menu in bar.actions():
        bar.insertMenu(help_menu, menu)
    else:
        bar.addMenu(menu)
    edit_menu = next((m for m in bar.findChildren(QMenu)
                      if m.objectName() == "menuEdit" or m.title().replace("&", "") == "Edit"),
                     None)
    if edit_menu is not None:
        edit_menu.addAction(a.undo_delete)

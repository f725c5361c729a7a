"""The keyboard: the article's find bar, shortcuts that work from any widget, a tab order
that follows the screen, and an accessible name for every control.

Kept out of main_window.py: the window calls :func:`install_keyboard` once its parts
are built and its menus filled by every feature.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from reader_app.find_bar import OWN_KEYS, FindBar

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow

# Editing keys a text field keeps for itself even when a menu action uses them too.
EDITING_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo,
                QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut,
                QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.SelectAll,
                QKeySequence.StandardKey.Delete, QKeySequence.StandardKey.Bold,
                QKeySequence.StandardKey.Italic)


def editing_keys() -> set[str]:
    """Read when a window is built: key bindings need the running application."""
    return {seq.toString() for key in EDITING_KEYS for seq in QKeySequence.keyBindings(key)}


def menu_actions(window: QWidget) -> list[QAction]:
    """Every command of the window's menu bar, submenus included (no separators)."""
    found: list[QAction] = []

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub)
            elif not action.isSeparator():
                found.append(action)

    menu_bar = window.menuBar()  # type: ignore[attr-defined]
    for top in menu_bar.actions():
        sub = top.menu()
        if isinstance(sub, QMenu):
            walk(sub)
    return found


class ShortcutsEverywhere(QObject):
    """A text field claims some keys for itself (Ctrl+K deletes to the end of the line in a
    line edit on Linux): for the menus' Ctrl, Alt and function-key shortcuts other than
    editing keys, the window's command wins, whichever of its widgets has the focus.
    (A field that keeps a key, as the find bar keeps F3, lists it in its OWN_KEYS
    property.)"""

    def __init__(self, window: QWidget, actions: list[QAction]) -> None:
        super().__init__(window)
        self._window = window
        editing = editing_keys()
        self._keys = {
            seq.toString()
            for a in actions for seq in a.shortcuts()
            if seq.toString() not in editing and seq.count() == 1
        }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self._window or not isinstance(event, QKeyEvent):
            return False
        combo = event.keyCombination()
        chord = combo.keyboardModifiers() & (Qt.KeyboardModifier.ControlModifier
                                             | Qt.KeyboardModifier.AltModifier)
        function_key = Qt.Key.Key_F1.value <= combo.key().value <= Qt.Key.Key_F35.value
        if not chord and not function_key:
            return False  # letters (J, K, S...) are typed into fields, never taken from them
        key = QKeySequence(combo).toString()
        if key in str(watched.property(OWN_KEYS) or "").split(","):
            return False
        if key in self._keys:
            event.ignore()  # not overridden: the shortcut map runs the window's action
            return True
        return False


def accessible_label(widget: QWidget) -> str:
    """What a control says about itself when nobody named it for screen readers."""
    for text in (widget.toolTip(),
                 widget.placeholderText() if isinstance(widget, QLineEdit) else "",
                 widget.text() if isinstance(widget, QAbstractButton) else ""):
        text = text.replace("&", "").strip()
        if text and not text.startswith("<"):
            return text
    return ""


class AccessibleNames(QObject):
    """Gives every focusable widget of the application an accessible name when it is shown
    without one: its tooltip, placeholder or button text, or the label that points to
    it (buddy). Named widgets keep their names."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) \
                and watched.isWindow():  # a window, a dialog or a menu: its whole tree
            name_unnamed(watched)
        return False


def name_unnamed(root: QWidget) -> None:
    buddies = {id(label.buddy()): label.text().replace("&", "").rstrip(" :\u00a0")
               for label in root.findChildren(QLabel) if label.buddy() is not None}
    for widget in (root, *root.findChildren(QWidget)):
        if widget.accessibleName() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        name = buddies.get(id(widget)) or accessible_label(widget)
        if not name and isinstance(widget, QComboBox) and widget.count():
            name = widget.toolTip() or widget.itemText(0)
        if name:
            widget.setAccessibleName(name)


def tab_chain(window: MainWindow) -> list[QWidget]:
    """Search box and its filters, sidebar, results, find bar, article (its pane keeps
    its own order after it), entities: left to right as on screen."""
    bar = window.search_bar
    chips = [c for c in bar.state_chips.findChildren(QAbstractButton)]
    first = [bar.box, *chips, bar.sort, bar.date_from, bar.date_to, bar.source, bar.lang]
    sidebar = getattr(window.sidebar, "tree", window.sidebar)
    find = window.keyboard.find_bar if hasattr(window, "keyboard") else None
    middle = [sidebar, window.article_list]
    if find is not None:
        middle += [find.field, find.prev_button, find.next_button, find.close_button]
    middle.append(window.article_view)
    return [w for w in (*first, *middle) if isinstance(w, QWidget)]


class KeyboardControl(QObject):
    """What :func:`install_keyboard` sets up; ``find_bar`` is Ctrl+F's bar."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        pane = window.article_pane
        self.find_bar = FindBar(window.article_view, pane)
        layout = pane.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, self.find_bar)  # under the legend and match counter
        view = window.article_view
        view.articleChanged.connect(lambda _id: self.find_bar.article_changed())
        view.renderProgress.connect(lambda *_a: self.find_bar.article_changed())
        self.actions = menu_actions(window)
        for action in self.actions:
            action.setShortcutVisibleInContextMenu(True)
        self.everywhere = ShortcutsEverywhere(window, self.actions)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.everywhere)
            if app.property("veilleAccessibleNames") is None:
                app.setProperty("veilleAccessibleNames", True)
                app.installEventFilter(AccessibleNames(app))

    def order_tabs(self) -> None:
        chain = tab_chain(self.window)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)


def install_keyboard(window: MainWindow) -> KeyboardControl:
    control = KeyboardControl(window)
    window.keyboard = control  # tab_chain reads it
    control.order_tabs()
    name_unnamed(window)
    return control


__all__ = ["FindBar", "KeyboardControl", "install_keyboard"]

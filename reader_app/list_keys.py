"""Space reads on: it pages down through the open article, and at its end opens the
next article of the list (Shift+Space pages back). Ctrl+A in the list selects every
result as one range (Qt's own select-all visits each of 100,000 rows).

It is an event filter on the list and the article only, not a window shortcut: a
window-wide Space would steal the key from buttons, check boxes and the chips.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSlider

from reader_app.selection import select_ranges

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow


class ListKeys(QObject):
    def __init__(self, window: MainWindow, step: Callable[[int], None]) -> None:
        super().__init__(window)
        self._window = window
        self._step = step
        window.article_list.installEventFilter(self)
        window.article_view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if watched is self._window.article_list and event.matches(
                    QKeySequence.StandardKey.SelectAll):
                self.select_all()
                return True
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if event.key() == Qt.Key.Key_Space and mods in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier
            ):
                self.page(back=mods == Qt.KeyboardModifier.ShiftModifier)
                return True
        return super().eventFilter(watched, event)

    def select_all(self) -> None:
        model = self._window.results_model
        if model.rowCount():
            select_ranges(self._window.article_list, model, [(0, model.rowCount() - 1)])

    def page(self, back: bool = False) -> None:
        """One page of the article; past its end, the next article."""
        view = self._window.article_view
        bar = view.verticalScrollBar()
        if back:
            bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)
            return
        if bar.value() < bar.maximum():
            bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        elif view.is_partial():
            if not view.is_appending():
                view.show_all()  # a long article shown in part: the rest, not the next one
        else:
            self._step(1)

"""Dragging articles out of the result list, and reordering an open dossier by drag.

An event filter on the list's viewport, so the result model and its view stay as they
are: a drag carries the selected article ids (``ARTICLES_MIME``), which the sidebar
accepts on a tag (tags them) or a dossier (adds them). While a dossier is shown in its
own order the list also accepts the drop itself: ``reorderRequested`` says which
articles moved and before or after which one; the owner writes the new order.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QDragMoveEvent, QDropEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFrame, QListView

from reader_app.models.results_model import ArticleIdRole
from reader_app.views.navigation import ARTICLES_MIME, articles_mime, mime_articles


class ListDrag(QObject):
    """Installed on ``view.viewport()``; ``article_id(row)`` maps rows to ids."""

    reorderRequested = Signal(object, int, bool)  # moved ids, target id, after the target

    def __init__(self, view: QListView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.reordering = False
        self._press: QPoint | None = None
        self._press_row = -1
        self._was_selected = False
        self._line = QFrame(view.viewport())
        self._line.setFrameShape(QFrame.Shape.NoFrame)
        self._line.setAutoFillBackground(True)
        self._line.setBackgroundRole(QPalette.ColorRole.Highlight)
        self._line.hide()
        view.viewport().installEventFilter(self)

    def set_reordering(self, on: bool) -> None:
        """Accept drops on the list itself (only while a dossier shows in its order)."""
        self.reordering = on
        self.view.viewport().setAcceptDrops(on)
        if not on:
            self._line.hide()

    def _article_id(self, row: int) -> int | None:
        value = self.view.model().index(row, 0).data(ArticleIdRole)
        return int(value) if isinstance(value, int) else None

    def dragged_ids(self, row: int) -> list[int]:
        """The selected articles when ``row`` is one of them, else the row's alone."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        if row not in rows:
            rows = [row]
        ids = [self._article_id(r) for r in rows]
        return [i for i in ids if i is not None]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._pressed(event)  # type: ignore[arg-type]
        elif kind == QEvent.Type.MouseMove:
            return self._moved(event)  # type: ignore[arg-type]
        elif kind == QEvent.Type.MouseButtonRelease:
            self._press = None
        elif kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            return self._drag_over(event)  # type: ignore[arg-type]
        elif kind == QEvent.Type.DragLeave:
            self._line.hide()
        elif kind == QEvent.Type.Drop:
            return self._dropped(event)  # type: ignore[arg-type]
        return False

    # --- starting a drag ------------------------------------------------------------
    def _pressed(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            self._press = None
            return
        pos = event.position().toPoint()
        index = self.view.indexAt(pos)
        self._press = pos if index.isValid() else None
        self._press_row = index.row()
        self._was_selected = self.view.selectionModel().isRowSelected(index.row())

    def _moved(self, event: QMouseEvent) -> bool:
        """Moving from a selected row drags the selection; the view does not see these
        moves (it would shrink a selection of several rows to the one pressed)."""
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return False
        extended = self.view.selectionMode() in (
            QAbstractItemView.SelectionMode.ExtendedSelection,
            QAbstractItemView.SelectionMode.MultiSelection)
        if extended and not self._was_selected and not self.reordering:
            self._press = None
            return False  # pressing outside the selection and moving selects a range
        distance = (event.position().toPoint() - self._press).manhattanLength()
        if distance < QApplication.startDragDistance():
            return True
        ids = self.dragged_ids(self._press_row)
        self._press = None
        if ids:
            drag = QDrag(self.view)
            drag.setMimeData(articles_mime(ids))
            drag.exec(Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
                      Qt.DropAction.CopyAction)
        return True

    # --- dropping inside the list (reordering a dossier) --------------------------------
    def _target(self, pos: QPoint) -> tuple[int, bool]:
        """(row the drop is next to, after it) for a point in the viewport."""
        index = self.view.indexAt(pos)
        model = self.view.model()
        if not index.isValid():
            last = model.rowCount() - 1
            return last, True
        rect = self.view.visualRect(index)
        return index.row(), pos.y() > rect.center().y()

    def _drag_over(self, event: QDragMoveEvent) -> bool:
        if not (self.reordering and event.mimeData().hasFormat(ARTICLES_MIME)):
            return False
        row, after = self._target(event.position().toPoint())
        if row < 0:
            return False
        rect = self.view.visualRect(self.view.model().index(row, 0))
        y = rect.bottom() if after else rect.top()
        self._line.setGeometry(0, max(0, y - 1), self.view.viewport().width(), 2)
        self._line.show()
        self._line.raise_()
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        return True

    def _dropped(self, event: QDropEvent) -> bool:
        self._line.hide()
        if not (self.reordering and event.mimeData().hasFormat(ARTICLES_MIME)):
            return False
        row, after = self._target(event.position().toPoint())
        target = self._article_id(row) if row >= 0 else None
        moved = mime_articles(event.mimeData())
        if target is None or not moved:
            return False
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.reorderRequested.emit(moved, target, after)
        return True


def move_ids(order: list[int], moved: list[int], target: int, after: bool) -> list[int]:
    """``order`` with ``moved`` taken out and put back, in their order, next to ``target``
    (the order is unchanged when the target is one of the moved articles)."""
    moving = [i for i in order if i in set(moved)]
    if target in moving or not moving:
        return list(order)
    rest = [i for i in order if i not in set(moving)]
    at = rest.index(target) + (1 if after else 0) if target in rest else len(rest)
    return rest[:at] + moving + rest[at:]

"""Deleting articles with undo, and correcting an article's metadata.

A delete moves the articles to the library's trash under a batch name; "Undo delete"
(Edit menu, Ctrl+Z, or the button in the status bar) puts the latest batch back, with
its read state, stars, tags, notes and dossiers, for as long as the window is open.
When the window closes its batches are purged for good (``close``).

Ctrl+Z goes to the most recent undoable thing: after a delete it undoes the delete (the
entity edit undo gets it back once the deletes are undone or an entity is edited).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from index.models import Article
from reader_app.views.edit_dialogs import EditMetadataDialog
from reader_app.workers import ProgressFn

if TYPE_CHECKING:
    from reader_app.state_controller import StateController

log = logging.getLogger(__name__)
NOTICE_MS = 60000


class UndoNotice(QWidget):
    """"3 articles deleted. [Undo]" in the status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoNotice")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.button = QToolButton(self)
        self.button.setObjectName("undoButton")
        self.button.setText(self.tr("Undo"))
        self.button.setAccessibleName(self.tr("Undo the delete"))
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def say(self, text: str) -> None:
        self.label.setText(text)
        self.show()
        self._timer.start(NOTICE_MS)


class Housekeeping(QObject):
    def __init__(self, controller: StateController) -> None:
        super().__init__(controller)
        self.c = controller
        self.window = controller.window
        self.batches: list[str] = []  # every batch this window deleted, for the purge
        self.undo_stack: list[tuple[str, int]] = []  # (batch, count), latest last
        self.edit_dialog: EditMetadataDialog | None = None
        self.notice = UndoNotice(self.window)
        self.notice.button.clicked.connect(self.undo_delete)
        self.window.statusBar().addWidget(self.notice)
        hub = getattr(self.window, "entity_hub", None)
        if hub is not None:
            hub.curator.edited.connect(lambda _m: self._give_undo_key(to_delete=False))

    # --- delete and undo -----------------------------------------------------------
    def delete_selection(self) -> None:
        ids = self.c.selected_ids()
        if not ids:
            return
        lib = self.c.library

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[str, list[int]]:
            return lib.delete_articles(ids)

        self.c.lane.start(job, self._deleted, self.c._failed)

    def _deleted(self, result: tuple[str, list[int]]) -> None:
        batch, moved = result
        if moved:
            self.batches.append(batch)  # purged at close even if the window is closing
        if not moved or self.c.closing:
            return
        self.undo_stack.append((batch, len(moved)))
        self.c.model.remove_ids(moved)
        w = self.window
        if w.current_article is not None and w.current_article.id in moved \
                and not self.c.model.rowCount():
            w.current_article = None
            w.article_view.show_article(None)
        text = self.tr("Deleted %n article(s).", "", len(moved))
        self.notice.say(text)
        self._give_undo_key(to_delete=True)
        self.c.statesChanged.emit(moved)
        self.c.stateWritten.emit(text)

    def undo_delete(self) -> None:
        if not self.undo_stack:
            return
        batch, _count = self.undo_stack.pop()
        if not self.undo_stack:
            self._give_undo_key(to_delete=False)
        lib = self.c.library

        def job(_p: ProgressFn, _c: threading.Event) -> list[int]:
            return lib.undo_delete(batch)

        self.notice.hide()
        self.c.lane.start(job, self._restored, self.c._failed)

    def _restored(self, ids: list[int]) -> None:
        if self.c.closing:
            return
        text = self.tr("Restored %n article(s).", "", len(ids))
        self.window.statusBar().showMessage(text, 8000)
        self.c.keeper.select_later(ids)
        self.window.search.search_now()
        self.c.refresh()
        self.c.statesChanged.emit(ids)
        self.c.stateWritten.emit(text)

    def _give_undo_key(self, to_delete: bool) -> None:
        """One action holds Ctrl+Z at a time (two would make the key ambiguous)."""
        mine = self.c.actions.undo_delete if hasattr(self.c, "actions") else None
        theirs = getattr(getattr(self.window, "actions_", None), "undo_entity_edit", None)
        if mine is None:
            return
        to_delete = to_delete and bool(self.undo_stack)
        undo_key = QKeySequence(QKeySequence.StandardKey.Undo)  # needs the application
        mine.setEnabled(bool(self.undo_stack))
        mine.setShortcut(undo_key if to_delete else QKeySequence())
        if theirs is not None:
            theirs.setShortcut(QKeySequence() if to_delete else undo_key)

    def close(self) -> None:
        """The window closes: its deletes become final (originals no article needs go)."""
        if not self.batches:
            return
        try:
            self.c.library.purge_deleted(self.batches)
        except Exception:  # closing goes on; the next writer purges stale batches
            log.exception("emptying the trash of this window failed")
        self.batches = []

    # --- metadata ------------------------------------------------------------------
    def edit_current(self) -> None:
        """Edit metadata of the current article (one article at a time)."""
        article_id = self.c.current_id()
        if article_id is None:
            return
        lib = self.c.library

        def job(_p: ProgressFn, _c: threading.Event) -> Article | None:
            return lib.article(article_id)

        self.window.readers.start(job, self._show_editor, self.c._failed)

    def _show_editor(self, article: Article | None) -> None:
        if article is None:
            return
        dialog = EditMetadataDialog(article, self.window)
        dialog.submitted.connect(lambda changes: self._save(dialog, changes))
        dialog.finished.connect(dialog.deleteLater)
        self.edit_dialog = dialog
        dialog.open()

    def _save(self, dialog: EditMetadataDialog, changes: dict[str, str]) -> None:
        article_id = dialog.article_id
        lib = self.c.library

        def job(_p: ProgressFn, _c: threading.Event) -> bool:
            return bool(lib.edit_article(article_id, **changes))

        def done(_changed: bool) -> None:
            dialog.accept()
            self.c.model.refresh_hits([article_id])
            current = self.window.current_article
            if current is not None and current.id == article_id:
                self.window.open_article(article_id)
            text = self.tr("Saved the new metadata of the article.")
            self.window.statusBar().showMessage(text, 8000)
            self.c.stateWritten.emit(text)

        self.c.lane.start(job, done, dialog.show_error)

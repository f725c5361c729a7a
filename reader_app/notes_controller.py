"""The open article's note and highlights: loading them, saving them, drawing them.

A note is saved a moment after typing stops (``SAVE_DELAY_MS``), when another article
is opened, and when the window closes. Each save captures the article id and the text
at that moment and runs on a lane of its own (one thread, so saves land in the order
they were typed; the library's writer lock still makes them wait their turn), and the
text stays known here until its write has landed: switching quickly A -> B -> A shows
A's latest text even if the store does not hold it yet, and nothing typed is lost.

Highlights are offsets into ``article.text`` (the view maps its selection to them);
after each write their list is read again from the store on a reader, so the pane
always shows what the store holds (re-anchored by the core after an edit or reindex).
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from index.models import Highlight
from reader_app.i18n import translate as _tr
from reader_app.menu_places import make_action, menu_named
from reader_app.views.highlights_list import CommentDialog
from reader_app.workers import ProgressFn, TaskRunner

if TYPE_CHECKING:
    from reader_app.main_window import MainWindow

SAVE_DELAY_MS = 800
MESSAGE_MS = 6000
SETTING_VISIBLE = "view/notesPanel"
Note = tuple[str, str]  # text, format


class NotesController(QObject):
    noteSaved = Signal(int)  # article id whose note write landed
    highlightsShown = Signal(int)  # article id whose highlights were read again and shown
    highlightsSaved = Signal(int)  # the same, after a write of ours (add, comment, remove)
    writeFailed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library: Any = window.library
        self.pane = window.article_pane
        self.view = window.article_view
        self.editor = self.pane.note_editor
        self.list = self.pane.highlights_list
        self.lane = TaskRunner(1, self)
        self.article_id: int | None = None  # whose note the editor holds
        self._stored: Note | None = ("", "plain")  # what the store holds for it (None: unsure)
        self._unlanded: dict[int, Note] = {}  # saves not landed yet, latest per article
        self._running: dict[int, int] = {}  # article id -> saves running
        self.dialog: CommentDialog | None = None  # the open comment dialog (for tests)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.actions = self._install_actions()
        self._connect()
        visible = window.settings.value(SETTING_VISIBLE, True, bool)
        self.actions["toggle"].setChecked(bool(visible))
        self.pane.set_notes_visible(bool(visible))

    def _connect(self) -> None:
        self.view.articleChanged.connect(self._article_changed)
        self.window.entitiesRefreshed.connect(self._article_refreshed)
        self.editor.edited.connect(self._edited)
        self.editor.editor.focusLeft.connect(self.flush)  # leaving the note saves it
        self.editor.linkRefused.connect(lambda m: self._say(m))
        self.list.jumpRequested.connect(self.jump)
        self.list.editRequested.connect(self.ask_comment)
        self.list.removeRequested.connect(self.remove)
        self.pane.notes_toggle.toggled.connect(self._panel_toggled)
        self.view.menu_hook = self._extend_menu

    def _install_actions(self) -> dict[str, QAction]:
        w = self.window
        made = {
            "highlight": make_action(w, _tr("&Highlight selection"), self.highlight, "H",
                                     _tr("Highlight the passage selected in the article")),
            "highlight_comment": make_action(
                w, _tr("Highlight with &comment…"), lambda: self.highlight(ask=True),
                "Shift+H", _tr("Highlight the selected passage and say why")),
            "edit_note": make_action(w, _tr("Write a &note"), self.edit_note, "Ctrl+Shift+N",
                                     _tr("Write a note on the open article")),
            "toggle": make_action(w, _tr("&Note and highlights"), lambda: None, "Ctrl+Shift+H",
                                  _tr("Show the note and highlights under the article")),
        }
        made["toggle"].setCheckable(True)
        made["toggle"].setChecked(True)
        made["toggle"].toggled.connect(self.pane.set_notes_visible)
        edit = menu_named(w, "Edit")
        if edit is not None:
            edit.addSeparator()
            for name in ("highlight", "highlight_comment", "edit_note"):
                edit.addAction(made[name])
        view = menu_named(w, "View")
        if view is not None:
            view.addAction(made["toggle"])
        return made

    def close(self) -> None:
        """The window closes: save what is being typed and wait for the writes."""
        self._timer.stop()
        self.flush()
        self.lane.pool.waitForDone(30000)
        self.lane.shutdown()

    def _say(self, text: str, ms: int = MESSAGE_MS) -> None:
        self.window.statusBar().showMessage(text, ms)

    @property
    def closing(self) -> bool:
        return bool(getattr(self.window, "_closing", False))

    # --- which article --------------------------------------------------------------
    def _article_changed(self, article_id: int) -> None:
        """Another article is shown: save the note being left, show this one's."""
        article = self.view.article
        same = article is not None and article.id == self.article_id
        if same and article is not None and self.editor.editor.hasFocus():
            self._show_highlights(article.highlights)  # the person is typing: keep the text
            return
        self._timer.stop()
        self.flush()
        if article is None or article_id < 0:
            self.article_id, self._stored = None, ("", "plain")
            self.editor.set_note("", "plain", enabled=False)
            self.editor.set_status("")
            self._show_highlights(())
            return
        self.article_id = article.id
        self._stored = (article.note, article.note_format)
        text, fmt = self._unlanded.get(article.id, self._stored)
        self.editor.set_note(text, fmt)
        self.editor.set_status(_tr("Saving…") if article.id in self._unlanded else "")
        self._show_highlights(article.highlights)

    def _article_refreshed(self, article_id: int) -> None:
        """The open article was read again (new entities, or another process wrote):
        take its note when the person has nothing unsaved, and read its highlights."""
        article = self.view.article
        if article is None or article.id != article_id or article_id != self.article_id:
            return
        stored = (article.note, article.note_format)
        idle = not self._timer.isActive() and article_id not in self._unlanded
        if idle and not self.editor.editor.hasFocus() and stored != self._current():
            self._stored = stored
            self.editor.set_note(*stored)
        self.reload_highlights()

    def _current(self) -> Note:
        return self.editor.text(), self.editor.note_format()

    # --- the note --------------------------------------------------------------------
    def _edited(self) -> None:
        if self.article_id is not None:
            self.editor.set_status(_tr("Editing…"))
            self._timer.start()

    def edit_note(self) -> None:
        if self.article_id is None:
            self._say(_tr("Open an article to write a note on it."))
            return
        self.pane.set_notes_visible(True)
        self.editor.start_editing()

    def flush(self) -> None:
        """Save the note in the editor now if it differs from what the store holds."""
        self._timer.stop()
        article_id = self.article_id
        note = self._current()
        if article_id is None or note == self._stored:
            return
        before = self._stored
        flipped = before is None or bool(before[0].strip()) != bool(note[0].strip())
        self._stored = note
        self._unlanded[article_id] = note
        self._running[article_id] = self._running.get(article_id, 0) + 1
        self.editor.set_status(_tr("Saving…"))
        lib = self.library

        def job(_p: ProgressFn, _c: threading.Event) -> int:
            lib.set_note(article_id, note[0], note[1])
            return article_id

        self.lane.start(job, lambda _r: self._saved(article_id, note, flipped),
                        lambda message: self._save_failed(article_id, message))

    def _landed(self, article_id: int) -> bool:
        """One save of ``article_id`` ended; True when it was the last one running."""
        left = self._running.get(article_id, 1) - 1
        if left > 0:
            self._running[article_id] = left
            return False
        self._running.pop(article_id, None)
        return True

    def _saved(self, article_id: int, note: Note, flipped: bool) -> None:
        """A save landed; ``flipped``: the article gained or lost its note."""
        last = self._landed(article_id)
        if last:
            self._unlanded.pop(article_id, None)
        if self.closing:
            return
        if article_id == self.article_id and last:
            self.editor.set_status(_tr("Saved"))
            self._update_summary()
        current = self.window.current_article
        if current is not None and current.id == article_id:
            self.window.current_article = replace(current, note=note[0], note_format=note[1])
        self._state_changed(counts=flipped)
        self.noteSaved.emit(article_id)

    def _save_failed(self, article_id: int, message: str) -> None:
        """The text stays in ``_unlanded`` (shown again on return) and is tried again."""
        self._landed(article_id)
        if self.closing:
            return
        if article_id == self.article_id:
            self._stored = None  # unsure: the next pause tries again
            self.editor.set_status(_tr("Not saved: %1").replace("%1", message))
        self._say(_tr("The note could not be saved: %1").replace("%1", message), 0)
        self.writeFailed.emit(message)

    def _state_changed(self, counts: bool = True) -> None:
        """The rows read their state again; the sidebar's counts ("With a note") too when
        ``counts`` (not at every pause in typing: only when a note came or went)."""
        states = getattr(self.window, "states", None)
        if states is not None:
            states.refresh()
        navigation = getattr(self.window, "navigation", None)
        if navigation is not None and counts:
            navigation.refresh()

    def _panel_toggled(self, visible: bool) -> None:
        self.actions["toggle"].setChecked(visible)
        self.window.settings.setValue(SETTING_VISIBLE, visible)

    # --- highlights ---------------------------------------------------------------------
    def _show_highlights(self, highlights: tuple[Highlight, ...] | list[Highlight]) -> None:
        self.list.set_highlights(highlights)
        self._update_summary()

    def _update_summary(self) -> None:
        has_note = self.article_id is not None and bool(self.editor.text().strip())
        self.pane.set_notes_summary(has_note, self.list.list.count())

    def highlight(self, ask: bool = False) -> None:
        """Highlight the passage selected in the article (``ask``: with a comment)."""
        article = self.view.article
        span = self.view.selected_span()
        if article is None or span is None:
            self._say(_tr("Select a passage of the article first, then press H."))
            return
        if not ask:
            self._write_highlight(article.id, lambda lib: lib.add_highlight(
                article.id, span[0], span[1], ""), _tr("Highlighted."))
            return
        dialog = CommentDialog(article.text[span[0]:span[1]], "", self.window)

        def accepted() -> None:
            comment = dialog.comment()  # read here: the worker never touches a widget
            self._write_highlight(article.id, lambda lib: lib.add_highlight(
                article.id, span[0], span[1], comment), _tr("Highlighted."))

        dialog.accepted.connect(accepted)
        self._open(dialog)

    def ask_comment(self, highlight: Highlight) -> None:
        article = self.view.article
        if article is None:
            return
        dialog = CommentDialog(highlight.quote, highlight.comment, self.window)

        def accepted() -> None:
            comment = dialog.comment()
            self._write_highlight(article.id, lambda lib: lib.edit_highlight(
                highlight.id, comment), _tr("Comment saved."))

        dialog.accepted.connect(accepted)
        self._open(dialog)

    def remove(self, highlight: Highlight) -> None:
        article = self.view.article
        if article is not None:
            self._write_highlight(article.id, lambda lib: lib.remove_highlight(highlight.id),
                                  _tr("Highlight removed."))

    def jump(self, highlight: Highlight) -> None:
        self.view.reveal((highlight.start, highlight.end), _tr("This highlight"))

    def _open(self, dialog: CommentDialog) -> None:
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _write_highlight(self, article_id: int, work: Any, message: str) -> None:
        lib = self.library

        def job(_p: ProgressFn, _c: threading.Event) -> object:
            return work(lib)

        def done(result: object) -> None:
            if self.closing:
                return
            self._say(message)
            self.reload_highlights(select=result if isinstance(result, int) else None,
                                   written=True)
            self._state_changed()

        def failed(text: str) -> None:
            if not self.closing:
                self._say(_tr("The highlight could not be saved: %1").replace("%1", text), 0)
                self.writeFailed.emit(text)

        self.lane.start(job, done, failed)

    def reload_highlights(self, select: int | None = None, written: bool = False) -> None:
        """Read the open article's highlights again (after a write, or a refresh)."""
        article = self.view.article
        if article is None or self.closing:
            return
        lib, article_id = self.library, article.id

        def job(_p: ProgressFn, _c: threading.Event) -> tuple[int, tuple[Highlight, ...]]:
            fresh = lib.article(article_id)
            return article_id, (fresh.highlights if fresh is not None else ())

        def done(result: tuple[int, tuple[Highlight, ...]]) -> None:
            shown = self.view.article
            if self.closing or shown is None or shown.id != result[0]:
                return
            highlights = result[1]
            self.view.article = replace(shown, highlights=highlights)
            current = self.window.current_article
            if current is not None and current.id == result[0]:
                self.window.current_article = replace(current, highlights=highlights)
            self.view.set_highlights(highlights)
            self._show_highlights(highlights)
            if select is not None:
                self.list.select(select)
                cursor = self.view.textCursor()
                cursor.clearSelection()
                self.view.setTextCursor(cursor)
            self.highlightsShown.emit(result[0])
            if written:
                self.highlightsSaved.emit(result[0])

        self.window.readers.start(job, done)

    def _extend_menu(self, menu: QMenu, under: Highlight | None) -> None:
        """The article's context menu: Highlight, and for a highlight its comment."""
        menu.addSeparator()
        selected = self.view.selected_span() is not None
        for name in ("highlight", "highlight_comment"):
            shared = self.actions[name]  # its own item: off here without nothing selected
            item = menu.addAction(shared.text(), shared.trigger)
            item.setShortcut(shared.shortcut())
            item.setEnabled(selected)
        if under is not None:
            menu.addAction(_tr("Edit highlight &comment…"), lambda: self.ask_comment(under))
            menu.addAction(_tr("&Remove highlight"), lambda: self.remove(under))

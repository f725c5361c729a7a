"""The note on the open article, under its text: plain text or Markdown.

A Markdown note shows rendered (``QTextDocument.setMarkdown``) whenever it is not being
edited; a click on it, Enter or the Edit button opens the text again. The rendered note
lives in an :class:`ArticleDocument`, so an image or style sheet a note names is never
read from the disk, and its links go through the article pane's rules. Saving is the
controller's (reader_app/notes_controller.py): this widget only says the person typed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFocusEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader_app.views.article_document import ArticleDocument
from reader_app.views.article_links import Opener, refusal

EDIT_PAGE, PREVIEW_PAGE = 0, 1


class NoteTextEdit(QPlainTextEdit):
    """The note's text; says when it loses the focus (a Markdown note then renders)."""

    focusLeft = Signal()
    escaped = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # not for its own menu
            self.focusLeft.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class NoteEditor(QWidget):
    """``edited`` fires on every change the person makes (text or format)."""

    edited = Signal()
    linkRefused = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, opener: Opener | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self._opener: Opener = opener or QDesktopServices.openUrl
        self._loading = False
        self.editor = NoteTextEdit(self)
        self.editor.setObjectName("noteText")
        self.editor.setPlaceholderText(self.tr("Write a note on this article…"))
        self.editor.setTabChangesFocus(True)
        self.editor.setAccessibleName(self.tr("Note on this article"))
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("notePreview")
        self.preview.setDocument(ArticleDocument(self.preview))
        self.preview.document().setDocumentMargin(6)
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName(self.tr("Note, as formatted (Enter to edit)"))
        self.preview.viewport().installEventFilter(self)
        self.preview.installEventFilter(self)
        self.markdown = QCheckBox(self.tr("Markdown"), self)
        self.markdown.setToolTip(self.tr("Write the note in Markdown; it shows formatted "
                                         "when you are not editing it"))
        self.markdown.setAccessibleName(self.tr("Note in Markdown"))
        self.edit_button = QToolButton(self)
        self.edit_button.setText(self.tr("Edit"))
        self.edit_button.setAutoRaise(True)
        self.edit_button.setAccessibleName(self.tr("Edit the note"))
        self.status = QLabel("", self)
        self.status.setObjectName("noteStatus")
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.editor)
        self.stack.addWidget(self.preview)
        self._build_layout()
        self.editor.textChanged.connect(self._typed)
        self.editor.focusLeft.connect(self._left)
        self.editor.escaped.connect(self.show_preview)
        self.markdown.toggled.connect(self._format_toggled)
        self.edit_button.clicked.connect(self.start_editing)
        self.preview.anchorClicked.connect(self._link)
        self.set_note("", "plain", enabled=False)

    def _build_layout(self) -> None:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        title = QLabel(self.tr("Note"), self)
        title.setObjectName("paneTitle")
        row.addWidget(title)
        row.addWidget(self.markdown)
        row.addWidget(self.edit_button)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.setSpacing(3)
        layout.addLayout(row)
        layout.addWidget(self.stack, 1)
        QWidget.setTabOrder(self.markdown, self.edit_button)
        QWidget.setTabOrder(self.edit_button, self.editor)

    # --- content ---------------------------------------------------------------
    def set_note(self, text: str, note_format: str, enabled: bool = True) -> None:
        """Show another note (no ``edited``): rendered when Markdown and not empty."""
        self._loading = True
        try:
            self.editor.setPlainText(text)
            self.editor.moveCursor(QTextCursor.MoveOperation.End)  # typing adds to it
            self.markdown.setChecked(note_format == "markdown")
        finally:
            self._loading = False
        self.setEnabled(enabled)
        self.show_preview()

    def text(self) -> str:
        return self.editor.toPlainText()

    def note_format(self) -> str:
        return "markdown" if self.markdown.isChecked() else "plain"

    def is_editing(self) -> bool:
        return self.stack.currentIndex() == EDIT_PAGE and self.editor.hasFocus()

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setToolTip(text)

    # --- editing and showing -------------------------------------------------------
    def show_preview(self) -> None:
        """Markdown with text: formatted; otherwise the text itself."""
        rendered = self.markdown.isChecked() and bool(self.text().strip())
        if rendered:
            self.preview.setMarkdown(self.text())
            self.stack.setCurrentIndex(PREVIEW_PAGE)
        else:
            self.stack.setCurrentIndex(EDIT_PAGE)
        self.edit_button.setVisible(rendered)

    def start_editing(self) -> None:
        self.stack.setCurrentIndex(EDIT_PAGE)
        self.edit_button.setVisible(False)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _typed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def _left(self) -> None:
        if self.markdown.isChecked() and not self.editor.hasFocus():
            self.show_preview()

    def _format_toggled(self, _on: bool) -> None:
        if self._loading:
            return
        self.edited.emit()
        if not self.editor.hasFocus():
            self.show_preview()

    def _link(self, url: QUrl) -> None:
        reason = refusal(url)
        if reason is None:
            self._opener(url)
        else:
            self.linkRefused.emit(reason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click on the formatted note (not on a link) or Enter opens it for editing."""
        kind = event.type()
        if watched is self.preview.viewport() and kind == QEvent.Type.MouseButtonRelease:
            pos = event.position().toPoint()  # type: ignore[attr-defined]
            if not self.preview.anchorAt(pos) and not self.preview.textCursor().hasSelection():
                self.start_editing()
                return True
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)
        if (watched is self.preview and kind == QEvent.Type.KeyPress
                and event.key() in keys):  # type: ignore[attr-defined]
            self.start_editing()
            return True
        return super().eventFilter(watched, event)

"""The open article's highlights as a list beside its note: quote and comment; a click
jumps to the passage, F2 edits the comment, Delete removes the highlight.

A plain QListWidget: an article holds a handful of highlights, not 100,000 rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QLocale, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from index.models import Highlight
from reader_app.i18n import translate as _tr

QUOTE_CHARS = 160
HighlightRole = Qt.ItemDataRole.UserRole + 40


def short_quote(quote: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(quote.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def item_text(h: Highlight) -> str:
    text = f"“{short_quote(h.quote)}”"
    if h.comment.strip():
        text += "\n— " + short_quote(h.comment, 2 * QUOTE_CHARS)
    return text


class _List(QListWidget):
    """F2 edits the current highlight's comment, Delete removes it."""

    editKey = Signal()
    deleteKey = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F2:
            self.editKey.emit()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deleteKey.emit()
        else:
            super().keyPressEvent(event)


class HighlightsList(QWidget):
    """Emits what the person asks for; the controller writes and calls ``set_highlights``."""

    jumpRequested = Signal(object)  # Highlight
    editRequested = Signal(object)
    removeRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightsPanel")
        self.title = QLabel(_tr("Highlights"), self)
        self.title.setObjectName("paneTitle")
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setMinimumWidth(self.title.fontMetrics().horizontalAdvance(_tr("Highlights")))
        self.list = _List(self)
        self.list.setObjectName("highlightsList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setAccessibleName(_tr("Highlights of this article"))
        self.empty = QLabel(_tr("Select a passage of the article and press H to highlight "
                                "it (Shift+H to add a comment)."), self)
        self.empty.setObjectName("highlightsHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty)
        self.edit_button = self._button(_tr("Comment…"), _tr("Edit the comment (F2)"),
                                        _tr("Edit the highlight's comment"))
        self.remove_button = self._button(_tr("Remove"), _tr("Remove the highlight (Delete)"),
                                          _tr("Remove the highlight"))
        self._build_layout()
        self.list.itemClicked.connect(lambda item: self._emit(self.jumpRequested, item))
        self.list.itemActivated.connect(lambda item: self._emit(self.jumpRequested, item))
        self.list.currentItemChanged.connect(lambda _c, _p: self._update_buttons())
        self.list.editKey.connect(lambda: self._emit(self.editRequested))
        self.list.deleteKey.connect(lambda: self._emit(self.removeRequested))
        self.edit_button.clicked.connect(lambda: self._emit(self.editRequested))
        self.remove_button.clicked.connect(lambda: self._emit(self.removeRequested))
        self.set_highlights(())

    def _button(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        button.setAutoRaise(True)
        return button

    def _build_layout(self) -> None:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 8, 2)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        layout.addLayout(row)
        QWidget.setTabOrder(self.list, self.edit_button)
        QWidget.setTabOrder(self.edit_button, self.remove_button)

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Show these (in text order), keeping the current one when it is still there."""
        current = self.current()
        keep = current.id if current is not None else None
        self.list.clear()
        for h in sorted(highlights, key=lambda h: (h.start, h.end)):
            item = QListWidgetItem(item_text(h))
            item.setData(HighlightRole, h)
            tip = h.quote if not h.comment.strip() else f"{h.quote}\n\n— {h.comment}"
            item.setToolTip(short_quote(tip, 1200))
            self.list.addItem(item)
            if h.id == keep:
                self.list.setCurrentItem(item)
        n = self.list.count()
        self.title.setText(_tr("Highlights (%1)").replace("%1", QLocale().toString(n)) if n
                           else _tr("Highlights"))
        self.stack.setCurrentWidget(self.list if n else self.empty)
        self._update_buttons()

    def highlights(self) -> list[Highlight]:
        return [self.list.item(i).data(HighlightRole) for i in range(self.list.count())]

    def current(self) -> Highlight | None:
        item = self.list.currentItem()
        return cast(Highlight, item.data(HighlightRole)) if item is not None else None

    def select(self, highlight_id: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(HighlightRole).id == highlight_id:
                self.list.setCurrentRow(i)
                return

    def _emit(self, signal: SignalInstance, item: QListWidgetItem | None = None) -> None:
        item = item if item is not None else self.list.currentItem()
        if item is not None:
            signal.emit(item.data(HighlightRole))

    def _update_buttons(self) -> None:
        has = self.list.currentItem() is not None
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)


class CommentDialog(QDialog):
    """The comment of a highlight: a few lines of plain text."""

    def __init__(self, quote: str, comment: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Highlight comment"))
        self.setObjectName("commentDialog")
        shown = QLabel(f"“{short_quote(quote, 300)}”", self)
        shown.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setPlainText(comment)
        self.text.setPlaceholderText(_tr("Why this passage matters…"))
        self.text.setAccessibleName(_tr("Comment on the highlighted passage"))
        self.text.setTabChangesFocus(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(shown)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(420, 240)
        self.text.setFocus()

    def comment(self) -> str:
        return self.text.toPlainText().strip()

"""Ctrl+F: find words inside the open article, with a bar of its own.

Apart from the library search (Ctrl+K / Ctrl+L), which looks for articles: this bar
looks inside the one on screen, as a browser's find does. Case and accents do not
matter ("securite" finds "Sécurité"), the count says "2 of 5", Enter and Shift+Enter
(or F3 and Shift+F3 while the bar has focus) step, Escape closes and gives the focus
back to the article. A long article still being shown is searched in its shown part;
the bar searches again as the rest arrives.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

OWN_KEYS = "veilleOwnKeys"  # property: keys a field keeps from the window's shortcuts
RESEARCH_MS = 150  # wait for the article to settle (progressive rendering) before searching


def fold(text: str) -> str:
    """Lower case without accents, one character for one, so positions still match the
    document's (ligatures such as "œ" stay as they are)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0].lower()
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


def find_spans(text: str, words: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of ``words`` in ``text``, case and accents aside;
    spaces in ``words`` match any run of white space (a line break included)."""
    needle = fold(words.strip())
    if not needle:
        return []
    pattern = r"\s+".join(re.escape(part) for part in needle.split())
    return [(m.start(), m.end()) for m in re.finditer(pattern, fold(text))]


class FindBar(QWidget):
    """The bar under the article's header; hidden until Ctrl+F."""

    matchesChanged = Signal(int, int)  # current (1-based, 0 = none), total

    def __init__(self, view: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.view = view
        self.spans: list[tuple[int, int]] = []
        self.current = -1
        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.field.setProperty(OWN_KEYS, "F3,Shift+F3")
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.prev_button = QToolButton(self)
        self.next_button = QToolButton(self)
        self.close_button = QToolButton(self)
        for button in (self.prev_button, self.next_button, self.close_button):
            button.setAutoRaise(True)
        self.prev_button.setText("▲")
        self.next_button.setText("▼")
        self.close_button.setText("✕")
        self.prev_button.clicked.connect(lambda: self.step(False))
        self.next_button.clicked.connect(lambda: self.step(True))
        self.close_button.clicked.connect(self.close_bar)
        self.field.textChanged.connect(lambda _t: self.search())
        self._again = QTimer(self)
        self._again.setSingleShot(True)
        self._again.setInterval(RESEARCH_MS)
        self._again.timeout.connect(lambda: self.search(keep=True))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 3, 10, 3)
        layout.setSpacing(4)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        QWidget.setTabOrder(self.field, self.prev_button)
        QWidget.setTabOrder(self.prev_button, self.next_button)
        QWidget.setTabOrder(self.next_button, self.close_button)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.field.setPlaceholderText(self.tr("Find in this article"))
        self.field.setAccessibleName(self.tr("Find in this article"))
        self.prev_button.setToolTip(self.tr("Previous (Shift+Enter)"))
        self.prev_button.setAccessibleName(self.tr("Previous occurrence"))
        self.next_button.setToolTip(self.tr("Next (Enter)"))
        self.next_button.setAccessibleName(self.tr("Next occurrence"))
        self.close_button.setToolTip(self.tr("Close (Escape)"))
        self.close_button.setAccessibleName(self.tr("Close the find bar"))
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- opening and closing -----------------------------------------------------------
    def open_bar(self) -> None:
        """Show the bar with its field focused; the selected words, if any, are sought."""
        selected = self.view.textCursor().selectedText().strip()
        if selected and "\u2029" not in selected and len(selected) < 100:
            self.field.setText(selected)
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self.search(keep=True)

    def close_bar(self) -> None:
        self.hide()
        self._again.stop()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def article_changed(self) -> None:
        """The article, or its shown part, changed: search it again soon."""
        if self.isVisible() and self.field.text().strip():
            self._again.start()

    # --- searching -----------------------------------------------------------------------
    def search(self, keep: bool = False) -> None:
        """Find every occurrence; select the first one from the cursor (or keep the current
        one when only the shown part grew)."""
        old = self.spans[self.current] if keep and 0 <= self.current < len(self.spans) else None
        self.spans = find_spans(self.view.document().toPlainText(), self.field.text())
        if not self.spans:
            self.current = -1
        elif old in self.spans:
            self.current = self.spans.index(old)
        else:
            start = self.view.textCursor().selectionStart() if not keep else 0
            self.current = next((i for i, (s, _e) in enumerate(self.spans) if s >= start), 0)
        self._select()

    def step(self, forward: bool = True) -> None:
        if not self.spans:
            self.search()
            return
        self.current = (self.current + (1 if forward else -1)) % len(self.spans)
        self._select()

    def _select(self) -> None:
        if self.current >= 0:
            start, end = self.spans[self.current]
            cursor = QTextCursor(self.view.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self.view.setTextCursor(cursor)
            self.view.ensureCursorVisible()
        self._show_count()
        self.matchesChanged.emit(self.current + 1, len(self.spans))

    def _show_count(self) -> None:
        if not self.field.text().strip():
            self.count.setText("")
        elif not self.spans:
            self.count.setText(self.tr("No match"))
        else:
            self.count.setText(self.tr("{0} of {1}").format(self.current + 1, len(self.spans)))
        self.prev_button.setEnabled(len(self.spans) > 1)
        self.next_button.setEnabled(len(self.spans) > 1)

    # --- keys ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_F3, Qt.Key.Key_Escape):
                event.accept()  # F3 steps this bar, not the search matches, while typing here
                return True
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                self.step(not shift)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

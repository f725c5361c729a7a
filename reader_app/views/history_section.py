"""The article's history at the foot of the article pane: who changed what, and when.

Every change a desktop makes to an article (read, star, tags, note, highlights, dossiers,
edits) carries its author and time across the team (index/sync/session.py ``history``).
The section shows only when the article has any, folded to one line on request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

from index.sync.history import HistoryEntry
from reader_app.sync_controller import local_time

MAX_HEIGHT = 140  # pixels: a long history scrolls rather than squeezing the article
_C = "ArticleHistory"
# What index/sync/session.py ``describe`` says of each change; {…} is filled in.
WHAT = (
    QT_TRANSLATE_NOOP("ArticleHistory", "marked read"),
    QT_TRANSLATE_NOOP("ArticleHistory", "marked unread"),
    QT_TRANSLATE_NOOP("ArticleHistory", "starred"),
    QT_TRANSLATE_NOOP("ArticleHistory", "unstarred"),
    QT_TRANSLATE_NOOP("ArticleHistory", "edited the note"),
    QT_TRANSLATE_NOOP("ArticleHistory", "cleared the note"),
    QT_TRANSLATE_NOOP("ArticleHistory", "tagged “{name}”"),
    QT_TRANSLATE_NOOP("ArticleHistory", "removed the tag “{name}”"),
    QT_TRANSLATE_NOOP("ArticleHistory", "highlighted “{quote}”"),
    QT_TRANSLATE_NOOP("ArticleHistory", "removed a highlight"),
    QT_TRANSLATE_NOOP("ArticleHistory", "commented a highlight"),
    QT_TRANSLATE_NOOP("ArticleHistory", "added to the dossier “{dossier}”"),
    QT_TRANSLATE_NOOP("ArticleHistory", "removed from the dossier “{dossier}”"),
    QT_TRANSLATE_NOOP("ArticleHistory", "moved in the dossier “{dossier}”"),
    QT_TRANSLATE_NOOP("ArticleHistory", "edited the title"),
    QT_TRANSLATE_NOOP("ArticleHistory", "edited the date"),
    QT_TRANSLATE_NOOP("ArticleHistory", "edited the source"),
    QT_TRANSLATE_NOOP("ArticleHistory", "edited the lang"),
    QT_TRANSLATE_NOOP("ArticleHistory", "restored the article"),
    QT_TRANSLATE_NOOP("ArticleHistory", "deleted the article"),
)
_HOLE = re.compile(r"\\\{\w+\\\}")


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(_HOLE.sub("(.+)", re.escape(str(t)))), str(t)) for t in WHAT]


def what_text(what: str) -> str:
    """One change in the interface language; as the core wrote it when unknown."""
    for pattern, template in _patterns():
        match = pattern.fullmatch(what)
        if match is not None:
            translated = QCoreApplication.translate(_C, template)
            for value in match.groups():
                slot = re.search(r"\{\w+\}", translated)
                if slot is not None:
                    translated = translated[:slot.start()] + value + translated[slot.end():]
            return translated
    return what


def history_html(entries: Sequence[HistoryEntry], muted: str) -> str:
    """Newest first: when, who, what (the core's words, translated)."""
    rows = []
    for entry in reversed(entries):
        rows.append(
            f"<tr><td style='padding-right:12px; color:{muted}'>"
            f"{escape(local_time(entry.when))}</td>"
            f"<td style='padding-right:8px'><b>{escape(entry.author)}</b></td>"
            f"<td>{escape(what_text(entry.what))}</td></tr>")
    return "<table cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>"


class HistorySection(QWidget):
    """A fold line "History (N)" and the list under it; hidden when there is nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historySection")
        self.entries: list[HistoryEntry] = []
        self.article_id: int | None = None
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("historyToggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setAccessibleName(self.tr("Show or hide the article's history"))
        self.toggle.toggled.connect(self.set_open)
        self.list = QLabel(self)
        self.list.setObjectName("historyList")
        self.list.setTextFormat(Qt.TextFormat.RichText)
        self.list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.list.setContentsMargins(10, 0, 10, 4)
        self.list.setAccessibleName(self.tr("History of the article"))
        self.scroller = QScrollArea(self)
        self.scroller.setWidget(self.list)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroller.setMaximumHeight(MAX_HEIGHT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.scroller)
        self.set_entries(None, [])

    def set_entries(self, article_id: int | None, entries: Sequence[HistoryEntry]) -> None:
        self.article_id = article_id
        self.entries = list(entries)
        self.toggle.setText(self.tr("History (%n change(s))", "", len(self.entries)))
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        self.list.setText(history_html(self.entries, muted) if self.entries else "")
        self.setVisible(bool(self.entries))
        self.set_open(self.toggle.isChecked())

    def set_open(self, open_: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.scroller.setVisible(open_)
        if open_ and self.entries:
            self.scroller.setFixedHeight(min(MAX_HEIGHT, self.list.sizeHint().height() + 4))

    def text(self) -> str:
        """The history as plain text (for tests and screen readers)."""
        return "\n".join(f"{local_time(e.when)} {e.author}: {what_text(e.what)}"
                         for e in self.entries)

"""The team archive's hits that this library does not hold, under the result list.

A group of its own ("In the team archive: N"), so nobody mistakes a server article for a
local one: each row says its title, date, source and who imported it; opening one brings
it into the library first (reader_app/team_search.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from index.sync.remote_search import RemoteHit, plain_snippet
from reader_app.i18n import format_date
from reader_app.i18n import translate as _tr

HashRole = Qt.ItemDataRole.UserRole + 1
HitRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
PAD_X, PAD_Y, GAP = 12, 7, 2
VISIBLE_ROWS = 3  # the group's list shows up to three rows before it scrolls


def meta_line(hit: RemoteHit) -> str:
    parts = [(hit.lang or "").upper(), format_date(hit.date, short=True), hit.source or ""]
    if hit.imported_by:
        parts.append(_tr("imported by {0}").format(hit.imported_by))
    return " · ".join(p for p in parts if p)


class TeamHitsModel(QAbstractListModel):
    """Rows of RemoteHit: the title, then date · source · imported by."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[RemoteHit] = []

    def set_hits(self, hits: Sequence[RemoteHit]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.title}\n{meta_line(hit)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_snippet(hit.snippet) or hit.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.title}, {meta_line(hit)}"
        if role == HashRole:
            return hit.content_hash
        if role == HitRole:
            return hit
        return None


class TeamHitDelegate(QStyledItemDelegate):
    """Three lines as in the result list: the title in bold, then who and where, then
    the passage that matched."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        small = QFont(option.font)
        small.setPointSizeF(max(6.0, option.font.pointSizeF() - 1))
        return bold, small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        bold, small = self._fonts(option)
        height = QFontMetrics(bold).height() + 2 * QFontMetrics(small).height()
        return QSize(200, height + 2 * PAD_Y + 2 * GAP)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hit = index.data(HitRole)
        if not isinstance(hit, RemoteHit):
            super().paint(painter, option, index)
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        if selected:
            painter.fillRect(option.rect, palette.highlight())
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        muted = palette.color(text_role if selected else QPalette.ColorRole.PlaceholderText)
        bold, small = self._fonts(option)
        rect = option.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        y = rect.top()
        for font, colour, text in ((bold, palette.color(text_role), hit.title),
                                   (small, muted, meta_line(hit)),
                                   (small, muted, plain_snippet(hit.snippet))):
            metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(colour)
            line = QRect(rect.left(), y, rect.width(), metrics.height())
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(" ".join(text.split()),
                                                Qt.TextElideMode.ElideRight, rect.width()))
            y += metrics.height() + GAP
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()


class TeamHitsPanel(QWidget):
    """The header line and the list; hidden while the switch is off or nothing matched."""

    hitActivated = Signal(str)  # content hash

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamHits")
        self.header = QLabel("", self)
        self.header.setObjectName("teamHitsHeader")
        self.header.setWordWrap(True)
        self.header.setContentsMargins(10, 6, 10, 4)
        self.header.setStyleSheet("QLabel#teamHitsHeader { font-weight: bold;"
                                  " border-top: 1px solid palette(mid);"
                                  " background: palette(alternate-base); }")
        self.model = TeamHitsModel(self)
        self.list = QListView(self)
        self.list.setObjectName("teamHitsList")
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setItemDelegate(TeamHitDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setToolTip(_tr("Open an article to bring it into your library"))
        self.list.setAccessibleName(_tr("Articles found in the team archive"))
        self.list.activated.connect(self._activated)
        self.list.clicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.list, 1)
        self.hide()

    def show_hits(self, hits: Sequence[RemoteHit], total: int) -> None:
        self.model.set_hits(hits)
        if hits:
            text = _tr("In the team archive: %Ln article(s) not in your library", "", len(hits))
            if total > len(hits):
                text += " " + _tr("(%Ln match(es) in all)", "", total)
        elif total:
            text = _tr("In the team archive: %Ln match(es), all already in your library", "",
                       total)
        else:
            text = _tr("In the team archive: no match")
        self.header.setText(text)
        self.list.setVisible(bool(hits))
        if hits:
            row = self.list.sizeHintForRow(0)
            self.list.setFixedHeight(min(len(hits), VISIBLE_ROWS) * row + 2)
        self.show()

    def show_message(self, text: str) -> None:
        self.model.set_hits([])
        self.header.setText(text)
        self.list.hide()
        self.show()

    def _activated(self, index: QModelIndex) -> None:
        digest = index.data(HashRole)
        if digest:
            self.hitActivated.emit(str(digest))

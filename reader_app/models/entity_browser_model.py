"""The entity browser's table: one row per library entity (name, type, counts, aliases)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from index.models import EntityInfo
from reader_app.i18n import entity_type_name
from reader_app.i18n import translate as _tr
from reader_app.theme import colour, entity_colours

AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = (QT_TRANSLATE_NOOP("", "Name"), QT_TRANSLATE_NOOP("", "Type"),
           QT_TRANSLATE_NOOP("", "Articles"), QT_TRANSLATE_NOOP("", "Mentions"),
           QT_TRANSLATE_NOOP("", "Also written"))
NAME, TYPE, ARTICLES, MENTIONS, ALIASES = range(5)
HIDDEN_GREY = "muted"  # a colour of the theme (reader_app/theme_colours.py)


class EntityTableModel(QAbstractTableModel):
    """Rows come sorted and filtered from the library; the model only shows them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EntityInfo] = []

    def set_entities(self, rows: Sequence[EntityInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def entity_at(self, row: int) -> EntityInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entity_id: int) -> int:
        for row, info in enumerate(self._rows):
            if info.id == entity_id:
                return row
        return -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return _tr(COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(info, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = f"{info.name} — {entity_type_name(info.label)}"
            if info.hidden:
                text += " " + _tr("(hidden: not shown in the sidebar, highlights or filters)")
            if info.ambiguous:
                text += " " + _tr("(ambiguous: several people of the library bear this name; "
                                  "merge it with the one meant, if you know)")
            return text
        if role == Qt.ItemDataRole.DecorationRole and col == TYPE:
            return QColor(entity_colours(info.label)[0])
        if role == Qt.ItemDataRole.ForegroundRole:
            if info.hidden:
                return QColor(colour(HIDDEN_GREY))
            if col == TYPE:
                return QColor(entity_colours(info.label)[1])
        if role == Qt.ItemDataRole.FontRole and info.hidden:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (ARTICLES, MENTIONS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(info: EntityInfo, col: int) -> str:
        if col == NAME:
            if info.hidden:
                return _tr("{0} (hidden)").format(info.name)
            return _tr("{0} (ambiguous)").format(info.name) if info.ambiguous else info.name
        if col == TYPE:
            return entity_type_name(info.label)
        if col == ARTICLES:
            return QLocale().toString(info.article_count)
        if col == MENTIONS:
            return QLocale().toString(info.mention_count)
        return ", ".join(info.aliases)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

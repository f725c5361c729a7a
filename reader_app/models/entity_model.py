"""The entity sidebar's model: entities grouped by type, each with a count.

Two uses share it: the open article's entities (count = mentions in the article)
and the entities of the current results (count = articles).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from index.models import ENTITY_TYPES, EntityType, Mention
from reader_app.entity_context import entity_tooltip, sentences_by_entity
from reader_app.i18n import entity_group_name
from reader_app.i18n import translate as _tr
from reader_app.theme import entity_colours

EntityKeyRole = Qt.ItemDataRole.UserRole + 10  # (label, canonical) for entity rows
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class EntityRow:
    label: EntityType
    name: str
    count: int
    tooltip: str = field(default="", compare=False)  # rich text: sentences mentioning it
    low_confidence: bool = field(default=False, compare=False)


def rows_from_mentions(mentions: Iterable[Mention], text: str | None = None) -> list[EntityRow]:
    """One row per (type, canonical name) with its number of mentions.

    With the article's ``text``, each row also carries the sentences that mention it
    (the sidebar's tooltip) and whether any mention came without a model of its language.
    """
    mentions = list(mentions)
    counts = Counter((m.label, m.canonical or m.text) for m in mentions)
    unsure = {(m.label, m.canonical or m.text) for m in mentions if m.confidence < 1}
    context = sentences_by_entity(text, mentions) if text is not None else {}
    rows = []
    for (label, name), n in counts.items():
        low = (label, name) in unsure
        tip = ""
        if text is not None:
            tip = entity_tooltip(name, context.get((label, name), []), n, low)
        rows.append(EntityRow(label, name, n, tip, low))
    return rows


class EntityModel(QAbstractItemModel):
    """Two levels: type groups (internal id 0), then entities (internal id = group row + 1)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[EntityType, list[EntityRow]]] = []
        self.count_header = QT_TRANSLATE_NOOP("", "Mentions")  # or "Articles": shown translated

    def set_rows(self, rows: Sequence[EntityRow], count_header: str = "Mentions") -> None:
        self.beginResetModel()
        self.count_header = count_header
        by_type: dict[EntityType, list[EntityRow]] = {t: [] for t in ENTITY_TYPES}
        for row in rows:
            by_type.setdefault(row.label, []).append(row)
        self._groups = [
            (label, sorted(items, key=lambda r: (-r.count, r.name.casefold())))
            for label, items in by_type.items()
            if items
        ]
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([], str(self.count_header))

    def entity_count(self) -> int:
        return sum(len(items) for _, items in self._groups)

    def entity_at(self, index: AnyIndex) -> EntityRow | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def group_index(self, label: EntityType) -> QModelIndex:
        for row, (lab, _) in enumerate(self._groups):
            if lab == label:
                return self.index(row, 0)
        return QModelIndex()

    # --- Qt model API ---------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= 2 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        items = self._groups[parent.row()][1]
        if row >= len(items):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_tr("Name"), _tr(self.count_header))[section] if 0 <= section < 2 else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(index, role)
        row = self.entity_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return row.name
            count = QLocale().toString(row.count)
            return f"≈{count}" if row.low_confidence else count
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.tooltip:
                return row.tooltip
            if self.count_header == "Articles":
                return _tr("{0}: %n article(s)", "", row.count).format(row.name)
            return _tr("{0}: %n mention(s)", "", row.count).format(row.name)
        if role == Qt.ItemDataRole.FontRole and row.low_confidence:
            font = QFont()
            font.setItalic(True)  # with "≈" before the count: found without a model
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return QColor(entity_colours(row.label)[0])
        if role == EntityKeyRole:
            return (row.label, row.name)
        return None

    def _group_data(self, index: AnyIndex, role: int) -> Any:
        label, items = self._groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{entity_group_name(label)} ({len(items)})" if index.column() == 0 else ""
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(entity_colours(label)[1])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled
        if index.internalId() != 0:
            flags |= Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags

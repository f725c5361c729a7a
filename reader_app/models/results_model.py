"""The article list: a model over article ids whose rows are built only when shown.

A search answers with every matching id but snippets for the first page only; rows
further down ask for their snippets in batches (``rowsWanted``) when a view paints
them, the way Anki's browser builds rows on demand. Never a QListWidget.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from index.models import Hit, SearchResults

HitRole = Qt.ItemDataRole.UserRole + 1
ArticleIdRole = Qt.ItemDataRole.UserRole + 2
FETCH_BATCH = 50

AnyIndex = QModelIndex | QPersistentModelIndex


class ResultsModel(QAbstractListModel):
    """One row per article id; ``HitRole`` gives the Hit or None while it loads."""

    rowsWanted = Signal(int, object)  # generation, list of article ids lacking a Hit

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._rows: dict[int, int] = {}
        self._hits: dict[int, Hit] = {}
        self._asked: set[int] = set()
        self._wanted: list[int] = []
        self.query = ""
        self.generation = 0
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._emit_wanted)

    # --- filling -------------------------------------------------------------
    def set_results(self, results: SearchResults) -> None:
        """Replace the rows; bumps ``generation`` so late snippet batches are ignored."""
        self.beginResetModel()
        self.generation += 1
        self.query = results.corrected or results.query  # what the snippets must highlight
        ids = list(results.ids) or [h.article_id for h in results.hits]
        seen: set[int] = set()
        self._ids = [i for i in ids if not (i in seen or seen.add(i))]
        self._rows = {aid: row for row, aid in enumerate(self._ids)}
        self._hits = {h.article_id: h for h in results.hits}
        self._asked = set(self._hits)
        self._wanted = []
        self.endResetModel()

    def clear(self) -> None:
        self.set_results(SearchResults(query="", hits=(), total=0))

    def add_hits(self, generation: int, hits: list[Hit]) -> None:
        """Snippets fetched in the background for rows being shown."""
        if generation != self.generation:
            return
        rows: list[int] = []
        for hit in hits:
            self._hits[hit.article_id] = hit
            if hit.article_id in self._rows:
                rows.append(self._rows[hit.article_id])
        if rows:
            top, bottom = self.index(min(rows)), self.index(max(rows))
            self.dataChanged.emit(top, bottom, [])

    # --- access --------------------------------------------------------------
    def article_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int:
        return self._rows.get(article_id, -1)

    def hit(self, row: int) -> Hit | None:
        aid = self.article_id(row)
        if aid is None:
            return None
        hit = self._hits.get(aid)
        if hit is None:
            self._want(aid)
        return hit

    def _want(self, article_id: int) -> None:
        if article_id in self._asked:
            return
        self._asked.add(article_id)
        self._wanted.append(article_id)
        if len(self._wanted) >= FETCH_BATCH:
            self._emit_wanted()
        elif not self._flush.isActive():
            self._flush.start()

    def _emit_wanted(self) -> None:
        self._flush.stop()
        if self._wanted:
            wanted, self._wanted = self._wanted, []
            self.rowsWanted.emit(self.generation, wanted)

    # --- Qt model API ---------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        row = index.row()
        if role == ArticleIdRole:
            return self._ids[row]
        if role == HitRole:
            return self.hit(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            hit = self.hit(row)
            if hit is None:
                return "Loading…"
            if role == Qt.ItemDataRole.ToolTipRole:
                return " · ".join(p for p in (hit.title, hit.date, hit.source) if p)
            return hit.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            hit = self.hit(row)
            return hit.title if hit else "Loading…"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag
        return f.ItemIsEnabled | f.ItemIsSelectable | f.ItemNeverHasChildren

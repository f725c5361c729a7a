"""The article list: a model over article ids whose rows are built only when shown.

A search answers with every matching id but snippets for the first page only; rows
further down ask for their snippets in batches (``rowsWanted``) when a view paints
them, the way Anki's browser builds rows on demand. Never a QListWidget.

What a person added to a row (read, starred, tags) is asked for the same way
(``statesWanted``) and kept in a cache keyed by article id that outlives a new search:
a refreshed list shows the last known state at once, and a stale row keeps it until the
fresh one arrives, so rows never flicker between bold and normal.

The rows are counted in C++: the model is a QStringListModel of empty strings (the
articles live in Python lists beside it). QListView lays out every row again on each
``dataChanged`` and reset (QListModeViewBase::dataChanged), asking the model for each
row's index; with ``rowCount`` written in Python that is 200,000 Python calls and a
third of a second at 100,000 results, on every snippet batch and state change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)

from index.models import Hit, SearchResults
from reader_app.i18n import format_date
from reader_app.i18n import translate as _tr

HitRole = Qt.ItemDataRole.UserRole + 1
ArticleIdRole = Qt.ItemDataRole.UserRole + 2
StateRole = Qt.ItemDataRole.UserRole + 3  # RowState, or None while it loads
FETCH_BATCH = 50

AnyIndex = QModelIndex | QPersistentModelIndex
RowState = tuple[bool, bool, tuple[str, ...]]  # read, starred, tags (Library.rows_state)


class _Batcher:
    """Collects ids a view asked for and hands them over in batches (at once when a
    batch is full, else when the event loop next runs)."""

    def __init__(self, parent: QObject, emit: Callable[[list[int]], None]) -> None:
        self.asked: set[int] = set()
        self._wanted: list[int] = []
        self._emit = emit
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)

    def want(self, article_id: int) -> None:
        if article_id in self.asked:
            return
        self.asked.add(article_id)
        self._wanted.append(article_id)
        if len(self._wanted) >= FETCH_BATCH:
            self.flush()
        elif not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        if self._wanted:
            wanted, self._wanted = self._wanted, []
            self._emit(wanted)

    def reset(self, keep: Iterable[int] = ()) -> None:
        self._timer.stop()
        self._wanted = []
        self.asked = set(keep)


class ResultsModel(QStringListModel):
    """One row per article id; ``HitRole`` gives the Hit or None while it loads."""

    rowsWanted = Signal(int, object)  # generation, list of article ids lacking a Hit
    statesWanted = Signal(int, object)  # state epoch, list of article ids to read states of
    resultsAboutToChange = Signal()  # set_results starts (with or without a reset)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._rows: dict[int, int] = {}
        self._hits: dict[int, Hit] = {}
        self._stale_hits: set[int] = set()
        self._states: dict[int, RowState] = {}
        self._fresh: set[int] = set()  # states read since the last invalidation
        self.query = ""
        self.generation = 0
        self.state_epoch = 0
        self.refreshing = False  # set_results is re-showing the same query
        self._hit_batch = _Batcher(self, lambda ids: self.rowsWanted.emit(self.generation, ids))
        self._state_batch = _Batcher(
            self, lambda ids: self.statesWanted.emit(self.state_epoch, ids))

    # --- filling -------------------------------------------------------------
    def set_results(self, results: SearchResults) -> None:
        """Replace the rows; bumps ``generation`` so late snippet batches are ignored.

        The same query answering the same ids (the window searches again after every
        write) keeps the rows: no reset, so no relayout of 100,000 rows, and the view
        keeps its scroll position and selection."""
        query = results.corrected or results.query  # what the snippets must highlight
        ids = list(results.ids) or [h.article_id for h in results.hits]
        self.refreshing = query == self.query and bool(self._ids)
        self.resultsAboutToChange.emit()
        if self.refreshing and ids == self._ids and self._ids:
            self.generation += 1  # snippets asked before are asked again when shown
            for hit in results.hits:
                self._hits[hit.article_id] = hit
                self._stale_hits.discard(hit.article_id)
            self._hit_batch.reset(i for i in self._hits if i not in self._stale_hits)
            self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1), [])
            return
        self.generation += 1
        self.query = query
        self._ids = list(dict.fromkeys(ids))  # first occurrence of each, in order
        self._rows = {aid: row for row, aid in enumerate(self._ids)}
        self._hits = {h.article_id: h for h in results.hits}
        self._stale_hits = set()
        self._hit_batch.reset(self._hits)
        self._state_batch.reset(self._fresh)
        self.setStringList([""] * len(self._ids))  # the reset: rows counted in C++

    def clear(self) -> None:
        self.set_results(SearchResults(query="", hits=(), total=0))

    def add_hits(self, generation: int, hits: list[Hit]) -> None:
        """Snippets fetched in the background for rows being shown."""
        if generation != self.generation:
            return
        for hit in hits:
            self._hits[hit.article_id] = hit
            self._stale_hits.discard(hit.article_id)
        self._rows_changed(h.article_id for h in hits)

    def refresh_hits(self, ids: Iterable[int]) -> None:
        """Title, date or source changed: ask again, showing the old row meanwhile."""
        for aid in ids:
            if aid in self._rows:
                self._stale_hits.add(aid)
                self._hit_batch.asked.discard(aid)
        self._rows_changed(self._stale_hits)

    def remove_ids(self, ids: Iterable[int]) -> None:
        """Take deleted articles out of the list, one contiguous block at a time."""
        rows = sorted({self._rows[i] for i in ids if i in self._rows}, reverse=True)
        if not rows:
            return
        blocks: list[list[int]] = []  # [first, last], bottom block first
        for row in rows:
            if blocks and blocks[-1][0] == row + 1:
                blocks[-1][0] = row
            else:
                blocks.append([row, row])
        for first, last in blocks:
            del self._ids[first:last + 1]
            self.removeRows(first, last - first + 1)
        self._rows = {aid: row for row, aid in enumerate(self._ids)}

    # --- states (read, starred, tags) -------------------------------------------
    def set_states(self, epoch: int, states: dict[int, RowState]) -> None:
        """States read in the background; an answer older than a write is dropped (its
        rows ask again)."""
        if epoch != self.state_epoch:
            return
        self._states.update(states)
        self._fresh.update(states)
        self._rows_changed(states, [StateRole])

    def apply_states(self, ids: Sequence[int], change: Callable[[RowState], RowState]) -> None:
        """Show a write's effect on the rows at once, before the store confirms it."""
        known = self._states
        if len(ids) > len(known):
            wanted = set(ids)
            targets = [i for i in known if i in wanted]
        else:
            targets = [i for i in ids if i in known]
        for aid in targets:
            known[aid] = change(known[aid])
        self._rows_changed(targets, [StateRole])

    def invalidate_states(self) -> None:
        """The store changed: every row reads its state again when next shown."""
        self.state_epoch += 1
        self._fresh.clear()
        self._state_batch.reset()
        if self._ids:
            self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1), [StateRole])

    def state_of(self, article_id: int) -> RowState | None:
        return self._states.get(article_id)

    def state(self, row: int) -> RowState | None:
        aid = self.article_id(row)
        if aid is None:
            return None
        if aid not in self._fresh:
            self._state_batch.want(aid)
        return self._states.get(aid)

    # --- access --------------------------------------------------------------
    def article_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int:
        return self._rows.get(article_id, -1)

    def ids(self, first: int = 0, last: int | None = None) -> list[int]:
        """The ids of rows ``first`` to ``last`` (inclusive; to the end by default)."""
        return self._ids[first:] if last is None else self._ids[first:last + 1]

    def hit(self, row: int) -> Hit | None:
        aid = self.article_id(row)
        if aid is None:
            return None
        hit = self._hits.get(aid)
        if hit is None or aid in self._stale_hits:
            self._hit_batch.want(aid)
        return hit

    def _rows_changed(self, ids: Iterable[int], roles: list[int] | None = None) -> None:
        rows = [self._rows[i] for i in ids if i in self._rows]
        if rows:
            self.dataChanged.emit(self.index(min(rows)), self.index(max(rows)), roles or [])

    # --- Qt model API (rowCount and index are QStringListModel's, in C++) ------------
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        row = index.row()
        if role == ArticleIdRole:
            return self._ids[row]
        if role == HitRole:
            return self.hit(row)
        if role == StateRole:
            return self.state(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            hit = self.hit(row)
            if hit is None:
                return _tr("Loading…")
            if role == Qt.ItemDataRole.ToolTipRole:
                return " · ".join(p for p in (hit.title, format_date(hit.date), hit.source) if p)
            return hit.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(row)
        return None

    def _spoken(self, row: int) -> str:
        """What a screen reader says for a row: its state before its title."""
        hit = self.hit(row)
        if hit is None:
            return _tr("Loading…")
        state = self.state(row)
        if state is None:
            return hit.title
        read, starred, tags = state
        words = [_tr("read") if read else _tr("unread")]
        if starred:
            words.append(_tr("starred"))
        spoken = ", ".join(words) + ": " + hit.title
        if tags:
            spoken += " — " + _tr("tags: %1").replace("%1", ", ".join(tags))
        return spoken

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag
        return f.ItemIsEnabled | f.ItemIsSelectable | f.ItemNeverHasChildren

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
                ) -> bool:
        return False  # read-only: the strings only count the rows

    def mimeTypes(self) -> list[str]:
        return []  # no drops into the model (the list's drags are reader_app/views/list_drag)
